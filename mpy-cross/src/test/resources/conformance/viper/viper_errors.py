# MicroPython differs: viper (micropython.viper) exists only in MicroPython
# Viper's type rules are checked when the code is compiled: each bad function is a ViperTypeError.
bad = (
    "def f(x: int) -> int:\n    return 'str'",
    "def f(x: int):\n    y = x\n    y = None",
    "def f(p: ptr8):\n    p[0] = None",
    "def f(x: int, y: uint):\n    return x < y",
    "def f(x: uint) -> int:\n    return x // 2",
    "def f():\n    return z_not_known + 1\n    z_not_known = 1",
    "def f(x: int):\n    x[0]",
    "def f(x: int):\n    return -None",
    "def f():\n    raise 1",
    "def f(x: ptr8):\n    return not x",
)
for src in bad:
    try:
        exec("import micropython\n@micropython.viper\n" + src)
        print("compiled")
    except Exception as e:
        print(type(e).__name__, e)
