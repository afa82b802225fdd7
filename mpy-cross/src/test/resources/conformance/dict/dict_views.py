d = {"x": 1, "y": 2}
ks = d.keys()
d["z"] = 3
print(len(ks), sorted(ks), "z" in ks)
print(sorted(d.values()), ("x", 1) in d.items())
print(sorted(k for k in d))
