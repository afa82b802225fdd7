# MicroPython differs: cmath.sqrt(-4) keeps a tiny real part
import cmath
z = 3 + 4j
print(round(cmath.phase(z), 6), abs(z))
r, phi = cmath.polar(z)
print(round(r, 6), round(phi, 6))
w = cmath.rect(2, 0)
print(w.real, abs(w.imag) < 1e-12)
s = cmath.sqrt(-4)
print(s)
e = cmath.exp(0j)
print(e)
print(round(cmath.log(1j).imag, 6))
