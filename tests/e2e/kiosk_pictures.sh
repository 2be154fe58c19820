#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# An article's picture in scripted mode, on the bundled sample (articles/asylum.*.md shows
# images/asylum-steps.png, the Arabic file its right-to-left twin): the page scrolled a tenth of
# the screen at a time, each step's layout report read by check_pictures.py (the picture drawn whole on screen
# inside the column, no more than twice its pixels, its caption the alt text in LANG beneath it
# at the start edge; the screenshot's pixels there are the picture's).
# Usage: kiosk_pictures.sh KIOSK CONTENT_TOOL SAMPLE_DIR OUT_DIR LANG WxH
set -euo pipefail
kiosk=$1 content_tool=$2 sample=$3 out=$4 lang=$5 size=$6
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$out"
mkdir -p "$out"
"$content_tool" build "$sample" -o "$out/store.db" > "$out/build.log"
width=${size%x*} height=${size#*x}
sed -e "s/@@LANG@@/$lang/g" -e "s/@@X@@/$((width / 2))/g" -e "s/@@Y1@@/$((height * 6 / 10))/g" \
    -e "s/@@Y2@@/$((height * 5 / 10))/g" "$here/kiosk/pictures.txt" > "$out/pictures.txt"
env -u DISPLAY -u WAYLAND_DISPLAY "$kiosk" --headless --content "$out/store.db" \
    --state-dir "$out/state" --script "$out/pictures.txt" --screenshots "$out/shots" \
    --dump-state "$out/state.json" --size "$size" > "$out/kiosk.log" 2>&1 || { cat "$out/kiosk.log"; exit 1; }
/usr/bin/python3 "$here/check_pictures.py" "$out" "$lang" "$sample"
