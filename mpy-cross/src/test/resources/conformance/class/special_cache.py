# MicroPython differs: its error messages and tracebacks are its own (CPython words them differently).
# Binary operators on instances (the per-type special-method cache): methods replaced or
# deleted after the first calls, NotImplemented and the reflected method, in-place
# operators falling back to the plain one.
class V:
    def __init__(self, x):
        self.x = x

    def __add__(self, o):
        if not isinstance(o, V):
            return NotImplemented
        return V(self.x + o.x)

    def __radd__(self, o):
        return V(self.x + o * 100)

    def __mul__(self, k):
        return V(self.x * k)

    def __repr__(self):
        return "V(%r)" % (self.x,)


def run(a, b):
    out = []
    for i in range(3):
        out.append(a + b)
    return out


print(run(V(1), V(2)))
print(run(3, V(2)))
try:
    run(V(1), 3)
except TypeError as e:
    print("TypeError", e)


def add2(self, o):
    return V(-self.x)


V.__add__ = add2
print(run(V(1), V(2)))
del V.__radd__
try:
    run(3, V(2))
except TypeError as e:
    print("TypeError", e)


def acc(n):
    v = V(1)
    for i in range(n):
        v += V(i)
        v *= 2
    return v


print(acc(4))


def iadd(self, o):
    self.x = self.x - o.x
    return self


V.__iadd__ = iadd
print(acc(4))


class W(V):
    def __mul__(self, k):
        return "W*" + str(k)


print([W(1) * i for i in range(3)])
W.__mul__ = lambda self, k: "lambda*" + str(k)
print([W(1) * i for i in range(3)])


class Cmp:
    def __init__(self, v):
        self.v = v

    def __lt__(self, o):
        return self.v < o.v


print([Cmp(i) < Cmp(2) for i in range(4)])
print(sorted([3, 1, 2], key=Cmp)[0])


class Rec:
    def __add__(self, o):
        return self + o


try:
    Rec() + 1
except RuntimeError as e:
    print("RuntimeError", e)
