# MicroPython differs: marshal holds code objects in MicroPython's .mpy form; function(code, globals)
import marshal

ftype = type(lambda: 0)


def pair(x, y=10):
    return (x, y, "pair", 2.5, ...)


def counter(n):
    for i in range(n):
        yield i * scale


def outer(k):
    def inner(v, w="w"):
        return [k, v, w]

    return inner


data = marshal.dumps(pair.__code__)
print(type(pair.__code__).__name__, len(data), data[:4])
print(data)
print(ftype(marshal.loads(data), {})(1, 2))
gen = ftype(marshal.loads(marshal.dumps(counter.__code__)), {"scale": 3})
print(list(gen(4)))
mk = ftype(marshal.loads(marshal.dumps(outer.__code__)), {})
print(mk("k")("v"), mk(1)(2, 3))
code = marshal.loads(marshal.dumps(compile("x = 6 * 7\ndef sq(a): return a * a\n", "<m>", "exec")))
ns = {}
exec(code, ns)
print(ns["x"], ns["sq"](9))
print(eval(compile("40 + 2", "<e>", "eval")))
for bad in (1, "abc", type, pair):
    try:
        marshal.dumps(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    marshal.loads(b"not an mpy")
except ValueError as e:
    print("ValueError:", e)
try:
    ftype(code, [])
except TypeError:
    print("TypeError")
