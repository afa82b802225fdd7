def f(x):
    try:
        if x:
            raise OSError(5)
        return "ok"
    except:
        return "bare caught"
print(f(0), f(1))
try:
    try:
        raise KeyboardInterrupt
    except Exception:
        print("not here")
except BaseException as e:
    print("base caught", type(e).__name__)
