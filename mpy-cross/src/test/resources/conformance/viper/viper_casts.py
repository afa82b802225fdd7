# MicroPython differs: viper (micropython.viper) exists only in MicroPython
# Viper's casts: int(), uint(), bool() and the pointer types, from objects and between native types.
import micropython


@micropython.viper
def casts(x) -> int:
    a = int(x)
    b = uint(x)
    return a - int(b)


@micropython.viper
def as_uint(x) -> uint:
    return uint(x)


@micropython.viper
def from_bool(x) -> int:
    b = bool(x)
    return int(b) + 10


@micropython.viper
def reinterpret(x: int):
    return uint(x), int(uint(x)), bool(x)


@micropython.viper
def ptr_from_int(x: int) -> int:
    p = ptr8(x)
    return int(p) + 1


@micropython.viper
def not_int() -> int:
    return int("7")


print(casts(5), casts(-5), casts(True), casts(2**64 + 3))
print(as_uint(-1), as_uint(2**70 + 1), as_uint(False))
print(from_bool([]), from_bool([0]), from_bool(0.5))
print(reinterpret(-2), reinterpret(0))
print(ptr_from_int(41))
for v in (1.5, "x", None, [1]):
    try:
        print(casts(v))
    except TypeError as e:
        print("TypeError:", e)
try:
    print(not_int())
except TypeError as e:
    print("TypeError:", e)
