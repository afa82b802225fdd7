# MicroPython differs: names (identifiers, attribute, keyword, type and module names, format
# keys) are interned as qstrs of at most 255 bytes; a longer one is RuntimeError.
def make_id(n, base="a"):
    return "".join(chr(ord(base) + i % 26) for i in range(n))


def attempt(what, fn):
    try:
        r = fn()
        print(what, "ok", r if not isinstance(r, str) else len(r))
    except RuntimeError as e:
        print(what, "RuntimeError", e)
    except Exception as e:
        print(what, type(e).__name__)


def kw(**k):
    return len(k)


class A:
    pass


for n in (255, 256):
    name = make_id(n)
    g = {}
    attempt("exec", lambda: exec(name + " = 1", g))
    attempt("kwarg", lambda: exec("kw(" + name + "=1)"))
    attempt("starstar", lambda: kw(**{name: 1}))
    attempt("dict", lambda: len(dict(**{name: 1})))
    attempt("type", lambda: type(name, (), {}).__name__)
    a = A()
    attempt("setattr", lambda: setattr(a, name, 1))
    attempt("getattr", lambda: getattr(a, name, 7))
    attempt("hasattr", lambda: hasattr(a, name))
    attempt("delattr", lambda: delattr(a, name))
    attempt("format", lambda: ("{" + name + "}").format(**{name: 5}))
    attempt("modulo", lambda: ("%(" + name + ")s") % {name: 5})
    attempt("import", lambda: __import__(name))
    attempt("dotted", lambda: exec("import " + make_id(n // 2) + "." + make_id(n - n // 2 - 1, "A")))
    d = {name: 1}
    print("dict key", len(d), name in d)
# a long name made by other means is just a string
s = make_id(300)
print(len(s), len(s.upper()), s.startswith("abc"))
