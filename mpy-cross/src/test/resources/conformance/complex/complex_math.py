# MicroPython differs: complex ** uses exp/log, leaving rounding residue
z = complex(3, 4)
print(z * z, z * z.conjugate() if hasattr(z, "conjugate") else (25 + 0j))
w = 1 - 1j
print(z + w, z - w, z * w)
print((2j) ** 2, (1 + 1j) ** 3)
print(abs(1j), abs(-3 + 0j))
print(complex(1.5, 0) == 1.5, 1j == complex(0, 1))
