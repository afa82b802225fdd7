# MicroPython differs: viper (micropython.viper) exists only in MicroPython
# Viper's typed arguments, locals and return values, and the argument checks its code makes.
import micropython


@micropython.viper
def add(x: int, y: int) -> int:
    z = x + y  # a local typed by what is stored in it
    return z + 3


@micropython.viper
def objects(x: object, y) -> object:
    return x + y


@micropython.viper
def to_bool(x: int) -> bool:
    return bool(x)


@micropython.viper
def to_uint(x: int) -> uint:
    return uint(x)


@micropython.viper
def none_as_int() -> int:
    return None


@micropython.viper
def four(a: int, b: int, c: int, d: int) -> int:
    return a * 1000 + b * 100 + c * 10 + d


@micropython.viper
def truth(b: bool, o) -> int:
    n = 0
    if b:
        n += 1
    if o:
        n += 10
    return n


print(add(1, 2), add(-10, 4))
print(objects(1, 2), objects("a", "b"), objects([1], [2]))
print(to_bool(0), to_bool(7), to_bool(-1))
print(to_uint(-1), to_uint(-2), to_uint(5))
print(none_as_int())
print(four(1, 2, 3, 4))
print(truth(True, []), truth(0, [0]), truth(3, "x"))
print(add(True, False), add(2**64 + 5, 1), add(-(2**65) - 1, 0))
print(repr(add), type(add))


class C:
    @micropython.viper
    def twice(self, x: int) -> int:
        return x * 2


print(C().twice(21))

for call in (lambda: add(1), lambda: add(1, 2, 3), lambda: add(x=1, y=2), lambda: add(1.5, 2), lambda: add("1", 2)):
    try:
        print(call())
    except TypeError as e:
        print("TypeError:", e)
try:
    add.__name__
except AttributeError as e:
    print("AttributeError:", e)
