import struct
records = [(1, -2.5, b"ab"), (65535, 3.0, b"zz")]
fmt = "<Hf2s"
blob = b"".join(struct.pack(fmt, *r) for r in records)
size = struct.calcsize(fmt)
print(len(blob), size)
for i in range(len(records)):
    print(struct.unpack(fmt, blob[i * size:(i + 1) * size]))
print(struct.pack(">bhl", 1, 2, 3))
print(struct.unpack(">3B", b"\x01\x02\x03"))
