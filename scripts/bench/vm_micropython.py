"""Times each benchmark program's bench() in MicroPython's unix port, as vm_python.py does
for python3 (the unix port has no JIT, so its warm-up only evens out caches):

    micropython -X heapsize=64m scripts/bench/vm_micropython.py [--warmup 3] [--runs 7] PROGRAM.py...

One line per program: "name<TAB>median ms" or "name<TAB>fails: reason".
"""
import sys
import time


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def median_ms(path, warmup, runs):
    with open(path) as f:
        source = f.read()
    namespace = {"__name__": "bench_" + path.split("/")[-1]}
    exec(source, namespace)
    bench = namespace["bench"]
    for _ in range(warmup):
        bench()
    times = []
    for _ in range(runs):
        t0 = time.ticks_us()
        bench()
        times.append(time.ticks_diff(time.ticks_us(), t0) / 1000)
    return median(times)


def main(argv):
    warmup, runs, programs = 3, 7, []
    i = 0
    while i < len(argv):
        if argv[i] in ("--warmup", "--runs") and i + 1 < len(argv):
            if argv[i] == "--warmup":
                warmup = int(argv[i + 1])
            else:
                runs = int(argv[i + 1])
            i += 2
        else:
            programs.append(argv[i])
            i += 1
    for path in programs:
        name = path.split("/")[-1].rsplit(".", 1)[0]
        try:
            result = "%.6f" % median_ms(path, warmup, runs)
        except Exception as e:
            result = "fails: %s: %s" % (type(e).__name__, e)
        print(name + "\t" + result)


main(sys.argv[1:])
