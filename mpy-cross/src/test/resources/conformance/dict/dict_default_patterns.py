groups = {}
for word in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    groups.setdefault(word[0], []).append(word)
print(sorted(groups.items()))
index = {}
for i, c in enumerate("banana"):
    if c not in index:
        index[c] = []
    index[c].append(i)
print(sorted(index.items()))
print({k: len(v) for k, v in sorted(groups.items())} == {"a": 2, "b": 2, "c": 1})
