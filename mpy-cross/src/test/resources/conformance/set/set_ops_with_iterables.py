a = {1, 2, 3}
print(sorted(a.union([3, 4, 5])), sorted(a.intersection(range(2, 10))))
print(sorted(a.difference("x" for _ in ())), a.issubset(range(5)), a.issuperset([1, 2]))
b = set()
b.update("hello")
print(sorted(b))
c = set([1, 2]) | frozenset([3])
print(sorted(c), type(c).__name__)
print(len(set(range(100)) - set(range(0, 100, 2))))
