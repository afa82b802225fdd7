import math
def exp_series(x, terms=30):
    s, t = 1.0, 1.0
    for n in range(1, terms):
        t *= x / n
        s += t
    return s
for x in (0.5, 1.0, 2.0):
    print("%.10f %.10f" % (exp_series(x), math.exp(x)))
pi_est = 0.0
for k in range(2000):
    pi_est += (-1) ** k / (2 * k + 1)
print("%.6f" % (4 * pi_est))
