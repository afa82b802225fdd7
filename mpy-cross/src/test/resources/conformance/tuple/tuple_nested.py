t = ((1, 2), [3, 4], "s")
t[1].append(5)
print(t)
try:
    hash(t)
except TypeError:
    print("TypeError unhashable")
print(sorted([(2, "b"), (1, "z"), (2, "a")]))
print(max([(1, 9), (2, 0)]), min((3, 1), (3, 0)))
print(((1, 2), (3, 4))[1][0])
print(list(zip(*[(1, "a"), (2, "b")])))
