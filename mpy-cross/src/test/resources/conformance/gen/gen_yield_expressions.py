def g():
    x = yield
    y = yield x * 2
    z = yield x + y
    return z
it = g()
print(next(it))
print(it.send(5))
print(it.send(7))
try:
    it.send("end")
except StopIteration as s:
    print("return", s.args)
def parity():
    n = 0
    while True:
        n = (yield "even" if n % 2 == 0 else "odd") or n + 1
p = parity()
print(next(p), p.send(3), p.send(None), p.send(10))
