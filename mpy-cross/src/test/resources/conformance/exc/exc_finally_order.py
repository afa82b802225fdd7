log = []
def f():
    try:
        log.append("try")
        raise ValueError
    except ValueError:
        log.append("except")
        return "from except"
    finally:
        log.append("finally")
print(f(), log)
def g():
    for i in range(3):
        try:
            try:
                if i == 1:
                    raise KeyError(i)
            finally:
                log.append("inner%d" % i)
        except KeyError:
            log.append("caught%d" % i)
g()
print(log)
