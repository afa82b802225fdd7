import math
print(round(math.pi, 10), round(math.e, 10))
print(math.sqrt(0), math.sqrt(1e-10), math.exp(1) == math.e)
print(math.log(100, 10), round(math.log(2), 12), math.log10(0.001))
print(math.floor(-0.5), math.ceil(-0.5), math.floor(3), math.ceil(3.0000001))
print(math.isclose(0.1 + 0.2, 0.3) if hasattr(math, "isclose") else True)
