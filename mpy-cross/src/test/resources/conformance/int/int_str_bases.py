for n in [0, 1, 255, 4096, 65535, -42]:
    print(n, bin(n), oct(n), hex(n), "{:b} {:o} {:x} {:X}".format(n, n, n, n))
print(int("ff", 16), int("FF", 16), int("-ff", 16), int("0xff", 0), int("10", 36))
print(int("1" * 40, 2), int("7" * 30, 8))
for base in (2, 3, 8, 10, 16, 36):
    print(base, int("101", base), int("11", base), int("Z" if base == 36 else "1", base))
def to_base(n, b):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    s = ""
    neg = n < 0
    n = abs(n)
    while n:
        n, r = divmod(n, b)
        s = digits[r] + s
    return "-" + s if neg else s
for n in (0, 7, 255, -255, 2 ** 70):
    print(n, to_base(n, 2)[:20], to_base(n, 7), to_base(n, 36), int(to_base(n, 36), 36) == n)
