#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Drives the real kiosk headless through scripted touch input over the sample content:
# every screen in es, fr, ht and pt (asserting on state with `expect`), the idle reset, the
# content switch, the background sync, a rotated screen, search on a 7-inch panel, bad input, and real X input under
# Xvfb (x11). Every screenshot must have the right size and not be blank.
# Usage: kiosk_scripted.sh KIOSK CONTENT_TOOL SAMPLE_DIR OUT_DIR SCENARIO
set -euo pipefail
kiosk=$1 content_tool=$2 sample=$3 out=$4 scenario=$5
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$out"
mkdir -p "$out"
"$content_tool" build "$sample" -o "$out/sample.db" > "$out/build.log"

check_pngs() {  # <dir> <width> <height>
    python3 "$here/../support/check_png.py" "$@"
}

run() {  # <name> <script> [extra kiosk args...]
    local name=$1 script=$2; shift 2
    env -u DISPLAY -u WAYLAND_DISPLAY "$kiosk" --headless --rasterize-only-screenshots --content "$out/store-$name.db" \
        --state-dir "$out/state-$name" --script "$script" --screenshots "$out/shots-$name" \
        --dump-state "$out/state-$name.json" "$@" > "$out/$name.log" 2>&1 || {
        cat "$out/$name.log"; exit 1; }
}

case "$scenario" in
walk)
    # Spanish at full HD; French, Kreyòl and Portuguese at a small panel's size, to keep it quick.
    for spec in es:derechos:1920:1080 fr:droits:1280:800 ht:dwa:1280:800 pt:direitos:1280:800; do
        IFS=: read -r lang word width height <<< "$spec"
        sed -e "s/@@LANG@@/$lang/g" -e "s/@@WORD@@/$word/g" "$here/kiosk/walk.txt.in" > "$out/walk-$lang.txt"
        cp "$out/sample.db" "$out/store-$lang.db"
        run "$lang" "$out/walk-$lang.txt" --size "${width}x${height}"
        check_pngs "$out/shots-$lang" "$width" "$height"
        grep -q '"screen": "welcome"' "$out/state-$lang.json"
    done
    ;;
content-switch)
    # A second store: a small synthetic set, so its version differs from the sample's.
    "$content_tool" synth "$out/synth" --items 60 --seed 7 > /dev/null
    "$content_tool" build "$out/synth" -o "$out/next.db" > /dev/null
    head -c 4096 /dev/urandom > "$out/broken.db"
    cp "$out/sample.db" "$out/store-switch.db"
    cp "$here/kiosk/content-switch.txt" "$out/content-switch.txt"
    run switch "$out/content-switch.txt" --size 1280x800
    check_pngs "$out/shots-switch" 1280 800
    grep -q 'new content store not usable' "$out/switch.log"
    ;;
rotation)
    cp "$out/sample.db" "$out/store-rotated.db"
    run rotated "$here/kiosk/rotation.txt" --size 1920x1080 --rotation 90
    check_pngs "$out/shots-rotated" 1080 1920
    ;;
