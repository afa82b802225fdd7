import struct
print(struct.pack("<I", 1), struct.pack(">I", 1), struct.pack("<h", -2), struct.pack("<B", 255))
print(struct.pack("<bBhHiIqQ", -1, 1, -2, 2, -3, 3, -4, 4))
print(struct.pack("<f", 1.5), struct.pack("<d", -2.25))
print(struct.pack("<2sx3s", b"ab", b"cde"))
print(struct.calcsize("<bhi"), struct.calcsize("<q"), struct.calcsize("<3s"), struct.calcsize("<ff"))
print(struct.pack(">HH", 0x1234, 0xabcd))
