try:
    import not_a_real_module
except ImportError as e:
    print("ImportError", isinstance(e, ImportError))
try:
    from math import not_a_real_name
except ImportError:
    print("ImportError from-import")
with open("broken_mod.py", "w") as f:
    f.write("x = 1\nraise ValueError('broken at import')\n")
try:
    import broken_mod
except ValueError as e:
    print("ValueError during import:", e)
import os
os.remove("broken_mod.py")
