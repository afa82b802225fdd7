# MicroPython differs: "raise ... from" prints a warning that chaining is not supported
def inner():
    raise ValueError("orig")
def middle():
    try:
        inner()
    except ValueError:
        print("middle saw it")
        raise
try:
    middle()
except ValueError as e:
    print("outer", e)
try:
    try:
        raise KeyError("a")
    except KeyError as e:
        raise RuntimeError("converted") from e
except RuntimeError as r:
    print("runtime", r)
try:
    raise IndexError("x") from None
except IndexError as e:
    print("from None ok", e)
