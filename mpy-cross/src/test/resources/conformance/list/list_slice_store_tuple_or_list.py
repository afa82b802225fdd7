# MicroPython differs: a list slice assignment takes its new items from a tuple or a list only
l = [1, 2]
for v in ([7, 8], (9,), range(3), {5}, "ab", b"x", iter([1])):
    try:
        l[0:1] = v
        print(l)
    except TypeError as e:
        print("TypeError", e)
