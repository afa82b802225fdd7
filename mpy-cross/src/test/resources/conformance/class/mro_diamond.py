# MicroPython differs: method lookup is depth-first, not C3: super() in B skips C
class A:
    def who(self):
        return "A"
class B(A):
    def who(self):
        return "B>" + super().who()
class C(A):
    def who(self):
        return "C>" + super().who()
class D(B, C):
    def who(self):
        return "D>" + super().who()
print(D().who())
print(B().who(), C().who())
class X:
    tag = "X"
class Y:
    tag = "Y"
    def only_y(self):
        return "y!"
class Z(X, Y):
    pass
print(Z.tag, Z().only_y())
