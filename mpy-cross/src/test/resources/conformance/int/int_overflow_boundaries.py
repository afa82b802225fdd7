for v in [2 ** 30 - 1, 2 ** 30, 2 ** 31 - 1, 2 ** 31, 2 ** 62, 2 ** 63 - 1, 2 ** 63, 2 ** 64]:
    print(v, v + 1, v * 2, -v - 1, v // 3)
m = 2 ** 62
print(m + m, m * m, (m + m) // m)
small = -(2 ** 62)
print(small - 1, small * 4)
