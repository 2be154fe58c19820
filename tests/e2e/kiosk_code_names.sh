#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# No raw code reaches a visitor (issue 15): on the bundled sample, in scripted mode, a programme's
# page (argentina-raices: its sector named by the content's names.csv, its kind by the kiosk's
# catalogue) and the first institution of the directory (its kind and services), in LANG. The
# state dump's fields must be the store's names in LANG (code_names), never a code, and the
# layout reports clean (nothing under 9 mm or off screen, no scroll bar over the body: right to
# left it runs down the left edge); the screenshots stay in OUT for a person to look at.
# Usage: kiosk_code_names.sh KIOSK CONTENT_TOOL SAMPLE_DIR OUT_DIR LANG WxH
set -euo pipefail
kiosk=$1 content_tool=$2 sample=$3 out=$4 lang=$5 size=$6
rm -rf "$out"
mkdir -p "$out"
"$content_tool" build "$sample" -o "$out/store.db" > "$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
height=${size#*x} width=${size%x*}
printf 'tap @welcome\ntap @lang.%s\ntap @tile.return\ntap @item.argentina-raices\nexpect detail_type programme\nscreenshot programme-%s\ndrag %d %d %d %d 400\nwait 800\nscreenshot programme-scrolled-%s\n' \
    "$lang" "$lang" $((width / 2)) $((height * 8 / 10)) $((width / 2)) $((height * 4 / 10)) "$lang" > "$out/programme.txt"
printf 'tap @welcome\ntap @lang.%s\ntap @tile.institutions\ntap @row.0\nexpect detail_type institution\nscreenshot institution-%s\n' \
    "$lang" "$lang" > "$out/institution.txt"
for page in programme institution; do
    env -u DISPLAY -u WAYLAND_DISPLAY "$kiosk" --headless --content "$out/store.db" \
        --state-dir "$out/state-$page" --script "$out/$page.txt" --screenshots "$out/shots" \
        --dump-state "$out/$page.json" --size "$size" --rasterize-only-screenshots \
        > "$out/$page.log" 2>&1 || { cat "$out/$page.log"; exit 1; }
done
/usr/bin/python3 - "$out" "$lang" "$sample" "$0" <<'PY'
import csv, json, sqlite3, sys
out, lang, sample = sys.argv[1:4]
db = sqlite3.connect(f"{out}/store.db")
names = {}
for field, code, l, name in db.execute("SELECT field, code, lang, name FROM code_names"):
    names.setdefault((field, code), {})[l] = name
# Codes whose name in this language is not the code itself: shown as written, they are raw.
raw = {code for (field, code), by_lang in names.items() if by_lang.get(lang, code) != code}
problems = []

def fields(page):
    with open(f"{out}/{page}.json", encoding="utf-8") as f:
        state = json.load(f)
    if state.get("language") != lang:
        problems.append(f"{page}: language {state.get('language')!r}, not {lang}")
    return state["id"], state["detail_fields"]

def no_raw(page, values):
    for key, value in values.items():
        for part in value.split(", "):
            if part in raw:
                problems.append(f"{page}: {key} shows the code {part!r}")

with open(f"{sample}/names.csv", encoding="utf-8") as f:
    sector = next(r for r in csv.DictReader(f) if r["code"] == "science-technology")
item, shown = fields("programme")
no_raw("programme", shown)
if shown.get("field.sector") != sector[f"name@{lang}"]:
    problems.append(f"programme: sector {shown.get('field.sector')!r}, names.csv says "
                    f"{sector['name@' + lang]!r}")
if shown.get("field.kind") != names[("programme", "human-capital")][lang]:
    problems.append(f"programme: kind {shown.get('field.kind')!r}")

item, shown = fields("institution")
no_raw("institution", shown)
kind = db.execute("SELECT kind FROM items WHERE id = ?", (item,)).fetchone()[0]
if shown.get("field.kind") != names[("kind", kind)][lang]:
    problems.append(f"institution {item}: kind {shown.get('field.kind')!r}, store says "
                    f"{names[('kind', kind)][lang]!r}")
services = [names[("service", r[0])][lang] for r in db.execute(
    "SELECT value FROM item_values WHERE item_id = ? AND field = 'service' ORDER BY position",
    (item,))]
if not services or shown.get("field.services") != ", ".join(services):
    problems.append(f"institution {item}: services {shown.get('field.services')!r}, store says "
                    f"{', '.join(services)!r}")
import glob, os
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(sys.argv[4])), "..", "support"))
from screenshots import layout_problems
for path in sorted(glob.glob(f"{out}/shots/*.layout.json")):
    with open(path, encoding="utf-8") as f:
        problems += layout_problems(os.path.basename(path), json.load(f))
for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
PY
echo "code names in $lang at $size: programme and institution pages named; screenshots in $out/shots"
