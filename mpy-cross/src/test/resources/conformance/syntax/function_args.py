def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, sorted(kw.items()))
print(f(1, c=3))
print(f(1, 2, 3, 4, c=5, e=6))
print(f(a=0, c=1, d=2, z=9))
def h(*, only):
    return only
print(h(only="kw"))
try:
    h(1)
except TypeError:
    print("TypeError positional")
try:
    f()
except TypeError:
    print("TypeError missing")
try:
    f(1, c=1, a=2)
except TypeError:
    print("TypeError duplicate")
def defaults_shared(x, acc=[]):
    acc.append(x)
    return acc
print(defaults_shared(1), defaults_shared(2))
