#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds every libFuzzer target with clang (ASan + libFuzzer) and runs each for SECONDS,
# starting from the checked-in corpus, then prints one line per target. Not part of CI (it is
# open-ended by nature); run it after touching a parser. Usage: tests/fuzz/run-fuzzers.sh [SECONDS]
set -euo pipefail
seconds=${1:-60}
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$top/build-fuzz
targets=(fuzz_tuf_metadata fuzz_tuf_keys fuzz_fleet_status fuzz_store_rows fuzz_settings_files
         fuzz_content_csv fuzz_content_sources fuzz_content_query fuzz_mo_catalog fuzz_table_csv
         fuzz_table_xlsx fuzz_table_ods)

CC=clang CXX=clang++ cmake -S "$top" -B "$build" -DGUICHET_FUZZ=ON -DGUICHET_BUILD_BENCH=OFF \
    -DGUICHET_BUILD_KIOSK=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}" >/dev/null

printf '%-22s %12s %10s %8s  %s\n' target runs exec/s corpus result
status=0
for target in "${targets[@]}"; do
    corpus=$build/corpus/$target
    mkdir -p "$corpus"
    [ -d "$top/tests/fuzz/corpus/$target" ] && cp -n "$top/tests/fuzz/corpus/$target"/* "$corpus"/
    log=$build/$target.log
    result=ok
    (cd "$build" && "$build/bin/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 \
        -print_final_stats=1 "$corpus" >"$log" 2>&1) || { result="FAILED (see $log)"; status=1; }
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    printf '%-22s %12s %10s %8s  %s\n' "$target" "$runs" "$speed" "$(ls "$corpus" | wc -l)" "$result"
done
exit $status
