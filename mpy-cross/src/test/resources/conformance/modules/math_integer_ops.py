import math
print([math.isqrt(n) if hasattr(math, "isqrt") else int(n ** 0.5) for n in (0, 1, 15, 16, 17)])
print(math.floor(7 / 2), math.ceil(7 / 2), int(math.sqrt(49)))
print(math.fsum([0.1] * 10) if hasattr(math, "fsum") else 1.0)
print(round(math.pi ** 2, 10), math.pow(10, -2))
print(math.copysign(3, -0.0), math.fabs(-0.0))
