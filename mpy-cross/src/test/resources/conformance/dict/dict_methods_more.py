d = dict.fromkeys(["a", "b"], 0)
print(sorted(d.items()))
d2 = dict.fromkeys("xy")
print(sorted(d2.items()))
k, v = d.popitem()
print(k in "ab", v, len(d))
try:
    {}.popitem()
except KeyError:
    print("KeyError popitem")
print(list({}.items()), {1: 2} == {1: 2}, {1: 2} != {1: 3})
kv = {"a": 1}.items()
print(list(kv), len(kv))
