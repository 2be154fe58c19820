#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The two quick-start commands (see README):
#   ./guichet.sh run    build, then start the kiosk on the bundled sample content
#   ./guichet.sh test   build with -Werror, then run every test through CTest
# Both install missing Debian packages first. Extra arguments after `run` go to the kiosk.
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
jobs=$(nproc 2>/dev/null || echo 2)

configure_and_build() {  # <preset> [targets...]
    local preset=$1; shift
    # A build folder an older checkout configured with Make cannot switch to Ninja in place:
    # forget its cache (the objects are rebuilt; ccache, where installed, makes that quick).
    local dir=build
    [ "$preset" = release ] || dir=build-$preset
    if [ -f "$dir/CMakeCache.txt" ] && ! grep -qx 'CMAKE_GENERATOR:INTERNAL=Ninja' "$dir/CMakeCache.txt"; then
        rm -rf "$dir/CMakeCache.txt" "$dir/CMakeFiles"
    fi
    cmake --preset "$preset" >/dev/null
    if [ $# -gt 0 ]; then
        cmake --build --preset "$preset" -j "$jobs" --target "$@"
    else
        cmake --build --preset "$preset" -j "$jobs"
    fi
}

cmd_run() {
    bash scripts/install-deps.sh
    configure_and_build release guichet-kiosk guichet-content guichet-publish guichet-sync guichet-fleet
    # The bundled sample, compiled only when its sources changed since the last run.
    local store=build/sample-content.db
    if [ ! -f "$store" ] || [ -n "$(find content/sample -newer "$store" -print -quit)" ]; then
        build/bin/guichet-content build content/sample -o "$store" >/dev/null
    fi
    exec build/bin/guichet-kiosk --content "$store" --screenshots build/screenshots "$@"
}

cmd_test() {
    bash scripts/install-deps.sh
    local start=$SECONDS
    configure_and_build release
    ctest --preset release -j "$jobs"
    echo "guichet: release build and tests took $((SECONDS - start)) s"
    # The sanitizer build (clang: ASan, UBSan and libFuzzer's coverage on every library) of the
    # unit tests and the fuzz targets runs in CI, or on request: each fuzz target replays its
    # corpus and fuzzes for a few seconds (GUICHET_FUZZ_SECONDS) as a unit test.
    if [ "${CI:-}" = "true" ] || [ "${GUICHET_SANITIZE:-}" = "1" ]; then
        start=$SECONDS
        configure_and_build sanitize unit_tests
        ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --preset sanitize -j "$jobs"
        echo "guichet: sanitizer build and unit tests took $((SECONDS - start)) s"
    fi
}

case "${1:-}" in
    run) shift; cmd_run "$@" ;;
    test) shift; cmd_test "$@" ;;
    *) echo "usage: ./guichet.sh run [kiosk options] | ./guichet.sh test"; exit 2 ;;
esac
