class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x):
        return x + self.n
    def __str__(self):
        return "Adder+%d" % self.n
    def __repr__(self):
        return "<Adder %d>" % self.n
a = Adder(5)
print(a(10), str(a), repr(a), [a], callable(a), callable(5))
print("%s %r" % (a, a), "{} {!r}".format(a, a))
class Plain:
    pass
print(str(Plain()).startswith("<"), callable(Plain))
