class Base:
    def __init__(self, v):
        self.v = v
    def show(self):
        return "Base(%s)" % self.v
class Mid(Base):
    def __init__(self, v):
        super(Mid, self).__init__(v * 2)
    def show(self):
        return "Mid:" + super(Mid, self).show()
class Leaf(Mid):
    def show(self):
        return "Leaf:" + super().show()
print(Leaf(5).show(), Leaf(1).v)
class S:
    @classmethod
    def create(cls):
        return cls.__name__
class T(S):
    @classmethod
    def create(cls):
        return "T+" + super().create()
print(T.create())
