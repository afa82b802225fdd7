def gen_factory(step):
    def gen(n):
        for i in range(n):
            yield i * step
    return gen
g5 = gen_factory(5)
print(list(g5(4)))
def counter_gen():
    count = 0
    def bump():
        nonlocal count
        count += 1
    def g():
        while count < 3:
            bump()
            yield count
    return g()
print(list(counter_gen()))
