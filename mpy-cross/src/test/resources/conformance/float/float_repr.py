vals = [0.0, -0.0, 1.0, 0.5, 0.1, 1.25, 100.0, 1e16, 1e17, 123456.789, 1e-5, 1.5e-10, 3.0e22, 2 ** 0.5]
for v in vals:
    print(v, repr(v), str(v))
print(float("inf"), float("-inf"), float("nan"))
print(1e100, 12345678.9)
for v in [1 / 7, 22 / 7, 1e15 + 0.5, 2.0 ** 52, 2.0 ** -20, 1 - 1e-16, 100 / 3]:
    print(repr(v), str(-v))
print([0.5, 0.25, 1e-3], (1.0,), {2.5: 0.5})
print(1e22, 1e21, 1e-4, 1e-5)
