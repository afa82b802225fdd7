import asyncio
async def ok(n):
    await asyncio.sleep(0)
    return n
async def bad():
    await asyncio.sleep(0)
    raise KeyError("bad task")
async def main():
    try:
        await asyncio.gather(ok(1), bad(), ok(2))
    except KeyError as e:
        print("gather raised KeyError")
    r = await asyncio.gather(ok(1), bad(), return_exceptions=True)
    print(r[0], type(r[1]).__name__)
asyncio.run(main())
