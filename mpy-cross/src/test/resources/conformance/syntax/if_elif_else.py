def classify(n):
    if n < 0:
        return "neg"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "big"

for v in (-5, 0, 3, 10, 99):
    print(v, classify(v))
x = 5
if x:
    print("truthy")
if not []:
    print("empty list falsy")
if "":
    print("never")
else:
    print("empty str falsy")
y = "a" if x > 3 else "b"
print(y)
print("nested", ("p" if x > 10 else "q" if x > 4 else "r"))
