#!/usr/bin/env bash
# MicroPython's perf_bench programs (bm_*, misc_*) on our VM, each a fresh process as
# MicroPython's run-perfbench.py runs them (the time is measured inside the process, around
# the benchmark's run), beside the unix port and CPython when given, in one run. Prints each
# program's time in microseconds and the ratios, then the geometric means.
#
#   scripts/bench/perf-bench.sh MICROPYTHON_TESTS_DIR
#   UNIX_PORT=/path/to/micropython CPYTHON=python3 AVERAGE=3 scripts/bench/perf-bench.sh DIR
#
# A ratio above 1 means ours is faster (other's time / our time). N=1000 M=1000 are the
# parameters MicroPython uses for a PC. This is a benchmark, not a test: it never fails on a
# figure.
#
#   UNIX_PORT=/path/to/micropython scripts/bench/perf-bench.sh --warm DIR
#
# --warm runs the same programs in-process after warm-up instead (scripts/bench/vm.sh with
# PERF=1000,1000: a process per program, timed inside it after a warm-up of WARMUP_MS, ours
# and python3 in FORKS processes each), against python3 and the unix port when given; that
# table's ratio is ours / theirs (lower is better), as vm.sh prints it.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
warm=0
if [ "${1:-}" = --warm ]; then
    warm=1
    shift
fi
tests="${1:?usage: $0 [--warm] MICROPYTHON_TESTS_DIR}"
tests="$(cd "$tests" && pwd)" || exit 1
[ -f "$tests/run-perfbench.py" ] || { echo "error: $tests has no run-perfbench.py" >&2; exit 1; }
if [ "$warm" = 1 ]; then
    PERF=1000,1000 MICROPYTHON="${UNIX_PORT:-}" exec "$here/scripts/bench/vm.sh" \
        "$tests"/perf_bench/bm_*.py "$tests"/perf_bench/misc_*.py
fi
average="${AVERAGE:-1}"
ours="$here/scripts/mpt-micropython"
"$ours" -c 'pass' || { echo "error: $ours does not run" >&2; exit 1; }

out="$(mktemp -d "${TMPDIR:-/tmp}/perf-bench.XXXXXX")"
trap 'rm -rf "$out"' EXIT

programs=()
for f in "$tests"/perf_bench/bm_*.py "$tests"/perf_bench/misc_*.py; do
    programs+=("perf_bench/${f##*/}")
done

bench() { # NAME EXECUTABLE
    echo "running ${#programs[@]} programs on $1 ($2)..." >&2
    (cd "$tests" && MICROPY_MICROPYTHON="$2" python3 run-perfbench.py -a "$average" \
        -r "$out/results-$1" 1000 1000 "${programs[@]}") > "$out/$1.txt" 2>&1
}

names=(ours)
bench ours "$ours"
if [ -n "${UNIX_PORT:-}" ]; then
    bench unix "$UNIX_PORT"
    names+=(unix)
fi
if [ -n "${CPYTHON:-}" ]; then
    bench cpython "$(command -v "$CPYTHON")"
    names+=(cpython)
fi

python3 - "$out" "${names[@]}" <<'EOF'
import math, sys
out, names = sys.argv[1], sys.argv[2:]
times = {}
for name in names:
    t = {}
    for line in open(f"{out}/{name}.txt"):
        prog, sep, rest = line.partition(": ")
        if not sep or not prog.startswith("perf_bench/"):
            continue
        fields = rest.split()
        try:
            t[prog[len("perf_bench/"):]] = float(fields[0])
        except (ValueError, IndexError):
            t[prog[len("perf_bench/"):]] = None  # failed or skipped: the line says why
            print(f"{name}: {line.strip()}", file=sys.stderr)
    times[name] = t
others = names[1:]
head = f"{'program':<20}" + "".join(f"{n + ' us':>14}" for n in names) + "".join(f"{o + '/ours':>14}" for o in others)
print(head)
logs = {o: [] for o in others}
for prog in sorted(times["ours"]):
    row = f"{prog:<20}"
    for n in names:
        v = times[n].get(prog)
        row += f"{v:>14.0f}" if v else f"{'-':>14}"
    for o in others:
        a, b = times[o].get(prog), times["ours"].get(prog)
        if a and b:
            logs[o].append(math.log(a / b))
            row += f"{a / b:>14.2f}"
        else:
            row += f"{'-':>14}"
    print(row)
for o in others:
    if logs[o]:
        print(f"geometric mean {o}/ours over {len(logs[o])} programs: {math.exp(sum(logs[o]) / len(logs[o])):.2f}")
EOF
