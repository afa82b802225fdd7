# MicroPython differs: range objects compare equal only when identical
print(list(range(5)), list(range(2, 8)), list(range(10, 0, -3)), list(range(0)))
r = range(1, 20, 4)
print(r, len(r), r[0], r[-1], r[1:3], 9 in r, 10 in r)
print(list(reversed(range(3))), sum(range(101)))
print(range(5) == range(5), range(0, 3) == range(0, 3, 1))
print(r.start, r.stop, r.step)
try:
    range(1, 5, 0)
except ValueError:
    print("ValueError step")
print(list(range(-5, -1)), list(range(5, -5, -2)), len(range(10 ** 6)))
