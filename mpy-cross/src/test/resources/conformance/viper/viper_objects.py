# MicroPython differs: viper (micropython.viper) exists only in MicroPython
# Viper code over Python objects: globals, calls, containers, iteration, closures, exceptions, with.
import micropython

counter = 0


class Ctx:
    def __enter__(self):
        print("enter")
        return self

    def __exit__(self, a, b, c):
        print("exit", a)
        return False


@micropython.viper
def bump(n):
    global counter
    counter = counter + n


@micropython.viper
def build(n):
    l = [1, 2]
    l.append(n)
    d = {"k": n}
    t = (n, "s", None)
    s = {n}
    return l, d, t, s, len(l)


@micropython.viper
def total(xs) -> int:
    s = 0
    for x in xs:
        s += int(x)
    return s


@micropython.viper
def caller(f, args, kw):
    return f(*args, sep="-", **kw)


@micropython.viper
def guarded(x: int) -> int:
    try:
        if x == 0:
            raise ValueError("zero")
        return 100 // x
    except ValueError:
        print("caught")
        return -1
    finally:
        print("finally", x)


@micropython.viper
def through(x, y):
    return y // x


@micropython.viper
def with_block(x: int) -> int:
    with Ctx():
        x += 1
    return x


@micropython.viper
def outer(n: int):
    def inner(m):
        return m + m

    return inner(n)


bump(3)
bump(4)
print(counter)
print(build(7))
print(total([1, 2, 3]), total(range(10)), total(b"\x01\x02"))
print(caller(print, (1, 2), {"end": "!\n"}))
print(guarded(5), guarded(0))
try:
    through(0, 1)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
print(with_block(1))
print(outer(21))
