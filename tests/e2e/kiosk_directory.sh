#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# An institution's page in scripted mode: opens the fixture institution (every field filled),
# checks every field in the state dump and on the layout report, then decodes the take-away QR
# codes from the screenshots with a real decoder (zbar's zbarimg) and compares them with the
# expected vCard 4.0, tel: and URL payloads. The clock is fixed (Monday 2026-12-07 15:00 UTC,
# 09:00 in Mexico City) so "open now, until 17:00" is the same every run.
# Usage: kiosk_directory.sh KIOSK CONTENT_TOOL FIXTURE_DIR OUT_DIR LANG WxH [large]
set -euo pipefail
kiosk=$1 content_tool=$2 fixture=$3 out=$4 lang=$5 size=$6 text=${7:-normal}
here=$(cd "$(dirname "$0")" && pwd)
command -v zbarimg > /dev/null || { echo "zbarimg (zbar-tools) is not installed"; exit 77; }
rm -rf "$out"
mkdir -p "$out"
"$content_tool" build "$fixture" -o "$out/store.db" > "$out/build.log"
# Drags from 80 % to 20 % of the height, in the middle of the width.
width=${size%x*} height=${size#*x}
sed -e "s/@@LANG@@/$lang/g" -e "s/@@X@@/$((width / 2))/g" -e "s/@@Y1@@/$((height * 8 / 10))/g" \
    -e "s/@@Y2@@/$((height * 2 / 10))/g" "$here/kiosk/directory.txt" > "$out/directory.txt"
# Large text: the visitor's button before opening the directory.
if [ "$text" = large ]; then sed -i 's/^tap @tile.institutions$/tap @large_text\ntap @tile.institutions/' "$out/directory.txt"; fi
env -u DISPLAY -u WAYLAND_DISPLAY "$kiosk" --headless --rasterize-only-screenshots --content "$out/store.db" \
    --state-dir "$out/state" --script "$out/directory.txt" --screenshots "$out/shots" \
    --dump-state "$out/state.json" --size "$size" --clock-start 1796655600 \
    --location 19.4300,-99.1300 --location-city "Ciudad de México" > "$out/kiosk.log" 2>&1 || { cat "$out/kiosk.log"; exit 1; }
if [ "$text" = large ]; then
    grep -q '"large_text": true' "$out/state.json" || { echo "large text was not on"; exit 1; }
fi
python3 "$here/check_directory.py" "$out" "$lang"
