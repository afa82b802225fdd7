import asyncio
async def waiter(ev, name, log):
    log.append(name + " waiting")
    await ev.wait()
    log.append(name + " woke")
async def main():
    ev = asyncio.Event()
    log = []
    t = [asyncio.create_task(waiter(ev, n, log)) for n in ("w1", "w2")]
    await asyncio.sleep(0)
    print(ev.is_set())
    ev.set()
    await asyncio.gather(*t)
    print(log, ev.is_set())
asyncio.run(main())
