#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Frame cost of the two ways a board without a GPU draws: SDL's software renderer (what the
# DRM display, display_backend = drm, draws with) against Mesa's llvmpipe through SDL's GLES2
# renderer (what SDL's KMSDRM did there). The real kiosk full screen under Xvfb at the 7-inch
# panel's 800x480 and at 1280x800, dragging the longest list and the first article for FRAMES
# frames; prints the median CPU per frame of each, side by side, ROUNDS times over (renderers
# and sizes interleaved, so a noisy machine hits them alike). The DRM display's own copy of the
# frame into the dumb buffer is not in these figures (Xvfb's image upload stands in for it).
# Usage: bench/kiosk/renderer_bench.sh [BUILD_DIR]   (FRAMES=200, ROUNDS=3)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
frames=${FRAMES:-200} rounds=${ROUNDS:-3}
work=${TMPDIR:-/tmp}/guichet-renderer-bench
rm -rf "$work"
mkdir -p "$work"
"$build/bin/guichet-content" build "$root/content/sample" -o "$work/sample.db" > /dev/null 2>&1
printf '%-6s %-9s %-8s %-9s %s\n' round size screen setting 'CPU ms per frame (median), renderer used'
for round in $(seq "$rounds"); do
    for spec in 800x480:133 1280x800:101; do
        IFS=: read -r size dpi <<< "$spec"
        for screen in list article; do
            for renderer in software opengl; do
                env=()
                # As on a board's KMSDRM: GLES2 on llvmpipe (LIBGL_ALWAYS_SOFTWARE: no GPU here anyway).
                [ "$renderer" = opengl ] && env=(SDL_RENDER_DRIVER=opengles2 LIBGL_ALWAYS_SOFTWARE=1)
                out=$(env "${env[@]}" xvfb-run -a -s "-screen 0 ${size}x24" "$build/bin/guichet-kiosk" \
                    --content "$work/sample.db" --state-dir "$work/state" --fullscreen yes \
                    --dpi "$dpi" --renderer "$renderer" --bench-scroll "$screen:$frames" 2>&1) ||
                    { echo "$size $screen $renderer: failed: $(tail -2 <<< "$out")"; exit 1; }
                line=$(grep '^scroll-frame-cpu-ms' <<< "$out") || { echo "$size $screen $renderer: no figure"; exit 1; }
                printf '%-6s %-9s %-8s %-9s %s\n' "$round" "$size" "$screen" "$renderer" \
                    "${line#scroll-frame-cpu-ms }"
            done
        done
    done
done
