class Ver:
    def __init__(self, s):
        self.t = tuple(int(p) for p in s.split("."))
    def __lt__(self, o):
        return self.t < o.t
    def __le__(self, o):
        return self.t <= o.t
    def __eq__(self, o):
        return self.t == o.t
    def __gt__(self, o):
        return self.t > o.t
    def __repr__(self):
        return ".".join(str(p) for p in self.t)
vs = [Ver("1.10"), Ver("1.2"), Ver("0.9.1"), Ver("1.2.0")]
print(sorted(vs))
print(Ver("1.0") < Ver("1.1"), Ver("2.0") > Ver("1.9"), Ver("1.0") <= Ver("1.0"), Ver("3") == Ver("3"))
print(max(vs), min(vs))
