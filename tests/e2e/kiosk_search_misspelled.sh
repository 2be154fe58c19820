#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A misspelled search in scripted mode, on the bundled sample (issue 18): the visitor types a word
# written by ear in LANG; the screen says "Showing results for" the store's word with the first
# result the correctly spelled search gives, and a "Search instead for" target; tapped, the words
# are searched exactly as typed, find nothing, and the screen offers the store's word ("Did you
# mean") and the centre's own entry (--location names it), never a dead end. A tapped suggestion
# searches it; in Spanish, an area whose title comes close (derechoz: Sus derechos) opens; a word
# near nothing still offers the centre. Every screenshot's layout report clean (nothing under 9 mm, cut or off screen).
# Usage: kiosk_search_misspelled.sh KIOSK CONTENT_TOOL SAMPLE_DIR OUT_DIR LANG WxH
set -euo pipefail
kiosk=$1 content_tool=$2 sample=$3 out=$4 lang=$5 size=$6
here=$(cd "$(dirname "$0")" && pwd)
case "$lang" in
    es) typed=regularisacion meant=regularización nonsense=zzqxw ;;
    ht) typed=refujye meant=refijye nonsense=zzqxw ;;
    ar) typed=الاجوء meant=اللجوء nonsense=ظظضض ;;
    *) echo "no misspelling for $lang"; exit 1 ;;
esac
centre=la-72  # a shelter of the sample: this kiosk's own centre
rm -rf "$out"
mkdir -p "$out"
"$content_tool" build "$sample" -o "$out/store.db" > "$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
# The store's own first answer for the word as it is spelled.
first=$("$content_tool" search "$out/store.db" "$meant" --lang "$lang" --limit 1 | grep -v '^#' | cut -f2)
[ -n "$first" ] || { echo "the store finds nothing for $meant"; exit 1; }
run() {  # run NAME SCRIPT
    printf '%b' "$2" > "$out/$1.txt"
    env -u DISPLAY -u WAYLAND_DISPLAY "$kiosk" --headless --rasterize-only-screenshots \
        --content "$out/store.db" --location "$centre" --state-dir "$out/state-$1" \
        --script "$out/$1.txt" --screenshots "$out/shots" --dump-state "$out/$1.json" \
        --size "$size" > "$out/$1.log" 2>&1 || { cat "$out/$1.log"; exit 1; }
}
start="tap @welcome\ntap @lang.$lang\ntap @search\ntype $typed\n"
# Where the keyboard leaves no room for a result, a button puts it away to show them.
results="tap-if-shown @show_results\n"
run corrected "$start${results}expect search_corrected $meant\nexpect first_result $first\nscreenshot corrected-$lang\n"
run exact "$start${results}tap @search_instead\nexpect search_exact true\nexpect search_corrected \"\"\nexpect results 0\nscreenshot exact-$lang\n"
run suggestion "$start${results}tap @search_instead\ntap @suggestion.0\nexpect search $meant\nexpect search_exact false\nexpect first_result $first\n"
run ask "$start${results}tap @search_instead\ntap @ask_here\nexpect screen detail\nexpect id $centre\n"
# Nothing near at all: still the centre to ask at (where only the keyboard fits, a button makes
# way for it).
run nothing "tap @welcome\ntap @lang.$lang\ntap @search\ntype $nonsense\nexpect results 0\n${results}tap @ask_here\nexpect screen detail\nexpect id $centre\n"
if [ "$lang" = es ]; then
    # Nothing found as typed, but an area's title comes close: it opens from the search.
    run area "tap @welcome\ntap @lang.es\ntap @search\ntype derechoz\n${results}tap @search_instead\nexpect results 0\nscreenshot area-es\ntap @area.rights\nexpect screen category\nexpect id rights\n"
fi
/usr/bin/python3 - "$out" "$here" "$lang" <<'PY'
import glob, json, os, sys
out, here, lang = sys.argv[1:4]
sys.path.insert(0, os.path.join(here, "..", "support"))
from screenshots import layout_problems
problems = []
with open(f"{out}/exact.json", encoding="utf-8") as f:
    exact = json.load(f)
targets = exact["targets"]
for name in ("suggestion.0", "ask_here"):
    if name not in targets:
        problems.append(f"exact search: no {name} target")
shots = sorted(glob.glob(f"{out}/shots/*.layout.json"))
wanted = 3 if lang == "es" else 2
if len(shots) != wanted:
    problems.append(f"{len(shots)} layout reports, {wanted} wanted")
for path in shots:
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    problems += layout_problems(os.path.basename(path), report)
    names = {t["name"] for t in report["targets"]}
    if "corrected" in path and "search_instead" not in names:
        problems.append(f"{os.path.basename(path)}: no search_instead target")
for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
PY
echo "misspelled search in $lang at $size: corrected to $meant, first result $first; screenshots in $out/shots"
