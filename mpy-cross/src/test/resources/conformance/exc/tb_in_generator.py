# MicroPython differs: traceback format
def gen():
    yield 1
    raise RuntimeError("gen broke")
for v in gen():
    print("got", v)
