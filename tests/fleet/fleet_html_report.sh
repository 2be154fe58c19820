#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The HTML fleet report, made by the real guichet-fleet from statuses dropped in a folder,
# must render in headless Chromium into a real, non-blank page.
set -euo pipefail
fleet=$1 out=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$out" && mkdir -p "$out/status" "$out/incoming"
now=$(date +%s)
i=0
for entry in "bogota-1|Centro de Atención al Migrante, Bogotá|ok|60" \
             "tapachula-2|Consulado, Tapachula|HTTP 503 from server|200000" \
             "port-au-prince-1|Bureau, Port-au-Prince|ok|400000" \
             "santiago-3|Oficina, Santiago|ok|120"; do
    IFS='|' read -r id site result age <<<"$entry"
    i=$((i + 1))
    cat > "$out/incoming/$id.json" <<JSON
{"format": 1, "kiosk_id": "$id", "site_name": "$site", "program_version": "0.1.0",
 "content_version": "2026.11.$i", "last_sync_result": "$result",
 "last_sync_time": $((now - 60)), "last_success_time": $((now - age)),
 "reported_at": $((now - 30)), "uptime_seconds": 3600, "free_disk_bytes": 4000000000,
 "error_count": 0, "usage_yesterday": {"day": "2026-11-26", "sessions": $((i * 11)),
 "searches": 3, "views_by_type": {}, "sessions_by_language": {}}}
JSON
    "$fleet" put "$out/status" "$out/incoming/$id.json"
done
"$fleet" report "$out/status" --html "$out/report.html" > "$out/report.txt"
grep -q "4 kiosks: 2 ok, 2 need attention" "$out/report.txt"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$out/profile" --window-size=1280,720 \
    --screenshot="$out/report.png" "file://$out/report.html" > "$out/chromium.log" 2>&1
python3 "$here/../support/check_png.py" "$out/report.png" 1280 720
