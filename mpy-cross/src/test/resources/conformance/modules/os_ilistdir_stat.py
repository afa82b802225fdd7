# MicroPython differs: os.ilistdir exists only in MicroPython
import os
os.mkdir("d1")
with open("f1", "w") as f:
    f.write("12345")
entries = sorted((e[0], e[1]) for e in os.ilistdir("."))
print(entries)
print(os.stat("f1")[6], os.stat("d1")[0] & 0x4000 != 0)
os.remove("f1")
os.rmdir("d1")
print([(e[0], e[1]) for e in os.ilistdir(".")])
