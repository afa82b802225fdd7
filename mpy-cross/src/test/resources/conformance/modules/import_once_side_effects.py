with open("counted.py", "w") as f:
    f.write("import sys\nLOADS = getattr(sys, '_loads', 0) + 1\nprint('loading counted')\n")
import counted
import counted
import counted as again
print(counted is again, counted.LOADS)
from counted import LOADS
print(LOADS)
import os
os.remove("counted.py")
