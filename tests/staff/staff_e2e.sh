#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Staff mode end to end in the real kiosk, headless, driven by the scripts in scripts/:
# the PIN (none set, --set-pin, lockout, idle exit), notices (staff write, visitors in es, fr
# and ht see and find them, out-of-date ones hidden), usage figures (what a visit counted, and
# no search text or time of day anywhere in the state folder), settings (saved atomically,
# applied at once, a bad file never stops the kiosk), exit to the desktop, Sync now next to an
# untouched local.db, and the hidden corner held with real X input (x11). Every screenshot must have the right size and not be blank.
# Usage: staff_e2e.sh KIOSK CONTENT_TOOL SAMPLE_DIR OUT_DIR SCENARIO
set -euo pipefail
kiosk=$1 content_tool=$2 sample=$3 out=$4 scenario=$5
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$out"
mkdir -p "$out"
"$content_tool" build "$sample" -o "$out/sample.db" > "$out/build.log"
state="$out/state"
pin=4826

fail() { echo "FAIL: $*"; exit 1; }
check_pngs() { python3 "$here/../support/check_png.py" "$@"; }
value() {  # <key>: a value from the last state dump
    python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' \
        "$out/last.json" "$1"
}
run() {  # <name> [extra kiosk args...]: scripts/NAME.txt at 1280x800; exit code in $code
    local name=$1; shift
    code=0
    env -u DISPLAY -u WAYLAND_DISPLAY "$kiosk" --headless --state-dir "$state" --size 1280x800 \
        --script "$here/scripts/$name.txt" --screenshots "$out/shots-$name" \
        --dump-state "$out/last.json" "$@" > "$out/$name.log" 2>&1 || code=$?
}
run_ok() {
    run "$@"
    [ "$code" = 0 ] || { cat "$out/$1.log"; fail "$1 exited with $code"; }
}
set_pin() { echo "$pin" | "$kiosk" --state-dir "$state" --set-pin 2> "$out/set-pin.log"; }

case "$scenario" in
pin)
    run_ok no-pin --content "$out/sample.db"
    check_pngs "$out/shots-no-pin" 1280 800
    [ ! -e "$state/staff/pin.json" ] || fail "a PIN appeared without --set-pin"
    # --set-pin: one line on stdin; bad PINs are one-line errors and change nothing.
    for bad in 123 12a4 1234567890123 1111 1234 ""; do
        if echo "$bad" | "$kiosk" --state-dir "$state" --set-pin 2> "$out/bad-pin.log"; then
            fail "--set-pin accepted '$bad'"; fi
        [ "$(wc -l < "$out/bad-pin.log")" = 1 ] || fail "--set-pin '$bad': not one line"
        grep -q '^guichet-kiosk: --set-pin: ' "$out/bad-pin.log" || fail "no message for '$bad'"
    done
    [ ! -e "$state/staff/pin.json" ] || fail "a bad PIN was stored"
    set_pin || fail "--set-pin $pin: $(cat "$out/set-pin.log")"
    [ "$(stat -c %a "$state/staff/pin.json")" = 600 ] || fail "pin.json is not 0600"
    grep -q "$pin" "$state/staff/pin.json" && fail "the PIN is stored in clear"
    grep -q 'argon2id' "$state/staff/pin.json" || fail "pin.json holds no Argon2id hash"
    run_ok pin --content "$out/sample.db"
    check_pngs "$out/shots-pin" 1280 800
    ;;
notices)
    set_pin
    run_ok notices --content "$out/sample.db"
    check_pngs "$out/shots-notices" 1280 800
    # Three notices stored, in the local store only.
    count=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM notices").fetchone()[0])' \
        "$state/local.db")
    [ "$count" = 3 ] || fail "local.db holds $count notices, want 3"
    titles=$(python3 -c 'import sqlite3, sys
print(sorted(r[0] for r in sqlite3.connect(sys.argv[1]).execute("SELECT title FROM notice_texts")))' \
        "$state/local.db")
    [ "$titles" = "['Cerrado el lunes', 'Feria pasada', 'Fermé lundi', 'Taller zafiro nuevo']" ] ||
        fail "notice titles are $titles"
    ;;
schedule)
    # Days and times (issue 21): at 800x480 in Spanish on a clock fixed at Tuesday 08:00 in
    # Santiago, then the editor in Arabic at 480x800; local.db holds what was chosen.
    set_pin
    code=0
    TZ=America/Santiago env -u DISPLAY -u WAYLAND_DISPLAY "$kiosk" --headless --state-dir "$state" \
        --size 800x480 --dpi 133 --clock-start 1799751600 --content "$out/sample.db" \
        --script "$here/scripts/schedule.txt" --screenshots "$out/shots-schedule" \
        --dump-state "$out/last.json" > "$out/schedule.log" 2>&1 || code=$?
    [ "$code" = 0 ] || { cat "$out/schedule.log"; fail "schedule exited with $code"; }
    check_pngs "$out/shots-schedule" 800 480
    row=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT weekdays, start_minute, end_minute, end_day FROM notices").fetchall())' \
        "$state/local.db")
    [ "$row" = "[(2, 540, 720, '2027-02-28')]" ] || fail "local.db holds $row"
    TZ=America/Santiago env -u DISPLAY -u WAYLAND_DISPLAY "$kiosk" --headless --state-dir "$state" \
        --size 480x800 --dpi 133 --clock-start 1799751600 --content "$out/sample.db" \
        --default-language ar --script "$here/scripts/schedule-ar.txt" \
        --screenshots "$out/shots-schedule-ar" --dump-state "$out/last.json" \
        > "$out/schedule-ar.log" 2>&1 || code=$?
    [ "$code" = 0 ] || { cat "$out/schedule-ar.log"; fail "schedule-ar exited with $code"; }
    check_pngs "$out/shots-schedule-ar" 480 800
    ;;
