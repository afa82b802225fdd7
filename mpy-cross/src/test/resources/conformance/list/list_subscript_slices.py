# MicroPython differs: its IndexError says "list index out of range" for stores and deletes too.
# List subscripts and slices in a loop (the compiled code's own fast paths): negative and
# out-of-range indexes, stores of as many items as the slice had, a list stored into its own
# slice, reversed and stepped slices, and deletion through a subscript.


def flips(n):
    perm = list(range(n))
    out = []
    for k in range(n):
        perm[: k + 1] = perm[k::-1]
        out.append(perm[:])
    return out


def subscripts(a):
    got = []
    for i in range(-len(a) - 2, len(a) + 2):
        try:
            got.append(a[i])
        except IndexError as e:
            got.append(str(e))
        try:
            a[i] = i * 3
        except IndexError as e:
            got.append(str(e))
    return got


def self_slices():
    a = [1, 2, 3, 4]
    a[:] = a
    print(a)
    a[1:3] = a
    print(a)
    a[2:2] = a[:2]
    print(a)
    a[::1] = a[::-1]
    print(a)
    b = a[5:1]
    print(b, a[-100:100], a[::3], a[-2::-2], a[10:], a[:-10])
    t = tuple(a)
    print(t[1:3], t[-1], t[-len(t)])


def deletes():
    a = list(range(8))
    for i in (-1, 0, 2, -3):
        del a[i]
        print(a)
    try:
        del a[10]
    except IndexError as e:
        print("IndexError", e)


for _ in range(3):
    print(flips(6)[-1], flips(1))
    print(subscripts([5, 6, 7]))
    print(subscripts([]))
    self_slices()
    deletes()
    x = [0] * 4
    x[True] = 9
    print(x[False], x[True], x[-True])
