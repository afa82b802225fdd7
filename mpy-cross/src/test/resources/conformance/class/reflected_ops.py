class Num:
    def __init__(self, v):
        self.v = v
    def __radd__(self, o):
        return Num(o + self.v)
    def __add__(self, o):
        if isinstance(o, Num):
            return Num(self.v + o.v)
        return Num(self.v + o)
    def __rsub__(self, o):
        return Num(o - self.v)
    def __repr__(self):
        return "Num(%d)" % self.v
print(1 + Num(2), Num(2) + 1, Num(1) + Num(1), 10 - Num(3))
print(sum([Num(1), Num(2), Num(3)]))
class NoOps:
    pass
try:
    NoOps() + 1
except TypeError:
    print("TypeError unsupported")
