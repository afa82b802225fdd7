# MicroPython differs: a multi-word int becomes a float 16 bits at a time in double arithmetic
# (not always the nearest double), and an int too big for a float gives inf, not OverflowError
print(float(2**100 + 2**47 + 1), float(-(2**70 + 2**17 + 1)), float(2**64 - 1), float(2**63))
print((2**64 + 2**11 + 1) / 1, 10**20 / 3, 2**70 / 7, 123456789012345678901234567890 / 10**10)
print(10**400 * 1.0, -(10**400) * 1.0, 10**400 / 10**399, float(10**400) == float("inf"))
print(2**200 + 0.5, 3**100 * 1.5, 7**50 / 2.5, (3**100) ** -1)
for i in range(20, 60, 3):
    x = 3**i * 7**(i // 2) + i
    print(x / 3, float(x), x * 0.1, hash(float(x)), "%.3e" % x)
