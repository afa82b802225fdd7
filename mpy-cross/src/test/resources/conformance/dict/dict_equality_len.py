a = {1: "a", 2: "b"}
b = {2: "b", 1: "a"}
print(a == b, len(a), a != {1: "a"})
c = {}
for i in range(100):
    c[i] = i
for i in range(0, 100, 2):
    del c[i]
print(len(c), sum(c), 51 in c, 50 in c)
c.clear()
print(c, len(c))
