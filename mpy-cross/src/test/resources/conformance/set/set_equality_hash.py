print({1, 2, 3} == {3, 2, 1}, {1, 2} == frozenset([1, 2]), set() == set())
print({1, 2} != {1, 2, 3}, {1} < {1, 2}, {1, 2} > {2})
fs1 = frozenset("abc")
fs2 = frozenset("cba")
print(fs1 == fs2, hash(fs1) == hash(fs2), len({fs1, fs2}))
try:
    hash({1})
except TypeError:
    print("TypeError unhashable set")
print({True, 1, 1.0} == {1}, len({True, 1, 1.0}))
