#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the sample store and the 100,000-item synthetic store, then measures the kiosk and
# the floor program under Xvfb at 1920x1080 (see bench_kiosk.py for what is measured).
# Usage: bench/kiosk/run_bench.sh [BUILD_DIR]   (default build/; REST_SECONDS=30, STARTS=5)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
work=${TMPDIR:-/tmp}/guichet-kiosk-bench
mkdir -p "$work"
"$build/bin/guichet-content" build "$root/content/sample" -o "$work/sample.db" > /dev/null
if [ ! -s "$work/synthetic-100k.db" ]; then
    rm -rf "$work/synth"
    "$build/bin/guichet-content" synth "$work/synth" --items 100000 --seed 1 > /dev/null
    "$build/bin/guichet-content" build "$work/synth" -o "$work/synthetic-100k.db" > /dev/null
fi
exec xvfb-run -a -s "-screen 0 1920x1080x24" \
    python3 "$root/bench/kiosk/bench_kiosk.py" "$build" "$work/sample.db" "$work/synthetic-100k.db"
