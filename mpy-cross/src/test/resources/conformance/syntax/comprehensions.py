print([x * x for x in range(6)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(i, j) for i in range(3) for j in range(i)])
print(sorted({k: v for k, v in zip("abc", range(3))}.items()))
print(sorted({x % 4 for x in range(10)}))
g = (x + 1 for x in range(4))
print(list(g), list(g))
print([[c for c in w] for w in ["ab", "cd"]])
print(sum(x for x in range(101)))
m = [[1, 2], [3, 4], [5, 6]]
print([row[i] for i in range(2) for row in m])
print([y for row in m for y in row])
x = "outer"
[x for x in range(3)]
print(x)
print(sorted({(a, b): a * b for a in range(2) for b in range(2)}.items()))
