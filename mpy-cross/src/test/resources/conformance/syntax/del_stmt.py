# MicroPython differs: str(KeyError(k)) is the key without repr quotes
a = 1
del a
try:
    a
except NameError:
    print("a deleted")
l = list(range(8))
del l[0]
print(l)
del l[1:3]
print(l)
d = {"a": 1, "b": 2, "c": 3}
del d["b"]
print(sorted(d))
try:
    del d["zz"]
except KeyError as e:
    print("KeyError", e)
class C:
    pass
c = C()
c.x = 1
c.y = 2
del c.x
print(hasattr(c, "x"), c.y)
x, y = 1, 2
del x, y
print("x" in dir(), "y" in dir())
