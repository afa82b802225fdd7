m = __import__("math")
print(m.sqrt(81), m.__name__)
with open("dyn_mod.py", "w") as f:
    f.write("def greet(n):\n    return 'hi ' + n\nNAME = __name__\n")
d = __import__("dyn_mod")
print(d.greet("vm"), d.NAME)
import sys
print(sys.modules["dyn_mod"] is d)
import dyn_mod
print(dyn_mod is d)
import os
os.remove("dyn_mod.py")
