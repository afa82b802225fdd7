#!/usr/bin/env bash
# The launcher behind scripts/mpt-micropython when the warm VM's client has no saved command
# line to go on (see that script): works out the JVM and its options, builds the jar when the
# sources changed, and runs the program through the warm VM (saving the command line for
# the next runs) or in a fresh JVM.
set -euo pipefail
here="${BASH_SOURCE[0]}"
if [ -L "$here" ]; then here="$(readlink -f "$here")"; fi
case "$here" in */*) ;; *) here="./$here" ;; esac
source "${here%/*}/launch.sh"
mpt_launch dev.mpt.cli.MicroPythonMain "$@"
