#!/usr/bin/env bash
# File transfer benchmark (issue 10), in one run, against MicroPython's unix port served as a
# board (socat on a pty, one fresh interpreter per connection) behind mpt's ThrottleProxy (dev.mpt.protocol): a
# 115200-baud line (11520 payload bytes/s at 10 bits a byte) with 1 ms latency each way.
#   upload and download of 1 MB of random bytes, and a sync of a tree of Python source,
#   with mpt (binary path, and the exec path for reference) and with mpremote when MPREMOTE
#   names it (e.g. "python3 -m mpremote" with MicroPython's tools/mpremote on PYTHONPATH);
#   then the same 1 MB unthrottled over TCP.
# Needs: socat, MICROPYTHON=/path/to/ports/unix/build-standard/micropython.
# Ratios are of the line's capacity: bytes / seconds / 11520.
# PARTS="random tree tcp" (the default) picks what to measure, e.g. PARTS=tree for the sync only.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${MICROPYTHON:?set MICROPYTHON to the unix port binary}"
scripts/mpt --version >/dev/null   # builds the jar if needed, and not again while measuring
export MPT_NO_BUILD=1
work="$(mktemp -d)"
. scripts/bench/throttled-board.sh

head -c 1000000 /dev/urandom > "$work/random.bin"
mkdir -p "$work/tree" "$work/board"
# a source tree: the Python of MicroPython's micropython-lib when present, else generated
lib="${MICROPYTHON_LIB:-$(dirname "$MICROPYTHON")/../../../lib/micropython-lib/python-stdlib}"
if [ -d "$lib" ]; then
    (cd "$lib" && find . -name "*.py" -size -40k | sort | head -400 | while read -r f; do mkdir -p "$work/tree/$(dirname "$f")"; cp "$f" "$work/tree/$f"; done)
else
    for i in $(seq 200); do
        for j in $(seq 60); do echo "def f${j}(x):  # helper number $j of module $i"; echo "    return x * $j + $i"; done > "$work/tree/m$i.py"
    done
fi
tree_bytes=$(find "$work/tree" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')

now() { date +%s.%N; }
timed() { local s e; s=$(now); "$@" >/dev/null 2>"$work/err" || { tail -1 "$work/err" >&2; echo "failed: $*" >&2; }; e=$(now); echo "$e - $s" | bc -l; }
# mpremote now and then cannot enter the raw REPL of a freshly started interpreter: time the retry
timed_retry() { local s e; s=$(now); if ! "$@" >/dev/null 2>"$work/err"; then s=$(now); "$@" >/dev/null 2>"$work/err" || { tail -1 "$work/err" >&2; echo "failed: $*" >&2; }; fi; e=$(now); echo "$e - $s" | bc -l; }
ratio() { echo "$1 / $2 / 11520" | bc -l; }
row() { printf '  %-34s %7.2f s  %5.2f of capacity\n' "$1" "$2" "$(ratio "$3" "$2")"; }

dev="socket://127.0.0.1:$line_port"
mpt() { scripts/mpt -d "$dev" --no-soft-reset "$@"; }
PARTS="${PARTS:-random tree tcp}"
has() { case " $PARTS " in *" $1 "*) return 0 ;; esac; return 1; }
if has random; then
echo "1 MB random, 115200 baud, 1 ms latency ($(du -b "$work/random.bin" | cut -f1) bytes)"
row "mpt cp up (binary)" "$(timed mpt cp "$work/random.bin" ":$work/board/r1.bin")" 1000000
row "mpt cp down (binary)" "$(timed mpt cp ":$work/board/r1.bin" "$work/r1.back")" 1000000
cmp "$work/random.bin" "$work/r1.back"
if [ -n "${MPREMOTE:-}" ]; then
    # shellcheck disable=SC2086
    row "mpremote cp up" "$(timed_retry $MPREMOTE connect "$dev" resume cp "$work/random.bin" ":$work/board/r2.bin")" 1000000
    # shellcheck disable=SC2086
    row "mpremote cp down" "$(timed_retry $MPREMOTE connect "$dev" resume cp ":$work/board/r2.bin" "$work/r2.back")" 1000000
fi
fi
if has tree; then
echo "source tree: $(find "$work/tree" -type f | wc -l) files, $tree_bytes bytes (effective rate = tree bytes / time)"
t_sync=$(timed mpt sync "$work/tree" ":$work/board/t1")
row "mpt sync (binary)" "$t_sync" "$tree_bytes"
diff -r "$work/tree" "$work/board/t1" >/dev/null || echo "  (the synced tree differs!)" >&2
row "mpt sync again (nothing changed)" "$(timed mpt sync "$work/tree" ":$work/board/t1")" "$tree_bytes"
row "mpt sync, exec path" "$(MPT_TRANSFER=exec timed mpt sync "$work/tree" ":$work/board/t2")" "$tree_bytes"
if [ -n "${MPREMOTE:-}" ]; then
    # shellcheck disable=SC2086
    t_mpremote=$(timed_retry $MPREMOTE connect "$dev" resume cp -r "$work/tree/" ":$work/board/t3")
    row "mpremote cp -r" "$t_mpremote" "$tree_bytes"
    printf '  mpt sync is %.1fx as fast as mpremote cp -r\n' "$(echo "$t_mpremote / $t_sync" | bc -l)"
fi
fi
if has tcp; then
echo "unthrottled TCP, 1 MB random"
dev="socket://127.0.0.1:$board_port"
t=$(timed mpt cp "$work/random.bin" ":$work/board/r3.bin"); printf '  %-34s %7.2f s  %6.0f KB/s\n' "mpt cp up (binary)" "$t" "$(echo "1000 / $t" | bc -l)"
t=$(timed mpt cp ":$work/board/r3.bin" "$work/r3.back"); printf '  %-34s %7.2f s  %6.0f KB/s\n' "mpt cp down (binary)" "$t" "$(echo "1000 / $t" | bc -l)"
cmp "$work/random.bin" "$work/r3.back"
fi
