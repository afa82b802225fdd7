for c in "abc":
    print(c, end=" ")
print()
for i, v in enumerate([10, 20, 30], 1):
    print(i, v)
for a, (b, c) in [(1, (2, 3)), (4, (5, 6))]:
    print(a + b + c)
for x in range(3):
    pass
else:
    print("for else", x)
for x in range(10):
    if x == 4:
        break
else:
    print("never")
print("stopped at", x)
acc = []
for i in range(3):
    for j in range(3):
        if j == i:
            continue
        acc.append((i, j))
print(acc)
for _ in []:
    print("never")
