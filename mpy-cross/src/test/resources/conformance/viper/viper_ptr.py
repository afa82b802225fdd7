# MicroPython differs: viper (micropython.viper) exists only in MicroPython
# Viper's pointers: ptr8/ptr16/ptr32 loads and stores on buffers and on raw addresses.
import array
import micropython
import uctypes


@micropython.viper
def load8(p: ptr8, i: int) -> int:
    return p[i]


@micropython.viper
def load16(p: ptr16, i: int) -> int:
    return p[i]


@micropython.viper
def load32(p: ptr32, i: int) -> int:
    return p[i]


@micropython.viper
def store8(p: ptr8, i: int, v: int):
    p[i] = v


@micropython.viper
def store16(p: ptr16, i: int, v: int):
    p[i] = v


@micropython.viper
def store32(p: ptr32, i: int, v: int):
    p[i] = v


@micropython.viper
def fixed(p: ptr8):
    p[0] = p[1] + p[2]
    p[3] = 0x1FF  # only the low byte is stored


@micropython.viper
def checksum(buf) -> int:
    p = ptr8(buf)
    n = int(len(buf))
    s = 0
    for i in range(n):
        s += p[i]
    return s


@micropython.viper
def at_address(a: int) -> int:
    p = ptr8(a + 1)
    p[0] = 0x41
    return p[1]


b = bytearray(b"\x01\x02\x03\x04\x05\x06\x07\x08")
print(load8(b, 0), load8(b, 7), hex(load16(b, 1)), hex(load32(b, 1)))
store8(b, 0, 0x1FF)
store16(b, 1, 0x12345)
store32(b, 1, -2)
print(b)
fixed(b)
print(b)
print(checksum(b"abc"), checksum(bytearray(100)), checksum(memoryview(b"xyz")[1:]))

a = array.array("H", [1, 2, 0xFFFF])
print(load16(a, 2), load8(a, 4), load32(a, 0))
store16(a, 0, 70000)
store8(a, 3, 1)
print(a)

w = array.array("i", [0, 0])
store32(w, 1, 0xFFFFFFFF)
print(w, load32(w, 1))

m = memoryview(bytearray(6))
store8(m[2:], 0, 9)
print(bytes(m))

c = bytearray(b"....")
print(at_address(uctypes.addressof(c)), c)

# str exposes its bytes too; a memoryview of an array starts at its first item
print(load8("abc", 1), load16(memoryview(array.array("h", [-2, 3, 4]))[1:], 1))
print(uctypes.addressof(memoryview(a)[1:]) - uctypes.addressof(a))
