# MicroPython differs: its constructors' argument-count messages
for t in (list, dict, tuple, set, frozenset, int, float):
    for args in ((1, 2, 3), (1, 2)):
        try:
            print(t.__name__, t(*args))
        except TypeError as e:
            print(t.__name__, e)
    class H(t):
        pass
    try:
        print(t.__name__, H(1, 2))
    except TypeError as e:
        print(t.__name__, "subclass", e)
try:
    int(bytearray(b"12"), 10)
except TypeError as e:
    print(e)
print(int(b"12", 10))
