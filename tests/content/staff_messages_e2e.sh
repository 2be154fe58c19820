#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The mistakes staff make, in the files they have (staff-files/made-by-libreoffice/mistakes: a
# table with Spanish headers saved by LibreOffice as .xlsx, .ods and the semicolon Windows-1252
# CSV a Spanish Excel writes), give the same messages in every format, in the staff's language:
# file:row:column, the column as the sheet names it, the value, and what to write instead.
#   staff_messages_e2e.sh GUICHET-CONTENT STAFF-FILES WORK
set -eu
tool=$1 fixtures=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*"; exit 1; }
mistakes=$fixtures/made-by-libreoffice/mistakes

# check_with FILE NAME ARGS...: `check` of the reference set with FILE as its institutions table;
# its messages (stderr) in $work/out, without the review-date warnings, which age with the fixture.
check_with() {
    file=$1 name=$2
    shift 2
    rm -rf "$work/src" && mkdir -p "$work/src"
    cp "$fixtures/reference/languages.csv" "$fixtures/reference/categories.csv" "$work/src/"
    cp "$file" "$work/src/$name"
    set +e
    "$tool" check "$work/src" "$@" > /dev/null 2> "$work/raw"
    rc=$?
    set -e
    grep -v 'more than a year ago\|más de un año\|plus d.un an\|mais de um ano' "$work/raw" \
        | sed 's/; [0-9]* \(avisos\|aviso\|warnings\|warning\|avertissements\|avertissement\)$//' \
        > "$work/out" || true
}

# 1. Spanish, from the .xlsx: exactly the expected lines.
check_with "$mistakes/institutions.xlsx" institutions.xlsx --lang es
[ "$rc" -eq 1 ] || fail "check exited $rc on a table with mistakes"
diff -u "$fixtures/expected/mistakes.es.txt" "$work/out" || fail "the Spanish messages changed"
echo "ok: xlsx, es: $(grep -c . "$work/out") lines as expected"

# 2. The .ods gives the same lines; the Windows-1252 semicolon CSV too, but for its encoding
#    warning and its rows, numbered by the file's lines (a cell holds a line break).
sed 's/^institutions\.xlsx:/T:/' "$work/out" > "$work/xlsx"
check_with "$mistakes/institutions.ods" institutions.ods --lang es
sed 's/^institutions\.ods:/T:/' "$work/out" | diff -u "$work/xlsx" - || fail "the .ods says otherwise"
echo "ok: ods, es: the same messages"
check_with "$mistakes/institutions.csv" institutions.csv --lang es
grep -q "^institutions.csv:0: aviso: no es UTF-8: leído como windows-1252" "$work/out" \
    || fail "the Windows-1252 CSV has no warning in Spanish"
# Line 5 of the CSV is row 4 of the sheet (a cell above holds a line break): its messages say so.
grep -q "^institutions.csv:5:10: columna J 'Servicios' (fila 4 en una hoja de cálculo): 'retour'" "$work/out" \
    || { cat "$work/out"; fail "the CSV's line 5 does not say it is row 4 in a spreadsheet"; }
grep -v "no es UTF-8" "$work/out" \
    | sed 's/^institutions\.csv:/T:/; s/^T:5:\(.*\) (fila 4 en una hoja de cálculo)/T:4:\1/' \
    | diff -u "$work/xlsx" - || fail "the semicolon CSV says otherwise"
echo "ok: semicolon Windows-1252 CSV, es: the same messages (line 5 = row 4 said), the encoding stated"

# 3. French and Portuguese, chosen by --lang or by the system locale; a locale the tool has no
#    messages for is English; an unknown --lang is a usage error.
check_with "$mistakes/institutions.xlsx" institutions.xlsx --lang fr
grep -qF "institutions.xlsx:2:10: colonne J 'Servicios' : 'orientación' n'est pas un service ; vouliez-vous dire 'information' ? Valeurs valides : asylum (Asile et refuge)," "$work/out" \
    || { cat "$work/out"; fail "no French service message"; }
LANGUAGE= LC_ALL= LC_MESSAGES= LANG=pt_BR.UTF-8 check_with "$mistakes/institutions.xlsx" institutions.xlsx
grep -qF "institutions.xlsx:3:2: coluna B 'Tipo': tipo desconhecido 'consulado'; quis dizer 'consulate' (Consulado)?" "$work/out" \
    || { cat "$work/out"; fail "LANG=pt_BR does not give Portuguese"; }
grep -qF "resumo: 3 itens; 7 problemas em 3 linhas e 0 arquivos" "$work/out" || fail "no Portuguese summary"
LANGUAGE= LC_ALL= LC_MESSAGES= LANG=de_DE.UTF-8 check_with "$mistakes/institutions.xlsx" institutions.xlsx
grep -qF "institutions.xlsx:2:17: column Q 'Sitio web': website is not a web address (http:// or https://): 'www.gob.mx/comar'; write 'https://www.gob.mx/comar'" "$work/out" \
    || { cat "$work/out"; fail "a German locale does not fall back to English"; }
set +e
"$tool" check "$work/src" --lang xx > /dev/null 2>&1
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "--lang xx exited $rc, not 2"
echo "ok: fr and pt by --lang and LANG, English for de_DE, --lang xx refused"

# 4. A whole-file problem comes alone, in the staff's language: a semicolon header over comma
#    rows is one message, which names both separators.
check_with "$fixtures/hostile/semicolon-header-comma-rows.csv" institutions.csv --lang es
[ "$(grep -c '^institutions.csv:' "$work/out")" -eq 1 ] || { cat "$work/out"; fail "more than one message"; }
grep -q "^institutions.csv:0: las columnas de la fila de títulos están separadas por puntos y comas (';') pero las de las filas por comas (',')" "$work/out" \
    || { cat "$work/out"; fail "the one message does not name the separators in Spanish"; }
echo "ok: semicolon header over comma rows, es: one message naming both separators"
echo "staff messages: all ok"
