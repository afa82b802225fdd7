print(type(1).__name__, type("").__name__, type([]).__name__, type(None).__name__, type(1.0).__name__)
print(type(int) is type, type(type(1)) is type)
X = type("X", (), {"v": 5})
print(X.__name__, X().v)
class D:
    def alpha(self): pass
    beta = 2
names = dir(D())
print("alpha" in names, "beta" in names)
import math
print("sqrt" in dir(math))
