def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
def lcm(a, b):
    return a // gcd(a, b) * b
print(gcd(48, 180), gcd(17, 5), lcm(4, 6), lcm(21, 6))
def egcd(a, b):
    if b == 0:
        return a, 1, 0
    g, x, y = egcd(b, a % b)
    return g, y, x - (a // b) * y
print(egcd(240, 46))
def modinv(a, m):
    g, x, _ = egcd(a, m)
    return x % m
print(modinv(3, 11), modinv(10, 17))
print(gcd(2 ** 100, 6 ** 50))
