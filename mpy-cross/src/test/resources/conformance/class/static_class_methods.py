class Counter:
    count = 0
    def __init__(self):
        Counter.count += 1
    @classmethod
    def make(cls):
        return cls()
    @classmethod
    def how_many(cls):
        return cls.count
    @staticmethod
    def helper(a, b):
        return a * b
class Sub(Counter):
    pass
Counter(); Counter.make(); s = Sub.make()
print(Counter.how_many(), type(s).__name__, Sub.helper(3, 4), s.helper(2, 2))
print(Counter().how_many())
