# MicroPython differs: asyncio is a frozen Python package there: it and asyncio.core enter sys.modules,
# programs may replace its functions, and core has the names libraries reach for (_io_queue, ticks)
import sys, asyncio
print(sorted(k for k in sys.modules if "asyncio" in k), asyncio.__version__ >= (3,))
saved = asyncio.wait_for
asyncio.wait_for = lambda aw, t: aw
print(asyncio.wait_for(1, 2))
asyncio.wait_for = saved
print(hasattr(asyncio.core, "_io_queue"), hasattr(asyncio.core._io_queue, "queue_read"))
print(asyncio.core.sleep_ms is asyncio.sleep_ms, type(asyncio.ticks()))
import uasyncio
print(uasyncio is asyncio, "uasyncio" in sys.modules)
