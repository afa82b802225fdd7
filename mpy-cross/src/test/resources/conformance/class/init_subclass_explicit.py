# MicroPython differs: a class statement does not call __init_subclass__ of its bases, and it
# takes no keyword arguments (metaclass= included); code that needs the hook calls it itself.
class Base:
    seen = []

    @classmethod
    def __init_subclass__(cls):
        Base.seen.append(cls.__name__)


class A(Base):
    pass


print(Base.seen)
A.__init_subclass__()
print(Base.seen)

try:
    class B(Base, flag=True):
        pass
    print("class with a keyword made")
except TypeError as e:
    print("TypeError:", e)


class Meta(type):
    pass


try:
    class C(metaclass=Meta):
        pass
    print(type(C).__name__)
except TypeError as e:
    print("TypeError:", e)
