import struct
d = b'\x00\x01\x00\x02\x04\x00\x0A\x01\x02'
print(struct.unpack('>HH', d))
print(struct.unpack('<H', b'\x01\x02\x03'))
print(struct.unpack_from('>H', b'\x01\x02\x03', 1))
try:
    print(struct.unpack('>HH', b'\x01'))
except ValueError as e:
    print(e)
for off in (-3, -4, 2, 3):
    try:
        print(struct.unpack_from('>H', b'\x01\x02\x03', off))
    except ValueError as e:
        print(off, e)
b = bytearray(4)
for off in (-2, -5, 3):
    try:
        struct.pack_into('>H', b, off, 258)
        print(b)
    except ValueError as e:
        print(off, e)
