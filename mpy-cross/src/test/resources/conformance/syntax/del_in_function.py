def f():
    x = 1
    del x
    try:
        return x
    except NameError:
        return "local deleted"
print(f())
g = 5
def h():
    global g
    del g
h()
print("g" in globals())
def lst():
    items = [1, 2, 3, 4]
    del items[1], items[-1]
    return items
print(lst())
