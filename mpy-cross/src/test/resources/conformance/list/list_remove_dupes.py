items = [3, 1, 3, 2, 1, 5, 2]
seen = set()
uniq = []
for x in items:
    if x not in seen:
        seen.add(x)
        uniq.append(x)
print(uniq, sorted(set(items)))
print([x for i, x in enumerate(items) if x not in items[:i]])
print(len(items) - len(uniq))
