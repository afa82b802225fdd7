log = []
def source():
    for i in range(5):
        log.append("produce %d" % i)
        yield i
def doubler(it):
    for x in it:
        log.append("double %d" % x)
        yield x * 2
g = doubler(source())
print(log)
print(next(g), log)
print(next(g), len(log))
rest = list(g)
print(rest, len(log))
