# MicroPython differs: traceback format
def divide(a, b):
    return a / b
def compute():
    return divide(1, 0)
print("before")
compute()
print("never")
