# MicroPython differs: CPython has no heap lock.
# An attribute that needs a larger member table allocates one: under heap_lock that is a
# MemoryError and the instance stays as it was; a store that fits in the table is not.
import micropython
class A:
    pass
names = tuple("abcdefghijklmnopq")
names2 = tuple(n + "2" for n in names)
d = A()
for n in names2:
    setattr(d, n, 0)  # interns the names before the heap is locked
a = A()
b = A()
b.p = 1
res = [0] * 16
micropython.heap_lock()
i = 0
while i < 10:
    try:
        setattr(a, names[i], 1)
        res[i] = 1
    except MemoryError:
        res[i] = -1
    i += 1
try:
    b.p = 2
    res[i] = 2
except MemoryError:
    res[i] = -2
i += 1
try:
    del b.p
    res[i] = 3
except MemoryError:
    res[i] = -3
i += 1
try:
    b.p = 3
    res[i] = 4
except MemoryError:
    res[i] = -4
micropython.heap_unlock()
print(res)
c = A()
oks = [0] * 17
i = 0
while i < 17:
    setattr(c, names[i], i)
    micropython.heap_lock()
    try:
        setattr(c, names2[i], 0)
        oks[i] = 1
    except MemoryError:
        oks[i] = 0
    micropython.heap_unlock()
    if oks[i]:
        delattr(c, names2[i])
    i += 1
print(oks)


def add(o):
    o.x = 1


objs = [A() for _ in range(1500)]
for o in objs[:3]:
    o.y = 0  # (one slot is free in a table of two: x fits)
failed = 0
micropython.heap_lock()
for o in objs:
    try:
        add(o)
    except MemoryError:
        failed += 1
micropython.heap_unlock()
print(failed, sum(1 for o in objs if hasattr(o, "x")), [hasattr(o, "x") for o in objs[:4]])
