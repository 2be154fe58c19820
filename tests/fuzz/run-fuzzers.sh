#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds every libFuzzer target (clang; the libraries instrumented too, with ASan and UBSan: see
# GUICHET_FUZZ in cmake/GuichetWarnings.cmake) and runs each for SECONDS from its checked-in
# corpus and dictionary, then prints one line per target: runs, speed, the coverage after the
# seed corpus (cov = edges, ft = features, as libFuzzer counts them) and at the end, and what
# the run added. CI runs every target for seconds only (`fuzz: TARGET` tests of the sanitize
# preset); this is the long run, after touching a parser.
# Usage: tests/fuzz/run-fuzzers.sh [SECONDS] [TARGET...]   (BUILD=folder, default build-fuzz)
set -euo pipefail
seconds=${1:-60}
shift || true
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD:-$top/build-fuzz}
all=(fuzz_tuf_metadata fuzz_tuf_keys fuzz_alerts fuzz_usb_bundle fuzz_store_rows fuzz_store_deltas
     fuzz_fleet_status fuzz_settings_files fuzz_mo_catalog fuzz_table_csv fuzz_table_xlsx
     fuzz_table_ods fuzz_content_csv fuzz_content_sources fuzz_content_query fuzz_map_tile
     fuzz_article_picture)
if [ $# -gt 0 ]; then targets=("$@"); else targets=("${all[@]}"); fi

CC=clang CXX=clang++ cmake -S "$top" -B "$build" -DGUICHET_FUZZ=ON -DGUICHET_BUILD_BENCH=OFF \
    -DGUICHET_BUILD_KIOSK=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"${JOBS:-2}" --target "${targets[@]}" >/dev/null

# "#123 INITED cov: 456 ft: 789 corp: ..." -> "456/789"
coverage() { grep -o "$1 cov: [0-9]* ft: [0-9]*" "$2" | tail -1 | awk '{print $3 "/" $5}'; }

printf '%-22s %10s %8s %14s %14s %8s  %s\n' target runs exec/s 'seeds cov/ft' 'end cov/ft' corpus result
status=0
for target in "${targets[@]}"; do
    corpus=$build/corpus/$target
    mkdir -p "$corpus"
    options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1)
    dict=$top/tests/fuzz/dict/$target.dict
    [ -f "$dict" ] && options+=(-dict="$dict")
    log=$build/$target.log
    result=ok
    # New inputs go to the build folder's corpus; the checked-in one is read, never written.
    (cd "$build" && "$build/bin/$target" "${options[@]}" "$corpus" "$top/tests/fuzz/corpus/$target" \
        >"$log" 2>&1) || { result="FAILED (see $log)"; status=1; }
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    seeds=$(coverage INITED "$log")
    end=$(grep -o "cov: [0-9]* ft: [0-9]*" "$log" | tail -1 | awk '{print $2 "/" $4}')
    printf '%-22s %10s %8s %14s %14s %8s  %s\n' "$target" "$runs" "$speed" "${seeds:-?}" "${end:-?}" \
        "$(ls "$corpus" | wc -l)" "$result"
done
exit $status
