#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Frame cost by screen size (issue 14): the real kiosk full screen under Xvfb at the 7-inch
# panel's 800x480 (133 dpi), full HD (92 dpi) and 4K (163 dpi), dragging the longest list, the
# first article and the directory for FRAMES frames; prints the median CPU per frame of each,
# side by side, ROUNDS times over (sizes interleaved, so a noisy machine hits them alike).
# Usage: bench/kiosk/frame_sizes.sh [BUILD_DIR]   (FRAMES=200, ROUNDS=3)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
frames=${FRAMES:-200} rounds=${ROUNDS:-3}
work=${TMPDIR:-/tmp}/guichet-frame-sizes
rm -rf "$work"
mkdir -p "$work"
"$build/bin/guichet-content" build "$root/content/sample" -o "$work/sample.db" > /dev/null 2>&1
printf '%-6s %-10s %-10s %s\n' round size screen 'CPU ms per frame (median)'
for round in $(seq "$rounds"); do
    for spec in 800x480:133 1920x1080:92 3840x2160:163; do
        IFS=: read -r size dpi <<< "$spec"
        for screen in list article directory; do
            line=$(xvfb-run -a -s "-screen 0 ${size}x24" "$build/bin/guichet-kiosk" \
                --content "$work/sample.db" --state-dir "$work/state" --fullscreen yes \
                --dpi "$dpi" --bench-scroll "$screen:$frames" 2> /dev/null |
                grep '^scroll-frame-cpu-ms') || { echo "$size $screen: no figure"; exit 1; }
            printf '%-6s %-10s %-10s %s\n' "$round" "$size" "$screen" "${line#scroll-frame-cpu-ms }"
        done
    done
done
