def risky(k):
    if k == 0:
        return 1 / 0
    if k == 1:
        return [][1]
    if k == 2:
        return {}["x"]
    if k == 3:
        return int("x")
    if k == 4:
        return None.attr
    return "fine"
for k in range(6):
    try:
        print(risky(k))
    except (ZeroDivisionError, IndexError) as e:
        print(k, "arith/index", type(e).__name__)
    except LookupError as e:
        print(k, "lookup", type(e).__name__)
    except Exception as e:
        print(k, "other", type(e).__name__)
