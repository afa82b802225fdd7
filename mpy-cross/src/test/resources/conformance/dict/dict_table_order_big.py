# MicroPython differs: dicts and sets iterate in hash-table order, for big tables too (past
# thousands of keys, with 16-bit string hashes and tables that grow only when full).
d = {}
for i in range(4000):
    d["key" + str(i)] = i
ks = list(d)
print(len(ks), ks[:6], ks[-4:])
for i in range(0, 4000, 3):
    del d["key" + str(i)]
for i in range(500):
    d["new" + str(i)] = i
ks = list(d)
print(len(ks), ks[:6], ks[-4:])
print(sum(d.values()), "key1" in d, "key3" in d, d.get("new499"))
n = {}
for i in range(3000):
    n[i * 7919 % 10007] = i
print(list(n)[:8], list(n.values())[-3:])
s = set()
for i in range(5000):
    s.add("s" + str(i * 13))
print(list(s)[:6])
