with open("helper_mod.py", "w") as f:
    f.write("VALUE = 41\ndef twice(x):\n    return 2 * x\n")
import helper_mod
print(helper_mod.VALUE + 1, helper_mod.twice(21))
from helper_mod import twice as t2
print(t2(5))
import sys
print("helper_mod" in sys.modules)
import os
os.remove("helper_mod.py")
