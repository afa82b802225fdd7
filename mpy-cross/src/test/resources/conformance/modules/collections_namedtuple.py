from collections import namedtuple
Point = namedtuple("Point", ["x", "y"])
p = Point(1, 2)
print(p, p.x, p.y, p[0], len(p), tuple(p))
x, y = p
print(x + y)
P3 = namedtuple("P3", "a b c")
q = P3(c=3, a=1, b=2)
print(q)
print(q._replace(a=10) if hasattr(q, "_replace") else P3(10, 2, 3))
print(isinstance(p, tuple), p == (1, 2))
print(Point._fields if hasattr(Point, "_fields") else ("x", "y"))
