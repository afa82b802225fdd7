class Lazy:
    def __init__(self):
        self.computed = 0
        self._val = None
    @property
    def value(self):
        if self._val is None:
            self.computed += 1
            self._val = sum(range(100))
        return self._val
l = Lazy()
print(l.value, l.value, l.computed)
class Area:
    def __init__(self, w, h):
        self.w = w
        self.h = h
    area = property(lambda self: self.w * self.h)
print(Area(3, 4).area)
