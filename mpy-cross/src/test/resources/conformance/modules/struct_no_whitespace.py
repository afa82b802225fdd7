# MicroPython differs: a struct format may not hold whitespace (a space is a bad typecode)
import struct

for f in ("bb", "b b", " b", "b ", "<b b"):
    try:
        print(struct.pack(f, 1, 2))
    except Exception as e:
        print(type(e).__name__, e)
try:
    print(struct.calcsize("h h"))
except ValueError as e:
    print("ValueError", e)
