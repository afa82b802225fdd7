l = [5, 3, 8, 1]
print(len(l), min(l), max(l), sum(l), sorted(l), l)
print(list(map(lambda x: x * 2, l)), list(filter(lambda x: x > 3, l)))
print(any(x > 7 for x in l), all(x > 0 for x in l))
print(list(enumerate(l))[:2], list(zip(l, l[1:])))
print(l.index(8), l.count(3), 3 in l)
c = l[:]
c.sort()
print(c is l, c == sorted(l))
