import asyncio
async def producer(buf, ev, n):
    for i in range(n):
        buf.append(i)
        ev.set()
        await asyncio.sleep(0)
    buf.append(None)
    ev.set()
async def consumer(buf, ev, out):
    while True:
        await ev.wait()
        ev.clear()
        while buf:
            item = buf.pop(0)
            if item is None:
                return
            out.append(item * item)
async def main():
    buf, out = [], []
    ev = asyncio.Event()
    await asyncio.gather(consumer(buf, ev, out), producer(buf, ev, 5))
    print(out)
asyncio.run(main())
