#!/usr/bin/env bash
# Our VM against python3 (and MicroPython's unix port when given) on the same programs, each
# timed in-process after warm-up, and one table: program, ours ms, python3 ms, ratio
# (ours / python3, lower is better), and the geometric mean of the ratios.
#
#   scripts/bench/vm.sh [PROGRAM.py...]      (default: scripts/bench/vm/*.py)
#   PERF=1000,1000 scripts/bench/vm.sh micropython/tests/perf_bench/bm_*.py   (perf_bench programs)
#
# All three run scripts/bench/harness.py on each program, so they are timed alike: a warm-up
# of at least WARMUP runs (default 3) and WARMUP_MS milliseconds (default 5000: on 2 cores C2
# was still compiling misc_pystone's code after 2 s in some JVMs, 9.5-13.8 ms a run against
# 4.5 ms after 3 s), then RUNS
# timed runs (default 7), median. Ours is `scripts/mpt-micropython` without the warm VM, as
# a user runs a long program: a fresh JVM (the launcher's JDK and flags) per program, so
# that the JIT's profile of one program does not slow the next. A JIT's steady state can
# differ from one JVM to the next (which code it compiles first, which it inlines), so ours
# runs FORKS times per program (default 3) and the table gives the median of the forks'
# medians, and beside it their lowest and highest. python3 runs FORKS times too, alike: its
# time moves as much from one process to the next (dict_set_churn 2.6-4.7 ms, fft 2.2-4.0 ms
# in four processes). MICROPYTHON=PATH (the unix port's binary)
# adds the anchor: its times and our ratio to them, in the same run. PERF=N,M treats the
# programs as MicroPython's perf_bench programs (see harness.py).
#
# A benchmark, not a test: it never fails on a figure.
set -euo pipefail
cd "$(dirname "$0")/../.."
warmup=${WARMUP:-3}
warmup_ms=${WARMUP_MS:-5000}
runs=${RUNS:-7}
forks=${FORKS:-3}
if [ $# -gt 0 ]; then progs=("$@"); else progs=(scripts/bench/vm/*.py); fi
harness=(scripts/bench/harness.py --warmup "$warmup" --warmup-ms "$warmup_ms" --runs "$runs")
[ -z "${PERF:-}" ] || harness+=(--perf "$PERF")
ours=scripts/mpt-micropython
MPT_WARM=0 "$ours" -c pass || { echo "vm.sh: $ours does not run" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# one_side NAME COMMAND...: each program in its own process, FORKS times (once for micropython)
one_side() {
  local name="$1" n f p times
  shift
  local k=$forks
  [ "$name" != micropython ] || k=1
  for p in "${progs[@]}"; do
    n=$(basename "$p" .py)
    echo "vm.sh: $name $n ..." >&2
    for ((f = 0; f < k; f++)); do
      if ! "$@" "${harness[@]}" "$p" >>"$tmp/$name" 2>"$tmp/err"; then
        printf '%s\tfails: %s\n' "$n" "$(grep -m1 -v '^\s*$' "$tmp/err" | cut -c1-100)" >>"$tmp/$name"
      fi
    done
  done
}
one_side ours env MPT_WARM=0 "$ours"
one_side python3 python3
: >"$tmp/micropython"
if [ -n "${MICROPYTHON:-}" ]; then
  one_side micropython "$MICROPYTHON" -X heapsize=64m
fi
python3 - "$tmp/ours" "$tmp/python3" "$tmp/micropython" <<'PY'
import math, statistics, sys
def load(p):
    d = {}  # name -> list of medians, or a failure
    for line in open(p):
        f = line.rstrip("\n").split("\t")
        if len(f) < 2:
            continue
        if f[1].startswith("fails"):
            d.setdefault(f[0], f[1])
        elif not isinstance(d.get(f[0]), str):
            d.setdefault(f[0], []).append(float(f[1]))
    return d
ours, cpy, upy = load(sys.argv[1]), load(sys.argv[2]), load(sys.argv[3])
anchor = bool(upy)
def ms(v):
    return statistics.median(v) if isinstance(v, list) and min(v) > 0 else None
def gmean(rs):
    return math.exp(sum(math.log(r) for r in rs) / len(rs)) if rs else float("nan")
head = "%-22s %10s %17s %11s %7s" % ("program", "ours ms", "(forks lo-hi)", "python3 ms", "ratio")
print(head + (" %15s %7s" % ("micropython ms", "ratio") if anchor else ""))
ratios, uratios = [], []
for name in cpy:
    o, c, u = ours.get(name, "fails: no result"), cpy[name], upy.get(name)
    if isinstance(o, str):
        print("%-22s %s" % (name, o))
        continue
    line = "%-22s %10.2f %17s" % (name, ms(o), "(%.1f-%.1f)" % (min(o), max(o)))
    if ms(c):
        ratios.append(ms(o) / ms(c))
        line += " %11.2f %7.2f" % (ms(c), ratios[-1])
    else:
        line += " %11s %7s" % ("fails", "n/a")
    if anchor:
        if ms(u):
            uratios.append(ms(o) / ms(u))
            line += " %15.2f %7.2f" % (ms(u), uratios[-1])
        else:
            line += " %15s %7s" % ("fails" if u else "no result", "n/a")
    print(line)
tail = "%-22s %10s %17s %11s %7.2f" % ("geometric mean", "", "", "", gmean(ratios))
if anchor:
    tail += " %15s %7.2f" % ("", gmean(uratios))
print(tail + "   (ratio = ours / theirs; %d of %d programs against python3%s)" % (
    len(ratios), len(cpy), ", %d against micropython" % len(uratios) if anchor else ""))
failed = [n for n, v in cpy.items() if isinstance(v, str)]
for n in failed:
    print("python3 %s: %s" % (n, cpy[n]))
PY
