# object.__setattr__/__delattr__ and attribute stores on objects without a member table:
# object() itself and instances of built-in types; a store of __class__ or __dict__ is an
# ordinary member.
# MicroPython differs: object.__setattr__ wants an instance of a class defined in Python
# ("arg must be user-type"), a str name (else TypeError without message), and a missing
# member is "no such attribute"; storing __class__ or __dict__ makes a member.


class C:
    pass


c = C()
for args in ((c, 1, 2), (c, "a", 2), (1, "a", 2), (ValueError(), "a", 1), (object(), "a", 1)):
    try:
        object.__setattr__(*args)
        print("ok", c.__dict__)
    except Exception as e:
        print(type(e).__name__, e)
for args in ((c, "a"), (c, "a"), (c, 1), (1, "a")):
    try:
        object.__delattr__(*args)
        print("ok", c.__dict__)
    except Exception as e:
        print(type(e).__name__, e)


class Ex(Exception):
    pass


class L(list):
    pass


x = Ex()
object.__setattr__(x, "q", 1)
lst = L()
object.__setattr__(lst, "q", 2)
print(x.q, lst.q)


def store(o, v):
    o.x = v


o = object()
for i in range(3):
    try:
        store(o, i)
    except AttributeError as e:
        print("AttributeError", e)
try:
    del o.x
except AttributeError as e:
    print("AttributeError", e)
print(getattr(o, "x", "none"))
try:
    store(ValueError(1), 1)
except AttributeError as e:
    print("AttributeError", e)


class A:
    pass


class B:
    pass


a = A()
a.__class__ = B
print(type(a) is A, a.__dict__["__class__"] is B)
a.__dict__ = {"x": 1}
print(type(a.__dict__), a.__dict__, list(A().__dict__))
