# MicroPython differs: help() prints MicroPython's text, help(obj) the object's type and the names in its type's dict
help()
class A:
    x = 1
    y = "why"
    z = None
help(A)
print(help(A) is None)
help(1 == 1)
help(None)
help(int)
print("done")
