print(min(3, 1, 2), max(3, 1, 2), min([4, 5]), max("hello"))
print(min([], default="empty"), max([], default=None))
print(max(["aa", "b", "cccc"], key=len), min(["aa", "b", "cccc"], key=len))
print(max([(1, "a"), (1, "b")]), min({3: 0, 1: 0}))
print(max(1, 2.5), min(-1, -1.0))
try:
    max([])
except ValueError:
    print("ValueError empty")
print(max([-5, 3, -9], key=abs), min((7,), key=lambda x: -x))
