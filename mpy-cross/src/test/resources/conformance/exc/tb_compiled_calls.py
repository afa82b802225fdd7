# MicroPython differs: traceback format
# Hot functions calling hot functions (the JIT tier calls them directly, reusing a frame
# after a normal return): arguments and self in place, locals unbound again on each call,
# a recursion error caught and the program going on, then a traceback through the calls.
def add(a, b):
    return a + b + 2


def maybe(flag):
    if flag:
        x = 1
    return x


def inner(n):
    return 10 // n


def middle(n):
    return inner(n) + 1


def outer(n):
    return middle(n) * 2


class C:
    def __init__(self, v):
        self.v = v

    def get(self, k):
        return self.v + k


def deep(n):
    return deep(n + 1)


def count(n):
    if n == 0:
        return 0
    return count(n - 1) + 1


t = 0
c = C(5)
for i in range(3000):
    t += add(i, 1) + c.get(i) + outer(i + 1) + count(i % 7)
print(t)
for i in range(6):
    try:
        print(maybe(i % 2 == 0))
    except NameError:
        print("unbound")
for i in range(3):
    try:
        deep(0)
    except RuntimeError:
        print("too deep")
print(add(count(50), 1))
for i in range(3, -1, -1):
    print(outer(i))
