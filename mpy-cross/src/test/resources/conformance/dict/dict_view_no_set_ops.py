# MicroPython differs: dict views support no set operations
d = {1: 2, 3: 4}
for name, f in (("&", lambda a, b: a & b), ("|", lambda a, b: a | b),
                ("-", lambda a, b: a - b), ("^", lambda a, b: a ^ b)):
    try:
        print(f(d.keys(), {1}))
    except TypeError as e:
        print(name, "TypeError", e)
try:
    print(d.keys() & d.keys())
except TypeError as e:
    print("TypeError", e)
print(sorted(d.keys()), 1 in d.keys(), 5 in d.keys())
