import asyncio
async def worker(i, out):
    for _ in range(i % 3):
        await asyncio.sleep(0)
    out.append(i)
async def main():
    out = []
    tasks = [asyncio.create_task(worker(i, out)) for i in range(9)]
    for t in tasks:
        await t
    print(out)
    print(sorted(out) == list(range(9)))
asyncio.run(main())
