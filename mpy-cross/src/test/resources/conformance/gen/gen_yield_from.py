def inner(n):
    for i in range(n):
        yield i
    return "inner done %d" % n
def outer():
    r = yield from inner(3)
    print("got", r)
    r2 = yield from inner(1)
    print("got", r2)
    yield from ["x", "y"]
print(list(outer()))
def tree(node):
    if isinstance(node, list):
        for child in node:
            yield from tree(child)
    else:
        yield node
print(list(tree([1, [2, [3, 4]], [[5]], 6])))
def delegating():
    x = yield from echo2()
    yield x
def echo2():
    v = yield "first"
    return v * 2
d = delegating()
print(next(d), d.send(21))
