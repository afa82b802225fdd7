print(complex(), complex(5), complex(2, 3), complex(-1.5, 0.5))
print(complex("3+4j"), complex("-2j"), complex("1.5"))
z = complex(1, 1)
print(z.real + z.imag, type(z.real).__name__)
print(complex(2, 0) == 2, complex(0, 0) == 0, bool(0j), bool(1j))
try:
    complex("abc")
except ValueError:
    print("ValueError")
