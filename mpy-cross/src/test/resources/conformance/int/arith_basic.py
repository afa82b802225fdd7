for a, b in [(7, 3), (-7, 3), (7, -3), (-7, -3), (0, 5)]:
    print(a, b, a + b, a - b, a * b, a // b, a % b, divmod(a, b))
print(2 ** 10, 2 ** 0, (-2) ** 3, 10 ** -1)
print(7 / 2, -7 / 2, 6 / 3)
print(abs(-5), -(-5), +5, ~5, ~-1)
x = 17
x = x * 3 - 4
x = x // 2 + x % 5
print(x)
ops = [lambda a, b: a + b, lambda a, b: a - b, lambda a, b: a * b, lambda a, b: a // b, lambda a, b: a % b]
for a, b in [(100, 7), (-100, 7), (2 ** 40, 3), (1, 2 ** 70)]:
    print([op(a, b) for op in ops])
print(-(-5) // 2, -5 // -2, 5 // -2, -(5 // 2))
print(0 * -1, -0, 0 == -0, 1 - 1)
