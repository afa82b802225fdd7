a = b = c = [0]
a.append(1)
print(a, b, c, a is c)
x = y = 5
x += 1
print(x, y)
i, j = j, i = 1, 2
print(i, j)
d = {}
d["a"] = d["b"] = 3
print(sorted(d.items()))
l = [0, 0, 0]
k = 0
k, l[k] = 1, 9
print(k, l)
