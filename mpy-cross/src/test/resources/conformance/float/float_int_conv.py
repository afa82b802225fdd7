import math
print(int(1e10), int(-2.5), int(1.9999))
print(int(1e20) == 10 ** 20)
print(math.trunc(-3.7), math.floor(-3.7), math.ceil(-3.7))
try:
    int(float("inf"))
except OverflowError:
    print("OverflowError inf")
try:
    int(float("nan"))
except ValueError:
    print("ValueError nan")
print(float(10 ** 20), 3 * 1.5, 10 / 4, 10 // 4.0)
