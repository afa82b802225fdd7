# An instance's attributes are MicroPython's member table: __dict__ lists them in that
# table's order, which depends on the order they were added and deleted in (a deleted name
# leaves its slot free for the next new one), and __dict__ is a read-only copy.
# MicroPython differs: __dict__ iterates in its hash table's order, not insertion order,
# and storing into it raises TypeError.


class P:
    def __init__(self):
        self.alpha = 1
        self.b = 2
        self.c = 3
        self.d = 4
        self.e = 5
        self.f = 6
        self.g = 7
        self.h = 8
        self.i = 9
        self.j = 10
        self.k = 11


def show(o):
    print(list(o.__dict__), sorted(o.__dict__.items()) == sorted((k, getattr(o, k)) for k in o.__dict__))


a = P()
show(a)
del a.alpha
a.new = 2
show(a)
print(a.new, hasattr(a, "alpha"))
del a.new
a.alpha = 12
show(a)
print(a.alpha)

# the same deletes and adds on many instances: each follows the same layouts
objs = [P() for _ in range(20)]
for n, o in enumerate(objs):
    if n % 2:
        del o.c
    if n % 3 == 0:
        del o.k
        o.zz = n
    o.extra = n
for o in objs[:6]:
    show(o)
print([o.extra for o in objs], [hasattr(o, "c") for o in objs[:6]])


class E:
    pass


# one class, attributes added in different orders
names = ["x", "y", "z", "w", "v"]
made = []
for r in range(10):
    o = E()
    for n in names[r % 5:] + names[: r % 5]:
        setattr(o, n, r)
    made.append(o)
for o in made[:5]:
    show(o)
print([o.x + o.w for o in made])

# delete everything, add back in another order
o = E()
for n in "qwertyuiop":
    setattr(o, n, n)
show(o)
for n in "qwertyuiop":
    delattr(o, n)
show(o)
for n in "poiuytrewq":
    setattr(o, n, n.upper())
show(o)

# repeated delete and re-add of one name keeps working
o = E()
o.keep = 1
for i in range(99):
    o.t = i
    if i % 7:
        del o.t
show(o)
print(o.keep, o.t)

# many attributes on one instance
big = E()
for i in range(120):
    setattr(big, "attr%d" % i, i)
for i in range(0, 120, 3):
    delattr(big, "attr%d" % i)
big.late = "late"
print(len(big.__dict__), list(big.__dict__)[:12], big.attr59, big.late)
print(sum(getattr(big, "attr%d" % i) for i in range(1, 120, 3)))

# many instances of one class each with its own attribute name: far more layouts than usual
many = []
for i in range(700):
    o = E()
    o.common = i
    setattr(o, "own%d" % i, i)
    if i % 5 == 0:
        del o.common
    many.append(o)
print(sum(getattr(o, "own%d" % i) for i, o in enumerate(many)), sum(hasattr(o, "common") for o in many))
for o in many[-3:]:
    show(o)
z = E()
z.a1 = 1
z.a2 = 2
show(z)

# __dict__ is a copy and cannot be changed
d = a.__dict__
a.after = 1
print("after" in d, "after" in a.__dict__)
try:
    d["zz"] = 1
except TypeError:
    print("TypeError")
try:
    del d["b"]
except TypeError:
    print("TypeError")
try:
    d.clear()
except TypeError:
    print("TypeError")
print(hasattr(a, "zz"), a.b)
dc = d.copy()
dc["zz"] = 1
print(len(dc), hasattr(a, "zz"))
print(list(E().__dict__))

# missing attributes
try:
    del a.missing
except AttributeError:
    print("AttributeError")
try:
    a.missing
except AttributeError:
    print("AttributeError")
print(getattr(a, "missing", "default"))
