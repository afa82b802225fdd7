def stats(xs):
    return min(xs), max(xs), sum(xs) / len(xs)
lo, hi, mean = stats([2, 4, 9])
print(lo, hi, mean)
pairs = [(1, "one"), (2, "two")]
for num, name in pairs:
    print(num, name)
(a, b), c = (1, 2), 3
print(a + b + c)
t = tuple(range(5))
head, *tail = t
print(head, tail, type(tail).__name__)
