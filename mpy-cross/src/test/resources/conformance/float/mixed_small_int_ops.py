# A float with a small int on either side: + - * / ** and the orderings, with ints that a
# double cannot hold exactly, signed zeros, infinities and nan, and the errors.
# MicroPython differs: a float power that overflows is inf (CPython raises OverflowError)
ints = (0, 1, -1, 2, -3, 7, 2 ** 53 + 1, -(2 ** 53) - 1, 2 ** 62 + 3)
floats = (0.0, -0.0, 0.5, -2.5, 1.0, -1.0, 3.0, 1e300, float("inf"), float("-inf"), float("nan"))
for i in ints:
    for f in floats:
        row = [f + i, i + f, f - i, i - f, f * i, i * f, f < i, i < f, f <= i, i <= f, f > i, i > f, f >= i, i >= f]
        for e in ("f / i", "i / f", "f ** i"):
            try:
                row.append(eval(e))
            except ZeroDivisionError:
                row.append("ZeroDivisionError")
            except OverflowError:
                row.append("OverflowError")
        print(i, f, " ".join(repr(v) for v in row))
x = 2.0
x += 3
x *= 4
x -= 1
x /= 2
x **= 2
print(x)
n = 3
n += 0.5
print(n, (-2.0) ** 3, (-2.0) ** -3, 0.0 ** 0, (-0.0) ** 3, 1.0 ** (2 ** 62), (-1.0) ** (2 ** 62 + 1))
