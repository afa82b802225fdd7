def f(x):
    try:
        if x == 0:
            return "zero"
        if x == 1:
            raise ValueError
        return "other"
    except ValueError:
        return "handled"
    finally:
        print("finally", x)
for x in range(3):
    print(f(x))
def g():
    try:
        return 1
    finally:
        return 2
print(g())
def h():
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            print("body", i)
        finally:
            print("fin", i)
h()
def k():
    try:
        try:
            raise KeyError("inner")
        finally:
            print("inner finally")
    except KeyError as e:
        print("outer caught", e.args)
k()
