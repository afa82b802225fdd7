# MicroPython differs: dir() lists names in the order the firmware numbers them (its own
# names first, then the names a program made, in the order the source first mentions them),
# where CPython sorts them; so unittest runs a class's tests in the order they are written.
class Case:
    zeta = 1
    alpha = 2

    def test_second(self):
        pass

    def test_first(self):
        pass

    def read(self):
        pass

    def __len__(self):
        return 0

    def setUp(self):
        pass


print([n for n in dir(Case) if not n.startswith("__") or n == "__len__"])
c = Case()
c.later = 1
c.earlier_name_but_set_second = 2
setattr(c, "made_at_run_time_" + "x" * 3, 3)
print([n for n in dir(c) if not n.startswith("__")])
print([n for n in dir(Case) if n.startswith("test")])


class Ops:
    pass


for n in ("__sub__", "__add__", "__iadd__", "__imul__", "__lt__", "__sizeof__", "__dict__"):
    setattr(Ops, n, None)
print([n for n in dir(Ops) if n not in ("__class__", "__module__", "__qualname__", "__name__", "__bases__")])
