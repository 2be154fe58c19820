#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# An article's picture in scripted mode, on the bundled sample (articles/asylum.*.md shows
# images/asylum-steps.png, the Arabic file its right-to-left twin): the page scrolled a tenth of
# the screen at a time, each step's layout report read by check_pictures.py (the picture drawn
# whole on screen inside the column, no more than twice its pixels, its caption the alt text in
# LANG beneath it at the start edge; the screenshot's pixels there are the picture's). At 800x480
# the page is also read aloud (WAV files, when eSpeak NG has the language's voice): the picture
# is heard as "Image: <alt text>" in LANG. MODE `broken`: the store's picture bytes damaged after
# the build (as a store from elsewhere could be): the kiosk draws the alt text in a frame.
# Usage: kiosk_pictures.sh KIOSK CONTENT_TOOL SAMPLE_DIR OUT_DIR LANG WxH [broken]
set -euo pipefail
kiosk=$1 content_tool=$2 sample=$3 out=$4 lang=$5 size=$6 mode=${7:-whole}
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$out"
mkdir -p "$out"
"$content_tool" build "$sample" -o "$out/store.db" > "$out/build.log"
if [ "$mode" = broken ]; then
    /usr/bin/python3 - "$out/store.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
# The PNG signature kept, the rest cut: a picture no decoder can read.
changed = db.execute("UPDATE images SET data = substr(data, 1, 40)").rowcount
db.commit()
if changed < 1:
    raise SystemExit('no picture in the store to damage')
PY
fi
width=${size%x*} height=${size#*x}
sed -e "s/@@LANG@@/$lang/g" -e "s/@@X@@/$((width / 2))/g" -e "s/@@Y1@@/$((height * 6 / 10))/g" \
    -e "s/@@Y2@@/$((height * 5 / 10))/g" "$here/kiosk/pictures.txt" > "$out/pictures.txt"
env -u DISPLAY -u WAYLAND_DISPLAY "$kiosk" --headless --content "$out/store.db" \
    --state-dir "$out/state" --script "$out/pictures.txt" --screenshots "$out/shots" \
    --dump-state "$out/state.json" --size "$size" > "$out/kiosk.log" 2>&1 || { cat "$out/kiosk.log"; exit 1; }
if [ "$size" = 800x480 ] && [ "$mode" != broken ]; then
    printf 'tap @welcome\ntap @lang.%s\ntap @tile.rights\ntap @item.asylum\nexpect id asylum\ntap-if-shown @listen\nwait 120000\n' \
        "$lang" > "$out/listen.txt"
    env -u DISPLAY -u WAYLAND_DISPLAY "$kiosk" --headless --content "$out/store.db" \
        --state-dir "$out/state-listen" --script "$out/listen.txt" --speech-wav "$out/wav" \
        --dump-state "$out/listen.json" --size "$size" > "$out/listen.log" 2>&1 || { cat "$out/listen.log"; exit 1; }
fi
/usr/bin/python3 "$here/check_pictures.py" "$out" "$lang" "$sample" "$mode"
