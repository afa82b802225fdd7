class Range2:
    def __init__(self, lo, hi):
        self.lo, self.hi = lo, hi
    def __contains__(self, x):
        return self.lo <= x < self.hi
    def __iter__(self):
        x = self.lo
        while x < self.hi:
            yield x
            x += 1
r = Range2(3, 7)
print(5 in r, 7 in r, list(r), sum(r), max(r))
print([x * 2 for x in r if x % 2])
