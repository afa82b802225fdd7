it = iter([1, 2])
print(next(it), next(it), next(it, None))
class Src:
    def __init__(self):
        self.n = 0
    def __call__(self):
        self.n += 1
        return self.n
s0 = Src()
print([s0() for _ in range(3)])
d = iter({"a": 1})
print(next(d))
s = iter("xy")
print(list(s), list(s))
