import asyncio
async def slow():
    await asyncio.sleep(1)
    return "slow done"
async def quick():
    await asyncio.sleep(0)
    return "quick done"
async def main():
    print(await asyncio.wait_for(quick(), 0.5))
    try:
        await asyncio.wait_for(slow(), 0.02)
    except asyncio.TimeoutError:
        print("timed out")
asyncio.run(main())
