#!/usr/bin/env bash
# Mount benchmark (issue 11): a package of 50 modules imported from a mounted host directory,
# with mpt mount and with mpremote mount, in one run, against MicroPython's unix port served
# as a board (socat: a fresh interpreter on a raw pty for each run), reached three ways: as a
# serial port (a pty, as a USB board looks), over TCP, and behind mpt's ThrottleProxy (dev.mpt.protocol) as a
# 115200-baud line with 1 ms latency each way (as a board on a UART looks).
# Two times per tool: the whole command (start-up, connect, mount, import), and the import
# alone as the board measures it (time.ticks_ms around "import bench50").
# Needs: socat, MICROPYTHON=/path/to/ports/unix/build-standard/micropython,
# MPREMOTE (e.g. "python3 -m mpremote" with MicroPython's tools/mpremote on PYTHONPATH).
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${MICROPYTHON:?set MICROPYTHON to the unix port binary}"
: "${MPREMOTE:?set MPREMOTE to the mpremote command}"
ROUNDS="${ROUNDS:-3}"
scripts/mpt --version >/dev/null   # builds the jar if needed, and not again while measuring
export MPT_NO_BUILD=1
work="$(mktemp -d)"
. scripts/bench/throttled-board.sh

# the package: 50 modules of ~40 lines each, the package's __init__ imports them all
mkdir -p "$work/src/bench50"
: > "$work/src/bench50/__init__.py"
for i in $(seq 0 49); do
    echo "from . import m$i" >> "$work/src/bench50/__init__.py"
    {
        echo "# module $i of the mount benchmark"
        echo "TABLE = [$i * k for k in range(20)]"
        for j in $(seq 12); do
            echo "def f$j(x, y=$j):"
            echo "    return (x + y) * $i - TABLE[$j]"
        done
        echo "class C$i:"
        echo "    def __init__(self, v):"
        echo "        self.v = v"
        echo "    def total(self):"
        echo "        return sum(TABLE) + self.v"
    } > "$work/src/bench50/m$i.py"
done
code='import time
t = time.ticks_ms()
import bench50
print("import-ms", time.ticks_diff(time.ticks_ms(), t), len([m for m in dir(bench50) if m.startswith("m")]))'

now() { date +%s.%N; }
# runs "$@" with a fresh interpreter on the pty $work/tty
on_pty() {
    socat "PTY,link=$work/tty,rawer,echo=0" "EXEC:$MICROPYTHON,pty,rawer,echo=0,stderr" 2>/dev/null &
    local pid=$! st=0
    for _ in $(seq 50); do [ -e "$work/tty" ] && break; sleep 0.1; done
    sleep 0.2
    "$@" || st=$?
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
    return $st
}
# one run: whole seconds and the board's own import time, as "SECONDS MS"
measure() {
    local s e out
    s=$(now)
    # (mpremote now and then cannot enter the raw REPL of a fresh interpreter: one retry)
    out=$("$@" 2>"$work/err") || { s=$(now); out=$("$@" 2>"$work/err"); } ||
        { tail -1 "$work/err" >&2; echo "failed: $1 ..." >&2; echo "nan nan"; return; }
    e=$(now)
    echo "$(echo "$e - $s" | bc -l) $(echo "$out" | awk '/import-ms/ {print $2; exit}')"
}
best() {  # best of ROUNDS runs
    local best_s=999999 best_ms=999999 r s ms
    for _ in $(seq "$ROUNDS"); do
        r=$(measure "$@"); s=${r% *}; ms=${r#* }
        if [ "$s" != nan ] && [ "$(echo "$s < $best_s" | bc -l)" = 1 ]; then best_s=$s; fi
        if [ "$ms" != nan ] && [ -n "$ms" ] && [ "$ms" -lt "$best_ms" ]; then best_ms=$ms; fi
    done
    echo "$best_s $best_ms"
}
for line in "pty" "tcp $board_port" "115200 $line_port"; do
    set -- $line
    if [ "$1" = pty ]; then dev="$work/tty"; wrap=on_pty; else dev="socket://127.0.0.1:$2"; wrap=; fi
    # shellcheck disable=SC2086
    m=$(best $wrap scripts/mpt -d "$dev" --no-soft-reset mount "$work/src" + exec "$code")
    # shellcheck disable=SC2086
    p=$(best $wrap $MPREMOTE connect "$dev" resume mount "$work/src" exec "$code")
    echo "$1: import of a 50-module package from a mounted directory (best of $ROUNDS)"
    printf '  %-10s whole command %6.2f s   import on the board %6d ms\n' mpt ${m% *} ${m#* }
    printf '  %-10s whole command %6.2f s   import on the board %6d ms\n' mpremote ${p% *} ${p#* }
    printf '  mpremote/mpt: whole command %.2fx, import %.2fx\n' \
        "$(echo "${p% *} / ${m% *}" | bc -l)" "$(echo "${p#* } / ${m#* }" | bc -l)"
done
