#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Drives guichet-content end to end on a synthetic set: synth, check, build, search, list, a broken
# source refused with file:line and exit 1 and no output, and the mutate-percent contract.
set -eu
tool=$1 work=$2
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*"; exit 1; }

"$tool" synth "$work/src" --items 300 --seed 7 >/dev/null
"$tool" check "$work/src" >/dev/null || fail "synthetic set does not check clean"
"$tool" build "$work/src" -o "$work/a.db" >/dev/null || fail "build failed"
"$tool" search "$work/a.db" "educacion" --lang es --limit 3 > "$work/hits.txt"
[ "$(wc -l < "$work/hits.txt")" -ge 1 ] || fail "no hits for educacion"
"$tool" search "$work/a.db" 'NEAR("((' --limit 3 >/dev/null || fail "hostile query errored"
# list: every article, in the list screen's order (titles folded: accents and case aside).
"$tool" list "$work/a.db" article --lang es > "$work/list.txt" || fail "list failed"
[ "$(wc -l < "$work/list.txt")" -eq "$(ls "$work/src/articles" | grep -c '\.es\.md$')" ] \
    || fail "list does not hold every article"
cut -f2 "$work/list.txt" | /usr/bin/python3 -c '
import sys, unicodedata
keys = ["".join(c for c in unicodedata.normalize("NFKD", t.rstrip("\n")).lower()
                if not unicodedata.combining(c)) for t in sys.stdin]
sys.exit(0 if keys == sorted(keys) else 1)' || fail "list is not in folded title order"
set +e
"$tool" list "$work/a.db" nonsense >/dev/null 2>&1
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "list of an unknown type exited $rc, not 2"

# mutate-percent: same seed, exactly 1 % of 300 items (3) differ.
"$tool" synth "$work/mut" --items 300 --seed 7 --mutate-percent 1 | grep -q "(3 mutated)" \
    || fail "synth did not report 3 mutated items"
changed=$(diff -rq "$work/src" "$work/mut" | wc -l)
[ "$changed" -ge 1 ] || fail "mutated set is identical"

# A broken source: every problem reported as file:line, exit 1, nothing written.
printf 'bad-row,XX\n' >> "$work/src/legislation.csv"
set +e
"$tool" build "$work/src" -o "$work/bad.db" 2> "$work/err.txt" >/dev/null
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "build of broken sources exited $rc, not 1"
[ ! -e "$work/bad.db" ] || fail "a failed build left output behind"
ls "$work" | grep -q 'tmp-' && fail "a failed build left a temporary file"
grep -q '^legislation.csv:[0-9]*: malformed row' "$work/err.txt" || { cat "$work/err.txt"; fail "no file:line problem"; }
set +e
"$tool" check "$work/src" >/dev/null 2>&1
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "check of broken sources exited $rc"
# A character the kiosk's fonts cannot draw (an emoji: ImGui 1.86 has 16-bit glyphs only)
# is a problem with file:line, and build refuses it.
"$tool" synth "$work/glyphs" --items 20 --seed 3 >/dev/null
first=$(ls "$work/glyphs/articles/" | grep '\.es\.md$' | head -n 1)
sed -i '2s/$/ \xF0\x9F\x98\x80/' "$work/glyphs/articles/$first"
set +e
"$tool" check "$work/glyphs" 2> "$work/glyph-err.txt" >/dev/null
rc=$?
"$tool" build "$work/glyphs" -o "$work/glyphs.db" 2>/dev/null >/dev/null
build_rc=$?
set -e
[ "$rc" -eq 1 ] || fail "check with an undrawable character exited $rc, not 1"
[ "$build_rc" -eq 1 ] || fail "build with an undrawable character exited $build_rc, not 1"
[ ! -e "$work/glyphs.db" ] || fail "build wrote a store the kiosk cannot draw"
grep -q "^articles/$first:2: U+1F600" "$work/glyph-err.txt" || { cat "$work/glyph-err.txt"; fail "no file:line for the undrawable character"; }
set +e
"$tool" frobnicate >/dev/null 2>&1
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "unknown command exited $rc, not 2"
echo "tool e2e: ok"
