# MicroPython differs: its error messages and tracebacks are its own (CPython words them differently).
# Constructors called from loops (the per-type __init__ cache): changes to the class after
# the first calls, __new__ added later, __init__ returning a value, wrong argument counts.
class P:
    def __init__(self, x, y=2):
        self.x = x
        self.y = y


def make(n):
    out = []
    for i in range(n):
        out.append(P(i))
    return out


print([(p.x, p.y) for p in make(3)])


def init3(self, x, y=5, z=7):
    self.x = x + z
    self.y = y


P.__init__ = init3
print([(p.x, p.y) for p in make(3)])


def new(cls, *args):
    print("new", cls.__name__, args)
    return object.__new__(cls)


P.__new__ = new
print([(p.x, p.y) for p in make(2)])
del P.__new__
print([(p.x, p.y) for p in make(2)])


class Q(P):
    pass


for i in range(3):
    q = Q(i, 1)
print(type(q).__name__, q.x, q.y)


def init_star(self, *args):
    self.x = args


Q.__init__ = init_star
for i in range(3):
    q = Q(i, 1, 2)
print(q.x)


class R:
    def __init__(self, v):
        self.v = v
        if v == 2:
            return v


for i in range(4):
    try:
        r = R(i)
        print("ok", r.v)
    except TypeError as e:
        print("TypeError", e)

for n in (0, 5):
    try:
        if n == 0:
            P()
        else:
            P(1, 2, 3, 4, 5)
    except TypeError as e:
        print("TypeError", e)


class NoInit:
    pass


for i in range(3):
    n = NoInit()
print(type(n).__name__)
try:
    NoInit(1)
except TypeError as e:
    print("TypeError", e)


class Deep:
    def __init__(self, n):
        self.child = Deep(n + 1)


try:
    Deep(0)
except RuntimeError as e:
    print("RuntimeError", e)


class Bad:
    def __init__(self, a):
        self.a = a
        self.b = 1 // a


def build(vals):
    return [Bad(v) for v in vals]


try:
    build([3, 2, 1, 0])
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
