import asyncio
async def f(x):
    if x < 0:
        raise ValueError(x)
    return x + 1
async def main():
    results = []
    for x in (1, -1, 2):
        try:
            results.append(await f(x))
        except ValueError as e:
            results.append("err%d" % e.args[0])
    print(results)
    print(await asyncio.gather(f(5), f(6)))
asyncio.run(main())
