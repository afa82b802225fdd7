def window(seq, n):
    it = iter(seq)
    win = []
    for x in it:
        win.append(x)
        if len(win) == n:
            yield tuple(win)
            win.pop(0)
print(list(window(range(6), 3)))
print(list(window("ab", 3)))
def pairwise(seq):
    prev = None
    first = True
    for x in seq:
        if not first:
            yield prev, x
        prev = x
        first = False
print(list(pairwise([1, 4, 9, 16])))
print([b - a for a, b in pairwise([1, 4, 9, 16])])
