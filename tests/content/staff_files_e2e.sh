#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Staff files as LibreOffice saves them read exactly like the comma UTF-8 reference and build the
# same store (every row of every table; only the fingerprint of the files differs); hostile ones
# are refused with one message that says what is wrong. Fixtures: staff-files/ (remade by
# staff-files/make-fixtures.sh).
set -eu
tool=$1 fixtures=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*"; exit 1; }

"$tool" table "$fixtures/reference/institutions.csv" > "$work/reference.txt" \
    || fail "the reference table does not read clean"
[ "$(grep -c '^comar,\|^missao-paz,\|^ofii-paris,' "$work/reference.txt")" -eq 3 ] \
    || fail "the reference does not hold its 3 rows"

# set_with FILE NAME: the reference set with its institutions table replaced by FILE as NAME.
set_with() {
    rm -rf "$work/src" && mkdir -p "$work/src"
    cp "$fixtures/reference/languages.csv" "$fixtures/reference/categories.csv" "$work/src/"
    cp "$1" "$work/src/$2"
}

# The store the comma UTF-8 reference builds: every other file must build the same rows.
set_with "$fixtures/reference/institutions.csv" institutions.csv
"$tool" build "$work/src" -o "$work/reference.db" > /dev/null 2>&1 || fail "the reference does not build"
same_store() { # same_store A.db B.db: every row of every table alike but the files' fingerprint
    /usr/bin/python3 - "$1" "$2" <<'PY'
import sqlite3, sys
def rows(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out = {}
    for name, sql in db.execute("SELECT name, sql FROM sqlite_master WHERE type='table'"):
        if (sql or "").upper().startswith("CREATE VIRTUAL"):
            continue
        got = sorted(map(repr, db.execute(f'SELECT * FROM "{name}"')))
        out[name] = [r for r in got if "content_version" not in r] if name == "meta" else got
    return out
a, b = rows(sys.argv[1]), rows(sys.argv[2])
bad = sorted(t for t in a.keys() | b.keys() if a.get(t) != b.get(t))
if bad:
    print("tables that differ:", ", ".join(bad))
sys.exit(1 if bad else 0)
PY
}

for pair in institutions.xlsx:institutions.xlsx institutions.ods:institutions.ods \
            institutions-semicolon-windows-1252.csv:institutions.csv \
            institutions-semicolon-utf8.csv:institutions.csv \
            institutions-utf16-tab.txt:institutions.txt; do
    file=${pair%%:*} name=${pair#*:}
    "$tool" table "$fixtures/made-by-libreoffice/$file" > "$work/$file.txt" 2> "$work/$file.err" \
        || { cat "$work/$file.err"; fail "$file is not read clean"; }
    cmp -s "$work/reference.txt" "$work/$file.txt" \
        || { diff "$work/reference.txt" "$work/$file.txt"; fail "$file reads differently"; }
    set_with "$fixtures/made-by-libreoffice/$file" "$name"
    "$tool" build "$work/src" -o "$work/$file.db" > /dev/null 2> "$work/$file.build" \
        || { cat "$work/$file.build"; fail "$file does not build"; }
    same_store "$work/reference.db" "$work/$file.db" || fail "$file builds another store"
    "$tool" search "$work/$file.db" "oeuvre scalabriniens" --lang fr --limit 1 | grep -q missao-paz \
        || fail "$file: search does not find the œ word"
    echo "ok: $file"
done
grep -q "warning: not UTF-8: read as windows-1252" \
    "$work/institutions-semicolon-windows-1252.csv.build" \
    || fail "the Windows-1252 file is read without the warning"
grep -q warning "$work/institutions-semicolon-utf8.csv.build" \
    && fail "a UTF-8 file got a warning"

# refused FILE NAME EXPECTED: check fails with exactly one problem, which contains EXPECTED.
refused() {
    set_with "$fixtures/hostile/$1" "$2"
    set +e
    "$tool" check "$work/src" > /dev/null 2> "$work/$1.err"
    rc=$?
    set -e
    [ "$rc" -eq 1 ] || fail "$1: check exited $rc, not 1"
    problems=$(grep -c "^$2:" "$work/$1.err" || true)
    [ "$problems" -eq 1 ] || { cat "$work/$1.err"; fail "$1: $problems problems, not 1"; }
    grep -q "^$2:.*$3" "$work/$1.err" || { cat "$work/$1.err"; fail "$1: no '$3'"; }
    echo "ok: $1 refused: $(grep "^$2:" "$work/$1.err")"
}
refused merged-header.xlsx institutions.xlsx "merged cells A1:B1"
refused merged-header.ods institutions.ods "merged cells A1:B1"
refused workbook-named.csv institutions.csv "give the file its real extension"
refused semicolon-header-comma-rows.csv institutions.csv "separated by semicolons"
refused no-header.csv institutions.csv "no header row"
echo "staff files: all ok"
