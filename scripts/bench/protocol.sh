#!/usr/bin/env bash
# Board protocol benchmark (issue 5), in one run:
#  1. in-process: round trip of a trivial exec and throughput of a large stdout stream over
#     TCP to the virtual board, against the in-memory link to the same board;
#  2. whole commands, as a user runs them, against mpremote talking to the same virtual
#     board served on TCP: one trivial exec, and one exec printing 4 MB (median of 5 each).
#     Part 2 runs when MPREMOTE names an mpremote command (e.g. "python3 -m mpremote" with
#     MicroPython's tools/mpremote on PYTHONPATH; it needs pyserial).
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/mpt --version >/dev/null   # builds the jar if needed, and not again while measuring
export MPT_NO_BUILD=1
java -cp cli/target/mpt.jar scripts/bench/ProtocolBench.java
[ -n "${MPREMOTE:-}" ] || { echo "(set MPREMOTE to compare whole commands with mpremote)"; exit 0; }

flash="$(mktemp -d)"
port=$((20000 + RANDOM % 20000))
scripts/mpt board serve --port "$port" --flash "$flash" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$flash"' EXIT
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
scripts/mpt -d "socket://127.0.0.1:$port" exec "pass" # warm: the first run records the class-data archive

now() { date +%s.%N; }
median5() {
    for _ in 1 2 3 4 5; do
        local s e
        s=$(now)
        "$@" >/dev/null
        e=$(now)
        echo "($e - $s) * 1000" | bc -l
    done | sort -n | sed -n 3p
}
big="print('0123456789' * 400000)"
# shellcheck disable=SC2086
m1=$(median5 $MPREMOTE connect "socket://127.0.0.1:$port" exec "print(1)")
o1=$(median5 scripts/mpt -d "socket://127.0.0.1:$port" exec "print(1)")
# shellcheck disable=SC2086
m2=$(median5 $MPREMOTE connect "socket://127.0.0.1:$port" exec "$big")
o2=$(median5 scripts/mpt -d "socket://127.0.0.1:$port" exec "$big")
printf 'whole command, median of 5        mpt ms  mpremote ms  ratio\n'
printf '  exec "print(1)"               %8.0f  %11.0f  %5.2f\n' "$o1" "$m1" "$(echo "$o1 / $m1" | bc -l)"
printf '  exec printing 4 MB            %8.0f  %11.0f  %5.2f\n' "$o2" "$m2" "$(echo "$o2 / $m2" | bc -l)"
