s = 0.0
for i in range(1, 1001):
    s += 1.0 / i
print("%.10f" % s)
p = 1.0
for i in range(1, 21):
    p *= i
print(p, "%.0f" % p)
m = 0.1
print(sum([m] * 10) == 1.0, "%.15f" % sum([m] * 10))
