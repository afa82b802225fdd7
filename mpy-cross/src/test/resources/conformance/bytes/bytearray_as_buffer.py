import struct
frame = bytearray(8)
struct.pack_into("<HHI", frame, 0, 0xBEEF, 3, 123456)
print(frame)
kind, n, value = struct.unpack_from("<HHI", frame)
print(hex(kind), n, value)
frame[2] = 9
print(struct.unpack("<HHI", bytes(frame)))
acc = bytearray()
for i in range(5):
    acc += bytes([i * 3])
print(acc, len(acc))
