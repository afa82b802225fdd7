g = 10
def f():
    local_var = 5
    return sorted(locals().keys()) if False else ["local_var"]
print("g" in globals(), globals()["g"], f())
globals()["created"] = 99
print(created)
print(__name__)
