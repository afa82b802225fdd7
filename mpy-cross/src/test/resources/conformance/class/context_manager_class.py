class Resource:
    opened = 0
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        Resource.opened += 1
        print("open", self.name, Resource.opened)
        return self
    def __exit__(self, *exc):
        Resource.opened -= 1
        print("close", self.name, exc[0] is not None)
        return False
with Resource("a") as a, Resource("b") as b:
    print("using", a.name, b.name)
try:
    with Resource("c"):
        1 / 0
except ZeroDivisionError:
    print("div error seen", Resource.opened)
