"""Times each benchmark program's bench() in this python3 process, after warm-up.

    python3 scripts/bench/vm_python.py [--warmup 3] [--runs 7] scripts/bench/vm/*.py

The python3 side of vm.sh: each program is executed in a fresh namespace (which defines
bench), bench() runs untimed for the warm-up and then timed; one line per program,
"name<TAB>median ms" or "name<TAB>fails: reason", as VmBench.java prints for our VM.
"""
import argparse
import os
import statistics
import time


def median_ms(path, warmup, runs):
    with open(path) as f:
        source = f.read()
    namespace = {"__name__": "bench_" + os.path.basename(path)}
    exec(compile(source, os.path.basename(path), "exec"), namespace)
    bench = namespace["bench"]
    for _ in range(warmup):
        bench()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        bench()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("programs", nargs="+")
    a = ap.parse_args()
    for path in a.programs:
        name = os.path.splitext(os.path.basename(path))[0]
        try:
            result = "%.6f" % median_ms(path, a.warmup, a.runs)
        except Exception as e:
            result = "fails: %s: %s" % (type(e).__name__, e)
        print(name + "\t" + result, flush=True)


if __name__ == "__main__":
    main()
