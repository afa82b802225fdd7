vals = [0, 1, 5, 255, -1, -128, 1 << 20]
for v in vals:
    print(v, v & 0xF0, v | 3, v ^ 0x55, v << 3, v >> 2)
print(1 << 64, (1 << 64) >> 60, -1 >> 10, -(1 << 70) >> 65)
print(0xFFFF & -0x100, -5 & 0xFF, -5 | 2, -5 ^ 3)
print(bin(-10), hex(-255), oct(64))
