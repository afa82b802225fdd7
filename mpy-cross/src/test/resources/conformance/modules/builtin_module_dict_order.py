# MicroPython differs: a built-in module's globals are a fixed table that iterates in the
# table's order (list(m.__dict__), help(m)); CPython's modules are ordinary dicts.
import array, binascii, builtins, cmath, collections, errno, gc, heapq, json, math, struct, time
for m in (array, binascii, builtins, cmath, collections, errno, gc, heapq, json, math, struct, time):
    print(list(m.__dict__))
print(list(math.__dict__.values())[1:3], len(builtins.__dict__) > 100)
help(gc)
help(struct)
print(math.sqrt(16.0), gc.isenabled(), struct.calcsize("<hi"), "OrderedDict" in collections.__dict__)
