a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(sorted(a.union(b)), sorted(a.intersection(b)), sorted(a.difference(b)), sorted(a.symmetric_difference(b)))
print({1, 2} <= a, {1, 2} < a, a >= {1}, a > a, a.issubset(a), a.issuperset({9}))
print(a.isdisjoint({7, 8}), a.isdisjoint(b))
c = set(a)
c |= {9}; c &= {1, 9, 2}; c -= {2}
print(sorted(c))
c ^= {1, 5}
print(sorted(c))
c.intersection_update({5, 9, 100})
print(sorted(c))
c.difference_update({5})
print(sorted(c))
