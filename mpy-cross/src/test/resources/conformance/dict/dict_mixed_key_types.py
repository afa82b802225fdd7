# MicroPython differs: dicts iterate in hash-table order.
# int, str, float and bool keys in one table, growing and shrinking; tuple keys (whose hash
# on the unix port starts from an address, so their order is not printed).
d = {}
for i in range(200):
    k = (i, "s" + str(i), str(i % 3), i + 0.5, -i)[i % 5]
    d[k] = i
print(len(d), list(d)[:10])
d[1] = "one"
d[True] = "true"
d[1.0] = "float"
d[2.5] = "f2"
d["1"] = "str"
print(d[1], d[True], d[1.0], len(d))
print(d.get(False), d.get(0.0), d.get(0), d.get("1"), d.get("s5"), d.get(-4))
for i in range(0, 200, 2):
    k = (i, "s" + str(i), str(i % 3), i + 0.5, -i)[i % 5]
    d.pop(k, None)
print(len(d), list(d)[:10], list(d.values())[-6:])
f = {}
for i in range(100):
    f[i / 4] = i
for i in range(0, 100, 4):
    del f[i // 4]
print(len(f), list(f)[:12], 3 in f, 3.25 in f)
t = {}
for i in range(120):
    t[(i % 11, i % 13)] = i
    t[i % 11, "x"] = -i
print(len(t), sorted(str(k) for k in t)[:8], t[(3, 3)], t[3, "x"], (3, 4) in t, (12, 0) in t)
for k in list(t):
    if k[0] % 2:
        del t[k]
print(len(t), sorted(str(k) for k in t.items())[:6], (3, 3) in t, (4, 4) in t)
s = set()
for i in range(150):
    s.add(i % 23 if i % 3 else str(i % 17))
    s.add(i % 9 == 0)
print(len(s), list(s)[:12])
