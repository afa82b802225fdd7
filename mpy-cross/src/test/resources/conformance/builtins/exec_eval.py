x = 5
print(eval("x * 2 + 1"))
exec("y = x + 100")
print(y)
ns = {}
exec("def h(a):\n    return a * 3\n", ns)
print(ns["h"](4))
print(eval("[i for i in range(3)]"), eval("1 + 1", {}, {}))
code = compile("z = 7", "<s>", "exec")
exec(code)
print(z)
