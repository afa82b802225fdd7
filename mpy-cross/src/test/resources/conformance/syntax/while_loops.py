i = 0
total = 0
while i < 10:
    i += 1
    if i % 2:
        continue
    total += i
print(i, total)
n = 0
while True:
    n += 1
    if n > 5:
        break
print(n)
k = 3
while k > 0:
    k -= 1
else:
    print("while else ran", k)
k = 3
while k > 0:
    k -= 1
    if k == 1:
        break
else:
    print("not printed")
print("k", k)
