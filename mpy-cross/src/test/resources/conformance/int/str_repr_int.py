for v in [0, 7, -7, 2 ** 31, -(2 ** 63), 10 ** 25]:
    print(str(v), repr(v), "%d" % v, "{}".format(v), f"{v:>30}")
print("%x %o" % (2 ** 70, 2 ** 70))
print("{:08b} {:x} {:,}".format(255, -255, 10 ** 20))
def commas(n):
    s = str(abs(n))
    groups = []
    while s:
        groups.insert(0, s[-3:])
        s = s[:-3]
    return ("-" if n < 0 else "") + ",".join(groups)
for n in (0, 999, 1000, -1234567, 10 ** 12 + 1):
    print(commas(n), "{:,}".format(n) == commas(n))
print("%5d|%-5d|%05d|%+d|% d" % (42, 42, 42, 42, 42))
print("{:>8}|{:<8}|{:^8}|{:08}".format(-42, -42, -42, -42))
