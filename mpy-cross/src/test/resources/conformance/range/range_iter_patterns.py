r = range(10)
it = iter(r)
print(next(it), next(it), list(it))
print([i for i in range(20, 0, -5)])
total = 0
for i in range(1, 101):
    if i % 3 == 0 or i % 5 == 0:
        total += i
print(total)
print(list(range(3))[::-1], list(zip(range(3), range(10, 13))))
print(len(range(0, 10, 3)), len(range(10, 0, -3)), len(range(5, 5)))
print(range(7)[3], range(0, 20, 2)[-1])
