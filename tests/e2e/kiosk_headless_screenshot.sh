#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The kiosk run with no display must fall back to headless and write a real, non-blank PNG
# of the requested size.
set -euo pipefail
kiosk=$1 out=$2
rm -rf "$out"
env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER "$kiosk" --size 800x600 --screenshots "$out" > "$out.log"
grep -q "no display available; running headless" "$out.log"
png="$out/home.png"
[ -s "$png" ] || { echo "no screenshot at $png"; exit 1; }
python3 "$(dirname "$0")/../support/check_png.py" "$out" 800 600
