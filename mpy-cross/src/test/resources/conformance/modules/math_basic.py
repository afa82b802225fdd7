import math
print(math.sqrt(2), math.pi, math.e)
print(math.floor(2.5), math.ceil(2.1), math.floor(-2.5), math.ceil(-2.1))
print(math.fabs(-3), math.pow(2, 10), math.exp(0), math.log(1), math.log(math.e))
print(math.log(8, 2), math.log10(1000), math.log2(1024))
print(math.sin(0), math.cos(0), math.tan(0), round(math.sin(math.pi / 2), 12))
print(round(math.atan2(1, 1), 10), round(math.asin(1), 10), round(math.acos(1), 10))
print(math.degrees(math.pi), math.radians(180) == math.pi)
print(math.fmod(7, 3), math.fmod(-7, 3), math.modf(2.5), math.frexp(8.0), math.ldexp(0.5, 4))
