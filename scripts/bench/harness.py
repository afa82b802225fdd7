"""Times benchmark programs inside one Python process, after warm-up: the in-process side of
scripts/bench/vm.sh and scripts/bench/perf-bench.sh, run alike by our VM (mpt-micropython),
MicroPython's unix port and CPython, so that all three are measured the same way.

    IMPL harness.py [--warmup N] [--warmup-ms T] [--runs R] [--perf N,M] PROGRAM.py...

Each program is executed in a fresh namespace. Plain programs define bench(); each run calls
it. With --perf, programs are MicroPython's perf_bench programs: the parameters are picked
from bm_params for N,M as MicroPython's benchrun.py picks them, and each run calls
bm_setup(params) untimed and times the run() it returns (its result() is asked once, after the
last run, and must not fail). The warm-up is at least N runs and at least T milliseconds, so that a JIT has
compiled what it will compile before the timing starts; then R runs are timed. One line per
program: "name<TAB>median ms<TAB>min ms<TAB>max ms" or "name<TAB>fails: reason".
"""
import sys

try:
    from time import ticks_us, ticks_diff
except ImportError:
    from time import perf_counter

    def ticks_us():
        return int(perf_counter() * 1000000)

    def ticks_diff(a, b):
        return a - b


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def perf_params(namespace, n, m):
    # as benchrun.py: the largest parameter set that fits N and M
    cur, param = (0, 0), None
    for nm, p in namespace["bm_params"].items():
        if 10 * nm[0] <= 12 * n and nm[1] <= m and nm > cur:
            cur, param = nm, p
    if param is None:
        raise ValueError("no parameters for N=%d M=%d" % (n, m))
    return param


def timed(namespace, perf):
    """One run: its time in milliseconds."""
    if perf is None:
        bench = namespace["bench"]
        t0 = ticks_us()
        bench()
        return ticks_diff(ticks_us(), t0) / 1000
    run, result = namespace["bm_setup"](perf)
    t0 = ticks_us()
    run()
    t = ticks_diff(ticks_us(), t0) / 1000
    namespace["_result"] = result
    return t


def measure(path, warmup, warmup_ms, runs, nm):
    with open(path) as f:
        source = f.read()
    name = path.split("/")[-1]
    namespace = {"__name__": "bench_" + name}
    exec(compile(source, name, "exec"), namespace)
    perf = None if nm is None else perf_params(namespace, nm[0], nm[1])
    done, spent = 0, 0
    while done < warmup or spent < warmup_ms:
        t0 = ticks_us()
        timed(namespace, perf)
        spent += ticks_diff(ticks_us(), t0) / 1000
        done += 1
    times = [timed(namespace, perf) for _ in range(runs)]
    if perf is not None:
        namespace["_result"]()  # as benchrun.py, once: it must not fail
    return median(times), min(times), max(times)


def main(argv):
    warmup, warmup_ms, runs, nm, programs = 3, 0, 7, None, []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("--warmup", "--warmup-ms", "--runs", "--perf") and i + 1 < len(argv):
            v = argv[i + 1]
            if a == "--warmup":
                warmup = int(v)
            elif a == "--warmup-ms":
                warmup_ms = int(v)
            elif a == "--runs":
                runs = int(v)
            else:
                nm = [int(x) for x in v.split(",")]
            i += 2
        else:
            programs.append(a)
            i += 1
    for path in programs:
        name = path.split("/")[-1].rsplit(".", 1)[0]
        try:
            result = "%.6f\t%.6f\t%.6f" % measure(path, warmup, warmup_ms, max(1, runs), nm)
        except Exception as e:
            result = "fails: %s: %s" % (type(e).__name__, e)
        print(name + "\t" + result)


main(sys.argv[1:])
