print(list(enumerate("abc")), list(enumerate([5, 6], 10)))
print(list(zip([1, 2, 3], "ab")), list(zip()), list(zip([1], [2], [3])))
names = ["a", "b"]
ages = [1, 2]
print(dict(zip(names, ages)) == {"a": 1, "b": 2})
for i, (n, a) in enumerate(zip(names, ages)):
    print(i, n, a)
