def perms(xs):
    if len(xs) <= 1:
        yield list(xs)
        return
    for i in range(len(xs)):
        for rest in perms(xs[:i] + xs[i + 1:]):
            yield [xs[i]] + rest
ps = list(perms([1, 2, 3]))
print(len(ps), ps)
def combos(xs, k):
    if k == 0:
        yield []
        return
    for i in range(len(xs)):
        for c in combos(xs[i + 1:], k - 1):
            yield [xs[i]] + c
print(list(combos("abcd", 2)))
