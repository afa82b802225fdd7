d = {"a": 1, "b": 2}
d["c"] = 3
print(sorted(d.items()), len(d), d["a"], "b" in d, "z" in d)
print(d.get("z"), d.get("z", 0), d.get("a", 0))
print(sorted(d.keys()), sorted(d.values()))
print(d.pop("a"), d.pop("zz", "dflt"), sorted(d))
print(d.setdefault("b", 99), d.setdefault("n", []), sorted(d.items()))
d.update({"x": 1}, y=2)
d.update([("z", 3)])
print(sorted(d.items()))
try:
    d["missing"]
except KeyError:
    print("KeyError")
c = d.copy()
c.clear()
print(c, len(d))
print(dict(a=1) == {"a": 1}, dict([(1, 2)]), dict({"k": "v"}))
