# MicroPython differs: advancing built-in iterators nested thousands deep runs out of the C
# stack, which MicroPython reports as RuntimeError (CPython would crash or recurse further).
def nest(fn, depth):
    x = (1, 2)
    for _ in range(depth):
        x = fn(x)
    return x


def probe(name, fn, depth):
    try:
        print(name, depth, len(tuple(nest(fn, depth))))
    except RuntimeError as e:
        print(name, depth, "RuntimeError:", e)


for d in (100, 1000, 2457, 2458):
    probe("enumerate", enumerate, d)
    probe("map", lambda x: map(abs, x), d)
for d in (100, 1000, 1638, 1639):
    probe("zip", zip, d)
    probe("filter", lambda x: filter(None, x), d)
# mixed: cost adds up along the deepest chain
probe("mixed", lambda x: zip(enumerate(x)), 970)
probe("mixed", lambda x: zip(enumerate(x)), 990)
# iterating a shallow nest many times is fine
x = nest(enumerate, 50)
print(sum(1 for _ in x))
