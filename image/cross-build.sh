#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Cross-builds Guichet for arm64 on this amd64 machine and runs the unit tests under qemu-user.
#   image/cross-build.sh [--build-dir DIR] [--source DIR] [--no-tests | --programs-only]
#                        [--target T]... [--target-programs]
# Makes (once) an arm64 sysroot with mmdebstrap from the -dev packages of
# scripts/debian-packages.txt, then configures with cmake/toolchain-arm64.cmake.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

build_dir=$repo_dir/build-image-arm64
run_tests=1
programs_only=0
source_dir=$repo_dir
build_tests=ON
targets=()
while [ $# -gt 0 ]; do
    case $1 in
        --build-dir) build_dir=$2; shift 2 ;;
        --no-tests) run_tests=0; shift ;;
        --programs-only) run_tests=0; build_tests=OFF; shift ;;
        --source) source_dir=$2; shift 2 ;;
        --target) targets+=(--target "$2"); shift 2 ;;
        --target-programs) programs_only=1; shift ;;
        -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
done

sysroot=${GUICHET_ARM64_SYSROOT:-$work_root/sysroot-arm64}
jobs=${GUICHET_JOBS:-2}

ensure_host_packages

# The sysroot: headers and libraries only (variant extract runs no package scripts, so no
# emulation is needed). Rebuilt when the package list changes.
make_sysroot() {
    local packages
    packages="libc6-dev libstdc++-12-dev $(package_list "$repo_dir/scripts/debian-packages.txt" '-dev$' | tr '\n' ' ')"
    local stamp="$sysroot/.guichet-packages"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$packages" ]; then
        return 0
    fi
    say "making arm64 sysroot in $sysroot ($packages)"
    rm -rf "$sysroot"
    mmdebstrap --variant=extract --architectures=arm64 --include="${packages// /,}" \
        "$debian_suite" "$sysroot" "$debian_mirror" >&2
    # Absolute symlinks would point into this machine's /: make them relative to the sysroot.
    find "$sysroot" -type l -lname '/*' -print0 | while IFS= read -r -d '' link; do
        local target
        target=$(readlink "$link")
        ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$sysroot$target")" "$link"
    done
    echo "$packages" > "$stamp"
}
make_sysroot

start=$SECONDS
GUICHET_ARM64_SYSROOT=$sysroot cmake -S "$source_dir" -B "$build_dir" \
    -DCMAKE_TOOLCHAIN_FILE="$repo_dir/cmake/toolchain-arm64.cmake" \
    -DGUICHET_ARM64_SYSROOT="$sysroot" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DGUICHET_WERROR=ON -DGUICHET_BUILD_BENCH=OFF -DGUICHET_BUILD_TESTS=$build_tests >&2
if [ "$programs_only" = 1 ]; then
    # The programs (targets named guichet-*; libraries are guichet_*), not the tests.
    for target in $(cmake --build "$build_dir" --target help | sed -n 's/^\.\.\. \(guichet-[a-z-]*\).*/\1/p'); do
        targets+=(--target "$target")
    done
fi
cmake --build "$build_dir" -j "$jobs" "${targets[@]}" >&2
say "arm64 build took $((SECONDS - start)) s"
file "$build_dir"/bin/guichet-* 2>/dev/null | sed 's/,.*//' >&2 || true

if [ "$run_tests" = 1 ]; then
    start=$SECONDS
    ctest --test-dir "$build_dir" -L unit -j "$jobs" --output-on-failure
    say "arm64 unit tests under qemu-user took $((SECONDS - start)) s"
fi
