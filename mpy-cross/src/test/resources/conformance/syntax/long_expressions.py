total = (1 +
         2 +
         3)
print(total)
values = [
    1, 2,
    3,
]
print(values)
s = "one" \
    "two"
print(s)
d = {
    "k": [1, {"n": (2, 3)}],
}
print(d["k"][1]["n"][1])
def f(a,
      b=2,
      *c):
    return a + b + len(c)
print(f(1,
        5, 6, 7))
