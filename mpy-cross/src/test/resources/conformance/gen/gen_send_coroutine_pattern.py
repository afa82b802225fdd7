def averager():
    total = 0.0
    count = 0
    avg = None
    while True:
        x = yield avg
        total += x
        count += 1
        avg = total / count
a = averager()
next(a)
for v in (10, 20, 60):
    print(a.send(v))
def grep(pattern):
    found = []
    try:
        while True:
            line = yield
            if pattern in line:
                found.append(line)
    except GeneratorExit:
        print("grep closing with", found)
g = grep("py")
next(g)
for l in ["python", "java", "mpy"]:
    g.send(l)
g.close()
