def gen():
    try:
        yield 1
        yield 2
    finally:
        print("gen cleanup")
g = gen()
print(next(g))
g.close()
print("closed")
try:
    next(g)
except StopIteration:
    print("StopIteration after close")
