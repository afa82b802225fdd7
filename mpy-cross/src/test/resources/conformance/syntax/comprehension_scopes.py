x = 10
squares = [x * x for x in range(4)]
print(x, squares)
def f():
    y = 3
    return [y * i for i in range(3)]
print(f())
def g():
    fs = [lambda: i for i in range(3)]
    return [fn() for fn in fs]
print(g())
class C:
    base = 2
    vals = [i for i in range(3)]
print(C.vals)
print({k: [c for c in k] for k in ("ab", "c")}["ab"])
