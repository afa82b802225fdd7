it = iter([1])
print(next(it))
try:
    next(it)
except StopIteration:
    print("StopIteration")
def gen():
    yield 1
    return "retval"
g = gen()
next(g)
try:
    next(g)
except StopIteration as s:
    print("value", s.value if hasattr(s, "value") else s.args[0])
