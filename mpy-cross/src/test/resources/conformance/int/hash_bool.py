# MicroPython differs: bool is not an instance of int
print(hash(5), hash(-1) == hash(-1), hash(True), hash(0))
print(bool(0), bool(-1), bool(2 ** 100))
print(int.__name__, type(5) is int, isinstance(True, int))
print(isinstance(2 ** 100, int), type(2 ** 100).__name__)
print(hash(7) == hash(7), hash(2 ** 70) == hash(2 ** 70), hash(-5) == hash(-5))
d = {0: "zero", 1: "one"}
print(d[False], d[True], len({0, False, 1, True}))
print(int(True), int(False), str(True), repr(False), True is True)
print(sum([True] * 5), True * 3, -True, True // 1)
