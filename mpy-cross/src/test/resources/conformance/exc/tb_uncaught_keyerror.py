# MicroPython differs: traceback format and KeyError shows the key unquoted
d = {"a": 1}
def lookup(k):
    return d[k]
print(lookup("a"))
print(lookup("b"))
