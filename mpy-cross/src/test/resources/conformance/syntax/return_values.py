def none():
    return
def multi():
    return 1, "two", [3]
def early(x):
    for i in range(10):
        if i == x:
            return i * 100
    return -1
print(none(), multi(), early(3), early(20))
a, b, c = multi()
print(c)
def nested():
    def inner():
        return "inner"
    return inner
print(nested()())
def implicit():
    x = 1
print(implicit())
