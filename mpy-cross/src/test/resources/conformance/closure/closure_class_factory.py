def make_class(base_value):
    class Dynamic:
        value = base_value
        def get(self):
            return self.value * 2
    return Dynamic
A = make_class(5)
B = make_class("ab")
print(A().get(), B().get(), A is B, A.__name__)
def counter_class():
    count = [0]
    class C:
        def __init__(self):
            count[0] += 1
    return C, lambda: count[0]
C, n = counter_class()
C(); C(); C()
print(n())
