a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
xs = [5, 3, 8]
xs[0], xs[2] = xs[2], xs[0]
print(xs)
def minmax(seq):
    lo = hi = seq[0]
    for v in seq[1:]:
        lo, hi = (v, hi) if v < lo else (lo, v) if v > hi else (lo, hi)
    return lo, hi
print(minmax([4, -2, 9, 0, 11, -5]))
pairs = [(2, "b"), (1, "a")]
print([(y, x) for x, y in pairs])
