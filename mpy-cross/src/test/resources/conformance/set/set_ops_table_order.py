# MicroPython differs: sets iterate in hash-table order, and an operator's result has the
# table MicroPython builds: |, - and ^ copy the left set, & adds the right set's items.
a = set(range(0, 300, 7))
b = set(range(0, 300, 5))
c = {1, 2, 3, 20, 40, 60, 35, 700, 17}
print(list(a - b)[:12])
print(list(c - {1}))
print(list(a & b), list(b & a))
print(list(c | {34, 51, 68, 85}))
print(list(c ^ {34, 1, 51, 68, 85}))
x = set(c)
x &= {60, 40, 17, 700}
print(list(x))
x = set(c)
x |= {34, 51}
print(list(x))
x = set(c)
x -= {34, 1, 2}
print(list(x))
x = set(c)
x ^= {34, 1, 2, 51}
print(list(x))
f = frozenset(c)
print(type(f & c).__name__, type(f | c).__name__, type(f - c).__name__, type(f ^ c).__name__, type(c & f).__name__)
f |= {99}
print(type(f).__name__, len(f), len(c))
print(list(c.intersection([700, 35, 17])), list(c.union([34])), list(c.difference([1], [2])))
print(list(c.symmetric_difference([34, 1])))
y = set(c)
y.intersection_update([40, 17, 700])
print(list(y))
y = set(c)
y.difference_update([40], [17])
print(list(y))
y = set(c)
y -= y
print(y)
