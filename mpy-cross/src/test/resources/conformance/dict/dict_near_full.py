# MicroPython differs: dicts iterate in hash-table order; a table grows only when full, so
# new keys near the top walk to the first free slot, wrapping round the table's end.
def show(tag, d):
    ks = list(d)
    print(tag, len(d), ks[:5], ks[-5:])


sizes = (2, 4, 6, 8, 10, 12, 17, 23, 29, 37, 47, 59, 73, 97, 127, 167, 223, 293, 389, 521)
for n in sizes:
    d = {}
    for i in range(n):
        d[i * 31 + 5] = i
    show(n, d)
    d[-1] = -1
    show(n + 1, d)

# keys that share a slot modulo the size, then deletions and re-insertions near full
for n in (17, 97, 521, 2161):
    d = {}
    for i in range(n - 1):
        d[i * n] = i
    show("same-slot " + str(n), d)
    for i in range(0, n - 1, 3):
        del d[i * n]
    for i in range(n // 3):
        d[i * n + 1] = i
    show("refill " + str(n), d)
    print(sum(d.values()), (n - 2) * n in d, n + 1 in d, 3 * n in d)

# strings up to the end of a big table, deleting and adding at the top
d = {}
for i in range(2161):
    d["w" + str(i)] = i
show("full", d)
for i in range(1, 2161, 2):
    del d["w" + str(i)]
for i in range(1000):
    d["x" + str(i)] = i
show("mixed", d)
for i in range(1100):
    d["y" + str(i)] = i
show("grown", d)
print(len(d), d["x999"], d.get("w2"), d.get("w3"), "y1099" in d)

# negative and huge ints and bools with ints
d = {}
for i in range(60):
    d[-i * 13] = i
    d[(1 << 40) + i] = i
d[True] = "t"
d[0] = "z"
show("neg", d)
print(d[1], d[-13], d[(1 << 40) + 7], d[False])
