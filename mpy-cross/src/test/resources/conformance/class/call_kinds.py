# MicroPython differs: its error messages and tracebacks are its own (CPython words them differently).
# Calls from loops of bound methods, instances with __call__ and classes, with the right
# and wrong numbers of arguments, and __call__ replaced after the first calls.
class C:
    def __init__(self, k):
        self.k = k

    def m(self, a, b=10):
        return self.k + a + b

    def __call__(self, a):
        return self.k * a


c = C(3)
bm = c.m
print([bm(i) for i in range(3)], [bm(i, 1) for i in range(3)])
print([c(i) for i in range(3)])
C.__call__ = lambda self, a, b=1: (self.k, a, b)
print([c(i) for i in range(3)])
for f, args in ((bm, ()), (bm, (1, 2, 3)), (c, ()), (C, ())):
    for i in range(2):
        try:
            f(*args)
        except TypeError as e:
            print("TypeError", e)


def outer(fs):
    r = []
    for f in fs:
        r.append(f(2))
    return r


print([type(x).__name__ for x in outer([bm, c, C, abs, str])])


class K:
    def __call__(self, x):
        return 1 // x


def go(k, xs):
    return [k(x) for x in xs]


try:
    go(K(), [1, 1, 0])
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
