# MicroPython differs: its error messages and tracebacks are its own (CPython words them differently).
# A traceback through a constructor, a special method and a bound method called from a
# loop (compiled by then): each frame's line as MicroPython reports it.
class V:
    def __init__(self, x):
        self.x = x
        self.inv = 1 // x

    def __sub__(self, o):
        return V(self.x - o.x)

    def step(self, o):
        return self - o


def loop(n):
    v = V(n)
    for i in range(n + 5):
        v = v.step(V(1))
    return v


print("start")
loop(2500)
