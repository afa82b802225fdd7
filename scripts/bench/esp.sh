#!/bin/sh
# ESP32 flash benchmark on the emulated ROM loader (../shared/esp-rom-emu) with real line and
# flash timing: a 1 MiB random image and a firmware-sized compressible image, at each baud rate,
# written by `mpt flash` (ROM loader, compressed where it helps) and — with ESPTOOL_SRC set to an
# esptool v4 source tree — by esptool --no-stub and by esptool with its stub, each on a fresh
# emulator, in the same run. Checks that mpt and esptool --no-stub leave identical flash files.
#
#   ESPTOOL_SRC=/path/to/esptool-v4.8.1 sh scripts/bench/esp.sh
#
# Variables: ESPTOOL_PYTHON (a python3 with pyserial for esptool; default python3), FIRMWARE (a
# real MicroPython ESP32 .bin to use as the compressible image), BAUDS (default
# "115200 921600"), SCALE (the emulator's time scale; default 1 = real time), MPT (the command
# that runs mpt; default scripts/mpt).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$(dirname "$HERE")")
EMU=${ESP_ROM_EMU_DIR:-$ROOT/../shared/esp-rom-emu}/esp_rom_emu.py
BAUDS=${BAUDS:-"115200 921600"}
SCALE=${SCALE:-1}
PY=${ESPTOOL_PYTHON:-python3}
WORK=$(mktemp -d)
EMU_PID=
cleanup() { [ -n "$EMU_PID" ] && kill "$EMU_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

if [ -n "${MPT:-}" ]; then
	set -- $MPT
else
	set -- "$ROOT/scripts/mpt"
	"$ROOT/scripts/mpt" --version >/dev/null   # build the jar now if needed, not inside a timing
	export MPT_NO_BUILD=1
fi

python3 - "$WORK" "${FIRMWARE:-}" <<'PY'
import os, random, sys
w, firmware = sys.argv[1], sys.argv[2]
r = random.Random(1)
open(os.path.join(w, "random.bin"), "wb").write(bytes(r.getrandbits(8) for _ in range(1 << 20)))
if firmware:
    data = open(firmware, "rb").read()
else:
    # firmware-like: 1.5 MiB of "instructions" drawn from a small vocabulary, with literals
    vocab = [bytes(r.getrandbits(8) for _ in range(r.choice((2, 3, 4)))) for _ in range(150)]
    out = bytearray()
    while len(out) < 1536 * 1024:
        out += r.choice(vocab) if r.random() < 0.9 else bytes(r.getrandbits(8) for _ in range(4))
    data = bytes(out[:1536 * 1024])
open(os.path.join(w, "firmware.bin"), "wb").write(data)
PY

now() { date +%s.%N; }
start_emu() { # start_emu NAME
	rm -f "$WORK/$1.flash"
	python3 "$EMU" --pty-link "$WORK/tty" --flash "$WORK/$1.flash" --time-scale "$SCALE" >"$WORK/emu.out" 2>/dev/null &
	EMU_PID=$!
	while [ ! -e "$WORK/tty" ]; do sleep 0.1; done
}
stop_emu() { kill "$EMU_PID"; wait "$EMU_PID" 2>/dev/null || true; EMU_PID=; rm -f "$WORK/tty"; }
timed() { # timed NAME cmd...
	name=$1; shift
	start_emu "$name"
	t0=$(now)
	"$@" >"$WORK/$name.out" 2>&1 || { cat "$WORK/$name.out" >&2; exit 1; }
	t1=$(now)
	stop_emu
	awk "BEGIN { printf \"%.1f\", $t1 - $t0 }"
}

printf '%-14s %7s %9s %16s %12s %18s\n' image baud "mpt s" "esptool-ROM s" "stub s" "mpt/ROM  mpt/stub"
for img in random firmware; do
	for baud in $BAUDS; do
		m=$(timed "m-$img-$baud" "$@" flash --chip esp32 -d "$WORK/tty" --before no_reset --after no_reset \
			--baud "$baud" "$WORK/$img.bin")
		if [ -n "${ESPTOOL_SRC:-}" ]; then
			e=$(timed "e-$img-$baud" "$PY" "$ESPTOOL_SRC/esptool.py" --chip esp32 -p "$WORK/tty" -b "$baud" \
				--before no_reset --after no_reset --no-stub write_flash 0x1000 "$WORK/$img.bin")
			cmp -s "$WORK/m-$img-$baud.flash" "$WORK/e-$img-$baud.flash" \
				|| { echo "flash files differ: mpt and esptool --no-stub, $img at $baud" >&2; exit 1; }
			s=$(timed "s-$img-$baud" "$PY" "$ESPTOOL_SRC/esptool.py" --chip esp32 -p "$WORK/tty" -b "$baud" \
				--before no_reset --after no_reset write_flash 0x1000 "$WORK/$img.bin")
			printf '%-14s %7s %9s %16s %12s %9.2f %8.2f\n' "$img" "$baud" "$m" "$e" "$s" \
				"$(awk "BEGIN { print $m / $e }")" "$(awk "BEGIN { print $m / $s }")"
		else
			printf '%-14s %7s %9s\n' "$img" "$baud" "$m"
		fi
	done
done
