a = [1, 2, 3, 4]
b = "xyz"
print(list(zip(a, b)))
print([(i, x, y) for i, (x, y) in enumerate(zip(a, b), start=1)])
keys = ["k1", "k2"]
vals = [10, 20, 30]
print(sorted(dict(zip(keys, vals)).items()))
z = zip(range(3), range(3))
print(next(z), list(z))
