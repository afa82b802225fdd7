# MicroPython differs: its error messages and tracebacks are its own (CPython words them differently).
# Global variables stored from functions in loops (STORE_GLOBAL's slot cache): deleted and
# stored again, set through globals(), and moved by the module's table growing.
G = 0


def bump(n):
    global G
    for i in range(n):
        G = G + 1


bump(5)
print(G)
del G
bump.__name__
try:
    bump(1)
except NameError as e:
    print("NameError", e)


def setg(v):
    global G
    G = v


for i in range(3):
    setg(i)
print(G)
globals()["G"] = 42
print(G)
setg(7)
print(globals()["G"])
del globals()["G"]
setg(8)
print(G)
for i in range(40):
    globals()["extra%d" % i] = i
for i in range(3):
    setg(i * 10)
print(G, extra39)
for i in range(40):
    del globals()["extra%d" % i]
setg(99)
print(G, "extra0" in globals())


def make(name):
    exec("def f(v):\n    global " + name + "\n    " + name + " = v\n", globals())
    return f


h = make("H")
for i in range(3):
    h(i)
print(H)
