e = ValueError("msg", 42)
print(e.args, len(e.args))
e2 = KeyError("k")
print(e2.args)
e3 = Exception()
print(e3.args, repr(str(e3)))
print(str(ValueError("one")), str(ValueError(1, 2)))
try:
    raise TypeError
except TypeError as t:
    print("class raised", t.args)
