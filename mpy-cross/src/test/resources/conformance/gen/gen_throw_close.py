def guarded():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print("gen caught", e)
        yield "recovered"
    finally:
        print("gen finally")
g = guarded()
print(next(g))
print(g.throw(ValueError("injected")))
g.close()
print("closed")
def simple():
    yield 1
    yield 2
s = simple()
next(s)
try:
    s.throw(KeyError("k"))
except KeyError:
    print("KeyError propagated")
try:
    next(s)
except StopIteration:
    print("exhausted after throw")
def closer():
    try:
        yield 1
    except GeneratorExit:
        print("GeneratorExit seen")
        raise
c = closer()
next(c)
c.close()
