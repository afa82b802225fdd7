# asyncio: Event and Lock hand-over, gather, wait_for timeouts, cancelling an awaited task
import asyncio


async def worker(name, ev, lock, log):
    await ev.wait()
    async with lock:
        log.append(name + " in")
        await asyncio.sleep(0)
        log.append(name + " out")
    return name


async def slow(t):
    await asyncio.sleep(t)
    return "slow"


async def fail():
    await asyncio.sleep(0)
    raise ValueError("boom")


async def waiter(t):
    try:
        await t
    except asyncio.CancelledError:
        print("waiter sees cancel")
        raise


async def main():
    ev = asyncio.Event()
    lock = asyncio.Lock()
    log = []
    tasks = [asyncio.create_task(worker(n, ev, lock, log)) for n in "abc"]
    await asyncio.sleep(0)
    print("before set", [t.done() for t in tasks], lock.locked(), ev.is_set())
    ev.set()
    print(await asyncio.gather(*tasks))
    print(log)
    print(lock.locked())

    try:
        await asyncio.wait_for(slow(1), 0.02)
    except asyncio.TimeoutError:
        print("timeout")
    print(await asyncio.wait_for(slow(0), 1))

    res = await asyncio.gather(fail(), slow(0), return_exceptions=True)
    print([type(r).__name__ for r in res])
    try:
        await asyncio.gather(fail(), slow(0.01))
    except ValueError as e:
        print("gather raised", e)

    inner = asyncio.create_task(slow(1))
    outer = asyncio.create_task(waiter(inner))
    await asyncio.sleep(0)
    outer.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        print("outer cancelled")
    await asyncio.sleep(0)
    print(inner.done(), outer.done())


try:
    asyncio.current_task()
except RuntimeError:
    print("no running loop")
asyncio.run(main())
