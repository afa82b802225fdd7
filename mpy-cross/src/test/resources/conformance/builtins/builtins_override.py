# MicroPython differs: CPython has no override table (del builtins.len removes len for good).
# Stores into the builtins module go to an override table looked up before the built-in
# one (MicroPython's MICROPY_CAN_OVERRIDE_BUILTINS): deleting the override brings the
# built-in back, the module's own attributes stay the built-in ones.
import builtins

print(len([1]))
builtins.len = lambda x: 99
print(len([1]), builtins.len([1, 2]))


def inner():
    return len("abc")


print(inner())
del builtins.len
print(len([1]), inner())
try:
    del builtins.len
except KeyError as e:
    print("KeyError", e)
try:
    del builtins.nosuch
except KeyError as e:
    print("KeyError", e)

builtins.newname = 5
print(newname)
print(hasattr(builtins, "newname"), getattr(builtins, "newname", "default"))
print("newname" in dir(builtins), "newname" in builtins.__dict__)
try:
    print(builtins.newname)
except AttributeError as e:
    print("AttributeError", e)
del builtins.newname
try:
    print(newname)
except NameError as e:
    print("NameError", e)

# a global of the module still comes first
abs = lambda x: "global"
builtins.abs = lambda x: "override"
print(abs(-1))
del abs
print(abs(-1))
del builtins.abs
print(abs(-1))

# a builtin used in a hot loop, overridden while it runs
total = 0
for i in range(3000):
    if i == 2000:
        builtins.max = lambda a, b: -1
    total += max(i, 0)
del builtins.max
print(total, max(1, 2))

# import statements go through an overriding __import__
orig = builtins.__import__


def imp(name, globals, locals, fromlist, level):
    print("import", name, type(globals).__name__, locals, fromlist, level)
    return orig(name, globals, locals, fromlist, level)


builtins.__import__ = imp
import json
from json import dumps

print(dumps([1]))
del builtins.__import__
import json

print("done")
