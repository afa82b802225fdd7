def g():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        print("exit requested")
        return
it = g()
print(next(it))
print(it.close())
print(list(it))
def never_started():
    print("body")
    yield
n = never_started()
n.close()
print("closed unstarted without running body")
