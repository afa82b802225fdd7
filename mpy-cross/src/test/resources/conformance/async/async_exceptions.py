import asyncio
async def failing():
    await asyncio.sleep(0)
    raise ValueError("async failure")
async def main():
    try:
        await failing()
    except ValueError as e:
        print("caught", e)
    t = asyncio.create_task(failing())
    try:
        await t
    except ValueError as e:
        print("task raised", e)
    return 1
print(asyncio.run(main()))
