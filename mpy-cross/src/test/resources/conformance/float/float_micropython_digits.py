# MicroPython differs: floats print with its own digit algorithm (16 digits first, more only
# when they do not read back), %f is limited by a 32-byte buffer, ',' and '_' only show in
# zero padding, hash(float) is the value truncated to an integer, and a spec starting with an
# alignment character takes no fill
print(repr(84.4), repr(99174.4), str(0.3), 1 / 3, 2 / 3, 0.1 + 0.2, 1.1 * 3)
print(1e15, 1e16, 123456789012345678.0, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308)
print("%.3f" % 4.149e28, "%.3f" % -4.149e28, "%.3f" % 7.4e19)
print("%.20f" % 0.1, "%.25f" % 1.5, "%.30f" % 2.5e-10, "%.99g" % 0.1)
print("%.17g %.18g %.19g %.20g" % (0.1, 0.1, 0.1, 0.1))
print("%e %.0e %.12e %E" % (6.02214076e23, 0.5, 1 / 7, 1e-300))
print("%g %.1g %.3g %#g %G" % (1e-5, 0.05, 1234567.0, 1.0, 2.5e-7))
print("%015.4f|%-15.4g|%+012.3e|% .3f|%-010.2f|" % (-3.14159, 2.5, 12345.678, 1.5, 1.5))
print("{:10.3f}|{:<12.5g}|{:^15.2e}|{:*>20.2f}|{:=+15.6}".format(3.14159, 2.71828, 1e10, 1234.5, -0.001))
print("{:,}|{:_}|{:020,.3f}|{:015_.1f}|{:016,}|{:,f}".format(1234567.5, 7654321.25, 1234.5, -1234.5, 98765.4321, 1e6))
print("{:.2%}|{:.0%}|{:n}|{:.0}|{:.3}|{:}|{}".format(0.12345, 0.5, 84.4, 1234.5, 0.000123456, 84.4, 99174.4))
print("{:f}|{:e}|{:g}|{:.2f}".format(3, 7, 2 ** 70, True))
print(float("84.4"), float("1e23"), float("-0.000001234"), float("1_000.5"), float("  12.5e-3  "))
print(1 + 2j, -1.5j, complex(84.4, -99174.4), complex(0.0, 1e20))
for x in [1.5, -2.5, 0.1, 1e18, 2.0 ** 62, 2.0 ** 63, 1e300, -1e300, float("inf"), float("nan"), -0.0, 0.999]:
    print(x, hash(x))
print(hash(1 + 2j), hash(2.5 - 3.5j), hash(1e300j))
print({1.5, 2.5, 0.5, 3.25, 100.1, 7.75, 1e10, -4.5})
print({0.5: "a", 1.5: "b", 2.5: "c", 10.25: "d", -3.5: "e"})
for x in (float("inf"), -float("nan"), -0.0, 1e-300, 123456789.125):
    print("%010f|% 010.3f|%+010e|%-010g|%#.0f|%*.*f" % (x, x, x, x, x, 12, 3, x))
    print("{:010}|{:*<+11.3e}|{:>+010.2f}|{:^010}|{:0<10}|{:_>10,}|{:010,.1e}|{:x^9}".format(x, x, x, x, x, x, x, x))
try:
    print("{:=^12}".format(1.5))  # an alignment character first is never a fill
except ValueError as e:
    print("ValueError:", e)
