def deco(f):
    def wrapper(*a, **k):
        print("calling", f.__name__)
        return f(*a, **k)
    return wrapper
@deco
def add(a, b):
    return a + b
print(add(2, 3))
def tag(label):
    def d(f):
        def w():
            return label + ":" + f()
        return w
    return d
@tag("outer")
@tag("inner")
def hi():
    return "hi"
print(hi())
registry = []
def register(cls):
    registry.append(cls.__name__)
    return cls
@register
class A:
    pass
@register
class B:
    pass
print(registry)
