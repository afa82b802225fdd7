x = "global"
def a():
    x = "a-local"
    def b():
        def c():
            return x
        return c()
    return b()
print(a(), x)
def shadow():
    len = lambda s: -1
    return len("abc")
print(shadow(), len("abc"))
def uses_global():
    return x.upper()
print(uses_global())
class K:
    y = 5
    def m(self):
        return self.y
print(K().m())
