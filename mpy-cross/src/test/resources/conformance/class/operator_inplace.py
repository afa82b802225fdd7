class Acc:
    def __init__(self):
        self.v = []
    def __iadd__(self, x):
        self.v.append(x)
        return self
    def __len__(self):
        return len(self.v)
a = Acc()
b = a
a += 1
a += 2
print(len(a), a is b, b.v)
class Imm:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return Imm(self.v + o)
i = Imm(1)
j = i
i += 5
print(i.v, j.v, i is j)
