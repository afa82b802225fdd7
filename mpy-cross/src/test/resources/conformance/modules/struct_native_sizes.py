import struct
for fmt in ("b", "B", "h", "H", "i", "I", "q", "Q", "f", "d"):
    print(fmt, struct.calcsize("<" + fmt), struct.calcsize(">" + fmt))
print(struct.unpack("<Q", b"\xff" * 8)[0] == 2 ** 64 - 1)
print(struct.pack("<q", -(2 ** 63)))
