d = {1: "int", 2.5: "float", "s": "str", (1, 2): "tuple", None: "none", True: "bool?", frozenset([1]): "fs"}
print(d[1], d[2.5], d["s"], d[(1, 2)], d[None], d[frozenset([1])])
print(len(d))
try:
    d[[1]] = 0
except TypeError:
    print("TypeError unhashable")
class K:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return hash(self.v)
    def __eq__(self, o):
        return isinstance(o, K) and o.v == self.v
e = {K(1): "one"}
print(e[K(1)], K(2) in e)
