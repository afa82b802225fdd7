# MicroPython differs: MicroPython has its own, shorter error messages
def msg(fn):
    try:
        fn()
    except Exception as e:
        print(type(e).__name__ + ":", e)
msg(lambda: 1 / 0)
msg(lambda: 1 % 0)
msg(lambda: [][0])
msg(lambda: ().__getitem__(5))
msg(lambda: int("abc"))
msg(lambda: {}["key"])
msg(lambda: [].pop())
msg(lambda: None.x)
msg(lambda: "a" + 1)
msg(lambda: len(5))
msg(lambda: undefined)
msg(lambda: [1].index(2))
