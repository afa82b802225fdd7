# MicroPython differs: CPython finds object's methods (__eq__, __hash__, __init__...) through every class.
# Attribute lookup does not search object as a base: only object itself, and super(), reach
# its __init__, __new__, __setattr__ and __delattr__; slots of built-in types (list.__init__,
# an exception's __init__/__str__) are not attributes either.
class E(Exception):
    pass
class E2(ValueError):
    def __init__(self, x):
        super().__init__(x, 2)
class L(list):
    pass
class D(dict):
    pass
class Base:
    def __init__(self):
        super().__init__()
    def __setattr__(self, n, v):
        super().__setattr__(n, v + 1)
b = Base()
b.q = 1
print(b.q, E2(5).args)
names = ("__init__", "__new__", "__str__", "__repr__", "__eq__", "__hash__", "__ne__", "__lt__", "__len__", "__iter__", "__getitem__", "__contains__", "__bool__", "__add__", "__class__", "__setattr__", "__call__", "append", "keys", "args", "with_traceback")
for obj in (E, E(), E2, ValueError, ValueError(), Exception, L, L(), list, [], D, D(), dict, {}, 5, int, "s", str, 1.5, None, (1,), tuple, set(), object, object(), type, len, print, b, Base):
    r = []
    for n in names:
        r.append("1" if hasattr(obj, n) else "0")
    print(repr(obj) if not hasattr(obj, "__dict__") or isinstance(obj, type) else type(obj).__name__, "".join(r))
for name in ("__new__", "__init__", "__setattr__", "__delattr__", "__eq__", "__hash__", "__repr__", "__str__", "__ne__", "__getattribute__", "__dir__", "__class__"):
    try:
        v = getattr(object, name)
        print(name, type(v).__name__)
    except AttributeError:
        print(name, "AE")
    try:
        v = getattr(object(), name)
        print(name, "inst", type(v).__name__)
    except AttributeError:
        print(name, "inst AE")
class E(Exception): pass
class L(list):
    def __init__(self, x):
        super().__init__(x)
        self.n = 1
print(L((1, 2)), L((1,)).n)
class D(dict):
    def __init__(self, **kw):
        super().__init__(**kw)
print(D(a=1))
class E(Exception):
    def __init__(self, *a):
        super().__init__(*a)
print(E(1, 2).args)
try:
    list.__init__
except AttributeError as e:
    print("AE", e)
o = object()
print(repr(o)[:8], hasattr(o, "__dict__"))
