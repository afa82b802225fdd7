import asyncio
async def leaf(n):
    await asyncio.sleep(0)
    return n * 10
async def branch(n):
    a = asyncio.create_task(leaf(n))
    b = asyncio.create_task(leaf(n + 1))
    return await a + await b
async def main():
    r = await asyncio.gather(branch(1), branch(3))
    print(r)
asyncio.run(main())
