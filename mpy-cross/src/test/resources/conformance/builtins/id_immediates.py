# MicroPython differs: id() of its immediate objects is their tagged value.
print(id(None), id(True), id(False), id(0), id(5), id(-3), id(2 ** 40))
print(hash(None), hash(True), hash(False))
print(id(True) == id(1 == 1), id(False) == id(not 1))
