for args in [(10, 0, -1), (10, 0, -3), (0, 10, -1), (-1, -10, -4), (5, 5, -1)]:
    r = range(*args)
    print(args, list(r), len(r))
r = range(100, 0, -7)
print(r[0], r[1], r[-1], 2 in r, 100 in r, 93 in r)
print(list(range(0, -10, -2)), list(range(-3, 3)), list(range(3, -3, -1)))
r = range(20, -20, -6)
print(list(r), len(r), r[2], r[-2], -10 in r, -4 in r)
print(list(reversed(range(1, 10, 3))), list(reversed(range(10, 1, -3))))
