class K:
    def __init__(self, n):
        self.n = n
    def get(self):
        return self.n
a, b = K(1), K(2)
fs = [a.get, b.get, K(3).get]
print([f() for f in fs])
unbound = K.get
print(unbound(b))
print(a.get == a.get if False else True)
g = getattr(a, "get")
print(g())
class W:
    def __init__(self):
        self.fn = lambda x: x * 2
print(W().fn(21))
