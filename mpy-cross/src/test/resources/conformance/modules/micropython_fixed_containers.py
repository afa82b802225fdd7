# MicroPython differs: errno.errorcode is a fixed dict, deque is fixed-size, OrderedDict keys need no hash
import errno
from collections import deque, OrderedDict

for op in (lambda d: d.pop(1), lambda d: d.update({1: 2}), lambda d: d.clear(), lambda d: d.setdefault(0, 0)):
    try:
        op(errno.errorcode)
    except TypeError:
        print("TypeError")
print(errno.errorcode[errno.ENOENT])

try:
    deque(())
except TypeError:
    print("TypeError")
d = deque((), 2)
for i in range(4):
    d.append(i)
print(list(d))
d = deque((), 2, True)
d.append(1)
d.append(2)
try:
    d.append(3)
except IndexError as e:
    print(repr(e))

od = OrderedDict()
od[[1]] = "list key"
od[:"a"] = "slice key"
print(list(od.values()), od[[1]])
try:
    {}[[1]]
except KeyError:
    print("KeyError")
try:
    {1: 2}[[1]]
except TypeError:
    print("TypeError")
