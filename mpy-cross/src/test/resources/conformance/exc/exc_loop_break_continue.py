result = []
for i in range(6):
    try:
        if i == 2:
            continue
        if i == 4:
            break
        result.append(i)
    except Exception:
        pass
    finally:
        result.append("f%d" % i)
print(result)
n = 0
while True:
    try:
        n += 1
        if n == 3:
            raise StopIteration
    except StopIteration:
        break
print(n)
