# MicroPython differs: traceback format
def f():
    raise ValueError
x = 1
f()
