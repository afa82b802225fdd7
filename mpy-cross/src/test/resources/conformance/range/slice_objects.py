# MicroPython differs: slice() cannot be called (slices come from subscripts only)
class Grab:
    def __getitem__(self, key):
        return key
g = Grab()
s = g[1:2]
print(type(s).__name__, s.start, s.stop, s.step)
s = g[::3]
print(s.start, s.stop, s.step)
t = g[1:2, 3]
print(type(t).__name__, t[1])
print(g[5], g["k"], g[-1:])
try:
    slice(1, 2)
except TypeError as e:
    print("TypeError")
