# MicroPython differs: asyncio.sleep_ms exists only in MicroPython
import asyncio
log = []
async def nap(name, ms):
    await asyncio.sleep_ms(ms)
    log.append(name)
async def twice(name, ms):
    await asyncio.sleep_ms(ms)
    await asyncio.sleep_ms(ms)
    log.append(name)
async def main():
    await asyncio.gather(nap("long", 60), nap("short", 5), twice("double", 15), nap("zero", 0))
asyncio.run(main())
print(log)
