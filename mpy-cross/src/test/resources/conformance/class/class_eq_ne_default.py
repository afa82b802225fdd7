class P:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return isinstance(o, P) and self.v == o.v
a, b = P(1), P(1)
print(a == b, a != b, a == 1, P(2) == P(3))
print([P(1), P(2)].index(P(2)), P(1) in [P(0), P(1)])
