# Generators resumed many times (so a fast tier takes them over mid-run): values sent in,
# yield from a nested generator, an exception thrown in, and an error raised inside.


def counter(n):
    total = 0
    i = 0
    while i < n:
        got = yield i * 2
        if got is not None:
            total += got
        i += 1
    return total


def nested(depth, n):
    if depth == 0:
        for i in range(n):
            yield i
    else:
        r = yield from nested(depth - 1, n)
        yield ("done", depth, r)


def guarded():
    k = 0
    while True:
        try:
            k += yield k
        except ValueError as e:
            k = -100
            yield "caught " + str(e)


def failing(n):
    for i in range(n):
        yield 100 // (n - 5 - i)


g = counter(3000)
out = [next(g)]
try:
    while True:
        out.append(g.send(len(out) % 7))
except StopIteration as e:
    print("returned", e.value, len(out), out[-3:])

print(sum(x for x in nested(3, 2000) if isinstance(x, int)))
print([x for x in nested(2, 3)])

h = guarded()
next(h)
acc = 0
for i in range(2000):
    acc = h.send(1)
print(acc, h.throw(ValueError("boom")), next(h), h.send(5))

for attempt in range(3):
    try:
        print(sum(failing(1500)))
    except ZeroDivisionError:
        print("ZeroDivisionError", attempt)
