class MyList(list):
    def sum(self):
        total = 0
        for x in self:
            total += x
        return total
m = MyList([1, 2, 3])
m.append(4)
print(m.sum(), len(m), m[0], isinstance(m, list))
class MyDict(dict):
    def get2(self, k):
        return self.get(k, "none")
d = MyDict()
d["a"] = 1
print(d.get2("a"), d.get2("b"), len(d))
class MyExc(Exception):
    pass
try:
    raise MyExc("custom", 2)
except Exception as e:
    print(type(e).__name__, e.args)
