with open("bin.dat", "wb") as f:
    f.write(bytes(range(10)))
    f.write(b"\xff\xfe")
with open("bin.dat", "rb") as f:
    print(f.read(3), f.read(2))
    rest = f.read()
    print(len(rest), rest[-2:])
    print(f.read())
try:
    open("missing.dat", "rb")
except OSError:
    print("OSError missing")
import os
os.remove("bin.dat")
