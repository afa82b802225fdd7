def f():
    pass
class C:
    pass
print(f(), C.__name__)
print(...)
print(Ellipsis is ...)
x = ...
for i in range(2):
    pass
print("ok")
