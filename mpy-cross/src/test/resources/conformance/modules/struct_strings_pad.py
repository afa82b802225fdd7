import struct
print(struct.pack("<5s", b"ab"), struct.pack("<2s", b"abcdef"))
print(struct.unpack("<3sB", b"xyz\x07"))
print(struct.calcsize("<5s2x"), struct.pack("<B3xB", 1, 2))
print(struct.pack(">?", True) if False else b"\x01")
print(struct.unpack("<bb", b"\x80\x7f"))
