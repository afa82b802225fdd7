# MicroPython differs: its ZeroDivisionError message and traceback lines (no source lines).
# try/except/finally and with blocks in hot code: loops long enough that the VM compiles them,
# with exceptions raised at every stack depth, handled, re-raised, and unwound by break,
# continue and return through finally and with blocks.


class Log:
    def __init__(self, suppress=False, fail_enter=False):
        self.events = []
        self.suppress = suppress
        self.fail_enter = fail_enter

    def __enter__(self):
        if self.fail_enter:
            raise RuntimeError("enter")
        self.events.append("in")
        return len(self.events)

    def __exit__(self, t, v, tb):
        self.events.append("out" if t is None else t.__name__)
        return self.suppress


def lookups(d, n):
    hits = misses = 0
    for i in range(n):
        try:
            hits += d[i % 7]
        except KeyError:
            misses += 1
    return hits, misses


def deep_raise(d, n):
    # the exception leaves a call's argument list and a for loop's iterator on the stack
    out = []
    for i in range(n):
        try:
            out.append((i, [d[j] for j in range(i % 4)], str(i)))
        except KeyError as e:
            out.append(e.args[0])
    return len(out), out[-3:]


def finally_paths(n):
    trace = 0
    for i in range(n):
        try:
            if i % 5 == 0:
                continue
            if i % 11 == 0:
                raise ValueError(i)
            trace += 1
        except ValueError:
            trace += 100
        finally:
            trace += 10000
        if i == n - 3:
            break
    return trace


def return_through(xs, log):
    for x in xs:
        with log:
            try:
                if x < 0:
                    return "neg %d" % x
            finally:
                log.events.append("f%d" % x)
    return "none"


def with_hot(n):
    log = Log()
    total = 0
    for i in range(n):
        with log as k:
            total += k % 3
    suppressing = Log(suppress=True)
    for i in range(n):
        with suppressing:
            if i % 2:
                raise IndexError(i)
            total += 1
    try:
        with Log(fail_enter=True):
            total = -1
    except RuntimeError as e:
        total += 1000000
    return total, len(log.events), suppressing.events[-4:]


def reraise(n):
    caught = 0
    for i in range(n):
        try:
            try:
                if i % 3 == 0:
                    raise KeyError(i)
            except KeyError:
                if i % 2 == 0:
                    raise
                caught += 1
        except KeyError as e:
            caught += 1000
    return caught


def gen_with_finally(n):
    try:
        for i in range(n):
            try:
                yield i
            except ValueError:
                yield -i
    finally:
        print("gen done")


def uncaught_in_block(n):
    for i in range(n):
        try:
            x = 10 // (n - 1 - i)
        finally:
            pass
    return x


def get(d, k):
    try:
        return d[k]
    except KeyError:
        return -1


def finally_return(k):
    try:
        return k
    finally:
        k += 1


def callers(d, n):
    # hot functions that return from inside their blocks, called from compiled code
    t = 0
    for i in range(n):
        t += get(d, i % 9) + finally_return(i)
    return t


d = {1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6}
print(callers(d, 5000))
for rnd in range(3):
    print(lookups(d, 3000))
    print(deep_raise({0: "a", 1: "b"}, 2000))
    print(finally_paths(2000))
    log = Log()
    print(return_through([1, 2, -3, 4], log), log.events)
    print(with_hot(2000))
    print(reraise(2000))
g = gen_with_finally(2000)
s = 0
for v in g:
    s += v
    if v == 5:
        print(g.throw(ValueError))
print(s)
g = gen_with_finally(10)
print(next(g), next(g))
g.close()
try:
    uncaught_in_block(2000)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
uncaught_in_block(1500)
