class C:
    a = 1
    def m(self):
        return 2
c = C()
c.b = 3
print(sorted(k for k in c.__dict__), c.__dict__["b"])
print("a" in C.__dict__, "m" in C.__dict__)
setattr(c, "z", 26)
print(getattr(c, "z"), c.z)
delattr(c, "z")
print(hasattr(c, "z"))
print(C.__name__, c.__class__.__name__, c.__class__ is C)
