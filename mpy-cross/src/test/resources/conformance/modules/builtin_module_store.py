# MicroPython differs: built-in modules take no new attributes (sys.stdin cannot be replaced)
import sys, math
for m, n in ((sys, "stdin"), (sys, "foo"), (math, "pi"), (math, "zz")):
    try:
        setattr(m, n, 1)
        print("ok", n)
    except AttributeError as e:
        print(e)
