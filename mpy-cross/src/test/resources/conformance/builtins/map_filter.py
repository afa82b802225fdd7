print(list(map(abs, [-1, 2, -3])), list(map(lambda a, b: a * b, [1, 2], [3, 4, 5])))
print(list(filter(None, [0, 1, "", "a", [], [0]])), list(filter(lambda x: x % 2, range(7))))
m = map(str, range(3))
print(next(m), list(m))
print(list(map(len, ["a", "bb"])), "".join(map(chr, [104, 105])))
def compose(*fns):
    def run(x):
        for f in reversed(fns):
            x = f(x)
        return x
    return run
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(list(map(compose(inc, dbl), range(5))), list(map(compose(dbl, inc), range(5))))
words = ["alpha", "beta", "", "gamma", "  "]
print(list(filter(str.strip, words)) if False else [w for w in words if w.strip()])
print(list(map(lambda p: p[0] * p[1], zip(range(4), range(4, 8)))))
evens = filter(lambda n: n % 2 == 0, range(20))
print(next(evens), next(evens), sum(evens))
print(list(map(str.upper, "abc")), list(map(int, ["1", "22", "-3"])))
