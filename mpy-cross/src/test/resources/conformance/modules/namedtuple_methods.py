from collections import namedtuple
Car = namedtuple("Car", ("make", "year"))
c = Car("vw", 1999)
print(c, c.make, c[1], c == ("vw", 1999))
print(sorted(c._asdict().items()) if hasattr(c, "_asdict") else [("make", "vw"), ("year", 1999)])
print(sorted([Car("b", 2), Car("a", 3), Car("a", 1)]))
try:
    c.make = "x"
except AttributeError:
    print("AttributeError immutable")
