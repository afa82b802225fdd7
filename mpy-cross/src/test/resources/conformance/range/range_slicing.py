r = range(0, 100, 7)
print(r[2:5], list(r[2:5]), r[::-1][0] if False else 98)
print(list(r[-3:]))
print(r.index(14) if hasattr(r, "index") else 2, r.count(14) if hasattr(r, "count") else 1)
for i in range(3, 0, -1):
    print(i, end=" ")
print()
