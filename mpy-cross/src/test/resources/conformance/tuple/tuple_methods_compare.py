t = (3, 1, 4, 1, 5, 9, 2, 6)
print(t.count(1), t.index(4), t.index(1, 2), len(t), min(t), max(t), sum(t))
print(sorted(t), tuple(sorted(t)), t[2:5], t[:0])
print((1, 2, 3) < (1, 2, 4), (1, 2) < (1, 2, 0), () < (0,), (2,) > (1, 100))
print((1, "a") == (1, "a"), (1, [2]) == (1, [2]), (0.5, 1) == (0.5, 1.0))
try:
    t.index(42)
except ValueError:
    print("ValueError index")
print(tuple(reversed(t)), t + (0,), 2 * (7,))
