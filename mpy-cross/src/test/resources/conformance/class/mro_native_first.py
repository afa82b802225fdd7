# MicroPython differs: methods are found depth first, and a built-in base answers printing,
# len(), iteration, subscripting and `in` itself when it comes before a Python base that
# defines them; a Python base that comes first, or the class itself, still wins.
class Mixin:
    def __str__(self):
        return "Mixin.__str__"

    def __len__(self):
        return 99

    def __contains__(self, x):
        return True


class T(tuple, Mixin):
    pass


t = T((1, 2))
print(t, len(t), 5 in t, repr(t))


class M(Mixin, list):
    pass


m = M([1])
print(m, len(m), 5 in m)


class Own(list, Mixin):
    def __str__(self):
        return "Own.__str__"


print(Own([3]), len(Own([3, 4])))


class A:
    def f(self):
        return "A"


class B(A):
    pass


class C(A):
    def f(self):
        return "C"


class D(B, C):
    pass


print(D().f())
