# MicroPython differs: &, | and ^ on two bools give an int
print(bool(), bool(0), bool(0.0), bool(""), bool([]), bool(()), bool({}), bool(None), bool(set()))
print(bool(1), bool("0"), bool([0]), bool(-0.1))
print(None is None, None == None, None == 0, type(None) is type(None))
print(True and None, None or False, not None)
print(repr(None), str(True), int(False), True + True)
class Zero:
    def __len__(self):
        return 0
class Custom:
    def __bool__(self):
        return True
    def __len__(self):
        return 0
print(bool(Zero()), bool(Custom()), bool(object()))
def returns_none():
    pass
print(returns_none() is None, [None] * 2, None in [0, None])
x = None
print(x if x is not None else "was none", type(None).__name__)
flags = [bool(v) for v in (0, 1, "", "a", [], [0], {}, {0: 0}, 0.0, 0j, None)]
print(flags, flags.count(True))
print(True & False, True | False, True ^ True, ~True, -False)
