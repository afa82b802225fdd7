# Attribute loads and stores on instances where the class has something to say: hooks,
# properties and descriptors, class attributes an instance shadows, methods replaced on one
# instance; each changed between runs of the same instructions, which must see the change.
# MicroPython differs: an instance's own attribute is read before a property of the class.


class Base:
    kind = "base"

    def __init__(self, v):
        self.v = v

    def m(self):
        return "m%d" % self.v


def get_v(o):
    return o.v


def get_kind(o):
    return o.kind


def set_v(o, x):
    o.v = x


def call_m(o):
    return o.m()


objs = [Base(i) for i in range(5)]
for _ in range(3):
    print([get_v(o) for o in objs], [get_kind(o) for o in objs], [call_m(o) for o in objs])

# an instance attribute shadows the class's, and deleting it shows the class's again
objs[1].kind = "own"
objs[2].m = lambda: "own m"
print([get_kind(o) for o in objs], [call_m(o) for o in objs])
del objs[1].kind
del objs[2].m
print([get_kind(o) for o in objs], [call_m(o) for o in objs])
Base.kind = "changed"
print([get_kind(o) for o in objs])

# a property added to the class after instances have the attribute
o = Base(1)
set_v(o, 2)
Base.v = property(lambda self: "prop v", lambda self, x: print("prop set", x))
set_v(o, 3)
print(get_v(o), o.__dict__)
p = object.__new__(Base)
print(get_v(p))
set_v(p, 4)
print(get_v(p))
del Base.v
set_v(o, 5)
print(get_v(o))


# __setattr__, __getattr__ and __delattr__
class Hooked:
    def __init__(self):
        object.__setattr__(self, "log", [])

    def __setattr__(self, name, value):
        self.log.append(("set", name))
        object.__setattr__(self, name, value * 2)

    def __getattr__(self, name):
        self.log.append(("get", name))
        return name.upper()

    def __delattr__(self, name):
        self.log.append(("del", name))
        object.__delattr__(self, name)


h = Hooked()
for i in range(3):
    set_v(h, i)
    print(get_v(h), h.other)
del h.v
print(h.v, h.log)
print(sorted(h.__dict__))


# a hook added to the class after the stores ran plainly
class Late:
    pass


l = Late()
for i in range(3):
    set_v(l, i)
Late.__setattr__ = lambda self, n, x: print("late set", n, x)
set_v(l, 10)
print(get_v(l))
del Late.__setattr__
set_v(l, 11)
print(get_v(l))
Late.__getattr__ = lambda self, n: "late " + n
print(get_kind(l))
del l.v
print(get_v(l))


# descriptors with __get__ and __set__
class Desc:
    def __get__(self, obj, cls):
        return ("desc get", obj is not None)

    def __set__(self, obj, value):
        print("desc set", value)
        obj.__dict__  # reading it is allowed


class WithDesc:
    v = Desc()


w = WithDesc()
for i in range(2):
    set_v(w, i)
    print(get_v(w))
print(type(WithDesc.v).__name__, w.__dict__)


# properties on a subclass shadow the base's plain attributes
class Sub(Base):
    @property
    def kind(self):
        return "sub kind"


s = Sub(7)
print(get_kind(s), get_v(s), call_m(s), get_kind(objs[0]))
try:
    s.kind = "x"
except AttributeError:
    print("AttributeError")


# attributes on instances of built-in type subclasses and exceptions
class L(list):
    def __init__(self, *a):
        super().__init__(*a)
        self.tag = "L"


class Err(Exception):
    def __init__(self, code):
        super().__init__("err")
        self.code = code


lst = L([1, 2])
lst.extra = 3
print(lst, len(lst), get_kind(lst) if hasattr(lst, "kind") else None, lst.tag, lst.extra, sorted(lst.__dict__))
for i in range(3):
    try:
        raise Err(i)
    except Err as e:
        print(e.code, e.args, list(e.__dict__))


# same code, instances of different classes and layouts
class A1:
    def __init__(self):
        self.v = "A1"
        self.m = lambda: "A1 own"


class A2:
    def __init__(self):
        self.pad = 0
        self.v = "A2"

    def m(self):
        return "A2.m"


class A3(A2):
    kind = "A3"

    def __init__(self):
        self.v = "A3"


mixed = [A1(), A2(), A3(), Base(9), A2(), A1()]
for _ in range(2):
    print([get_v(o) for o in mixed], [call_m(o) for o in mixed])
    print([get_kind(o) if hasattr(o, "kind") else "-" for o in mixed])
for o in mixed:
    set_v(o, "new")
print([get_v(o) for o in mixed])
print([sorted(o.__dict__) for o in mixed])


# one load site reading a method (bound each time), a property and a plain class value,
# while the class and the instance change under it
class Q:
    def __init__(self, n):
        self.n = n

    def meth(self):
        return "meth %d" % self.n

    @property
    def prop(self):
        return "prop %d" % self.n


def get_meth(o):
    return o.meth


def get_prop(o):
    return o.prop


q1 = Q(1)
q2 = Q(2)
for _ in range(3):
    b1 = get_meth(q1)
    b2 = get_meth(q2)
    print(b1(), b2(), b1 is get_meth(q1), b1 == get_meth(q1), get_prop(q1), get_prop(q2))
q2.meth = lambda: "own meth"
q2.__dict__  # (a copy)
print(get_meth(q1)(), get_meth(q2)())
Q.meth = lambda self: "new meth %d" % self.n
print(get_meth(q1)(), get_meth(q2)())
Q.meth = staticmethod(lambda: "static meth")
print(get_meth(q1)(), get_meth(q2)())
del q2.meth
print(get_meth(q2)())
Q.prop = property(lambda self: "new prop %d" % self.n)
print(get_prop(q1), get_prop(q2))
Q.prop = "plain"
print(get_prop(q1), get_prop(q2))
del Q.prop
try:
    get_prop(q1)
except AttributeError:
    print("AttributeError")


class R(Q):
    @property
    def prop(self):
        raise AttributeError("from getter")


try:
    get_prop(R(3))
except AttributeError as e:
    print("AttributeError", e)
print(get_prop(q1) if hasattr(q1, "prop") else "no prop")
