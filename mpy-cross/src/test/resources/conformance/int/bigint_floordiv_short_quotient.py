# Floor division and modulo of long ints whose quotient is short (as a pi spigot extracts a
# digit), at the edges: every sign combination, exact multiples and off-by-one remainders,
# quotients near 2**29, 2**62, 2**63 and 2**64, divisors 1 and -1, and results that are
# small ints again (their type and identity-free arithmetic afterwards).

def check(x, y):
    q = x // y
    r = x % y
    assert q * y + r == x, (x, y)
    assert r == 0 or (r < 0) == (y < 0), (x, y)
    assert divmod(x, y) == (q, r)
    return q, r

base = [3 ** 200, 2 ** 300 + 12345, 7 ** 150 - 1, 2 ** 64 - 1, 2 ** 63, 10 ** 40 + 7]
digits = 0
for y in base:
    for k in (0, 1, 2, 7, 9, 10, 1000, 2 ** 29 - 1, 2 ** 29, 2 ** 29 + 1, 2 ** 62 - 1, 2 ** 63 - 1,
              2 ** 63, 2 ** 63 + 1, 2 ** 64 - 1, 2 ** 64, 2 ** 64 + 1):
        for extra in (0, 1, -1, y - 1, -(y - 1), y // 2):
            for sx in (1, -1):
                for sy in (1, -1):
                    q, r = check(sx * (k * y + extra), sy * y)
                    digits = (digits * 31 + q + 7 * r) % 1000000007
print("checksum", digits)

# print a sample so a wrong sign or off-by-one shows as a visible difference
big = 3 ** 200
for x in (9 * big, 9 * big + 1, 9 * big - 1, 10 * big - 1, big, big - 1):
    for sx, sy in ((1, 1), (1, -1), (-1, 1), (-1, -1)):
        print(sx * x // (sy * big), (sx * x % (sy * big)) // 3 ** 190, end=" ")
    print()
for k in (2 ** 62, 2 ** 63 - 1, 2 ** 63, 2 ** 64 - 1, 2 ** 64, 2 ** 64 + 1):
    for s in (1, -1):
        q = (s * k * big + 1) // big
        print(q, type(q) is int, q - s * k)
print(big // 1 == big, big // -1 == -big, -big // 1 == -big, -big // -1 == big)
print((-(2 ** 63)) // -1, (2 ** 63) // -1, (2 ** 64) // (2 ** 63), -(2 ** 64) // (2 ** 63 + 1))
print(big // big, -big // big, big // -big, (big - 1) // big, -(big - 1) // big, (big + 1) // -big)
# a small result of big operands is an ordinary small int afterwards
q = (5 * big + 3) // big
print(q, q + 1, q * 2 ** 61, q << 60, hash(q) == hash(5))
# the spigot itself, a few digits
def pi_digits(n):
    q, r, t, k, digs = 1, 0, 1, 1, []
    while len(digs) < n:
        y = (q * 3 + r) // t
        if y == (q * 4 + r) // t:
            digs.append(y)
            q, r = 10 * q, 10 * (r - y * t)
        else:
            q, r, t, k = q * k, (2 * q + r) * (2 * k + 1), t * (2 * k + 1), k + 1
    return "".join(str(d) for d in digs)
print(pi_digits(120))
try:
    big // 0
except ZeroDivisionError:
    print("ZeroDivisionError")
try:
    big % 0
except ZeroDivisionError:
    print("ZeroDivisionError")
