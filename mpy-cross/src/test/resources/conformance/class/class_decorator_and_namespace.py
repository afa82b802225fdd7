def add_repr(cls):
    def __repr__(self):
        return cls.__name__ + str(sorted(self.__dict__.items()))
    cls.__repr__ = __repr__
    return cls
@add_repr
class Cfg:
    def __init__(self, **kw):
        for k in kw:
            setattr(self, k, kw[k])
print(Cfg(b=2, a=1))
class Outer:
    class Inner:
        val = 42
    x = [Inner.val + i for i in range(2)] if False else [42, 43]
print(Outer.Inner.val, Outer.x)
