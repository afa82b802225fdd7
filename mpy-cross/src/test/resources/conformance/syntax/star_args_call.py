def show(*args, **kwargs):
    return "%r %r" % (args, sorted(kwargs.items()))
args = (1, 2)
kw = {"a": 1}
print(show(*args))
print(show(0, *args))
print(show(**kw))
print(show(*args, **kw))
print(show(*"xy", k=2))
print(show(*range(3), b=1, **kw))
def three(a, b, c):
    return a + b + c
print(three(*[1, 2, 3]), three(1, *(2, 3)), three(**{"a": 1, "b": 2, "c": 3}))
print(three(1, c=3, **{"b": 2}))
