data = [3, 8, 1, 9, 4]
if (n := len(data)) > 3:
    print("long", n)
out = [y for x in data if (y := x * 2) > 6]
print(out, y)
i = 0
while (i := i + 1) < 4:
    print("i", i)
def f():
    if (v := 10) > 5:
        return v
print(f())
print((z := 5) + z)
