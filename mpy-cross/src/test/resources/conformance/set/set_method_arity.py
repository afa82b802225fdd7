# MicroPython differs: union, intersection and the set predicates take exactly one other set; bytearray(n, x) is n zero bytes
s={1,2}
fs=frozenset(s)
for f in (s.union, s.intersection, s.difference, s.update, s.issubset, s.issuperset, s.isdisjoint, s.symmetric_difference, s.intersection_update, s.difference_update, fs.union):
  try:
    print(f({2},{3}))
  except TypeError as e: print(type(e).__name__, e)
print(bytearray(3, 5), bytearray(2, "utf8"), bytearray("ab", "utf8"))
try:
  bytes(3, 5)
except TypeError as e: print(e)
