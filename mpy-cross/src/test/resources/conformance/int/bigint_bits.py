x = (1 << 100) - 1
print(x & 0xFFFF, x >> 90, x ^ (1 << 99))
print((1 << 100) | 1, -(1 << 80) & 0xFFFFFFFF)
print(~(1 << 70), -(1 << 70) >> 3)
print(hex(1 << 100), bin(2 ** 65 + 1))
print((1 << 200).bit_length() if hasattr(0, "bit_length") else 201)
y = 123456789123456789123456789
print(y % 97, y // 97, str(y)[::-1] if False else str(y))
print(int("987654321987654321987654321") * 3)
