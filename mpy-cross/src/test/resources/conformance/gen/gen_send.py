def accumulator():
    total = 0
    while True:
        v = yield total
        if v is None:
            break
        total += v
a = accumulator()
print(next(a))
print(a.send(5), a.send(10), a.send(-3))
try:
    a.send(None)
except StopIteration:
    print("stopped")
def echo():
    received = []
    while len(received) < 3:
        received.append((yield len(received)))
    return received
e = echo()
next(e)
e.send("a"); e.send("b")
try:
    e.send("c")
except StopIteration as s:
    print(s.args[0])
