import asyncio
async def square(x, delay):
    await asyncio.sleep_ms(delay) if hasattr(asyncio, "sleep_ms") else await asyncio.sleep(delay / 1000)
    return x * x
async def main():
    results = await asyncio.gather(square(1, 30), square(2, 10), square(3, 20))
    print(results)
asyncio.run(main())
