class O:
    x = 1
o = O()
print(getattr(o, "x"), getattr(o, "y", "dflt"), hasattr(o, "x"), hasattr(o, "y"))
setattr(o, "y", 2)
print(o.y, getattr(o, "y"))
delattr(o, "y")
print(hasattr(o, "y"))
try:
    getattr(o, "nope")
except AttributeError:
    print("AttributeError")
print(getattr([], "append").__name__ if hasattr(getattr([], "append"), "__name__") else "append")
