counter = 0
def inc():
    global counter
    counter += 1
for _ in range(3):
    inc()
print(counter)
def outer():
    n = 0
    def bump():
        nonlocal n
        n += 10
        return n
    bump()
    bump()
    return n
print(outer())
def make():
    g = 1
    def a():
        nonlocal g
        g *= 3
    def b():
        return g
    return a, b
a, b = make()
a(); a()
print(b())
def setg():
    global newglobal
    newglobal = "created"
setg()
print(newglobal)
