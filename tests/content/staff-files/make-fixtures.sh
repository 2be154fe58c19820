#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Remakes the staff-file fixtures from reference/institutions.csv with the real tool staff use:
# LibreOffice Calc, headless (apt-get install libreoffice-calc-nogui). The outputs are committed,
# so the tests never need LibreOffice; run this again after changing the reference table.
#   made-by-libreoffice/  the same table as .xlsx, .ods, semicolon CSV in Windows-1252 and in
#                         UTF-8, and UTF-16 tab-separated text (Excel's "Unicode text")
#   hostile/              files built from those that must be refused with one message
#   made-by-libreoffice/mistakes/
#                         reference/mistakes/institutions.csv (Spanish headers, the mistakes staff
#                         make: services and kinds by name, countries by name, a bare web
#                         address, a phone with letters) as .xlsx, .ods and the semicolon
#                         Windows-1252 CSV a Spanish or French Excel saves; every format must give
#                         the same messages (staff_messages_e2e.sh)
# make-fixtures.sh mistakes   remakes only made-by-libreoffice/mistakes/
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home"  # LibreOffice writes its profile here, not in the user's home
mkdir -p "$HOME" "$here/made-by-libreoffice" "$here/hostile"
out=$here/made-by-libreoffice
cp "$here/reference/institutions.csv" "$work/institutions.csv"
# Import filter: comma (44), double quote (34), UTF-8 (76), from line 1.
convert() { # convert TARGET-FILTER OUTPUT-NAME
    rm -rf "$work/out" && mkdir "$work/out"
    soffice --headless --infilter="CSV:44,34,76,1" --convert-to "$1" --outdir "$work/out" \
        "$work/institutions.csv" >/dev/null 2>&1
    mv "$work/out"/* "$out/$2"
}
if [ "${1:-}" = mistakes ]; then
    out=$here/made-by-libreoffice/mistakes
    mkdir -p "$out"
    cp "$here/reference/mistakes/institutions.csv" "$work/institutions.csv"
    convert xlsx institutions.xlsx
    convert ods institutions.ods
    convert 'csv:Text - txt - csv (StarCalc):59,34,1,1' institutions.csv
    ls -l "$out"
    exit 0
fi
convert xlsx institutions.xlsx
convert ods institutions.ods
# Export filter tokens: separator (59 = ';', 9 = tab), quote, character set (1 = Windows-1252,
# 76 = UTF-8, 65535 = UTF-16), first line.
convert 'csv:Text - txt - csv (StarCalc):59,34,1,1' institutions-semicolon-windows-1252.csv
convert 'csv:Text - txt - csv (StarCalc):59,34,76,1' institutions-semicolon-utf8.csv
convert 'txt:Text - txt - csv (StarCalc):9,34,65535,1' institutions-utf16-tab.txt

hostile=$here/hostile
/usr/bin/python3 - "$out" "$hostile" <<'PY'
import re, sys, zipfile
out, hostile = sys.argv[1], sys.argv[2]
def rewrite(src, dst, part, change):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                data = change(data.decode()).encode()
            zout.writestr(item, data)
# The header's first two cells merged, as "Merge cells" writes it.
rewrite(f"{out}/institutions.xlsx", f"{hostile}/merged-header.xlsx", "xl/worksheets/sheet1.xml",
        lambda x: x.replace("</sheetData>", '</sheetData><mergeCells count="1">'
                            '<mergeCell ref="A1:B1"/></mergeCells>', 1))
rewrite(f"{out}/institutions.ods", f"{hostile}/merged-header.ods", "content.xml",
        lambda x: re.sub(r"<table:table-cell ", '<table:table-cell '
                         'table:number-columns-spanned="2" table:number-rows-spanned="1" ', x, 1))
# A workbook saved under a .csv name.
open(f"{hostile}/workbook-named.csv", "wb").write(open(f"{out}/institutions.xlsx", "rb").read())
# A header separated by semicolons over rows separated by commas (a file edited by hand).
lines = open(f"{out}/../reference/institutions.csv", encoding="utf-8").read().split("\n")
open(f"{hostile}/semicolon-header-comma-rows.csv", "w", encoding="utf-8").write(
    "\n".join([lines[0].replace(",", ";")] + lines[1:]))
# The header row deleted: the first row is data.
open(f"{hostile}/no-header.csv", "w", encoding="utf-8").write("\n".join(lines[1:]))
PY
ls -l "$out" "$hostile"
