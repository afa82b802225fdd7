class A:
    def __init__(self):
        self.x = 1
a = A()
try:
    a.missing
except AttributeError:
    print("AttributeError instance")
try:
    A.missing
except AttributeError:
    print("AttributeError class")
try:
    del a.nothere
except AttributeError:
    print("AttributeError del")
print(a.x)
