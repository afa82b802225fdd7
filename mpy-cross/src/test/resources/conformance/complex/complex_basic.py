# MicroPython differs: complex division rounds differently in the last digit
a = 1 + 2j
b = 3 - 1j
print(a, b, a + b, a - b, a * b)
print(a / b)
print(a.real, a.imag)
print(abs(3 + 4j), -a, +a)
print(complex(2), complex(1, -1), complex("1+2j") if True else 0)
print(1j * 1j, (1j) ** 2, 2 * a, a == 1 + 2j, a != b)
print(type(a).__name__)
