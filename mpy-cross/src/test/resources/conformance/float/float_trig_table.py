import math
for deg in range(0, 361, 45):
    r = math.radians(deg)
    print("%3d %8.4f %8.4f" % (deg, math.sin(r), math.cos(r)))
print("%.6f" % math.atan(1.0), "%.6f" % math.sqrt(10))
