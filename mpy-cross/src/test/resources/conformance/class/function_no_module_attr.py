# MicroPython differs: functions have no __module__ attribute (classes do)
def f():
    pass
class C:
    def m(self):
        pass
print(hasattr(f, "__module__"), hasattr(C, "__module__"), hasattr(C().m, "__module__"), hasattr(lambda: 0, "__module__"), C.__module__)
print(hasattr(print, "__module__"))
try:
    print(f.__module__)
except AttributeError as e:
    print("AttributeError", e)
