l = list(range(10))
l[2:5] = []
print(l)
l[0:0] = ["a", "b"]
print(l)
l[-2:] = [100]
print(l)
l[:] = ["x", "y", "z"]
print(l)
l[1:2] = (1, 2, 3)
print(l)
m = [1, 2, 3]
m[5:] = [9]
print(m)
