print(0 or 5, 3 or 5, 0 and 5, 3 and 5)
print(None or "default")
print([] or {} or "last")
print("x" and [] and 1)
print(not 0, not 1, not None, not "a")
calls = []
def t(v):
    calls.append(v)
    return v
r = t(0) and t(1)
print(r, calls)
calls.clear()
r = t(1) or t(2)
print(r, calls)
calls.clear()
r = t(0) or t("") or t([]) or t(7)
print(r, calls)
print(True + True, True * 10, False - 1)
print(1 if 0 else 2 if "" else 3)
