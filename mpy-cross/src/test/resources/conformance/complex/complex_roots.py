import cmath
def quad(a, b, c):
    d = cmath.sqrt(b * b - 4 * a * c)
    return (-b + d) / (2 * a), (-b - d) / (2 * a)
r1, r2 = quad(1, -3, 2)
print(r1.real, r2.real, r1.imag == 0)
r1, r2 = quad(1, 2, 5)
print(round(r1.real, 9), round(r1.imag, 9), round(r2.imag, 9))
print(abs(r1 * r2 - 5) < 1e-9)
