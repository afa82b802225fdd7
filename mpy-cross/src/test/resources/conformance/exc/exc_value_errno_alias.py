# MicroPython differs: .value and .errno give args[0] (or None) on every exception
for e in (Exception(1), Exception(), Exception(2, 3), ValueError("x"), OSError(5, "io"), StopIteration(7), KeyError("k")):
    print(repr(e), e.value, e.errno)
class E(Exception):
    pass
print(E(9).value, E().errno)
class F(Exception):
    def __init__(self):
        self.value = 4
print(F().value)
try:
    Exception(1).value = 5
except AttributeError as x:
    print("AttributeError", x)
