import asyncio
order = []
async def sleeper(name, ms):
    await asyncio.sleep(ms / 1000)
    order.append(name)
async def main():
    await asyncio.gather(sleeper("slow", 60), sleeper("fast", 5), sleeper("mid", 30))
asyncio.run(main())
print(order)
