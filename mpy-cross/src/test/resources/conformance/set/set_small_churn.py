# MicroPython differs: sets iterate in hash-table order; small tables fill with deleted
# slots under add/remove churn and grow only when no slot is free.
# Small sets churned as a backtracking search does: adds, removes and many misses.
def show(tag, s):
    print(tag, len(s), list(s))


cols = set()
diag = set()
anti = set()
trace = []
found = 0


def place(row, n):
    global found
    if row == n:
        found += 1
        if found % 7 == 1:
            trace.append((list(cols), list(diag), list(anti)))
        return
    for c in range(n):
        if c in cols or (row + c) in diag or (row - c) in anti:
            continue
        cols.add(c)
        diag.add(row + c)
        anti.add(row - c)
        place(row + 1, n)
        cols.remove(c)
        diag.remove(row + c)
        anti.discard(row - c)


place(0, 7)
print(found, len(trace))
for t in trace[:6]:
    print(t)
show("after", cols)

# misses walking tables full of deleted slots
s = set()
for r in range(40):
    for i in range(r % 9 + 1):
        s.add(i * 3 - 7)
    hits = sum(1 for i in range(-20, 30) if i in s)
    for i in range(0, r % 9 + 1, 2):
        s.discard(i * 3 - 7)
    if r % 8 == 0:
        show(r, s)
    print(r, hits, len(s), 100 in s, -7 in s)

# mixed small keys: ints, bools, strs, None, floats
m = set()
for r in range(30):
    for k in (r % 5, "a" + str(r % 4), r % 2 == 0, None, r / 4):
        m.add(k)
    for k in (r % 3, "a" + str(r % 2), r / 8):
        m.discard(k)
    if r % 6 == 5:
        show(r, m)
print(1 in m, True in m, 1.0 in m, 0.25 in m, "a3" in m, None in m)

# pop takes the first slot in table order
p = set(range(-3, 9))
p.discard(4)
p.add(40)
out = []
while p:
    out.append(p.pop())
    if len(out) % 3 == 0:
        p.add(len(out) * 11)
        if len(out) > 30:
            break
print(out)

# frozensets and copies keep the churned order
c = set()
for i in range(25):
    c.add(i * 7 % 23)
    if i % 3:
        c.remove(i * 7 % 23)
print(list(c), list(c.copy()), list(frozenset(c)), sorted(c) == sorted(c.copy()))
