# MicroPython differs: dicts and sets iterate in hash-table order; copy() keeps the table, so a
# copy iterates as its original does, while dict(d) and set(s) insert afresh.
h = {"Host": "test.com", "Connection": "keep-alive"}
c = h.copy()
c["Connection"] = "close"
print(list(h), list(c), list(dict(h)))
d = {"Host": 1, "Connection": 2, "x": 3}
del d["x"]
print(list(d.copy()))
s = set()
for x in ["Host", "Connection", "a", "zz", 17, 3, "hello"]:
    s.add(x)
s.discard("a")
print(list(s) == list(s.copy()), list(s.copy()), list(set(s)))
