f = frozenset([1, 2, 3])
print(sorted(f), len(f), 2 in f, type(f).__name__)
g = f | {4}
print(type(g).__name__, sorted(g))
d = {f: "frozen"}
print(d[frozenset([3, 2, 1])])
try:
    f.add(5)
except AttributeError:
    print("AttributeError add")
print(frozenset() == frozenset(), f == {1, 2, 3}, hash(f) == hash(frozenset([1, 2, 3])))
print(sorted({frozenset([1]), frozenset([1]), frozenset([2])}, key=lambda s: sorted(s)))
