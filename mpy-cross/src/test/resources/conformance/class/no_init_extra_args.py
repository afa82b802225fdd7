# MicroPython differs: a class with no __init__ anywhere ignores constructor arguments
class E:
    pass
print(type(E(1, 2, k=3)).__name__)
class F:
    def __new__(cls, *a):
        return super().__new__(cls)
print(type(F(1, 2)).__name__)
class B:
    def __init__(self):
        pass
try:
    B(1)
except TypeError as e:
    print("TypeError")
try:
    object(1)
except TypeError as e:
    print(e)
