# List slices with every mix of int and None bounds (in and out of range) and steps 1, -1, 2,
# -2 and True, compiled in a loop and interpreted alike.

def f(a):
    r = []
    for x in (None, -20, -5, -1, 0, 1, 3, 7, 20):
        for y in (None, -20, -5, -1, 0, 1, 3, 7, 20):
            for z in (None, 1, -1, 2, -2, True):
                r.append(a[x:y:z])
    return r


for _ in range(4):
    print(f(list(range(7))))
    print(f([]))
