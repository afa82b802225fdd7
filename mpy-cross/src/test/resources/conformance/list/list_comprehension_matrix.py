n = 4
ident = [[1 if i == j else 0 for j in range(n)] for i in range(n)]
for row in ident:
    print(row)
a = [[1, 2], [3, 4]]
b = [[5, 6], [7, 8]]
prod = [[sum(a[i][k] * b[k][j] for k in range(2)) for j in range(2)] for i in range(2)]
print(prod)
print([list(r) for r in zip(*a)])
