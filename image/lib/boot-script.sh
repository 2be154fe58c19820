#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Compiles U-Boot's boot script for arm64 boards (image/boot/boot.cmd) into boot.scr, with the
# two root slots' partitions and the kernel command line both slots share filled in.
#   boot-script.sh --root-a ROOT --root-b ROOT --cmdline "ARGS" --out boot.scr [--source boot.cmd]
set -euo pipefail
source "$(dirname "$0")/common.sh"

root_a='' root_b='' cmdline='' out='' source_file=$image_dir/boot/boot.cmd
while [ $# -gt 0 ]; do
    case $1 in
        --root-a) root_a=$2 ;; --root-b) root_b=$2 ;; --cmdline) cmdline=$2 ;; --out) out=$2 ;;
        --source) source_file=$2 ;;
        *) die "unknown option $1" ;;
    esac
    shift 2
done
[ -n "$root_a" ] && [ -n "$root_b" ] && [ -n "$cmdline" ] && [ -n "$out" ] ||
    die "--root-a, --root-b, --cmdline and --out are required"
# What is filled in goes inside a double-quoted U-Boot string: no quotes, $ or backslashes.
for value in "$root_a" "$root_b" "$cmdline"; do
    [[ $value =~ ^[A-Za-z0-9\ =,._:/+-]+$ ]] || die "cannot put '$value' in the boot script"
done
text=$(sed -e "s|@ROOT_A@|$root_a|g" -e "s|@ROOT_B@|$root_b|g" -e "s|@CMDLINE@|$cmdline|g" "$source_file")
! grep -q '@[A-Z_]*@' <<< "$text" || die "$source_file: a @NAME@ left unfilled"
printf '%s\n' "$text" > "$out.cmd"
mkimage -A arm64 -O linux -T script -C none -n "Guichet slot choice" -d "$out.cmd" "$out" >/dev/null
rm -f "$out.cmd"
