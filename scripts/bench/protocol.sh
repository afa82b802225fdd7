#!/usr/bin/env bash
# Board protocol benchmark (issue 5): round trip of a trivial exec and throughput of a large
# stdout stream over TCP to the virtual board, against the in-memory link as the baseline.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/mpt --version >/dev/null   # builds the jar if needed
exec java -cp cli/target/mpt.jar scripts/bench/ProtocolBench.java
