#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The offline map's cost (issue 17): the real kiosk full screen under Xvfb with SDL's software
# renderer at full HD (92 dpi) and the 7-inch panel's 800x480 (133 dpi), the map open on the
# sample's base map at zoom 5 over Central America and panned by a finger for FRAMES frames
# (east and west in sweeps of 70 % of the screen, 25 px a frame, drifting north and back: new
# tiles keep coming), with the institutions layer and with the seasonal-work layer, and at zoom 9
# over São Paulo (map-city: the base map's z8-9 city detail, and past it z7 drawn larger). Prints, per run, the median and 95th
# percentile CPU (all the process's threads, so tile decoding counts) and wall time per frame,
# the peak RSS and the texture cache's tiles and bytes; ROUNDS times over, sizes interleaved.
# Usage: bench/kiosk/map_bench.sh [BUILD_DIR]   (FRAMES=200, ROUNDS=3)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
frames=${FRAMES:-200} rounds=${ROUNDS:-3}
work=${TMPDIR:-/tmp}/guichet-map-bench
rm -rf "$work"
mkdir -p "$work"
"$build/bin/guichet-content" build "$root/content/sample" -o "$work/sample.db" > /dev/null 2>&1
printf '%-6s %-10s %-13s %s\n' round size layer figures
for round in $(seq "$rounds"); do
    for spec in 1920x1080:92 800x480:133; do
        IFS=: read -r size dpi <<< "$spec"
        for layer in map map-seasonal map-city; do
            out=$(xvfb-run -a -s "-screen 0 ${size}x24" "$build/bin/guichet-kiosk" \
                --content "$work/sample.db" --state-dir "$work/state" --fullscreen yes \
                --renderer software --dpi "$dpi" --bench-scroll "$layer:$frames" 2> /dev/null |
                grep '^map-') || { echo "$size $layer: no figures"; exit 1; }
            grep -q 'renderer software' <<< "$out" || { echo "$size $layer: not the software renderer"; exit 1; }
            cpu=$(grep '^map-pan-frame-cpu-ms' <<< "$out" | awk '{ print $3, $5 }')
            wall=$(grep '^map-pan-frame-wall-ms' <<< "$out" | awk '{ print $3, $5 }')
            rss=$(grep '^map-peak-rss-mb' <<< "$out" | awk '{ print $2 }')
            tex=$(grep '^map-textures' <<< "$out" | sed 's/^map-textures //')
            printf '%-6s %-10s %-13s cpu ms median/p95 %s  wall ms median/p95 %s  peak RSS %s MB  textures %s\n' \
                "$round" "$size" "$layer" "$cpu" "$wall" "$rss" "$tex"
        done
    done
done
