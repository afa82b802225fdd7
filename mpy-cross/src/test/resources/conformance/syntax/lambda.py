sq = lambda x: x * x
print(sq(7))
add = lambda a, b=10: a + b
print(add(1), add(1, 2))
var = lambda *a, **k: (a, sorted(k))
print(var(1, 2, x=3))
fs = [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in fs])
late = [lambda: i for i in range(3)]
print([f() for f in late])
print((lambda: "immediate")())
print(sorted(["bb", "a", "ccc"], key=lambda s: -len(s)))
compose = lambda f, g: lambda x: f(g(x))
print(compose(str, sq)(4) + "!")
