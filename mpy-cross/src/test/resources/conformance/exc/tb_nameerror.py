# MicroPython differs: traceback format and NameError wording
def f():
    return missing_variable + 1
f()
