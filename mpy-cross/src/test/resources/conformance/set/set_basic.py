s = {3, 1, 2}
s.add(4); s.add(1)
print(sorted(s), len(s), 2 in s, 9 in s)
s.discard(9); s.remove(3)
print(sorted(s))
try:
    s.remove(99)
except KeyError:
    print("KeyError remove")
p = {7}.pop()
print(p, len(s))
print(sorted(set("hello")), set(), len(set([1, 1, 1])))
t = s.copy(); t.clear()
print(t, len(s))
s.update([10, 11], (12,))
print(sorted(s))