short-search)
    # Search on the 7-inch panel: the keyboard put away for the results and brought back.
    cp "$out/sample.db" "$out/store-short.db"
    run short "$here/kiosk/short-search.txt" --size 800x480 --dpi 133
    check_pngs "$out/shots-short" 800 480
    # The tests rasterize only the frames a screenshot takes: the pictures must be the very ones
    # a kiosk drawing every frame shows.
    cp "$out/sample.db" "$out/store-every.db"
    env -u DISPLAY -u WAYLAND_DISPLAY "$kiosk" --headless --content "$out/store-every.db" \
        --state-dir "$out/state-every" --script "$here/kiosk/short-search.txt" --size 800x480 \
        --dpi 133 --screenshots "$out/shots-every" > "$out/every.log" 2>&1 || {
        cat "$out/every.log"; exit 1; }
    shots=0
    for png in "$out/shots-every"/*.png; do
        cmp "$png" "$out/shots-short/$(basename "$png")" || {
            echo "FAIL: $(basename "$png") differs when every frame is rasterized"; exit 1; }
        shots=$((shots + 1))
    done
    [ "$shots" -ge 2 ] || { echo "FAIL: only $shots screenshots to compare"; exit 1; }
    ;;
bad-input)
    # A bad script line and a bad setting are clear errors naming what is wrong.
    printf 'tap @welcome\nclick 10 20\n' > "$out/bad.txt"
    cp "$out/sample.db" "$out/store-bad.db"
    if env -u DISPLAY "$kiosk" --headless --content "$out/store-bad.db" --script "$out/bad.txt" \
        --state-dir "$out/state-bad" --screenshots "$out/shots-bad" 2> "$out/bad.log"; then
        echo "a bad script was accepted"; exit 1; fi
    grep -q "bad.txt:2: unknown command 'click'" "$out/bad.log"
    if env -u DISPLAY "$kiosk" --headless --idle-timeout soon 2> "$out/bad-setting.log"; then
        echo "a bad setting was accepted"; exit 1; fi
    grep -q "idle_timeout: want a whole number" "$out/bad-setting.log"
    printf 'tap @no.such.target\n' > "$out/bad-target.txt"
    if env -u DISPLAY "$kiosk" --headless --content "$out/store-bad.db" --script "$out/bad-target.txt" \
        --state-dir "$out/state-bad" --screenshots "$out/shots-bad" 2> "$out/bad-target.log"; then
        echo "a missing target was accepted"; exit 1; fi
    grep -q "bad-target.txt:1: no target @no.such.target on the welcome screen" "$out/bad-target.log"
    # A missing store is logged with its path; the kiosk still runs and says so on screen.
    env -u DISPLAY "$kiosk" --headless --content "$out/missing.db" --state-dir "$out/state-bad" \
        --screenshots "$out/shots-missing" > /dev/null 2> "$out/missing.log"
    grep -q "$out/missing.db" "$out/missing.log"
    check_pngs "$out/shots-missing" 1920 1080
    echo "ok: bad input is refused with clear errors"
    ;;
x11)
    # Real X pointer events (XTest) through SDL, in a full-screen window under Xvfb.
    command -v xvfb-run > /dev/null || { echo "skipped: xvfb-run not installed"; exit 77; }
    xvfb-run -a -s "-screen 0 1920x1080x24" \
        python3 "$here/kiosk_x11_input.py" "$kiosk" "$out/sample.db" "$out/x11"
    # The 7-inch panels, 800x480 at 133 dpi and 1024x600 at 170, upright and mounted sideways.
    for spec in 800x480:133 1024x600:170; do
        IFS=: read -r size dpi <<< "$spec"
        xvfb-run -a -s "-screen 0 ${size}x24" \
            python3 "$here/kiosk_x11_sizes.py" "$kiosk" "$out/sample.db" "$out/x11-$size" \
            "$size" "$dpi"
    done
    ;;
sync)
    # The in-process SyncRunner against a repository published into a folder (a USB stick
    # needs no server): first boot with no content, then an update switched in at welcome.
    bin=$(dirname "$kiosk")
    "$content_tool" synth "$out/synth" --items 60 --seed 7 > /dev/null
    "$content_tool" build "$out/synth" -o "$out/next.db" > /dev/null
    "$bin/guichet-publish" keygen "$out/publisher.key" > /dev/null
    "$bin/guichet-publish" init "$out/repo" --key "$out/publisher.key" > /dev/null
    "$bin/guichet-publish" push "$out/repo" "$out/sample.db" --key "$out/publisher.key" \
        --zstd-level 1 > /dev/null
    state="$out/state-sync"
    sync_kiosk() {  # <name> <script>: the kiosk on STATE with its STATE/sync.conf, no --content
        mkdir -p "$state"
        printf 'source = %s\nstate_dir = %s\ntrusted_root = %s\nmin_free_bytes = 0\n' \
            "$out/repo" "$state" "$out/repo/metadata/1.root.json" > "$state/sync.conf"
        printf 'location = %s\nsite_name = Centre de test\n' "$out/fleet-share" > "$state/fleet.conf"
        env -u DISPLAY -u WAYLAND_DISPLAY "$kiosk" --headless --state-dir "$state" \
            --size 1280x800 --script "$2" --screenshots "$out/shots-$1" \
            --dump-state "$out/state-$1.json" > "$out/$1.log" 2>&1 || { cat "$out/$1.log"; exit 1; }
        check_pngs "$out/shots-$1" 1280 800
    }
    version_of() {  # <store>: the content version the kiosk reports for it
        python3 -c 'import sqlite3, sys
print(sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True).execute(
    "SELECT value FROM meta WHERE key = ?", ("content_version",)).fetchone()[0])' "$1"
    }
    old=$(version_of "$out/sample.db")
    new=$(version_of "$out/next.db")
    for script in sync sync-first-boot; do
        sed -e "s/@@OLD@@/$old/g" -e "s/@@NEW@@/$new/g" "$here/kiosk/$script.txt.in" \
            > "$out/$script.txt"
    done
    sync_kiosk first-boot "$out/sync-first-boot.txt"
    grep -q 'background sync from' "$out/first-boot.log"
    # The next version is published; the kiosk's sync fetches it while a visitor reads.
    "$bin/guichet-publish" push "$out/repo" "$out/next.db" --key "$out/publisher.key" \
        --zstd-level 1 > /dev/null
    sync_kiosk update "$out/sync.txt"
    # After each attempt the kiosk's status went where STATE/fleet.conf says.
    grep -l '"site_name": *"Centre de test"' "$out/fleet-share/"*.json > /dev/null
    ;;
stale)
    # A status record written by sync itself, as of 2026-01-15 12:00 UTC (publish and sync
    # both run with --now); the kiosk reads it at today's date: stale beyond 30 days.
    bin=$(dirname "$kiosk")
    then=1768478400
    "$bin/guichet-publish" keygen "$out/publisher.key" > /dev/null
    "$bin/guichet-publish" init "$out/repo" --key "$out/publisher.key" --now "$then" > /dev/null
    "$bin/guichet-publish" push "$out/repo" "$out/sample.db" --key "$out/publisher.key" \
        --zstd-level 1 --now "$then" > /dev/null
    printf 'source = %s\nstate_dir = %s\ntrusted_root = %s\nmin_free_bytes = 0\n' \
        "$out/repo" "$out/state-stale" "$out/repo/metadata/1.root.json" > "$out/sync.conf"
    "$bin/guichet-sync" --config "$out/sync.conf" --once --now "$then" > /dev/null
    cp "$out/sample.db" "$out/store-stale.db"
    TZ=UTC run stale "$here/kiosk/stale.txt" --size 1920x1080
    check_pngs "$out/shots-stale" 1920 1080
    # Fresh content shows no such line.
    printf 'expect stale_note ""\n' > "$out/fresh.txt"
    cp "$out/sample.db" "$out/store-fresh.db"
    run fresh "$out/fresh.txt"
    ;;
alerts)
    # Alerts published with guichet-publish into a folder repository and fetched by guichet-sync:
    # an urgent one that replaces the welcome picture for 15 minutes, a warning for a day,
    # and one that lasts 10 s, gone when the kiosk starts again after it ended.
    bin=$(dirname "$kiosk")
    "$bin/guichet-publish" keygen "$out/publisher.key" > /dev/null
    "$bin/guichet-publish" init "$out/repo" --key "$out/publisher.key" > /dev/null
    "$bin/guichet-publish" push "$out/repo" "$out/sample.db" --key "$out/publisher.key" \
        --zstd-level 1 > /dev/null
    alert() { "$bin/guichet-publish" alert "$out/repo" --key "$out/publisher.key" "$@" > /dev/null; }
    alert --id border --severity urgent --replaces-home --for 900 \
        --title 'es=Paso fronterizo cerrado' --title 'ht=Pasaj fwontyè a fèmen' \
        --title 'ar=الحدود مغلقة' \
        --body 'es=El paso de Tapachula está cerrado hasta nuevo aviso. Pregunte al personal.' \
        --body 'ht=Pasaj Tapachula a fèmen jiskaske nou di okontrè. Mande anplwaye yo.'
    alert --id scam --severity warning --for 86400 --title 'es=Nadie cobra por una cita de asilo'
    alert --id short --severity info --for 10 --title 'es=Diez segundos'
    state="$out/state-alerts"
    mkdir -p "$state"
    printf 'source = %s\nstate_dir = %s\ntrusted_root = %s\nmin_free_bytes = 0\n' \
        "$out/repo" "$state" "$out/repo/metadata/1.root.json" > "$out/sync.conf"
    "$bin/guichet-sync" --config "$out/sync.conf" --once > /dev/null
    grep -q '"short"' "$state/alerts/alerts.json"
    sleep 11
    cp "$out/sample.db" "$out/store-alerts.db"
    run alerts "$here/kiosk/alerts.txt" --size 1280x800
    check_pngs "$out/shots-alerts" 1280 800
    # Portrait, on a small panel, in Arabic: the band and the card laid out from the size.
    printf 'expect alerts border,scam\nscreenshot welcome-portrait\ntap @welcome.lang.ar\nscreenshot home-ar-portrait\n' \
        > "$out/alerts-portrait.txt"
    cp "$out/sample.db" "$out/store-alerts-portrait.db"
    mkdir -p "$out/state-alerts-portrait"
    cp -r "$state/alerts" "$out/state-alerts-portrait/"
    run alerts-portrait "$out/alerts-portrait.txt" --size 480x800
    check_pngs "$out/shots-alerts-portrait" 480 800
    ;;
links)
    # The sample with an external link put at the top of one article's Spanish text.
    cp -r "$sample" "$out/linked"
    python3 - "$out/linked/articles/inter-american-program.es.md" <<'PY'
import sys
path = sys.argv[1]
head, sep, body = open(path, encoding="utf-8").read().partition("\n---\n")
open(path, "w", encoding="utf-8").write(
    head + sep + "Sitio oficial: [www.oas.org](https://www.oas.org/es/)\n\n" + body)
PY
    "$content_tool" build "$out/linked" -o "$out/store-links.db" > /dev/null
    run links "$here/kiosk/links.txt" --size 1280x800
    check_pngs "$out/shots-links" 1280 800
    ;;
*) echo "unknown scenario $scenario"; exit 2 ;;
esac
