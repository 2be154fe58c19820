#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The coverage table of tests/fuzz/RESULTS.md: for each target of an already built fuzz folder,
# the edges and features libFuzzer counts after replaying the checked-in seeds (-runs=0), then
# after SECONDS of fuzzing from the same seeds, without a dictionary, so two builds (say, only
# the harnesses instrumented, and the libraries too) are compared on the same inputs.
# Usage: tests/fuzz/measure-coverage.sh BUILD_DIR SECONDS TARGET...
set -euo pipefail
build=$(cd "$1" && pwd) seconds=$2
shift 2
top=$(cd "$(dirname "$0")/../.." && pwd)
printf '%-22s %14s %14s %10s\n' target 'seeds cov/ft' "${seconds}s cov/ft" runs
for target in "$@"; do
    binary=$build/bin/$target
    if [ ! -x "$binary" ]; then printf '%-22s %14s\n' "$target" 'no target'; continue; fi
    work=$(mktemp -d)
    cp "$top/tests/fuzz/corpus/$target"/* "$work/" 2>/dev/null || true
    seeds=$(cd "$work" && "$binary" -runs=0 "$work" 2>&1 | grep -o 'INITED cov: [0-9]* ft: [0-9]*' |
            awk '{print $3 "/" $5}')
    # A crash leaves its input in BUILD_DIR as crash-TARGET-*: it becomes a regression seed.
    log=$(cd "$work" && "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
          -print_final_stats=1 -artifact_prefix="$build/crash-$target-" "$work" 2>&1 || true)
    found=''
    grep -q 'ERROR: \(libFuzzer\|AddressSanitizer\|UndefinedBehaviorSanitizer\)\|runtime error' <<<"$log" &&
        found=' CRASH (see crash-'$target'-*)' && printf '%s\n' "$log" >"$build/crash-$target.log"
    end=$(grep -o 'cov: [0-9]* ft: [0-9]*' <<<"$log" | tail -1 | awk '{print $2 "/" $4}')
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' <<<"$log" | grep -o '[0-9]*$' || echo '?')
    printf '%-22s %14s %14s %10s%s\n' "$target" "${seeds:-?}" "${end:-?}" "$runs" "$found"
    rm -rf "$work"
done
