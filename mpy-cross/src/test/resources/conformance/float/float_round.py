# MicroPython differs: round(2.675, 2) is 2.68 (MicroPython rounds the decimal value)
print(round(2.5), round(3.5), round(-2.5), round(0.5))
print(round(3.14159, 2), round(2.675, 2), round(-1.005, 1))
print(round(1234.5678, -2), round(1e10 + 0.5))
print(type(round(2.7)).__name__, type(round(2.7, 1)).__name__)
for v in (0.125, 0.375, 1.0625, -0.125, 12345.6789):
    print(v, round(v, 1), round(v, 2), round(v, 3), round(v, -1))
print(round(1e300, 2) == 1e300, round(float("inf"), 1) if False else "inf")
vals = [round(x / 8, 2) for x in range(9)]
print(vals)
