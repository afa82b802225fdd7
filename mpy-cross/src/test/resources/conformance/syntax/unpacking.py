a, b = 1, 2
a, b = b, a
print(a, b)
x, *y = [1, 2, 3, 4]
print(x, y)
*x, y = "hello"
print(x, y)
a, *m, z = range(6)
print(a, m, z)
(p, q), r = (1, 2), 3
print(p, q, r)
[s, t] = "st"
print(s, t)
first, *rest = [9]
print(first, rest)
try:
    a, b = [1, 2, 3]
except ValueError:
    print("ValueError too many")
try:
    a, b, c = [1, 2]
except ValueError:
    print("ValueError too few")
def f(*args, **kw):
    return args, sorted(kw.items())
print(f(*[1, 2], x=1, **{"y": 2}))
