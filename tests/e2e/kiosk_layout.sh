#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every screen at the screen sizes service centres buy, from the layout report: one headless
# kiosk per size walks the staff screens, then every visitor screen in normal and in large text,
# writing a screenshot and its layout report (NAME.layout.json) for each; check_layout.py then
# asserts every target is on screen, none is under 9 mm and no text is cut, and prints the
# size x screen table. Where the top bar folds tools into its "More" menu, the walk opens it on
# the article (NAME-more; elsewhere that picture is the article again).
# Usage: kiosk_layout.sh KIOSK CONTENT_TOOL SAMPLE_DIR OUT_DIR [SIZE:DPI:LANG ...]
#   SIZE is WxH (portrait when H > W), DPI the panel's real density, LANG the visitor's.
#   SHOTS_DIR/<size>/ keeps the pictures and reports (default OUT_DIR/screenshots; CTest uses
#   build/screenshots); CHECK=report only prints the table; WALK=visitor skips staff mode.
set -euo pipefail
kiosk=$1 content_tool=$2 sample=$3 out=$4
shift 4
here=$(cd "$(dirname "$0")" && pwd)
# The 7" Raspberry Pi panel (133 dpi), a 7" 1024x600 panel (170), a 10" tablet panel (150), a
# 24" full HD monitor (92), a 27" 4K monitor (163), full HD signage in portrait (92, a 24"
# rotated) and the Pi panel in portrait.
specs=("$@")
[ ${#specs[@]} -gt 0 ] || specs=(800x480:133:es 1024x600:170:ht 1280x800:150:ar
    1920x1080:92:fr 3840x2160:163:es 1080x1920:92:ar 480x800:133:ht)
shots_root=${SHOTS_DIR:-$out/screenshots}
rm -rf "$out"
mkdir -p "$out" "$shots_root"
"$content_tool" build "$sample" -o "$out/sample.db" > "$out/build.log"

word_for() {  # a word of the sample typed on the language's own keyboard
    case $1 in es) echo derechos ;; fr) echo droits ;; ht) echo dwa ;; pt) echo direitos ;;
        ar) echo لجوء ;; *) echo rights ;; esac
}

visitor_walk() {  # <prefix>: every visitor screen from home, screenshots named PREFIX-screen
    local p=$1 word=$2
    cat <<EOF
tap @home
screenshot $p-home
tap @tile.rights
screenshot $p-list
tap @row.0
screenshot $p-article
tap-if-shown @more
screenshot $p-more
tap-if-shown @more
tap @qr
screenshot $p-qr
tap @close
tap @home
tap @tile.statistics
tap @type.statistics
screenshot $p-chart
tap @home
tap @tile.institutions
screenshot $p-directory
tap @filter.country
screenshot $p-filter
tap @option.AR
screenshot $p-directory-filtered
tap @row.0
screenshot $p-institution
tap @home
tap @tile.map
screenshot $p-map
tap @map.layer_seasonal
screenshot $p-map-seasonal
tap @home
tap @tile.notices
screenshot $p-notices
tap @notice.0
screenshot $p-notice
tap @search
tap @key.clear
type $word
screenshot $p-search
tap @language
screenshot $p-languages
EOF
}

for spec in "${specs[@]}"; do
    IFS=: read -r size dpi lang <<< "$spec"
    state="$out/state-$size"
    mkdir -p "$state"
    echo 4826 | "$kiosk" --state-dir "$state" --set-pin 2> /dev/null
    word=$(word_for "$lang")
    {
        echo "# $size at $dpi dpi in $lang (written by kiosk_layout.sh)"
        echo "screenshot welcome"
        if [ "${WALK:-all}" != visitor ]; then
        # Staff: the PIN pad, every page, the notice editor with its keyboard and date picker.
        echo "hold @staff.corner 3300"
        echo "screenshot staff-pin"
        for digit in 4 8 2 6; do echo "tap @pin.$digit"; done
        echo "tap @pin.ok"
        echo "expect staff_page status"
        echo "screenshot staff-status"
        echo "tap @staff.page.notices"
        echo "screenshot staff-notices"
        echo "tap @notice.new"
        echo "type cerrado el lunes"
        echo "screenshot staff-editor"
        echo "tap @date.end"
        echo "screenshot staff-date-picker"
        echo "tap @date.close"
        echo "tap @notice.pin"
        echo "tap @notice.save"
        echo "expect staff_message staff.notice_saved"
        echo "tap @staff.page.settings"
        echo "screenshot staff-settings"
        echo "tap @staff.page.usage"
        echo "screenshot staff-usage"
        echo "tap @staff.leave"
        echo "expect screen welcome"
        fi
        # The visitor, in normal text then in large text.
        echo "tap @welcome"
        echo "screenshot language"
        echo "tap @lang.$lang"
        visitor_walk normal "$word"
        echo "tap @lang.$lang"
        echo "tap @large_text"
        echo "expect large_text true"
        visitor_walk large "$word"
    } > "$out/walk-$size.txt"
    shots="$shots_root/$size"
    rm -rf "$shots"
    env -u DISPLAY -u WAYLAND_DISPLAY "$kiosk" --headless --rasterize-only-screenshots --size "$size" --dpi "$dpi" \
        --content "$out/sample.db" --state-dir "$state" --script "$out/walk-$size.txt" \
        --screenshots "$shots" --dump-state "$out/state-$size.json" > "$out/$size.log" 2>&1 || {
        cat "$out/$size.log"; exit 1; }
done
walked=()
for spec in "${specs[@]}"; do walked+=("${spec%%:*}"); done
/usr/bin/python3 "$here/check_layout.py" ${CHECK:+--report-only} "$shots_root" "${walked[@]}"
