#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs the real guichet-content on the bundled sample: check clean, build, build again
# byte-identical, and a search that finds something. Skips (77) while there is no sample.
set -eu
tool=$1 sample=$2 work=$3
if [ ! -f "$sample/languages.csv" ]; then
    echo "sample content not there yet ($sample): skipped"
    exit 77
fi
rm -rf "$work" && mkdir -p "$work"
"$tool" check "$sample"
"$tool" build "$sample" -o "$work/a.db" >/dev/null
"$tool" build "$sample" -o "$work/b.db" >/dev/null
cmp "$work/a.db" "$work/b.db"
hits=$("$tool" search "$work/a.db" "derechos" --lang es --limit 5 | wc -l)
[ "$hits" -ge 1 ] || { echo "no hit for 'derechos' in the sample"; exit 1; }
echo "sample: check clean, build deterministic, $hits hit(s) for 'derechos'"
