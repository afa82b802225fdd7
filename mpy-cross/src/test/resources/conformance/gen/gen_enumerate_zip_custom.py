def my_enumerate(it, start=0):
    i = start
    for x in it:
        yield i, x
        i += 1
def my_zip(*its):
    iters = [iter(i) for i in its]
    while True:
        try:
            yield tuple(next(i) for i in iters) if False else tuple([next(i) for i in iters])
        except StopIteration:
            return
print(list(my_enumerate("abc", 1)))
print(list(my_zip([1, 2, 3], "xy")))
def chunks(seq, n):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]
print(list(chunks(list(range(7)), 3)))
