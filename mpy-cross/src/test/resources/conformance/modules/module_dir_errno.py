# MicroPython differs: CPython's module dir() and class-body dir() differ in contents and order.
# dir(module) lists __class__ and __dict__ (its attribute lookup answers them) in qstr order;
# dir() in a class body lists the namespace in the dict's order; os.errno() (unix port) and
# random.__init__ (MICROPY_PY_RANDOM_SEED_INIT_FUNC).
import os, math, json, sys, time, gc, struct, errno, collections, array, binascii, heapq, random

for m in (os, math, json, sys, time, gc, struct, errno, collections, array, binascii, heapq, random):
    print(m.__name__, dir(m))


class C:
    y = 2
    z = 3
    print(dir())


def f():
    x = 1
    return dir()


print(f())
try:
    os.stat("/no/such/path")
except OSError as e:
    print(e, os.errno())
os.errno(5)
print(os.errno())
random.seed(1)
a = random.getrandbits(30)
print(random.__init__(), random.getrandbits(30) != a)


def attrs(m):
    n = 0
    for i in range(1100):
        n += m.__class__ is type(m)
    return n, [k for k in dir(m) if getattr(m, k) is None]


print(attrs(sys), attrs(os))
