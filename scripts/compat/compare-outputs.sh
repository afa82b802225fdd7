#!/usr/bin/env bash
# Runs each Python file on a reference MicroPython (e.g. the unix port) and on our VM, from the
# file's own directory, and compares what they print (stdout and stderr together, exit status
# included; object addresses masked). One line per file that differs, then "N passed, N failed"
# (passed = same output).
#
#   REFERENCE=/path/to/micropython scripts/compat/compare-outputs.sh micropython/tests/cpydiff/*.py
#
# VERBOSE=1 shows a diff for each file that differs. MICROPYTHON overrides the implementation
# under test (default: this checkout's scripts/mpt-micropython).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ref="${REFERENCE:?set REFERENCE to the reference micropython binary}"
ours="${MICROPYTHON:-$here/scripts/mpt-micropython}"
timeout_s="${TEST_TIMEOUT:-60}"
[ $# -gt 0 ] || { echo "usage: REFERENCE=PATH $0 FILE.py..." >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/mpt-compare.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# Object addresses ("<function f at 0x7f...>", "<A object at 7f...>") change from run to run
# on the reference too, so they are compared as "at ADDR".
runs() { # BINARY FILE -> output with the exit status appended
    (cd "$(dirname "$2")" && timeout "$timeout_s" "$1" "$(basename "$2")" 2>&1; echo "[exit $?]") |
        sed -E 's/ at (0x)?[0-9a-f]{6,}/ at ADDR/g'
}
passed=0 failed=0
for f in "$@"; do
    runs "$ref" "$f" > "$work/ref"
    runs "$ours" "$f" > "$work/ours"
    if cmp -s "$work/ref" "$work/ours"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "differs: $f"
        [ -n "${VERBOSE:-}" ] && diff "$work/ref" "$work/ours" | head -n 20 | sed 's/^/    /'
    fi
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
