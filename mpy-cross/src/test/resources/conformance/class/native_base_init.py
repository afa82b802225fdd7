# MicroPython differs: an instance of a subclass of a built-in type gets its built-in value
# when its own __init__ calls super().__init__(...) (from those arguments), or else from the
# constructor's arguments after __init__ returns; before that, methods of the built-in type
# raise AttributeError.
class L1(list):
    def __init__(self, a):
        try:
            self.append(a)
            print("appended")
        except AttributeError as e:
            print("AttributeError:", e)


print(L1([1, 2]))
try:
    L1(5)
except TypeError as e:
    print("TypeError:", e)


class L2(list):
    def __init__(self, a):
        super().__init__()
        self.append(a)


print(L2(1))


class L3(list):
    def __init__(self, a):
        try:
            print(len(self))
        except TypeError as e:
            print("TypeError:", e)
        super().__init__(a)
        print(len(self))


print(L3("xy"))


class S(str):
    def __init__(self, v):
        super().__init__()


class S2(str):
    def __init__(self, v):
        super().__init__(v + "!")


print(repr(S("abc")), repr(S2("abc")))


class I(int):
    def __init__(self, v):
        self.orig = v


i = I("12")
print(i + 1, i.orig)


class D(dict):
    def __init__(self, *a, **k):
        super().__init__(*a, **k)
        self.extra = 1


d = D(a=1)
print(d, d.extra)
