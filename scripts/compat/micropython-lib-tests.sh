#!/usr/bin/env bash
# Runs micropython-lib's package tests (the set its own CI runs, less the unix-ffi packages,
# which need the unix port's ffi module) on a MicroPython implementation, and prints one line
# per test and a closing "N passed, N failed" line. Its tools/ci.sh (ci_package_tests_run, the
# only function that runs tests) has 40 entries in three loops: 24 test files, 14 unittest
# directories and 2 modules run with -m; 7 of the files are unix-ffi, which leaves the 33 here.
#
#   scripts/compat/micropython-lib-tests.sh MICROPYTHON_LIB_DIR
#   MICROPYTHON=/path/to/unix-port/micropython scripts/compat/micropython-lib-tests.sh DIR
#
# MICROPYTHON defaults to this checkout's scripts/mpt-micropython (our VM). The libraries the
# tests import (unittest, argparse — frozen into the unix port —, fnmatch, shutil, tempfile,
# ucontextlib, the hashlib packages) are copied from the checkout into a temporary directory
# on MICROPYPATH, as micropython-lib's CI installs them; the directory is removed at the end. Exit status: 0 when every test passed.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
lib="${1:?usage: $0 MICROPYTHON_LIB_DIR}"
lib="$(cd "$lib" && pwd)" || exit 1
[ -d "$lib/python-stdlib" ] || { echo "error: $lib is not a micropython-lib checkout" >&2; exit 1; }
py="${MICROPYTHON:-$here/scripts/mpt-micropython}"
timeout_s="${TEST_TIMEOUT:-120}"

path="$(mktemp -d "${TMPDIR:-/tmp}/mplib-path.XXXXXX")"
trap 'rm -rf "$path"' EXIT
cp "$lib/micropython/ucontextlib/ucontextlib.py" "$lib/python-stdlib/fnmatch/fnmatch.py" \
   "$lib/python-stdlib/shutil/shutil.py" "$lib/python-stdlib/tempfile/tempfile.py" \
   "$lib/python-stdlib/argparse/argparse.py" "$path/"
for pkg in hashlib-core hashlib-sha224 hashlib-sha256 hashlib-sha384 hashlib-sha512; do
    cp -r "$lib/python-stdlib/$pkg/hashlib" "$path/"
done
cp -r "$lib/python-stdlib/unittest/unittest" "$path/"
cp -r "$lib/python-stdlib/unittest-discover/unittest" "$path/"
# ".frozen" keeps the implementation's built-in/frozen modules reachable, as its default path does.
export MICROPYPATH=".frozen:$path"

passed=0 failed=0 failures=()
run() { # NAME DIR ARGS...
    local name="$1" dir="$2"; shift 2
    local log
    log="$(cd "$lib/$dir" && timeout "$timeout_s" "$py" "$@" 2>&1)"
    if [ $? -eq 0 ]; then
        passed=$((passed + 1)); echo "pass  $name"
    else
        failed=$((failed + 1)); failures+=("$name"); echo "FAIL  $name"
        [ -n "${VERBOSE:-}" ] && printf '%s\n' "$log" | tail -n 15 | sed 's/^/      /'
    fi
}

for test in \
    micropython/drivers/storage/sdcard/sdtest.py \
    micropython/xmltok/test_xmltok.py \
    python-ecosys/requests/test_requests.py \
    python-stdlib/argparse/test_argparse.py \
    python-stdlib/base64/test_base64.py \
    python-stdlib/binascii/test_binascii.py \
    python-stdlib/collections-defaultdict/test_defaultdict.py \
    python-stdlib/functools/test_partial.py \
    python-stdlib/functools/test_reduce.py \
    python-stdlib/heapq/test_heapq.py \
    python-stdlib/hmac/test_hmac.py \
    python-stdlib/itertools/test_itertools.py \
    python-stdlib/operator/test_operator.py \
    python-stdlib/os-path/test_path.py \
    python-stdlib/pickle/test_pickle.py \
    python-stdlib/string/test_translate.py \
    python-stdlib/unittest/tests/exception.py; do
    run "$test" "$(dirname "$test")" "$(basename "$test")"
done
for dir in \
    micropython/ucontextlib python-stdlib/contextlib python-stdlib/datetime \
    python-stdlib/fnmatch python-stdlib/hashlib python-stdlib/inspect python-stdlib/pathlib \
    python-stdlib/quopri python-stdlib/shutil python-stdlib/tarfile python-stdlib/tempfile \
    python-stdlib/time python-stdlib/unittest/tests python-stdlib/unittest-discover/tests; do
    run "$dir (unittest)" "$dir" -m unittest
done
run "micropython/usb/usb-device tests.test_core_buffer" micropython/usb/usb-device -m tests.test_core_buffer
run "python-ecosys/cbor2 examples.cbor_test" python-ecosys/cbor2 -m examples.cbor_test

[ $failed -gt 0 ] && printf 'failed: %s\n' "${failures[@]}"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
