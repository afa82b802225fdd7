print(divmod(17, 5), divmod(-17, 5), divmod(17.5, 5))
print(pow(2, 8), pow(2, 8, 7), pow(2.0, 3), pow(9, 0.5))
print(round(3.7), round(-3.2), round(3.14159, 3), round(1e20))
print(round(123.456, -1), round(7), round(7.5), round(6.5))
for a, b in [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 3), (2 ** 65, 7)]:
    q, r = divmod(a, b)
    print(a, b, q, r, q * b + r == a)
for a, b in [(7.5, 2), (-7.5, 2), (7.5, -2)]:
    print(a, b, divmod(a, b))
try:
    divmod(1, 0)
except ZeroDivisionError:
    print("ZeroDivisionError divmod")
print(pow(3, 0), pow(0, 0), pow(-1, 101), pow(10, 20), pow(2, 10, 1000))
print(pow(3, 200, 2 ** 61 - 1), pow(-2, 3, 5), pow(7, 1, 1))
print(round(0.0), round(-0.4), round(99.99, 1), round(5.55555, 4))
