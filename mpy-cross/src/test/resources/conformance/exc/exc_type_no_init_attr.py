# MicroPython differs: exception types have no __init__/__new__/__str__/__repr__ attributes; super() reaches the constructor
print(hasattr(Exception, "__init__"), hasattr(ValueError, "__init__"), hasattr(Exception, "__new__"), hasattr(Exception, "__str__"), hasattr(Exception, "__repr__"))
class A(Exception):
    def __init__(self):
        super().__init__(5)
print(repr(A()), str(A()), A().args)
class B(Exception):
    def __init__(self):
        Exception.__init__(self)
try:
    B()
except AttributeError as e:
    print("AttributeError", e)
class C(ValueError):
    pass
print(hasattr(C, "__init__"), repr(C(1, 2)))
print(hasattr(object, "__init__"))
