class CM:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, t, v, tb):
        print("exit", self.name, t.__name__ if t else None)
        return self.swallow
with CM("a") as v:
    print("body", v)
with CM("b"), CM("c") as w:
    print("both", w)
with CM("d", swallow=True):
    raise ValueError("x")
print("after swallow")
try:
    with CM("e"):
        raise KeyError("k")
except KeyError:
    print("propagated")
def f():
    with CM("f"):
        return "returned"
print(f())
for i in range(3):
    with CM("loop%d" % i):
        if i == 1:
            break
