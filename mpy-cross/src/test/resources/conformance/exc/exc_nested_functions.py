def level3():
    raise KeyError("deep")
def level2():
    level3()
def level1():
    try:
        level2()
    except KeyError as e:
        return "level1 caught " + str(e.args[0])
print(level1())
def catcher(fn):
    try:
        return fn()
    except Exception as e:
        return type(e).__name__
print(catcher(lambda: 1 / 0), catcher(lambda: int("z")), catcher(lambda: undefined_name))
