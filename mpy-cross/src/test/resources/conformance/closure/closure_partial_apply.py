def partial(fn, *bound, **kwbound):
    def call(*args, **kw):
        merged = dict(kwbound)
        merged.update(kw)
        return fn(*(bound + args), **merged)
    return call
def volume(w, h, d=1, unit="cm"):
    return "%d %s3" % (w * h * d, unit)
v2 = partial(volume, 2)
print(v2(3), v2(3, 4), partial(volume, 1, 1, unit="m")(5))
pipeline = [partial(lambda a, b: a + b, 1), partial(lambda a, b: a * b, 10)]
x = 2
for f in pipeline:
    x = f(x)
print(x)
