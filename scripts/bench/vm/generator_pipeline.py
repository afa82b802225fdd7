# Generator pipelines: chained generators, generator expressions and yield from.

def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1


def evens(src):
    for x in src:
        if x % 2 == 0:
            yield x


def squares(src):
    for x in src:
        yield x * x


def windows(src, k):
    buf = []
    for x in src:
        buf.append(x)
        if len(buf) == k:
            yield sum(buf)
            buf.pop(0)


def flatten(nested):
    for item in nested:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item


def bench():
    a = sum(squares(evens(numbers(20000))))
    b = max(windows(numbers(5000), 4))
    c = sum(x for x in range(10000) if x % 3 == 0)
    nested = [[i, [i + 1, [i + 2]]] for i in range(1000)]
    d = sum(flatten(nested))
    return a, b, c, d
