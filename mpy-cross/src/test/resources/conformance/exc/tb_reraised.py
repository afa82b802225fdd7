# MicroPython differs: traceback format
def a():
    raise TypeError("bad type")
def b():
    try:
        a()
    except TypeError:
        print("logging and re-raising")
        raise
b()
