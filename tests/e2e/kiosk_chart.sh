#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The statistics chart in scripted mode, on the bundled sample (tests/e2e/kiosk/chart.txt):
# every year of the series drawn as a target and a label, the table view listing every year, a
# tapped year's figures; the layout report of every screen clean (check_chart.py).
# Usage: kiosk_chart.sh KIOSK CONTENT_TOOL SAMPLE_DIR OUT_DIR LANG WxH [large]
set -euo pipefail
kiosk=$1 content_tool=$2 sample=$3 out=$4 lang=$5 size=$6 text=${7:-normal}
here=$(cd "$(dirname "$0")" && pwd)
series=remittances-received
rm -rf "$out"
mkdir -p "$out"
"$content_tool" build "$sample" -o "$out/store.db" > "$out/build.log"
# The years come from the source table, not from the kiosk: every year any country has.
years=$(/usr/bin/python3 "$here/check_chart.py" --years "$sample/statistics/values.csv" "$series")
mid=$(echo "$years" | tr ',' '\n' | sed -n "$(( ($(echo "$years" | tr ',' '\n' | wc -l) + 1) / 2 ))p")
width=${size%x*} height=${size#*x}
sed -e "s/@@LANG@@/$lang/g" -e "s/@@SERIES@@/$series/g" -e "s/@@YEARS@@/$years/g" \
    -e "s/@@MID@@/$mid/g" -e "s/@@X@@/$((width / 2))/g" -e "s/@@Y1@@/$((height * 8 / 10))/g" \
    -e "s/@@Y2@@/$((height * 3 / 10))/g" "$here/kiosk/chart.txt" > "$out/chart.txt"
if [ "$text" = large ]; then sed -i 's/^tap @tile.statistics$/tap @large_text\ntap @tile.statistics/' "$out/chart.txt"; fi
env -u DISPLAY -u WAYLAND_DISPLAY "$kiosk" --headless --rasterize-only-screenshots --content "$out/store.db" \
    --state-dir "$out/state" --script "$out/chart.txt" --screenshots "$out/shots" \
    --dump-state "$out/state.json" --size "$size" > "$out/kiosk.log" 2>&1 || { cat "$out/kiosk.log"; exit 1; }
/usr/bin/python3 "$here/check_chart.py" "$out" "$sample/statistics/values.csv" "$series" "$mid"
