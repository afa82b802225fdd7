# MicroPython differs: every empty tuple is one object, so `is` holds for any two.
t = (1, 2)
print(() is (), tuple() is (), () is tuple([]), t[:0] is (), t[2:] is (), id(()) == id(()))
print(t * 0 is (), () + () is (), tuple(x for x in []) is (), tuple(range(0)) is ())
print(len(()), () == (), () < (1,), hash(()) == hash(tuple()))
