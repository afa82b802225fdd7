nums = range(-5, 6)
print(sorted({n * n for n in nums}))
print(sorted({n: abs(n) for n in nums if n % 2}.items()))
print(sorted({k: v for k, v in zip("abcde", range(5)) if v not in (1, 3)}.items()))
matrix = [[1, 2, 3], [4, 5, 6]]
print(sorted({x for row in matrix for x in row if x % 2 == 0}))
print({(i, j) for i in range(2) for j in range(2) if i != j} == {(0, 1), (1, 0)})
