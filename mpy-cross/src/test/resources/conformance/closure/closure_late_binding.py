fs = []
for i in range(3):
    fs.append(lambda: i)
print([f() for f in fs])
gs = []
for i in range(3):
    def mk(j):
        return lambda: j
    gs.append(mk(i))
print([g() for g in gs])
def cells():
    v = 1
    def read():
        return v
    v = 2
    return read
print(cells()())
