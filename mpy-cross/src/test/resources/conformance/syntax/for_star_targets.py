rows = [(1, 2, 3), (4, 5), (6,)]
for first, *rest in rows:
    print(first, rest)
for *init, last in ["abc", "de"]:
    print(init, last)
pairs = {"a": [1, 2], "b": [3]}
for k, (v0, *vs) in sorted(pairs.items()):
    print(k, v0, vs)
