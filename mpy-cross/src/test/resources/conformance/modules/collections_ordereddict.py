from collections import OrderedDict
d = OrderedDict()
d["z"] = 1
d["a"] = 2
d["m"] = 3
print(list(d.keys()), list(d.values()))
del d["a"]
d["a"] = 4
print(list(d.items()))
d2 = OrderedDict([("b", 1), ("a", 2)])
print(list(d2), d2.popitem())
print(OrderedDict(x=1)["x"])
