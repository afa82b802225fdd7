import asyncio
log = []
async def worker(name, n):
    for i in range(n):
        log.append("%s%d" % (name, i))
        await asyncio.sleep(0)
    return name * n
async def main():
    t1 = asyncio.create_task(worker("a", 3))
    t2 = asyncio.create_task(worker("b", 2))
    r1 = await t1
    r2 = await t2
    print(r1, r2)
asyncio.run(main())
print(log)
