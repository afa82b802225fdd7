# `in` on lists and tuples of small ints beside other numbers and objects, and sum() of
# small ints that overflows into big ints


class Eq:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        print("eq", self.v, other)
        return self.v == other


l = [1, 2, 3]
print(2 in l, 4 in l, True in l, 2.0 in l, 3 + 0j in l, "2" in l)
t = (5, True, 7.5, -1)
print(1 in t, 5 in t, -1 in t, 7 in t, 7.5 in t)
print(3 in [Eq(1), Eq(3), 9], 9 in [Eq(2), 9])
print(2 in [1, "x", None, 2], None in [1, 2], 2 in [])
big = 1 << 70
print(big in [1, big], (1 << 70) in (big,), 1 in [big])


class Shrink:
    def __init__(self, lst):
        self.lst = lst

    def __eq__(self, other):
        self.lst.clear()
        return False


victim = [0, 0, 0]
victim[0] = Shrink(victim)
print(5 in victim, victim)

print(sum([1, 2, 3]), sum((x for x in range(100))), sum([], 10))
print(sum([0x7FFFFFFFFFFFFFFF, 1]), sum([-0x7FFFFFFFFFFFFFFF, -2, 1]))
print(sum([1 << 62, 1 << 62, 1 << 62]), sum([1, 2.5, 3]), sum([True, True, 2]))
print(sum(range(10), 1 << 64), sum([1, 2], 0.5))
