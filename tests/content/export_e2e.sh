#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The round trip staff make: `guichet-content export SRC --format xlsx|ods|csv` writes SRC's
# tables back as spreadsheets; each reads exactly like its source, the exported set builds the
# same store (every row of every table; only the fingerprint of the files differs), and — when
# LibreOffice is installed (scripts/debian-packages.txt has it) — LibreOffice opens the .xlsx and
# .ods and saves the same table as CSV.
#   export_e2e.sh GUICHET-CONTENT SAMPLE-CONTENT EXAMPLES WORK
set -eu
tool=$1 sample=$2 examples=$3 work=$4
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*"; exit 1; }

# 1. Every table of the worked examples, in each format, reads like its source.
for format in xlsx ods csv; do
    "$tool" export "$examples/source" --format "$format" -o "$work/ex-$format" > "$work/ex-$format.log" \
        || fail "export --format $format"
    for table in languages categories institutions legislation; do
        "$tool" table "$examples/source/$table.csv" > "$work/ref.txt"
        "$tool" table "$work/ex-$format/$table.$format" > "$work/got.txt" \
            || fail "$table.$format does not read clean"
        cmp -s "$work/ref.txt" "$work/got.txt" \
            || { diff "$work/ref.txt" "$work/got.txt"; fail "$table.$format reads differently"; }
    done
    "$tool" check "$work/ex-$format" > /dev/null 2>&1 || fail "the exported $format set does not check clean"
    echo "ok: examples as $format: 4 tables read like their sources, the set checks clean"
done

# 2. The sample (statistics/ and synonyms/ too) exported as .xlsx, its Markdown items kept, builds
#    the store its CSV builds.
"$tool" export "$sample" --format xlsx -o "$work/sample-xlsx" > "$work/sample.log" || fail "export of the sample"
mkdir -p "$work/sample-back"
(cd "$sample" && find . -type f ! -name '*.csv' | while read -r f; do
    mkdir -p "$work/sample-back/$(dirname "$f")" && cp "$f" "$work/sample-back/$f"; done)
cp -r "$work/sample-xlsx/." "$work/sample-back/"
[ "$(find "$work/sample-back" -name '*.csv' | wc -l)" -eq 0 ] || fail "a CSV is left in the xlsx set"
"$tool" build "$sample" -o "$work/csv.db" > /dev/null 2>&1 || fail "the sample does not build"
"$tool" build "$work/sample-back" -o "$work/xlsx.db" > /dev/null 2> "$work/xlsx.err" \
    || { grep -v warning "$work/xlsx.err"; fail "the sample as .xlsx does not build"; }
/usr/bin/python3 - "$work/csv.db" "$work/xlsx.db" <<'PY' || fail "the stores differ"
import sqlite3, sys
def rows(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    tables = [n for (n, sql) in db.execute("SELECT name, sql FROM sqlite_master WHERE type='table'")
              if not (sql or "").upper().startswith("CREATE VIRTUAL")]
    out = {}
    for t in tables:
        got = sorted(map(repr, db.execute(f'SELECT * FROM "{t}"')))
        if t == "meta":  # the fingerprint of the source files differs by nature
            got = [r for r in got if "content_version" not in r]
        out[t] = got
    return out
a, b = rows(sys.argv[1]), rows(sys.argv[2])
bad = [t for t in a if a[t] != b.get(t)]
print(f"{len(a)} tables, {sum(map(len, a.values()))} rows compared; differing: {bad or 'none'}")
sys.exit(1 if bad or a.keys() != b.keys() else 0)
PY
echo "ok: the sample as .xlsx ($(grep -c '^wrote' "$work/sample.log") tables) builds the same store"

# 3. LibreOffice opens what export writes.
if ! command -v soffice > /dev/null; then
    echo "skip: LibreOffice is not installed (apt-get install libreoffice-calc-nogui)"
else
    mkdir -p "$work/lo" "$work/lo-home"
    HOME="$work/lo-home" soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' \
        --outdir "$work/lo" "$work/ex-xlsx/institutions.xlsx" "$work/ex-ods/legislation.ods" \
        > /dev/null 2>&1 || fail "LibreOffice could not convert the exports"
    for table in institutions legislation; do
        "$tool" table "$examples/source/$table.csv" > "$work/ref.txt"
        "$tool" table "$work/lo/$table.csv" | cmp -s "$work/ref.txt" - \
            || fail "LibreOffice reads the exported $table differently"
    done
    echo "ok: LibreOffice opens the exported .xlsx and .ods and saves the same tables"
fi
echo "export: all ok"
