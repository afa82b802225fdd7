print(pow(3, 4), pow(3, 4, 5), pow(-3, 3), pow(2, -2))
print(pow(7, 123, 1000), pow(123456789, 987654321, 1000000007))
print(3 ** 40, (-3) ** 41)
print(2 ** 0.5 > 1.41, 4 ** 0.5)
print(0 ** 0, 1 ** 1000)
def fast_pow(b, e, m):
    r = 1
    b %= m
    while e:
        if e & 1:
            r = r * b % m
        b = b * b % m
        e >>= 1
    return r
for b, e, m in [(2, 100, 97), (3, 1000, 1000003), (12345, 6789, 2 ** 31 - 1), (7, 0, 13)]:
    print(b, e, m, pow(b, e, m), fast_pow(b, e, m) == pow(b, e, m))
print([2 ** i for i in range(0, 70, 10)])
print((-2) ** 63, (-2) ** 64, 2 ** 64 - 2 ** 63)
