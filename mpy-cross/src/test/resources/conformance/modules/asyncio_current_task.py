import asyncio
async def child(log):
    log.append("child start")
    await asyncio.sleep(0)
    log.append("child end")
    return 7
async def main():
    log = []
    t = asyncio.create_task(child(log))
    log.append("main continues")
    await asyncio.sleep(0)
    log.append("main after yield")
    v = await t
    log.append("got %d" % v)
    print(log)
    print(t.done())
asyncio.run(main())
