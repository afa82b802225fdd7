# MicroPython differs: uctypes is MicroPython's module
import uctypes

desc = {
    "magic": uctypes.UINT16 | 0,
    "flags": uctypes.BFUINT8 | 2 | 4 << uctypes.BF_POS | 3 << uctypes.BF_LEN,
    "low": uctypes.BFINT8 | 2 | 0 << uctypes.BF_POS | 4 << uctypes.BF_LEN,
    "words": (uctypes.ARRAY | 4, uctypes.UINT16 | 2),
    "bytes": (uctypes.ARRAY | 4, uctypes.UINT8 | 4),
    "pairs": (uctypes.ARRAY | 4, 2, {"a": uctypes.UINT8 | 0, "b": uctypes.INT8 | 1}),
    "sub": (8, {"f": uctypes.FLOAT32 | 0}),
    "big": uctypes.UINT64 | 8,
}
data = bytearray(b"\x34\x12\xfa\x00\x01\x02\x03\xff\x00\x00\x80\x3f")
s = uctypes.struct(uctypes.addressof(data), desc, uctypes.LITTLE_ENDIAN)
print(hex(s.magic), s.flags, s.low, s.words[0], hex(s.words[1]), s.bytes)
print([(p.a, p.b) for p in (s.pairs[0], s.pairs[1])], s.sub.f)
s.magic = 0xBEEF
s.flags = 5
s.words[1] = 0x1234
s.sub.f = -2.5
print(data)
print(uctypes.sizeof(desc), uctypes.sizeof(desc, uctypes.LITTLE_ENDIAN), uctypes.sizeof(s.pairs))
be = uctypes.struct(uctypes.addressof(data), {"magic": uctypes.UINT16 | 0}, uctypes.BIG_ENDIAN)
print(hex(be.magic))
try:
    s.words[2]
except IndexError:
    print("IndexError")
try:
    s.pairs = 1
except TypeError:
    print("TypeError")
print(uctypes.bytes_at(uctypes.addressof(data) + 4, 3))
