# MicroPython differs: dir() lists what its attribute lookup answers (a type's __name__, __bases__, __dict__; an exception's args, value, errno), not type slots
class A:
    x = 1
    def m(self):
        pass
class E(Exception):
    pass
for o in (list, int, object, A, A(), str, type, Exception, ValueError(1), E(2), A.m, A().m, len):
    print(dir(o))
e = ValueError(1)
print(e.value, e.errno, e.args)
for get in (lambda: e.__dict__, lambda: abs.__name__):
    try:
        print(get())
    except AttributeError as x:
        print("AttributeError:", x)
