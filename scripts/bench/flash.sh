#!/bin/sh
# Flash benchmark on the emulated STM32F405 bootloader (../shared/usbfs-emu) with the
# datasheet's real erase/program times as poll timeouts:
#   1. a 1 MiB image, full flash: dfu-util 0.11 against `mpt flash --full`, in the same run;
#   2. the same image with one 128 KiB sector changed: `mpt flash` (incremental) against
#      dfu-util's full flash of it.
# Prints wall times and the ratios. Needs: dfu-util, gcc/make, python3. MPT may name another
# command that runs mpt (default: scripts/mpt). Run from anywhere: sh scripts/bench/flash.sh
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
MODULE=$(dirname "$HERE")
ROOT=$(dirname "$MODULE")
EMU_SRC=${USBFS_EMU_DIR:-$ROOT/../shared/usbfs-emu}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

make -s -C "$EMU_SRC" BUILD="$WORK/emu" >/dev/null
LIB=$WORK/emu/libusbfs-emu.so
command -v dfu-util >/dev/null || { echo "dfu-util not found (apt-get install dfu-util)" >&2; exit 1; }

if [ -n "${MPT:-}" ]; then
	set -- $MPT
else
	set -- "$ROOT/scripts/mpt"   # the launcher users run
	"$ROOT/scripts/mpt" --version >/dev/null   # build the jar now if needed, not inside a timing
	export MPT_NO_BUILD=1
fi

python3 - "$WORK" <<'PY'
import os, random, sys
w = sys.argv[1]
r = random.Random(1)
img = bytearray(r.getrandbits(8) for _ in range(1 << 20))
open(os.path.join(w, "v1.bin"), "wb").write(img)
for i in range(0x60000, 0x80000, 4096):   # one 128 KiB sector (0x08060000) changes
    img[i] ^= 0xA5
open(os.path.join(w, "v2.bin"), "wb").write(img)
PY

now() { date +%s.%N; }
emu() { # emu FLASH LOG cmd...
	flash=$1 log=$2; shift 2
	env LD_PRELOAD="$LIB" USBFS_EMU_FLASH="$WORK/$flash" USBFS_EMU_LOG="$WORK/$log" "$@" >"$WORK/out.txt" 2>&1 \
		|| { cat "$WORK/out.txt" >&2; exit 1; }
}
timed() { t0=$(now); emu "$@"; t1=$(now); awk "BEGIN { print $t1 - $t0 }"; }
vtime() { grep 'virtual time' "$WORK/$1" | tail -n 1 | sed 's/.*virtual time \([0-9]*\) ms.*/\1/'; }

d_full=$(timed du.bin du.log dfu-util -a 0 -s 0x08000000:leave -D "$WORK/v1.bin")
m_full=$(timed mpt.bin mpt.log "$@" flash --full --address 0x08000000 "$WORK/v1.bin")
cmp -s "$WORK/du.bin" "$WORK/mpt.bin" || { echo "flash contents differ after full flash" >&2; exit 1; }
d_v2=$(timed du.bin du2.log dfu-util -a 0 -s 0x08000000:leave -D "$WORK/v2.bin")
m_inc=$(timed mpt.bin mpt2.log "$@" flash --address 0x08000000 "$WORK/v2.bin")
cmp -s "$WORK/du.bin" "$WORK/mpt.bin" || { echo "flash contents differ after incremental flash" >&2; exit 1; }

printf 'full flash, 1 MiB:      dfu-util %6.2f s  mpt %6.2f s  (device bound %s ms)  mpt/dfu-util = %.2f\n' \
	"$d_full" "$m_full" "$(vtime mpt.log)" "$(awk "BEGIN { print $m_full / $d_full }")"
printf 'one 128 KiB sector new: dfu-util %6.2f s  mpt %6.2f s  (device bound %s ms)  dfu-util/mpt = %.1fx faster\n' \
	"$d_v2" "$m_inc" "$(vtime mpt2.log)" "$(awk "BEGIN { print $d_v2 / $m_inc }")"
