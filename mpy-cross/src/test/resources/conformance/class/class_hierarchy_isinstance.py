class Base: pass
class L1(Base): pass
class L2(L1): pass
class Other: pass
objs = [Base(), L1(), L2(), Other()]
for o in objs:
    print(type(o).__name__, isinstance(o, Base), isinstance(o, L1), isinstance(o, (L2, Other)))
print(issubclass(L2, Base), issubclass(Base, L2), issubclass(L2, L2))
