def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(), c2())
def make_multiplier(k):
    return lambda x: x * k
double, triple = make_multiplier(2), make_multiplier(3)
print(double(5), triple(5))
def outer():
    x = "enclosing"
    def mid():
        def inner():
            return x
        return inner()
    return mid()
print(outer())
