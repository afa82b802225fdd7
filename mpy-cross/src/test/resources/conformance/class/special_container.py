class Bag:
    def __init__(self):
        self.d = {}
    def __setitem__(self, k, v):
        self.d[k] = v
    def __getitem__(self, k):
        return self.d[k]
    def __delitem__(self, k):
        del self.d[k]
    def __len__(self):
        return len(self.d)
    def __contains__(self, k):
        return k in self.d
    def __iter__(self):
        return iter(sorted(self.d))
b = Bag()
b["x"] = 1; b["y"] = 2; b["a"] = 0
print(len(b), b["y"], "x" in b, "q" in b, list(b))
del b["x"]
print(len(b), list(b), bool(b))
try:
    b["zz"]
except KeyError:
    print("KeyError")
class Empty:
    def __len__(self):
        return 0
print(bool(Empty()), "falsy" if not Empty() else "truthy")
