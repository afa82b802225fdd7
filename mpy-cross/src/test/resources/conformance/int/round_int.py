print(round(5), round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2))
print(round(7, 0), round(15, -1), round(25, -1))
for n in (0, 5, 15, 25, 35, 45, -15, -25, 1234567):
    print(n, round(n, -1), round(n, -2), round(n, 0), round(n))
big = 10 ** 30 + 5 * 10 ** 10
print(round(big, -11), round(big, -12), round(-big, -11))
def check(v):
    r = round(v, -1)
    return r % 10 == 0 and type(r) is int
print(all(check(v) for v in range(-100, 100, 7)))
for n in (149, 150, 151, 250, 251):
    print(n, round(n, -2))
