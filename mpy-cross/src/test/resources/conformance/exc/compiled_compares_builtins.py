# MicroPython differs: its error messages (in, built-in arity) are its own.
# Compares straight into a branch (strs, in, is) and built-in calls from hot functions,
# their errors included: each function runs often enough to be compiled.


def order(a, b):
    r = 0
    if a < b:
        r |= 1
    if a > b:
        r |= 2
    if a == b:
        r |= 4
    if a <= b:
        r |= 8
    if a >= b:
        r |= 16
    if a != b:
        r |= 32
    return r


def member(x, c):
    if x in c:
        return 1
    if x not in c:
        return 2
    return 3


def same(a, b):
    if a is b:
        return "is"
    if a is not b:
        return "not"


pairs = [("a", "b"), ("b", "a"), ("x", "x"), ("", "a"), ("ab", "a"), ("é", "e"), ("\u20ac", "z"),
         (1, 2), (2.5, 2.5), (1, 1.0), (True, 1), (None, None), ((1, 2), (1, 3)), ([1], [1]),
         (b"a", b"b"), ("a", 1)]
for i in range(30):
    out = []
    for a, b in pairs:
        try:
            out.append(order(a, b))
        except TypeError as e:
            out.append("TypeError")
    if i == 29:
        print(out)

conts = [[1, 2], (3,), {1: 2}, {2}, "abc", b"abc", range(5), None]
for i in range(30):
    out = []
    for c in conts:
        for x in (1, 2, "a", "bc", 3):
            try:
                out.append(member(x, c))
            except TypeError as e:
                out.append(str(e))
    if i == 29:
        print(out)

objs = [1, 1, 2, None, None, True, True, False, "s", "s", 300, 300, -5, (1,), (1,)]
for i in range(30):
    out = []
    for j in range(len(objs) - 1):
        out.append(same(objs[j], objs[j + 1]))
    if i == 29:
        print(out)


def builtins(xs):
    s = set()
    t = []
    for x in xs:
        s.add(abs(x))
        t.append(min(x, 3))
        t.append(max(x, -1, 0))
    return len(s), sorted(s), len(t), sum(t), isinstance(xs, list)


for i in range(30):
    r = builtins([i, -i, 2, -2, 5])
print(r)


def bad(k):
    if k == 0:
        return len(1)
    if k == 1:
        return abs()
    if k == 2:
        return [].append(1, 2)
    if k == 3:
        return divmod(1)
    if k == 4:
        return "x".startswith(1)
    return isinstance(1)


for i in range(30):
    for k in range(6):
        try:
            bad(k)
        except TypeError as e:
            if i == 29:
                print(k, "TypeError:", e)


def deep(n):
    return len(n)


def outer(n):
    return deep(n) + 1


for i in range(30):
    outer([i])
outer(5)
