# math: gamma, lgamma, erf and erfc over their whole range, including the special values
import math

for x in (0.5, 1.5, 10.0, 50.0, 100.0, 200.0):
    print("lgamma", x, "%.6g" % math.lgamma(x))
for x in (0.1, 2.5, 20.0, -1.5):
    print("gamma", x, "%.6g" % math.gamma(x))
for x in (-8.0, -3.0, -0.5, 0.0, 0.5, 2.5, 3.5, 8.0, 30.0):
    print("erf/erfc", x, "%.6g %.6g" % (math.erf(x), math.erfc(x)))
print(math.gamma(float("inf")), math.lgamma(float("inf")), math.lgamma(float("-inf")))
for f, x in ((math.gamma, 0.0), (math.gamma, -2.0), (math.gamma, float("-inf")), (math.lgamma, -1.0)):
    try:
        print(f(x))
    except ValueError:
        print("ValueError")
print((-1.0) ** float("inf"), 1.0 ** float("nan"), (-2.0) ** float("nan"))
