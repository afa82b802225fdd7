# MicroPython differs: the smallest subnormal prints with all its digits
vals = [0.1, 0.2, 0.3, 1 / 3, 2 / 3, 1e-7, 123.456, 9007199254740993.0, 5e-324, 1.7976931348623157e308]
for v in vals:
    print(repr(v), float(repr(v)) == v)
