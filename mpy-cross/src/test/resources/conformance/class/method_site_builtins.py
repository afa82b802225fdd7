# MicroPython differs: its dicts iterate in hash table order.
# One method call site meeting built-in objects of several types and instances of classes,
# in a loop hot enough to be compiled: each call finds its own receiver's method.


class Appender:
    def __init__(self):
        self.items = []

    def append(self, x):
        self.items.append(-x)


class MyList(list):
    def append(self, x):
        super().append(x * 10)


def fill(targets, n):
    for i in range(n):
        t = targets[i % len(targets)]
        t.append(i % 256)


bag = set()
targets = [[], Appender(), MyList(), bytearray(), []]
targets[3].append(1)
fill(targets, 3000)
print([len(t) if not isinstance(t, Appender) else len(t.items) for t in targets])
print(targets[0][:3], targets[1].items[:3], targets[2][:3], targets[4][:3])


def adds(objs, n):
    for i in range(n):
        o = objs[i % 3]
        if isinstance(o, dict):
            o.update({i % 7: i})
        else:
            o.update([i % 5])
    return objs


print(adds([set(), {}, set()], 3000))
