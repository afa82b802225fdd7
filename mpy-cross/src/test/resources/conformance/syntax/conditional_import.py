try:
    import math
    ok = True
except ImportError:
    ok = False
print(ok, math.sqrt(16))
try:
    import no_such_module_xyz
except ImportError:
    print("ImportError")
from math import pi, e as euler
print(round(pi, 3), round(euler, 3))
import math as m
print(m.floor(2.7))
def lazy():
    import struct
    return struct.calcsize("<i")
print(lazy())
