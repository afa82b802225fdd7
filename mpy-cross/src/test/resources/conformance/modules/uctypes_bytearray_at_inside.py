# MicroPython differs: uctypes is MicroPython's. bytearray_at inside a placed buffer reads it; the buffer's later bytes stay readable
from uctypes import bytearray_at, addressof
data = bytes(range(256)) * 4
mv = memoryview(data)
for off in (0, 100, 255, 256, 300, 1000, 1020):
    g = mv[off:off + 4]
    print(off, bytes(bytearray_at(addressof(g), len(g))))
print(bytes(bytearray_at(addressof(mv) + 2, 3)))
