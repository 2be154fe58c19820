#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerates every translation domain's POT from the sources (xgettext) and merges it into each
# PO file of the domain (msgmerge), so translators see new strings as untranslated and changed
# ones as fuzzy. Run after adding or changing a source string; commit the .pot and .po files.
#   scripts/update-po.sh            update every domain
#   scripts/update-po.sh --pot-to FILE DOMAIN
#                                   only write DOMAIN's fresh POT to FILE (the POT-current test)
# A domain is one line of the table below: name, PO folder, xgettext keywords, source files.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

domains=(
    # name          PO folder   keywords (xgettext --keyword=...)  sources
    "guichet-kiosk  kiosk/po    ui_string:1c,2                      kiosk/core/src/ui_messages.cpp"
    "guichet-content content/po tr:1;trf:1                          content/src/*.cpp"
)

make_pot() {  # make_pot OUT KEYWORDS SOURCES...
    local out=$1 keywords=$2
    shift 2
    local args=()
    for kw in ${keywords//;/ }; do args+=("--keyword=$kw"); done
    xgettext --language=C++ --from-code=UTF-8 --keyword "${args[@]}" \
        --add-comments=TRANSLATORS: --add-location=file --no-wrap \
        --package-name=guichet --msgid-bugs-address="kiosk/README.md, A new UI string" -o "$out" "$@"
    # xgettext writes "CHARSET" when every msgid is ASCII; the catalogue is UTF-8 either way.
    # The template's first lines say what it is (xgettext writes placeholders there).
    sed -i -e 's/charset=CHARSET/charset=UTF-8/' \
        -e '1,4c # Translation template of Guichet, made by scripts/update-po.sh from the sources: do not edit.\n# SPDX-License-Identifier: GPL-3.0-or-later\n# Translators: copy it to LANG.po (or let Poedit or Weblate do it) and add LANG to LINGUAS.' "$out"
}

if [ "${1:-}" = "--pot-to" ]; then
    out=$2 wanted=$3
    for line in "${domains[@]}"; do
        read -r name dir keywords sources <<<"$line"
        if [ "$name" = "$wanted" ]; then make_pot "$out" "$keywords" $sources; exit 0; fi
    done
    echo "update-po: no domain '$wanted'" >&2
    exit 2
fi

for line in "${domains[@]}"; do
    read -r name dir keywords sources <<<"$line"
    make_pot "$dir/$name.pot" "$keywords" $sources
    for lang in $(sed 's/#.*//' "$dir/LINGUAS"); do
        po="$dir/$lang.po"
        if [ ! -f "$po" ]; then
            msginit --no-translator --no-wrap --locale="$lang" --input="$dir/$name.pot" --output="$po"
        else
            msgmerge --quiet --update --backup=none --no-wrap "$po" "$dir/$name.pot"
        fi
        # English is the source language: its catalogue takes the source text where empty.
        if [ "$lang" = "en" ]; then msgen --no-wrap "$po" -o "$po"; fi
        echo "update-po: $po: $(msgfmt --statistics -o /dev/null "$po" 2>&1)"
    done
done
