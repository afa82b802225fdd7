def t(fail):
    try:
        if fail:
            raise RuntimeError("boom")
    except RuntimeError:
        print("except")
    else:
        print("else")
    finally:
        print("finally")
t(False)
t(True)
try:
    pass
except Exception:
    pass
else:
    print("else reached")
try:
    try:
        x = 1
    except:
        print("no")
    else:
        raise TypeError("from else")
except TypeError as e:
    print("caught", e)
