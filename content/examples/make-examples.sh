#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Remakes the worked examples from source/ with LibreOffice Calc, headless
# (apt-get install libreoffice-calc-nogui): the same small content set three times, its two
# tables (institutions with Spanish headers, legislation with French ones) saved as staff save
# them — xlsx/ (Excel workbook), ods/ (LibreOffice) and csv-semicolon/ (what Excel calls "CSV"
# in a Spanish or French Windows: semicolons, Windows-1252). The outputs are committed; the test
# content_examples_e2e checks that each set builds.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home"
mkdir -p "$HOME"
for dir in xlsx ods csv-semicolon; do
    rm -rf "${here:?}/$dir" && mkdir -p "$here/$dir"
    cp "$here/source/languages.csv" "$here/source/categories.csv" "$here/$dir/"
done
for table in institutions legislation; do
    for target in xlsx:xlsx ods:ods 'csv:Text - txt - csv (StarCalc):59,34,1,1:csv-semicolon'; do
        filter=${target%:*} dir=${target##*:}
        rm -rf "$work/out" && mkdir "$work/out"
        soffice --headless --infilter="CSV:44,34,76,1" --convert-to "$filter" \
            --outdir "$work/out" "$here/source/$table.csv" >/dev/null 2>&1
        mv "$work/out"/* "$here/$dir/"
    done
done
ls -l "$here/xlsx" "$here/ods" "$here/csv-semicolon"
