class A:
    def __init__(self):
        print("A.__init__")
        self.a = 1
class B(A):
    def __init__(self):
        print("B.__init__ start")
        super().__init__()
        self.b = 2
        print("B.__init__ end")
class C(B):
    pass
c = C()
print(c.a, c.b, isinstance(c, A))
class D(A):
    pass
print(D().a)
