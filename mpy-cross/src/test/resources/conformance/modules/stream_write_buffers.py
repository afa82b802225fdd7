# MicroPython differs: its streams take any buffer, text ones too, and write(buf, n) / write(buf, off, n)
import sys, io
n = sys.stdout.write(b"raw bytes\n")
print(n)
print(sys.stdout.write(bytearray(b"xy\n")))
for s in (io.StringIO(), io.BytesIO()):
    try:
        s.write(5)
    except TypeError as e:
        print(e)
    print(s.write(b"abcdef", 2, 3), s.write("abcdef", 9, 3), s.write("abcdef", -1), s.write(b"q", 0))
    print(s.write(memoryview(b"zz")))
    print(repr(s.getvalue()))
with open("tw.txt", "w") as f:
    print(f.write(b"ab"), f.write("cd", 1))
with open("tw.txt") as f:
    print(f.read())
import os
os.remove("tw.txt")
