# MicroPython differs: OSError(2, ...) stays OSError (CPython makes it FileNotFoundError)
for exc in [ValueError(), ValueError("a"), ValueError("a", 1), KeyError(("t", 1)), OSError(2, "No such"), IndexError(None)]:
    print(type(exc).__name__, exc.args, len(exc.args))
class E(Exception):
    def __str__(self):
        return "custom str"
print(str(E("x")), E("x").args)
