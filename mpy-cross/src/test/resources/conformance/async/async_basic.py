import asyncio
async def add(a, b):
    await asyncio.sleep(0)
    return a + b
async def main():
    r = await add(1, 2)
    print("result", r)
    r2 = await add(r, 10)
    print("result", r2)
    return "main done"
print(asyncio.run(main()))
