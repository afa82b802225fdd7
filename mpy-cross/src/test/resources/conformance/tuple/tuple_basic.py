t = (1, "a", 2.5, None)
print(t, len(t), t[1], t[-1], t[1:3])
print((1,), (), tuple(), tuple([1, 2]), tuple("ab"))
print(t.count(1), t.index("a"), (1, 2) + (3,), (0,) * 3)
print((1, 2) < (1, 3), (1, 2) == (1, 2), (2,) > (1, 9))
a, b, c, d = t
print(a, d)
try:
    t[0] = 5
except TypeError:
    print("TypeError immutable")
print(hash((1, 2)) == hash((1, 2)), {(1, 2): "key"}[(1, 2)])
x = 1, 2
print(type(x).__name__, x)
print(tuple(x * 2 for x in range(3)))
