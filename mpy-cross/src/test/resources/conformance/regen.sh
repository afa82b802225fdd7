#!/usr/bin/env bash
# Regenerates and cross-checks the conformance suite's expected outputs.
#
#   regen.sh [--write] [area/name.py ...]     (default: every program)
#
# Each program is copied into a fresh empty directory with its area's helper modules
# (_*.py, which are not programs; as ConformanceTest roots the VM) and run there, so
# tracebacks name just the file, by python3
# and by the unix port of MicroPython ($MICROPYTHON, default the oracle build below), each
# recording stdout followed by stderr. When both print the same, that is the expected
# output. When they differ, the program must carry a "# MicroPython differs: <why>" comment
# near its top, and the expected output is MicroPython's (check it by eye). Without
# --write, the script only reports programs whose .exp is missing or out of date.
set -u
shopt -s nullglob
here=$(cd "$(dirname "$0")" && pwd)
mp=${MICROPYTHON:-/work/oracle/micropython/ports/unix/build-standard/micropython}
write=0
if [ "${1:-}" = "--write" ]; then write=1; shift; fi
if [ $# -gt 0 ]; then progs=("$@"); else
  mapfile -t progs < <(cd "$here" && find . -name '*.py' ! -name '_*' | sed 's|^\./||' | sort); fi
bad=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for rel in "${progs[@]}"; do
  dir=$here/$(dirname "$rel"); f=$(basename "$rel"); exp=$dir/${f%.py}.exp
  rm -rf "$tmp/rc" "$tmp/rm"; mkdir "$tmp/rc" "$tmp/rm"; cp "$dir/$f" "$dir"/_*.py "$tmp/rc/"; cp "$dir/$f" "$dir"/_*.py "$tmp/rm/"
  (cd "$tmp/rc" && timeout 10 python3 "$f" >"$tmp/c.out" 2>"$tmp/c.err")
  (cd "$tmp/rm" && timeout 10 "$mp" "$f" >"$tmp/m.out" 2>"$tmp/m.err")
  cat "$tmp/c.out" "$tmp/c.err" >"$tmp/c"; cat "$tmp/m.out" "$tmp/m.err" >"$tmp/m"
  if ! cmp -s "$tmp/c" "$tmp/m" && ! head -5 "$dir/$f" | grep -q '^# MicroPython differs'; then
    echo "DIFFERS (no '# MicroPython differs' note): $rel"; bad=1
    diff "$tmp/c" "$tmp/m" | head -8
    continue
  fi
  if [ $write = 1 ]; then cp "$tmp/m" "$exp"
  elif ! cmp -s "$tmp/m" "$exp"; then echo "STALE: $rel"; bad=1; fi
done
exit $bad
