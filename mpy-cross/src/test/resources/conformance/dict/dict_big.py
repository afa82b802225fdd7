d = {}
for i in range(2000):
    d["k%d" % i] = i
print(len(d), d["k1999"], d["k0"])
for i in range(0, 2000, 3):
    del d["k%d" % i]
print(len(d), "k3" in d, "k4" in d)
print(sum(d.values()))
