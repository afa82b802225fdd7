# MicroPython differs: |z| is sqrt(re*re + im*im) without hypot's scaling (huge parts give inf,
# tiny ones 0), a power of a zero-magnitude complex keeps its imaginary part or raises
# "0.0 to a complex power", and an int compares with a float after conversion to float
print(abs(complex(1e200, 1e200)), abs(complex(3e-200, 4e-200)), abs(3 + 4j))
print((1e-200j) ** 2, (1e-200 + 0j) ** 0, complex(0, -0.0) ** 0)
for f in [lambda: (1e-200j) ** -1, lambda: (-1e-200) ** 0.5, lambda: 0j ** 1j]:
    try:
        print(f())
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
n = 2**100 + 1
print(n == float(n), float(n) == n, n < float(n), n > float(n), 2**53 + 1 == 2.0**53, 10**400 == float("inf"))
import cmath
print(cmath.polar(complex(1e200, 0)), cmath.sqrt(complex(1e300, 0)), cmath.log(complex(1e-200, 0)))
