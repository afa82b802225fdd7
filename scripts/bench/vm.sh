#!/usr/bin/env bash
# Our VM against python3 on the same benchmark programs, each timed in-process after
# warm-up (median of the timed runs), and one table: program, ours ms, python3 ms, ratio
# (ours / python3), and the geometric mean of the ratios.
#
#   scripts/bench/vm.sh [PROGRAM.py...]      (default: scripts/bench/vm/*.py)
#
# Environment: WARMUP (default 3) and RUNS (default 7) for both sides. MICROPYTHON=PATH (the
# unix port's binary, e.g. ports/unix/build-standard/micropython of a MicroPython checkout)
# adds the anchor: its times and our ratio to them, in the same run.
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=cli/target/mpt.jar
# Build the jar when it is missing or older than any main source or pom; if a rebuild
# fails but an older jar exists, say so and measure that one.
if [ ! -f "$jar" ] || [ -n "$(find pom.xml */pom.xml */src/main -newer "$jar" -type f -print -quit)" ]; then
  echo "building $jar ..." >&2
  if ! mvn -q -DskipTests -pl cli -am package >&2; then
    [ -f "$jar" ] || { echo "vm.sh: build failed" >&2; exit 1; }
    echo "vm.sh: build failed; measuring the existing $jar" >&2
  fi
fi
warmup=${WARMUP:-3}
runs=${RUNS:-7}
if [ $# -gt 0 ]; then progs=("$@"); else progs=(scripts/bench/vm/*.py); fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A failure of the whole Java side (e.g. a VM that does not build) still gives a table.
if ! java -Dwarmup="$warmup" -Druns="$runs" -cp "$jar" scripts/bench/VmBench.java "${progs[@]}" \
    >"$tmp/ours" 2>"$tmp/ours.err"; then
  reason=$(grep -m1 -v '^\s*$' "$tmp/ours.err" | cut -c1-100 || true)
  for p in "${progs[@]}"; do
    n=$(basename "$p" .py)
    grep -q "^$n	" "$tmp/ours" || printf '%s\tfails: %s\n' "$n" "${reason:-VmBench exited with an error}" >>"$tmp/ours"
  done
fi
python3 scripts/bench/vm_python.py --warmup "$warmup" --runs "$runs" "${progs[@]}" >"$tmp/python3"
: >"$tmp/micropython"
if [ -n "${MICROPYTHON:-}" ]; then
  "$MICROPYTHON" -X heapsize=64m scripts/bench/vm_micropython.py --warmup "$warmup" --runs "$runs" "${progs[@]}" \
    >"$tmp/micropython" || echo "vm.sh: $MICROPYTHON failed; no anchor column" >&2
fi
python3 - "$tmp/ours" "$tmp/python3" "$tmp/micropython" <<'PY'
import math, sys
def load(p):
    d = {}
    for line in open(p):
        if "\t" in line:
            k, v = line.rstrip("\n").split("\t", 1)
            d[k] = v
    return d
ours, cpy, upy = load(sys.argv[1]), load(sys.argv[2]), load(sys.argv[3])
anchor = bool(upy)
def ms(v):
    return None if v is None or v.startswith("fails") or float(v) <= 0 else float(v)
def gmean(rs):
    return math.exp(sum(math.log(r) for r in rs) / len(rs)) if rs else float("nan")
head = "%-22s %10s %11s %7s" % ("program", "ours ms", "python3 ms", "ratio")
print(head + (" %15s %7s" % ("micropython ms", "ratio") if anchor else ""))
ratios, uratios = [], []
for name in cpy:
    o, c, u = ours.get(name, "fails: no result"), cpy[name], upy.get(name)
    if o.startswith("fails"):
        print("%-22s %s" % (name, o))
        continue
    line = "%-22s %10.2f" % (name, float(o))
    if ms(c) and ms(o):
        ratios.append(ms(o) / ms(c))
        line += " %11.2f %7.2f" % (ms(c), ratios[-1])
    else:
        line += " %11s %7s" % ("fails" if c.startswith("fails") else c, "n/a")
    if anchor:
        if ms(u) and ms(o):
            uratios.append(ms(o) / ms(u))
            line += " %15.2f %7.2f" % (ms(u), uratios[-1])
        else:
            line += " %15s %7s" % ("fails" if u else "no result", "n/a")
    print(line)
tail = "%-22s %10s %11s %7.2f" % ("geometric mean", "", "", gmean(ratios))
if anchor:
    tail += " %15s %7.2f" % ("", gmean(uratios))
print(tail + "   (ratio = ours / theirs; %d of %d programs against python3%s)" % (
    len(ratios), len(cpy), ", %d against micropython" % len(uratios) if anchor else ""))
PY
