l = [1, 2, 3, 4, 5, 6]
for x in l[:]:
    if x % 2 == 0:
        l.remove(x)
print(l)
m = [1, 2, 3]
for i, v in enumerate(m):
    m[i] = v * 10
print(m)
grid = [[r * 3 + c for c in range(3)] for r in range(3)]
print([list(row) for row in zip(*grid)])
flat = []
for row in grid:
    flat.extend(row)
print(flat)
