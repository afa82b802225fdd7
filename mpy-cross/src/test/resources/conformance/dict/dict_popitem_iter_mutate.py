# MicroPython differs: dict.popitem() takes the first item in table order (an OrderedDict's
# last); set.pop() the first; a dict or set changed while iterated goes on from the same slot
# number of its (possibly grown) table, without an error.
d = {1: 1, 2: 2, 3: 3}
print(d.popitem(), d)
d = {i: str(i) for i in range(20)}
print(d.popitem(), d.popitem(), len(d))
d[100] = 0
d[101] = 0
print(list(d))
s = {5, 30, 12, 41}
print(s.pop(), s)
s = set(range(30))
while s:
    s.pop()
for i in range(40, 0, -3):
    s.add(i)
print(list(s))
d = {1: 1, 2: 2, 3: 3, 4: 4}
for k in d:
    print(k, end=" ")
    if k == 1:
        d[10] = 1
        del d[3]
print()
s = {1, 2, 3}
for x in s:
    print(x, end=" ")
    if x == 1:
        s.add(100)
        s.add(7)
print()
from collections import OrderedDict
o = OrderedDict((str(i), i) for i in range(12))
del o["3"]
o["3"] = 9
print(list(o), o.popitem(), o["11"], "5" in o, "x" in o)
for k in o:
    if k == "1":
        del o["2"]
    print(k, end=" ")
print()
