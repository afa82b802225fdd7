# MicroPython differs: super() binds functions, static and class methods, but hands back a
# property or another descriptor as it is, without calling it.
class Desc:
    def __get__(self, obj, owner):
        return "from __get__"


class Base:
    d = Desc()

    @property
    def p(self):
        return "property value"

    @staticmethod
    def s():
        return "static"

    @classmethod
    def c(cls):
        return cls.__name__

    def m(self):
        return "method of " + type(self).__name__


class Sub(Base):
    @property
    def p(self):
        return super().p

    def check(self):
        print(type(super().d).__name__, super().s(), super().c(), super().m())


print(type(Sub().p).__name__)
print(Base().p, Base().d)
Sub().check()
