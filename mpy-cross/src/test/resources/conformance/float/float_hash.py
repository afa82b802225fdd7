print(hash(1.0) == hash(1), hash(0.0) == hash(0))
d = {1: "int"}
d[1.0] = "float"
print(d, len(d))
s = {2, 2.0, 3}
print(len(s))
