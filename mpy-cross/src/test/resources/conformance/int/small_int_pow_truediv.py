# int ** int and int / int on small ints: results that fit in 64 bits and the first ones that
# do not (they continue as big ints), signs, zero and one, and the float quotient of two ints.
# MicroPython differs: int / int converts each int to float first (CPython rounds the exact quotient)

for x in (0, 1, -1, 2, -2, 3, -3, 7, 10, -10, 2 ** 31, -(2 ** 31), 3037000499, 3037000500, 2 ** 62):
    for y in (0, 1, 2, 3, 5, 19, 20, 21, 22, 23, 38, 39, 40, 41, 61, 62, 63, 64, 65):
        r = x ** y
        print(x, y, r, r - 1, r + 1)
print(1 ** (2 ** 62), (-1) ** (2 ** 62), (-1) ** (2 ** 62 + 1), 0 ** (2 ** 62))
print((-2) ** 63, -(2 ** 63), (-2) ** 63 - 1, 2 ** 63 - 1)
for x, y in ((2, -1), (-2, -2), (10, -3), (1, -5), (-1, -5)):
    print(x ** y)
a = 5
a **= 3
b = 5
b **= 40
print(a, b, b // a)
for x in (7, -7, 1, 0, -0, 2 ** 53 + 1, 2 ** 62 - 1, -(2 ** 62), 9007199254740993, 123456789012345678):
    for y in (2, -2, 3, -3, 7, 2 ** 40 + 1, -(2 ** 62)):
        print(repr(x / y), end=" ")
    print()
c = 9
c /= 2
print(c, type(c).__name__, 0 / -5, -0 / 5)
for e in ("1 / 0", "0 / 0", "0 ** -1", "(2 ** 70) / 0"):
    try:
        eval(e)
    except ZeroDivisionError:
        print("ZeroDivisionError", e)
