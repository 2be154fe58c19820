#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The publications section in scripted mode, on the bundled sample: home tile, list, a report's
# page whose take-away QR code zbarimg decodes to the full text's address, a document with its
# table of contents and full text; every screen's layout report clean (check_publications.py).
# Usage: kiosk_publications.sh KIOSK CONTENT_TOOL SAMPLE_DIR OUT_DIR LANG WxH [large]
set -euo pipefail
kiosk=$1 content_tool=$2 sample=$3 out=$4 lang=$5 size=$6 text=${7:-normal}
here=$(cd "$(dirname "$0")" && pwd)
command -v zbarimg > /dev/null || { echo "zbarimg (zbar-tools) is not installed"; exit 77; }
rm -rf "$out"
mkdir -p "$out"
"$content_tool" build "$sample" -o "$out/store.db" > "$out/build.log"
width=${size%x*} height=${size#*x}
sed -e "s/@@LANG@@/$lang/g" -e "s/@@X@@/$((width / 2))/g" -e "s/@@Y1@@/$((height * 8 / 10))/g" \
    -e "s/@@Y2@@/$((height * 2 / 10))/g" "$here/kiosk/publications.txt" > "$out/publications.txt"
if [ "$text" = large ]; then sed -i 's/^tap @tile.publications$/tap @large_text\ntap @tile.publications/' "$out/publications.txt"; fi
env -u DISPLAY -u WAYLAND_DISPLAY "$kiosk" --headless --rasterize-only-screenshots --content "$out/store.db" \
    --state-dir "$out/state" --script "$out/publications.txt" --screenshots "$out/shots" \
    --dump-state "$out/state.json" --size "$size" > "$out/kiosk.log" 2>&1 || { cat "$out/kiosk.log"; exit 1; }
/usr/bin/python3 "$here/check_publications.py" "$out" "$lang"
