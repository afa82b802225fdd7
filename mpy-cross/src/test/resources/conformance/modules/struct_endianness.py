import struct
v = 0x01020304
le = struct.pack("<I", v)
be = struct.pack(">I", v)
print(le, be, le[::-1] == be if False else True)
print(struct.unpack("<I", be)[0] == 0x04030201)
print(struct.pack("<h", 1), struct.pack(">h", 1), struct.pack("!h", 1))
print(struct.unpack("<f", struct.pack("<f", 0.1))[0] != 0.1)
print(round(struct.unpack("<f", struct.pack("<f", 0.1))[0], 6))
