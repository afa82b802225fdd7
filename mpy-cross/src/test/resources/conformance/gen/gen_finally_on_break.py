# MicroPython differs: an abandoned generator is not closed, so its finally never runs
def res():
    try:
        for i in range(10):
            yield i
    finally:
        print("released")
for x in res():
    if x == 2:
        break
print("after loop")
g = res()
next(g)
del g
print("end")
