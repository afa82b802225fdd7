# A function whose JVM code is too big for C1 to profile (over 6000 bytes: the JIT puts it
# in a class kept from C2), called often enough to be compiled: the same output either way


def churn(x, items):
    t = 0
    s = []
    if x % 2 == 0:
        t += x * 1 - len(items)
        s.append(items[0 % len(items)])
    else:
        t -= (x ^ 0) // 1
    if x % 3 == 1:
        t += x * 2 - len(items)
        s.append(items[1 % len(items)])
    else:
        t -= (x ^ 1) // 2
    if x % 4 == 2:
        t += x * 3 - len(items)
        s.append(items[2 % len(items)])
    else:
        t -= (x ^ 2) // 3
    if x % 5 == 0:
        t += x * 4 - len(items)
        s.append(items[3 % len(items)])
    else:
        t -= (x ^ 3) // 4
    if x % 6 == 1:
        t += x * 5 - len(items)
        s.append(items[4 % len(items)])
    else:
        t -= (x ^ 4) // 5
    if x % 7 == 2:
        t += x * 6 - len(items)
        s.append(items[5 % len(items)])
    else:
        t -= (x ^ 5) // 1
    if x % 8 == 0:
        t += x * 7 - len(items)
        s.append(items[6 % len(items)])
    else:
        t -= (x ^ 6) // 2
    if x % 2 == 1:
        t += x * 8 - len(items)
        s.append(items[7 % len(items)])
    else:
        t -= (x ^ 7) // 3
    if x % 3 == 2:
        t += x * 9 - len(items)
        s.append(items[8 % len(items)])
    else:
        t -= (x ^ 8) // 4
    if x % 4 == 0:
        t += x * 10 - len(items)
        s.append(items[9 % len(items)])
    else:
        t -= (x ^ 9) // 5
    return t, len(s), s[-1] if s else None


total = 0
for i in range(3000):
    t, n, last = churn(i, ['a', 'b', 'c', i])
    total += t + n
    if i % 1000 == 999:
        print(i, t, n, last, total)
