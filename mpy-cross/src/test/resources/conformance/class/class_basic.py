class Point:
    dims = 2
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm2(self):
        return self.x * self.x + self.y * self.y
    def __repr__(self):
        return "Point(%d, %d)" % (self.x, self.y)
p = Point(3, 4)
print(p, p.norm2(), p.dims, Point.dims)
p.dims = 3
print(p.dims, Point.dims)
q = Point(1, 1)
print(q.x, type(q).__name__, isinstance(q, Point), type(q) is Point)
print(Point.norm2(q))
m = p.norm2
print(m())
q.extra = "dyn"
print(q.extra, hasattr(q, "extra"), getattr(q, "nope", "dflt"))
