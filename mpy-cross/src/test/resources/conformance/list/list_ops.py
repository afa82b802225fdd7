a = [1, 2, 3]
b = a * 2
print(b, a + [4], [0] * 3, [[]] * 2)
print(a == [1, 2, 3], a < [1, 3], [1, 2] < [1, 2, 0], a != b)
print(2 in a, 9 not in a, len(b), sum(a), max(b), min(b))
nested = [[0] * 2 for _ in range(2)]
nested[0][0] = 1
print(nested)
alias = [[0] * 2] * 2
alias[0][0] = 1
print(alias)
print(list(range(5))[::-1], list("ab"), list((1, 2)), list({1: 2}))
a[1:1] = [9, 9]
print(a)
a[-1:] = []
print(a)
