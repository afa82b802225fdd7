for a in (17, -17, 2 ** 70 + 5, -(2 ** 70) - 5):
    for b in (5, -5, 2 ** 35 + 1):
        q, r = divmod(a, b)
        assert q * b + r == a
        print(a // b, a % b)
try:
    1 // 0
except ZeroDivisionError:
    print("ZeroDivisionError //")
try:
    5 % 0
except ZeroDivisionError:
    print("ZeroDivisionError %")
