# The interpreter remembers, per instruction, where it found a global, a method or that an
# attribute store is plain, and takes short paths for small ints, floats and indexes; each
# case below changes what it found between two runs of the same instruction (the second run
# must see the change) or sits at the edge of a short path.
# MicroPython differs: an instance's own attribute is read before a property of its class
# (c.v after the property is added prints 1; CPython prints "prop").

def get_x():
    return x

x = 1
print(get_x())
x = 2
print(get_x())
del x
try:
    get_x()
except NameError:
    print("NameError")
x = 3
print(get_x())


def call_len(s):
    return len(s)

print(call_len("abc"))
len = lambda s: 42
print(call_len("abc"))
del len
print(call_len("abcd"))

for i in range(30):
    globals()["filler%d" % i] = i
print(get_x(), call_len("ab"))


class A:
    def f(self):
        return "A.f"


def call_f(o):
    return o.f()

a = A()
print(call_f(a))
A.f = lambda self: "new A.f"
print(call_f(a))
a.f = lambda: "own f"
print(call_f(a))
del a.f
print(call_f(a))


class B(A):
    pass

b = B()
print(call_f(b))
B.f = lambda self: "B.f"
print(call_f(b))


def store(o, v):
    o.v = v

class S:
    pass

c = S()
store(c, 1)
print(c.v)
S.v = property(lambda self: "prop", lambda self, v: print("set", v))
store(c, 2)
print(c.v)
del S.v
store(c, 3)
print(c.v)


def setter(self, name, value):
    print("setattr", name, value)

S.__setattr__ = setter
store(c, 4)
print(c.v)
del S.__setattr__
store(c, 5)
print(c.v)


def item(s, i):
    return s[i]

def put(s, i, v):
    s[i] = v

lst = [1, 2, 3]
print(item(lst, 0), item(lst, -1), item((4, 5), -2), item(b"xy", 1), item(bytearray(b"pq"), -1))
for bad in (3, -4):
    try:
        item(lst, bad)
    except IndexError:
        print("IndexError", bad)
put(lst, -1, 30)
put(lst, 0, 10)
print(lst)
ba = bytearray(3)
put(ba, 0, 255)
put(ba, -1, 7)
print(ba)
try:
    put(ba, 3, 1)
except IndexError:
    print("IndexError")
print(item({1: "one"}, 1), item("str", 1), item(lst, True))


def shifts(a, b):
    return a << b, a >> b

print(shifts(1, 62), shifts(1, 63), shifts(-1, 63), shifts(3, 64))
print(shifts(-5, 1), shifts(5, 100), shifts(-5, 100), shifts(0x7fffffff, 32))
try:
    shifts(1, -1)
except ValueError:
    print("ValueError")


def arith(a, b):
    return a + b, a - b, a * b, a // b, a % b, a < b, a == b, a != b

print(arith(7, -2))
print(arith(0x7fffffffffffffff, 1))
print(arith(-0x8000000000000000, -1))
print(arith(2.5, 0.5))
try:
    arith(1, 0)
except ZeroDivisionError:
    print("ZeroDivisionError")


def div(a, b):
    return a / b

try:
    div(1.0, 0.0)
except ZeroDivisionError:
    print("ZeroDivisionError")
nan = float("nan")
print(nan == nan, nan != nan, nan < nan, 1.0 == 1.0)


def defaults(a, b=2, c=3):
    return a, b, c

print(defaults(1), defaults(1, 20), defaults(1, 20, 30))
try:
    defaults()
except TypeError:
    print("TypeError")
try:
    defaults(1, 2, 3, 4)
except TypeError:
    print("TypeError")


def outer():
    y = 5

    def inner(z):
        return y + z
    return inner

print(outer()(1))
