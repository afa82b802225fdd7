def grade(s):
    return "A" if s >= 90 else "B" if s >= 80 else "C" if s >= 70 else "F"
print([grade(s) for s in (95, 85, 75, 5)])
x = [1, 2, 3]
print(x[0] if x else None, ([] or [0])[0])
print((lambda v: "even" if v % 2 == 0 else "odd")(7))
print(1 if True else 1 / 0)
print((0 if False else 5) + 1)
