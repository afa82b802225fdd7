# MicroPython differs: negative-zero parts print without the sign and parentheses
for z in [0j, 1j, -1j, 2 + 0j, 1.5 - 2.5j, complex(0, -0.0), 1e20j]:
    print(z, repr(z))
try:
    (1 + 2j) < (2 + 1j)
except TypeError:
    print("TypeError ordering")
try:
    1 / 0j
except ZeroDivisionError:
    print("ZeroDivisionError")
