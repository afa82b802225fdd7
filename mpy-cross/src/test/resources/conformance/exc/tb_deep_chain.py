# MicroPython differs: traceback format
def a(n):
    if n == 0:
        raise OverflowError("bottom")
    return a(n - 1)
a(3)
