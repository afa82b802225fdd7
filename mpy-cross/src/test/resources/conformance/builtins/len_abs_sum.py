print(len("abc"), len([1, 2]), len({}), len(range(7)), len(b"xy"), len({1, 2}), len((1,)))
print(abs(-3), abs(3.5), abs(-0.0), abs(-2 ** 70))
print(sum([1, 2, 3]), sum([], 10), sum([0.5, 0.25]), sum(range(10), 100))
print(sum([[1], [2]], []))
class Sized:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
print(len(Sized(0)), len(Sized(42)), len("€uro"), len(b"\x00" * 5), len(bytearray(3)))
print(len([[1, 2], [3]]), len({"a": [1, 2, 3]}), len(range(1, 100, 7)), len(frozenset("aab")))
try:
    len(42)
except TypeError:
    print("TypeError len")
print(sum(x * 0.5 for x in range(5)), sum([1, 2.5, 3]), sum((2 ** 64, 2 ** 64)))
print(sum([True, True, False]), sum([], 0.0), sum(range(-5, 6)))
try:
    sum(["a", "b"])
except TypeError:
    print("TypeError sum str")
print(abs(-2 ** 63), abs(-1e-300), abs(0), abs(-True))
