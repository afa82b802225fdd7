# MicroPython differs: a float (or complex) on the left converts an object with __float__ on the right
class T:
    def __float__(self):
        return 0.5
for f in (lambda: 2.0 * T(), lambda: 2.0 + T(), lambda: T() * 2.0, lambda: 2 * T(), lambda: 2.0 < T(), lambda: 2.0 == T(), lambda: 1j * T()):
    try:
        print(f())
    except TypeError as e:
        print("TypeError", e)
class U:
    pass
try:
    print(2.0 * U())
except TypeError as e:
    print("TypeError", e)
class V:
    def __float__(self):
        return 0.5
    def __rmul__(self, o):
        return "rmul"
print(2.0 * V())
print(0.5 == T(), 0.5 != T(), 1.0 > T(), 2.0 ** T(), 1.0 // T(), 1.0 % T(), divmod(1.0, T()), (1 + 0j) == T())
x = 2.0
x *= T()
print(x)
class W(float):
    pass
print(W(1.5) * T())
t = T()
print(t is t, 2.0 is t, t in [2.0])
