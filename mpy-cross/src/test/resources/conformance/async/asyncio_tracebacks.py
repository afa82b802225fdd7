# MicroPython differs: tracebacks through asyncio show the lines of its frozen modules (asyncio/core.py,
# funcs.py, event.py, lock.py, stream.py, all "line 1"), and sleep() gives no coroutine: create_task,
# gather and wait_for refuse it
import asyncio, sys

async def boom(d=0):
    await asyncio.sleep(d)
    raise ValueError("x")

async def slow():
    await asyncio.sleep(1)

async def case(n):
    if n == 0:
        await boom()
    elif n == 1:
        await asyncio.create_task(boom())
    elif n == 2:
        await asyncio.gather(boom(), slow())
    elif n == 3:
        await asyncio.gather(boom(), asyncio.sleep(0))
    elif n == 4:
        await asyncio.wait_for(boom(), 1)
    elif n == 5:
        await asyncio.wait_for(slow(), 0.01)
    elif n == 6:
        await asyncio.wait_for(asyncio.sleep(1), 0.01)
    elif n == 7:
        async def inner():
            await asyncio.create_task(boom())
        await asyncio.create_task(inner())
    elif n == 8:
        e = asyncio.Event()
        t = asyncio.create_task(e.wait())
        await asyncio.sleep(0)
        t.cancel()
        await t
    elif n == 9:
        lock = asyncio.Lock()
        await lock.acquire()
        t = asyncio.create_task(lock.acquire())
        await asyncio.sleep(0)
        t.cancel()
        await t
    elif n == 10:
        await asyncio.wait_for_ms(boom(), 100)
    elif n == 11:
        asyncio.create_task(asyncio.sleep_ms(1))
    elif n == 12:
        raise KeyError(n)

for n in range(13):
    asyncio.new_event_loop()  # (drops tasks a case left behind)
    try:
        asyncio.run(case(n))
        print(n, "no error")
    except BaseException as e:
        print(n, "raised:")
        sys.print_exception(e, sys.stdout)
try:
    asyncio.run(42)
except TypeError as e:
    sys.print_exception(e, sys.stdout)
try:
    asyncio.get_event_loop().run_until_complete(boom())
except ValueError as e:
    sys.print_exception(e, sys.stdout)
