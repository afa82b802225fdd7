# MicroPython differs: built-in functions have one type per way of taking arguments (all printed
# 'function'), methods reached through their type are checked functions, closures have their own type
import gc
import math
import sys
import time


def plain():
    pass


def gen():
    yield


def make_closure():
    a = 1

    def inner(x):
        return a + x

    return inner


def make_gen_closure():
    a = 1

    def inner():
        yield a

    return inner


class C:
    def meth(self):
        pass

    @staticmethod
    def smeth():
        pass

    @classmethod
    def cmeth(cls):
        pass


kinds = (
    ("0", type(globals)),
    ("1", type(abs)),
    ("2", type(hasattr)),
    ("3", type(setattr)),
    ("var", type(print)),
    ("checked", type(str.join)),
    ("function", type(plain)),
    ("genfunction", type(gen)),
    ("closure", type(make_closure())),
    ("bound", type(C().meth)),
)


def kind(f):
    found = [name for name, t in kinds if type(f) is t]
    return " ".join(found) if found else "other " + str(type(f))


print([str(t) for _, t in kinds])
print(len(set(id(t) for _, t in kinds)))
for name, f in (
    ("globals", globals), ("locals", locals), ("abs", abs), ("len", len), ("iter", iter), ("repr", repr),
    ("hasattr", hasattr), ("isinstance", isinstance), ("divmod", divmod), ("delattr", delattr),
    ("setattr", setattr), ("getattr", getattr), ("print", print), ("min", min), ("next", next),
    ("sorted", sorted), ("round", round), ("pow", pow), ("__import__", __import__),
    ("math.sqrt", math.sqrt), ("math.atan2", math.atan2), ("math.log", math.log), ("math.isclose", math.isclose),
    ("gc.collect", gc.collect), ("gc.threshold", gc.threshold), ("sys.exc_info", sys.exc_info),
    ("sys.exit", sys.exit), ("time.sleep_ms", time.sleep_ms), ("time.ticks_diff", time.ticks_diff),
    ("time.ticks_ms", time.ticks_ms), ("object.__init__", object.__init__), ("object.__new__", object.__new__),
    ("object.__setattr__", object.__setattr__), ("object.__delattr__", object.__delattr__),
    ("str.join", str.join), ("list.append", list.append), ("dict.get", dict.get), ("bytes.decode", bytes.decode),
    ("'x'.join", "x".join), ("[].append", [].append), ("dict.fromkeys", dict.fromkeys),
    ("int.from_bytes", int.from_bytes), ("plain", plain), ("lambda", lambda: 0), ("gen", gen),
    ("closure", make_closure()), ("gen closure", make_gen_closure()), ("C.meth", C.meth),
    ("C().meth", C().meth), ("C.smeth", C.smeth), ("C.cmeth", C.cmeth),
):
    print(name, kind(f))

# isinstance sees the same types (so inspect.isfunction(abs) is false)
print(isinstance(abs, type(plain)), isinstance(plain, type(abs)), isinstance(make_closure(), type(plain)))
print(isinstance(len, type(abs)), isinstance(print, type(abs)), isinstance(str.upper, type(str.join)))
print(type(plain) is type(lambda: 0), type(gen) is type(gen()), type(make_closure()) is type(make_gen_closure()))

# a fixed-arity built-in takes exactly that many arguments, and no keywords
for src in ("globals(1)", "abs()", "abs(1, 2)", "abs(x=1)", "hasattr(1)", "setattr(1, 2)", "gc.collect(0)",
            "time.sleep_ms()", "math.atan2(1)", "sys.exc_info(1)", "iter([], 1)"):
    try:
        exec(src)
        print(src, "ok")
    except TypeError as e:
        print(src, "TypeError:", e)

# a method reached through its built-in type checks its first argument's exact type
class L(list):
    pass


class D(dict):
    pass


class X:
    upper = str.upper


print(str.join is str.join, str.join(",", "ab"), list.append is not None)
for src in ("str.join(1, [])", "str.upper(b'x')", "list.append(L(), 1)", "dict.__setitem__(D(), 1, 2)",
            "int.to_bytes(True, 1, 'little')", "X().upper()", "str.upper()", "bytes.decode(bytearray(b'a'))",
            "dict.get({1: 2}, 1)", "set.__contains__({1}, 1)"):
    try:
        print(src, eval(src))
    except TypeError as e:
        print(src, "TypeError:", e)
