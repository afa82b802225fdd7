async def coro():
    return 5
c = coro()
try:
    c.send(None)
except StopIteration as s:
    print("returned", s.args[0] if s.args else None)
async def chain():
    return await coro() + 1
c2 = chain()
try:
    c2.send(None)
except StopIteration as s:
    print("chain", s.args[0])
