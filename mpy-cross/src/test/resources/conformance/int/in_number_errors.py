# MicroPython differs: CPython says "argument of type 'int' is not iterable" for every case.
# `x in NUMBER`: MicroPython's binary-op paths for small ints, bools and floats reject the
# operator before it would iterate the number, each with its own message.
vals = (0, 7, -1, 1 << 40, 1 << 61, 1 << 62, 1 << 70, True, False, 1.5, 2j, None, "s", (1,))
for c in vals[:11]:
    for x in vals:
        try:
            r = x in c
            print(repr(x), repr(c), r)
        except TypeError as e:
            print(repr(x), repr(c), "TypeError", e)


def hot(c, x):
    n = 0
    for i in range(1200):
        try:
            x in c
        except TypeError:
            n += 1
    return n


print(hot(3, 4), hot(True, 2), hot(2, None))
