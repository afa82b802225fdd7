def safe_div(pairs):
    for a, b in pairs:
        try:
            yield a / b
        except ZeroDivisionError:
            yield None
print(list(safe_div([(1, 2), (1, 0), (9, 3)])))
out = []
for i in range(4):
    try:
        if i % 2:
            raise ValueError(i)
        out.append(i)
    except ValueError as e:
        out.append(-e.args[0])
    else:
        out.append("ok")
print(out)
