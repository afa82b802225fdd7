# MicroPython differs: a dict display evaluates each value before its key
calls = []
def f(tag, val):
    calls.append(tag)
    return val
r = f("a", 1) if f("cond", True) else f("b", 2)
print(r, calls)
calls.clear()
r = f("a", 1) if f("cond", False) else f("b", 2)
print(r, calls)
calls.clear()
r = [f("x", 1), f("y", 2)][f("i", 1)]
print(r, calls)
calls.clear()
d = {f("k", "key"): f("v", "val")}
print(d, calls)
