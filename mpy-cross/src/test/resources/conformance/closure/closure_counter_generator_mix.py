def make_ids(prefix):
    n = 0
    def next_id():
        nonlocal n
        n += 1
        return "%s-%03d" % (prefix, n)
    return next_id
a = make_ids("A")
b = make_ids("B")
print(a(), a(), b(), a())
def gen_with_closure():
    total = 0
    def add(x):
        nonlocal total
        total += x
    for i in range(4):
        add(i)
        yield total
print(list(gen_with_closure()))