usage)
    set_pin
    run_ok usage --content "$out/sample.db"
    check_pngs "$out/shots-usage" 1280 800
    python3 - "$state/usage/usage.json" "$(value today)" <<'PY' || fail "usage.json: wrong counts"
import json, re, sys
doc = json.load(open(sys.argv[1]))
today = doc["days"][sys.argv[2]]
print(json.dumps(today))
assert today["sessions"] == 2, today
assert today["searches"] == 1, today
assert today["sessions_by_language"] == {"fr": 1, "es": 1}, today
assert sum(today["views_by_type"].values()) == 2, today
assert sum(today["views_by_item"].values()) == 2, today
# Days only: no key or value anywhere looks like a time of day or a Unix time.
text = json.dumps(doc)
assert not re.search(r"\d\d:\d\d", text), "a time of day in the ledger"
for day in doc["days"]:
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", day), day
def numbers(node):
    if isinstance(node, dict):
        for v in node.values(): yield from numbers(v)
    elif isinstance(node, list):
        for v in node: yield from numbers(v)
    elif isinstance(node, (int, float)) and not isinstance(node, bool):
        yield node
assert all(n < 10**6 for n in numbers(doc)), "a timestamp-sized number in the ledger"
PY
    # What the visitor typed is nowhere in the state folder.
    if grep -rIl -a "droits" "$state"; then fail "search text found in the state folder"; fi
    if grep -q "droits" "$out/usage.log"; then fail "search text found in the kiosk's log"; fi
    ;;
settings)
    set_pin
    mkdir -p "$state"
    printf '# written by the installer\nrenderer = software\nidle_timeout = 90\n' > "$state/kiosk.conf"
    run_ok settings --content "$out/sample.db"
    check_pngs "$out/shots-settings" 1280 800 2> /dev/null ||
        true  # the last shots are portrait; checked below
    grep -qx 'idle_timeout = 60' "$state/kiosk.conf" || fail "idle_timeout not saved"
    grep -qx 'default_language = fr' "$state/kiosk.conf" || fail "default_language not saved"
    grep -qx 'rotation = 90' "$state/kiosk.conf" || fail "rotation not saved"
    grep -qx 'renderer = software' "$state/kiosk.conf" || fail "an unrelated line was lost"
    grep -qx '# written by the installer' "$state/kiosk.conf" || fail "a comment was lost"
    [ "$(grep -c '^idle_timeout' "$state/kiosk.conf")" = 1 ] || fail "idle_timeout twice"
    python3 "$here/../support/check_png.py" "$out/shots-settings/staff-settings.png" 1280 800
    python3 "$here/../support/check_png.py" "$out/shots-settings/staff-settings-rotated.png" 800 1280
    # A broken kiosk.conf: the kiosk still starts, on defaults, and staff mode says why.
    printf 'idle_timeout = soon\n' > "$state/kiosk.conf"
    run_ok bad-config --content "$out/sample.db"
    problem=$(value config_problem)
    case "$problem" in
    "$state/kiosk.conf:1: idle_timeout: want a whole number"*) ;;
    *) fail "config problem is '$problem'" ;;
    esac
    check_pngs "$out/shots-bad-config" 1280 800
    ;;
exit)
    set_pin
    run exit --content "$out/sample.db"
    [ "$code" = 10 ] || { cat "$out/exit.log"; fail "exit to desktop gave $code, want 10"; }
    check_pngs "$out/shots-exit" 1280 800
    ;;
sync)
    # A repository in a folder (as on a USB stick) holding the sample content; the kiosk's
    # own sync fetches it when staff press Sync now. local.db, written by staff before, is
    # byte for byte the same afterwards.
    bin=$(dirname "$kiosk")
    "$bin/guichet-publish" keygen "$out/publisher.key" > /dev/null
    "$bin/guichet-publish" init "$out/repo" --key "$out/publisher.key" > /dev/null
    "$bin/guichet-publish" push "$out/repo" "$out/sample.db" --key "$out/publisher.key" \
        --zstd-level 1 > /dev/null
    set_pin
    run_ok one-notice --content "$out/sample.db"
    before=$(sha256sum < "$state/local.db") mtime=$(stat -c %Y.%y "$state/local.db")
    printf 'source = %s\nstate_dir = %s\ntrusted_root = %s\nmin_free_bytes = 0\n' \
        "$out/repo" "$state" "$out/repo/metadata/1.root.json" > "$state/sync.conf"
    run_ok sync
    check_pngs "$out/shots-sync" 1280 800
    [ "$(sha256sum < "$state/local.db")" = "$before" ] || fail "local.db changed in a sync"
    [ "$(stat -c %Y.%y "$state/local.db")" = "$mtime" ] || fail "local.db was rewritten"
    ;;
x11)
    # The long press with real X input: the interactive loop must wake to see a held finger.
    command -v xvfb-run > /dev/null || { echo "skipped: xvfb-run not installed"; exit 77; }
    xvfb-run -a -s "-screen 0 1920x1080x24" \
        python3 "$here/staff_x11.py" "$kiosk" "$out/sample.db" "$out/x11"
    ;;
*) echo "unknown scenario $scenario"; exit 2 ;;
esac
echo "ok: staff $scenario"
