try:
    raise ValueError("v")
except ValueError as err:
    kept = err
print(type(kept).__name__)
try:
    err
    print("err still bound")
except NameError:
    print("err unbound")
e = "outer"
try:
    1 / 0
except ZeroDivisionError as e:
    pass
try:
    print(e)
except NameError:
    print("e deleted too")
