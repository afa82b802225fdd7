# MicroPython differs: objects hash by their id (CPython divides it by 16)
class P:
    def __init__(self, n):
        self.n = n
ps = [P(i) for i in range(3)]
print(all(hash(p) == id(p) for p in ps), hash(P) == id(P))
s = set()
for p in ps:
    s.add(p)
print(sorted(p.n for p in s))
d = {P: 1, int: 2}
print(d[P], d[int])
