def gen():
    yield 1
g = gen()
print(next(g))
try:
    next(g)
except StopIteration:
    print("done")
try:
    next(g)
except StopIteration:
    print("still done")
def running():
    yield g2
g2 = running()
try:
    next(g2)
    print("ok yielded self")
except ValueError:
    print("ValueError")
def with_return():
    yield 1
    return 5
print(list(with_return()))
