class Dyn:
    def __init__(self):
        self.real = 1
    def __getattr__(self, name):
        if name.startswith("auto_"):
            return name[5:]
        raise AttributeError(name)
d = Dyn()
print(d.real, d.auto_hello, hasattr(d, "auto_x"), hasattr(d, "other"))
try:
    d.other
except AttributeError:
    print("AttributeError")
class Rec:
    def __init__(self):
        object.__setattr__(self, "log", [])
    def __setattr__(self, name, value):
        self.log.append(name)
        object.__setattr__(self, name, value)
r = Rec()
r.a = 1
r.b = 2
print(r.log, r.a, r.b)
