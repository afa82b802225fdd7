import asyncio
class Ticker:
    def __init__(self, n):
        self.i = 0
        self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        await asyncio.sleep(0)
        return self.i
class Ctx:
    async def __aenter__(self):
        print("aenter")
        return "ctx"
    async def __aexit__(self, *a):
        print("aexit")
async def main():
    async for v in Ticker(3):
        print("tick", v)
    async with Ctx() as c:
        print("inside", c)
asyncio.run(main())
