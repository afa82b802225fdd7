# MicroPython differs: locals() in a function is the module's namespace (local variables are
# not in it); dir() with no argument lists that namespace in its own order, not sorted.
zeta = 1
alpha = 2


def f():
    local_value = 3
    ns = locals()
    print("local_value" in ns, "zeta" in ns, ns is globals())
    return local_value


f()


def g():
    return dir()


print(g() == list(globals().keys()), sorted(g()) == sorted(globals()))
