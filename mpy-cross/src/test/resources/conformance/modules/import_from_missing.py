# MicroPython differs: its ImportError messages are its own
# from-import of a name a package lacks tries it as a submodule; a plain module says "can't import name"
import os, sys
os.mkdir("pkg2")
with open("pkg2/__init__.py", "w") as f:
    f.write("X = 1\n")
with open("pkg2/sub.py", "w") as f:
    f.write("Y = 2\n")
from pkg2 import sub
print(sub.Y)
import pkg2
print(pkg2.sub is sub)
try:
    from pkg2 import missing
except ImportError as e:
    print("package:", e)
try:
    from sys import missing
except ImportError as e:
    print("module:", e)
for n in ("sub.py", "__init__.py"):
    os.remove("pkg2/" + n)
os.rmdir("pkg2")
