# MicroPython differs: CPython's module dicts are writable and sys.__dict__ holds path and ps1.
# A built-in module's __dict__ is its fixed table: one object, read-only; sys's leaves out
# what sys answers by attribute delegation (path, ps1, ps2).
import sys, os, math, builtins

for m in (sys, os, math, builtins):
    d = m.__dict__
    print(m.__name__, d is m.__dict__, type(d).__name__, len(d) == len(list(d)), "__name__" in d)
    try:
        d["x"] = 1
    except TypeError as e:
        print("TypeError", repr(str(e)))
    try:
        del d["__name__"]
    except TypeError as e:
        print("TypeError", repr(str(e)))
print([k for k in ("path", "ps1", "ps2", "argv", "modules") if k in sys.__dict__])
print(sys.ps1, sys.path is sys.path)
sys.ps1 = "$ "
print(sys.ps1, "ps1" in sys.__dict__, "ps1" in dir(sys))
