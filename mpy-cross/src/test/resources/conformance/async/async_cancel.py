import asyncio
async def forever(log):
    try:
        while True:
            await asyncio.sleep(0)
            log.append("tick")
    except asyncio.CancelledError:
        log.append("cancelled")
        raise
async def main():
    log = []
    t = asyncio.create_task(forever(log))
    for _ in range(3):
        await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("await saw CancelledError")
    print(len(log) >= 2, log[-1])
asyncio.run(main())
