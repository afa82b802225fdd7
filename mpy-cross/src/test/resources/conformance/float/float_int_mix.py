print(1 + 1.0, 2 * 0.5, 3 - 0.5, 7 / 7, 2 ** 0.5 * 2 ** 0.5)
print(10 // 3.0, 10 % 3.0, -10 // 3.0, -10 % 3.0)
print(float(1 << 53) + 1, 1e16 + 1)
print(int(2.5e9), 2 ** 31 * 1.0)
print(0.1 + 0.2 == 0.3, abs(0.1 + 0.2 - 0.3) < 1e-9)
total = 0
for i in range(10):
    total += i / 4
print(total, type(total).__name__)
print(3 * 0.1 == 0.3, 3 * 0.5 == 1.5, 7 // 0.5, 7 % 0.5, 2 ** -1)
print(max(1, 1.0), min(2.0, 2), sorted([2, 1.5, 1, 0.5]))
print(int(7 / 2), round(7 / 2), 7 // 2, -7 // 2, int(-7 / 2))
print(1e3 == 1000, 2 ** 53 == float(2 ** 53), 10 ** 16 == 1e16)
