#!/usr/bin/env bash
# Flood benchmark for `mpt repl` (issue 15), in one run: the virtual board (served on TCP)
# prints MB megabytes (default 10) of numbered 100-byte lines as fast as it can.
#  1. baseline: the same flood read over a bare TCP connection (no terminal, no log);
#  2. `mpt repl --log` in a real terminal (a tmux pane, 200x50), the flood typed at its prompt.
#  3. the same with the screen sent to /dev/null: what the monitor itself can take.
# Prints MB/s of each and their ratio, the CPU time mpt used (user+system, and as a share
# of the wall time), and checks that the log holds every line, in order.
# Needs tmux and python3. BOARD=unix serves MicroPython's unix port instead (set MICROPYTHON
# to its binary; needs socat).
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
MB="${MB:-10}"
n=$((MB * 1024 * 1024 / 100))
scripts/mpt --version >/dev/null   # builds the jar if needed, and not again while measuring
export MPT_NO_BUILD=1
work="$(mktemp -d)"
port=$((20000 + RANDOM % 20000))
sock="mpt-flood-$$"
cleanup() {
    tmux -L "$sock" kill-server 2>/dev/null || true
    [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
if [ "${BOARD:-virtual}" = unix ]; then
    socat "TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr,fork" "EXEC:${MICROPYTHON:?set MICROPYTHON},pty,raw,echo=0,stderr" 2>/dev/null &
else
    scripts/mpt board serve --port "$port" --flash "$work/flash" >/dev/null 2>&1 &
fi
server=$!
for _ in $(seq 200); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

read -r base_s base_bytes < <(python3 scripts/bench/repl_flood.py baseline 127.0.0.1 "$port" "$n")

code="$(python3 scripts/bench/repl_flood.py code "$n")"
hz="$(getconf CLK_TCK)"
# run_monitor LOG REDIRECT: mpt repl --log LOG in a fresh tmux pane; sets wall, cpu, bytes
run_monitor() {
    local log="$1" redirect="$2"
    tmux -L "$sock" kill-server 2>/dev/null || true
    tmux -L "$sock" -f /dev/null new-session -d -s flood -x 200 -y 50 -c "$root" \
        "scripts/mpt -d socket://127.0.0.1:$port repl --log $log $redirect; sleep 3600"
    for _ in $(seq 300); do grep -q '>>> ' "$log" 2>/dev/null && break; sleep 0.1; done
    local pid t0 t1 start end
    pid="$(pgrep -P "$(tmux -L "$sock" display -p -t flood '#{pane_pid}')" java | head -1)"
    t0="$(awk '{print $14 + $15}' "/proc/$pid/stat")"
    start="$(date +%s.%N)"
    tmux -L "$sock" send-keys -t flood -l "$code"
    tmux -L "$sock" send-keys -t flood Enter
    until tail -c 200 "$log" 2>/dev/null | grep -q FLOOD-END; do sleep 0.02; done
    end="$(date +%s.%N)"
    t1="$(awk '{print $14 + $15}' "/proc/$pid/stat")"
    tmux -L "$sock" send-keys -t flood C-]
    wall="$(echo "$end - $start" | bc -l)"
    cpu="$(echo "($t1 - $t0) / $hz" | bc -l)"
    bytes="$(stat -c %s "$log")"
}
run_monitor "$work/null.log" ">/dev/null"
null_wall="$wall" null_cpu="$cpu" null_bytes="$bytes"
run_monitor "$work/flood.log" ""

printf 'flood of %d lines (%s MB) from the %s board\n' "$n" "$MB" "${BOARD:-virtual}"
printf '  bare TCP read (baseline)            %6.2f s  %6.1f MB/s\n' "$base_s" "$(echo "$base_bytes / $base_s / 1048576" | bc -l)"
printf '  mpt repl --log in tmux              %6.2f s  %6.1f MB/s  (ratio %.2f of the baseline)\n' "$wall" \
    "$(echo "$bytes / $wall / 1048576" | bc -l)" "$(echo "$base_s / $wall" | bc -l)"
printf '    mpt CPU %.2f s user+system = %.0f%% of one core\n' "$cpu" "$(echo "100 * $cpu / $wall" | bc -l)"
printf '  mpt repl --log, screen to /dev/null %6.2f s  %6.1f MB/s  (ratio %.2f)\n' "$null_wall" \
    "$(echo "$null_bytes / $null_wall / 1048576" | bc -l)" "$(echo "$base_s / $null_wall" | bc -l)"
printf '    mpt CPU %.2f s user+system = %.0f%% of one core\n' "$null_cpu" "$(echo "100 * $null_cpu / $null_wall" | bc -l)"
python3 scripts/bench/repl_flood.py check "$work/flood.log" "$n"
python3 scripts/bench/repl_flood.py check "$work/null.log" "$n"
