#!/usr/bin/env bash
# Our VM against python3 on the same benchmark programs, each timed in-process after
# warm-up (median of the timed runs), and one table: program, ours ms, python3 ms, ratio
# (ours / python3), and the geometric mean of the ratios.
#
#   scripts/bench/vm.sh [PROGRAM.py...]      (default: scripts/bench/vm/*.py)
#
# Environment: WARMUP (default 3) and RUNS (default 7) for both sides.
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
python3 - "$tmp/ours" "$tmp/python3" <<'PY'
import math, sys
def load(p):
    d = {}
    for line in open(p):
        if "\t" in line:
            k, v = line.rstrip("\n").split("\t", 1)
            d[k] = v
    return d
ours, cpy = load(sys.argv[1]), load(sys.argv[2])
print("%-22s %12s %12s %8s" % ("program", "ours ms", "python3 ms", "ratio"))
ratios = []
for name in cpy:
    o, c = ours.get(name, "fails: no result"), cpy[name]
    if o.startswith("fails") or c.startswith("fails"):
        print("%-22s %s" % (name, o if o.startswith("fails") else "python3 " + c))
        continue
    if float(c) <= 0 or float(o) <= 0:
        print("%-22s %12.3f %12.3f %8s" % (name, float(o), float(c), "n/a"))
        continue
    r = float(o) / float(c)
    ratios.append(r)
    print("%-22s %12.2f %12.2f %8.2f" % (name, float(o), float(c), r))
if ratios:
    g = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
    print("%-22s %12s %12s %8.2f   (%d of %d programs)" % ("geometric mean", "", "", g, len(ratios), len(cpy)))
else:
    print("geometric mean: no program ran on both")
PY
