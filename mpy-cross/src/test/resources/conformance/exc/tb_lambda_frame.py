# MicroPython differs: traceback format
apply = lambda fn, x: fn(x)
def boom(x):
    return [x][x]
print(apply(boom, 0))
apply(boom, 3)
