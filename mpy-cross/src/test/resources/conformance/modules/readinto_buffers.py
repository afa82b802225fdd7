# MicroPython differs: its message for a read-only buffer. readinto() fills any writable buffer: memoryview slices, arrays, views of arrays
import io, array
with open("ri.bin", "wb") as f:
    f.write(bytes(range(20)))
f = open("ri.bin", "rb")
buf = memoryview(bytearray(8))
print(f.readinto(buf), bytes(buf))
print(f.readinto(buf[2:5]), bytes(buf))
a = array.array("H", [0, 0, 0])
print(f.readinto(a), a)
print(f.readinto(memoryview(a)[1:]), a)
for b in (b"xx", "xx", memoryview(b"ab"), 5):
    try:
        f.readinto(b)
    except TypeError as e:
        print(type(b).__name__, e)
f.close()
s = io.BytesIO(b"hello world")
ba = bytearray(4)
print(s.readinto(memoryview(ba)), ba)
import os
os.remove("ri.bin")
