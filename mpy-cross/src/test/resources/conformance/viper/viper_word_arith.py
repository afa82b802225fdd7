# MicroPython differs: viper (micropython.viper) exists only in MicroPython
# Viper's int and uint are machine words: 64-bit wrap-around arithmetic as on the unix port.
import micropython


@micropython.viper
def mul(a: int, b: int) -> int:
    return a * b


@micropython.viper
def addu(a: uint, b: uint) -> uint:
    return a + b


@micropython.viper
def shl(a: int, n: int) -> int:
    return a << n


@micropython.viper
def shr(a: int, n: int) -> int:
    return a >> n


@micropython.viper
def shru(a: uint, n: int) -> uint:
    return a >> n


@micropython.viper
def bits(a: int, b: int) -> int:
    return (a & b) ^ (a | b) ^ ~a


@micropython.viper
def neg(a: int) -> int:
    return -a


@micropython.viper
def lt(a: int, b: int) -> bool:
    return a < b


@micropython.viper
def ltu(a: uint, b: uint) -> bool:
    return a < b


@micropython.viper
def divmod_(a: int, b: int):
    return a // b, a % b


@micropython.viper
def fib(n: int) -> int:
    a = 0
    b = 1
    for i in range(n):
        a, b = b, a + b
    return a


print(mul(0x7FFFFFFFFFFFFFFF, 2), mul(1 << 62, 4), mul(-3, 7))
print(addu(0xFFFFFFFFFFFFFFFF, 2), addu(1 << 63, 1 << 63))
print(shl(1, 63), shl(1, 64), shl(3, 62), shl(-1, 4))
print(shr(-256, 4), shr(1 << 62, 61), shru(-256, 4), shru(-1, 63))
print(bits(12, 10), bits(-1, 0), neg(5), neg(-(1 << 63)))
print(lt(-1, 1), ltu(-1, 1), lt(5, 5), ltu(0, 1 << 63))
print(divmod_(7, 2), divmod_(-7, 2), divmod_(7, -2), divmod_(-7, -2))
print(divmod_(-(1 << 63), 2), divmod_((1 << 63) - 1, -3))
print(fib(10), fib(90), fib(93))
