# MicroPython differs: range bounds are machine words and len() is computed in them (it wraps, never below 0)
import sys
for args in ((-sys.maxsize - 1, 0), (2**63,), (0, -2**63), (0, 2**64), (-sys.maxsize, 0)):
    try:
        print(range(*args))
    except OverflowError as e:
        print("OverflowError", e)
print(len(range(-sys.maxsize, sys.maxsize)))
print(len(range(-sys.maxsize, sys.maxsize, sys.maxsize)))
print(len(range(-sys.maxsize, sys.maxsize, 2)))
print(len(range(sys.maxsize, -sys.maxsize, -3)))
for r in (range(5), range(5, 0), range(5, 0, -2), range(0, 10, 3), range(-3, 3, -1), range(10, -10, -7)):
    print(len(r), list(r), bool(r))
print(range(0, 10, 3)[-1], range(10, -10, -7)[1:])
