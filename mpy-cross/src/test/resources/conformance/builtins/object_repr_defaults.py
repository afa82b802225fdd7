class A:
    pass
r = repr(A())
print(r.startswith("<"), "A object" in r)
print(repr(A).startswith("<class"), str(int), str(len) if False else "builtin")
print(repr([None, True, 1.5, "s", b"b", (1,), {}]))
print(str(()), str([]), str({}), str(set()) if False else "set()")
