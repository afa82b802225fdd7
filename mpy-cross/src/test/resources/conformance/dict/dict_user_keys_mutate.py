# MicroPython differs: dicts iterate in hash-table order.
# Keys with their own __hash__ and __eq__: every comparison a lookup makes is seen, also when
# the comparison changes the dict it is made for.
calls = []


class K:
    def __init__(self, v, h=None):
        self.v = v
        self.h = v if h is None else h

    def __hash__(self):
        calls.append(("hash", self.v))
        return self.h

    def __eq__(self, other):
        calls.append(("eq", self.v, other.v if isinstance(other, K) else other))
        return isinstance(other, K) and self.v == other.v

    def __repr__(self):
        return "K(%r)" % (self.v,)


d = {}
for i in range(12):
    d[K(i, i % 3)] = i
print(len(d), list(d))
print(len(calls))
calls.clear()
print(d[K(7, 1)], len(calls), calls[:6])
calls.clear()
print(K(50, 2) in d, len(calls))
calls.clear()
d[4] = "int"
d["s"] = "str"
print(4 in d, "s" in d, 5 in d, len(calls))
calls.clear()
del d[K(4, 1)]
print(len(d), list(d), len(calls))


busy = []


class Mut:
    def __init__(self, v, target):
        self.v = v
        self.target = target

    def __hash__(self):
        return 1

    def __eq__(self, other):
        # changes the dict being searched (no growth: one key out, one in), once per lookup
        if not busy:
            busy.append(1)
            n = len(busy) + len(self.target)
            self.target.pop("m" + str(n % 3), None)
            self.target["m" + str((n + 1) % 3)] = n
            busy.pop()
        return self is other


m = {}
for i in range(3):
    m["m" + str(i)] = i
keys = [Mut(i, m) for i in range(4)]
for k in keys:
    m[k] = k.v
print(len(m), [x if isinstance(x, str) else x.v for x in m])
print(keys[2] in m, Mut(9, m) in m, len(m))
print([x if isinstance(x, str) else x.v for x in m])
print(m.get(keys[3]), m.pop(keys[0]), len(m), [x if isinstance(x, str) else x.v for x in m])

s = set()
for i in range(10):
    s.add(K(i, 0))
calls.clear()
s.discard(K(3, 0))
print(len(s), len(calls), K(3, 0) in s, K(9, 0) in s)
s.add(1)
s.add(None)
s.add("x")
print(len(s), [x for x in s if not isinstance(x, K)], 1 in s, "x" in s, None in s)
