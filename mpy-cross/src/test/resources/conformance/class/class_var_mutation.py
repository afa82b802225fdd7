class Shared:
    items = []
    def add(self, x):
        self.items.append(x)
a, b = Shared(), Shared()
a.add(1); b.add(2)
print(Shared.items, a.items is b.items)
class Own:
    def __init__(self):
        self.items = []
a, b = Own(), Own()
a.items.append(1)
print(a.items, b.items)
class Cnt:
    n = 0
c = Cnt()
c.n += 1
print(c.n, Cnt.n)
