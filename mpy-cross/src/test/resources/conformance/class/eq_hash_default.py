class A:
    pass
a, b = A(), A()
print(a == a, a == b, a != b, a is not b)
s = {a, b, a}
print(len(s))
class E:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return self.v == o.v
    def __hash__(self):
        return self.v
print(E(1) == E(1), len({E(1), E(1), E(2)}))
