import asyncio
async def job(n):
    await asyncio.sleep(0)
    return n * 3
loop = asyncio.get_event_loop()
print(loop.run_until_complete(job(4)))
async def main():
    t = asyncio.create_task(job(5))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(t.done(), await t)
asyncio.run(main())
