# MicroPython differs: uctypes reads a function object's words at its id() (as micropython-lib's
# inspect.signature does), which CPython has no module for
import uctypes


def words(addr, n):
    return uctypes.struct(addr, (uctypes.ARRAY | 0, uctypes.UINT64 | n))


def signature(addr):
    # the prelude's first bytes: state size, exception depth, scope flags, positional args,
    # keyword-only args, positional defaults (each varint-style over "more" bytes)
    code = uctypes.bytes_at(addr, 8)
    z = code[0]
    i = 1
    s = (z >> 3) & 0xF
    e = (z >> 2) & 1
    f = 0
    a = z & 3
    k = 0
    d = 0
    n = 0
    while z & 0x80:
        z = code[i]
        i += 1
        s |= (z & 0x30) << (2 * n)
        e |= (z & 0x02) << n
        f |= ((z & 0x40) >> 6) << n
        a |= (z & 0x04) << n
        k |= ((z & 0x08) >> 3) << n
        d |= (z & 0x01) << n
        n += 1
    return {"state": s + 1, "exc": e, "flags": f, "args": a, "kwonly": k, "defaults": d}


def describe(name, fn):
    addr = id(fn)
    closed = 0
    if type(fn) is type(make_closure()):
        clo = words(addr, 3)
        print(name, "closure type word:", clo[0] == id(type(fn)))
        addr = clo[1]
        closed = clo[2]
    w = words(addr, 4)
    sig = signature(w[3])
    print(name, "closed", closed, "type word:", w[0] == id(type(lambda: 0)) or w[0] == id(type(gen)),
          sorted(sig.items()))
    return w


def gen(a, b):
    yield a + b


def make_closure():
    p = 1
    q = 2

    def inner(x, y=3):
        return p + q + x + y

    return inner


def make_gen_closure():
    p = 1

    def inner():
        yield p

    return inner


describe("no args", lambda: 0)
describe("one", lambda x: x)
describe("kw only", lambda *, x: x)
describe("two and kw", lambda x, y, *, z: 0)
describe("star args", lambda *a, **k: 0)
describe("generator", gen)
describe("closure", make_closure())
describe("gen closure", make_gen_closure())
for i in range(3):
    describe("many " + str(i), eval("lambda " + ", ".join("a%d" % j for j in range(5 * i + 1)) + ": 0"))

# the positional defaults follow the four words: a small int's word is its id(), an object's too
dflt = [1, 2]


def with_defaults(a, b=7, c=dflt):
    pass


w = words(id(with_defaults), 6)
print(w[4] == id(7), w[5] == id(dflt), w[4] & 1)

# an id() is stable, distinct, and aligned as MicroPython's heap blocks
fs = [lambda: i for i in range(20)]
print(len(set(id(f) for f in fs)), all(id(f) == id(f) for f in fs), set(id(f) % 16 for f in fs))
c1 = make_closure()
print(id(c1) == id(c1), id(c1) != id(make_closure()), words(id(c1), 3)[1] != id(c1))

# repr() names the same addresses: a function's id(); a closure's, its function's (word 1) and its cells
print(repr(with_defaults) == "<function with_defaults at 0x%x>" % id(with_defaults))
w = words(id(c1), 3)
print(repr(c1) == "<closure <function inner at 0x%x> at %x, n_closed=2 <cell 3 1> <cell 5 2> >" % (w[1], id(c1)))
print(repr(make_gen_closure()).startswith("<closure <generator> at "), w[1] % 16)


def unset_cell():
    def inner():
        return late

    r = repr(inner)
    late = 1
    return r


print(unset_cell().endswith(", n_closed=1 <cell 0 (nil)> >"))
