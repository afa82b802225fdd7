#!/usr/bin/env bash
# Compiler benchmark (issue 3), measured in one run:
#  1. a whole tree of .py files compiled by one `mpt compile -r SRC -o OUT` call, against
#     the official mpy-cross run once per file over the same tree (as build systems do);
#  2. the same tree compiled to native code (-march=x64 -X emit=native), both ways;
#  3. the cold start of scripts/mpy-cross on one file: median wall time of 11 runs.
# It also counts how many outputs are byte-identical between the two compilers.
#
# usage: scripts/bench/compile.sh SRC_DIR [OFFICIAL_MPY_CROSS]
#   SRC_DIR            a tree with 500+ .py files (MicroPython's tests/ is a good one)
#   OFFICIAL_MPY_CROSS the official binary to compare with (default: mpy-cross on PATH);
#                      this script does not build it.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root="$(dirname "$(dirname "$here")")"
src="$(cd "${1:?usage: compile.sh SRC_DIR [OFFICIAL_MPY_CROSS]}" && pwd)"
official="${2:-$(command -v mpy-cross || true)}"
[ -x "$official" ] || { echo "compile.sh: no official mpy-cross given or on PATH" >&2; exit 2; }

mpt="$root/scripts/mpt"
mpycross="$root/scripts/mpy-cross"
"$mpt" --version >/dev/null # build the jar (and its class-data archive) first

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
n=$(cd "$src" && find . -name '*.py' | wc -l)
now() { date +%s.%N; }

t0=$(now)
"$mpt" compile -r "$src" -o "$work/ours" >/dev/null 2>&1 || true
t1=$(now)
(cd "$src" && find . -name '*.py' | sed 's|^\./||' | while read -r f; do
    mkdir -p "$work/theirs/$(dirname "$f")"
    "$official" -o "$work/theirs/${f%.py}.mpy" "$f" >/dev/null 2>&1 || true
done)
t2=$(now)

same=0
total=0
while read -r f; do
    total=$((total + 1))
    if [ -f "$work/ours/$f" ] && cmp -s "$work/ours/$f" "$work/theirs/$f"; then same=$((same + 1)); fi
done < <(cd "$work/theirs" && find . -name '*.mpy' | sed 's|^\./||')

ours=$(echo "$t1 - $t0" | bc -l)
theirs=$(echo "$t2 - $t1" | bc -l)
printf 'tree: %d .py files in %s\n' "$n" "$src"
printf '  mpt compile -r (one call):   %8.2f s\n' "$ours"
printf '  official, once per file:     %8.2f s\n' "$theirs"
printf '  ratio ours/official:         %8.2f\n' "$(echo "$ours / $theirs" | bc -l)"
printf '  identical outputs:           %d of %d\n' "$same" "$total"

# native code: the same comparison with -march=x64 -X emit=native
native=(-march=x64 -X emit=native)
t0=$(now)
"$mpt" compile "${native[@]}" -r "$src" -o "$work/ours-native" >/dev/null 2>&1 || true
t1=$(now)
(cd "$src" && find . -name '*.py' | sed 's|^\./||' | while read -r f; do
    mkdir -p "$work/theirs-native/$(dirname "$f")"
    "$official" "${native[@]}" -o "$work/theirs-native/${f%.py}.mpy" "$f" >/dev/null 2>&1 || true
done)
t2=$(now)
same=0
total=0
while read -r f; do
    total=$((total + 1))
    if [ -f "$work/ours-native/$f" ] && cmp -s "$work/ours-native/$f" "$work/theirs-native/$f"; then
        same=$((same + 1))
    fi
done < <(cd "$work/theirs-native" && find . -name '*.mpy' | sed 's|^\./||')
ours=$(echo "$t1 - $t0" | bc -l)
theirs=$(echo "$t2 - $t1" | bc -l)
printf 'native code (%s):\n' "${native[*]}"
printf '  mpt compile -r (one call):   %8.2f s\n' "$ours"
printf '  official, once per file:     %8.2f s\n' "$theirs"
printf '  ratio ours/official:         %8.2f\n' "$(echo "$ours / $theirs" | bc -l)"
printf '  identical outputs:           %d of %d\n' "$same" "$total"

one="$(cd "$src" && find . -name '*.py' | sort | head -1)"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
cold() {
    for _ in $(seq 11); do
        local s e
        s=$(now)
        "$@" >/dev/null 2>&1 || true
        e=$(now)
        echo "($e - $s) * 1000" | bc -l
    done | median
}
ours_cold=$(cd "$src" && cold "$mpycross" -o "$work/one.mpy" "$one")
theirs_cold=$(cd "$src" && cold "$official" -o "$work/one-official.mpy" "$one")
printf 'cold start, one file (%s), median of 11:\n' "$one"
printf '  scripts/mpy-cross:           %8.0f ms\n' "$ours_cold"
printf '  official mpy-cross:          %8.0f ms\n' "$theirs_cold"
