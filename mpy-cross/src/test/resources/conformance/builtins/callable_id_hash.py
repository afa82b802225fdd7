def f(): pass
class C:
    def m(self): pass
print(callable(f), callable(C), callable(C().m), callable(1), callable("s"), callable(print))
a = [1]
b = a
print(id(a) == id(b), id(a) == id([1]))
print(hash(1) == hash(1), hash("x") == hash("x"), hash((1, "a")) == hash((1, "a")))
try:
    hash([])
except TypeError:
    print("TypeError unhashable list")
try:
    hash({})
except TypeError:
    print("TypeError unhashable dict")
