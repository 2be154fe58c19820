#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Remakes the seed corpus of fuzz_store_deltas: frames and patches against the base image the
# harness builds in memory (base_image() in fuzz_store_deltas.cpp; keep the two in step).
set -euo pipefail
out=$(cd "$(dirname "$0")" && pwd)/corpus/fuzz_store_deltas
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
for i in $(seq 0 199); do
    printf 'row %d\tinstitution\tes\tOficina de migración %d\n' "$i" $((i * 7))
done >"$work/base"
sed 's/Oficina/Office/; 50,60d' "$work/base" >"$work/new"
zstd -q -19 -c "$work/base" >"$out/frame-base.zst"
zstd -q --patch-from="$work/base" -c "$work/new" >"$out/patch-from-base.zst"
head -c 40 "$out/patch-from-base.zst" >"$out/patch-truncated.zst"
head -c 1000 /dev/zero | zstd -q -c >"$out/zeros.zst"
printf '' | zstd -q -c >"$out/empty-frame.zst"
