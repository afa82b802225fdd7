class suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return self
    def __exit__(self, t, v, tb):
        return t is not None and issubclass(t, self.types)
with suppress(KeyError, IndexError):
    {}["x"]
print("suppressed KeyError")
with suppress(KeyError):
    [][0] if False else None
print("nothing raised")
try:
    with suppress(KeyError):
        1 / 0
except ZeroDivisionError:
    print("ZeroDivisionError not suppressed")
