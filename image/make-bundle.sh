#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Makes the RAUC bundle that updates a board's root slot, from an image build's root file
# system (build-image.sh runs it for every image; run it by hand to re-sign or re-make one):
#   image/make-bundle.sh --root ROOT.sqfs --cert CERT.pem --key KEY.pem --out FILE.raucb
#                        [--keyring CA.pem]
# The bundle holds one image, root.img (the squashfs root, written raw into the other root
# slot, class `rootfs` as in /etc/rauc/system.conf), and its manifest names the board type
# (RAUC's compatible, guichet-amd64 or guichet-arm64) and the version, both read from the
# root's /usr/lib/guichet/release: what the board reports after the update is what the bundle
# says. The kernel and initrd travel inside the root (/vmlinuz, /initrd.img); the board copies
# them to its boot partition before it starts the new slot. Signed with the operator's X.509
# key (`rauc bundle`); with --keyring the result is checked against it (`rauc info`).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

root= cert= key= out= keyring=
while [ $# -gt 0 ]; do
    case $1 in
        --root) root=$2; shift 2 ;;
        --cert) cert=$2; shift 2 ;;
        --key) key=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --keyring) keyring=$2; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
done
[ -n "$root" ] && [ -n "$cert" ] && [ -n "$key" ] && [ -n "$out" ] ||
    die "--root, --cert, --key and --out are required (see --help)"
[ -f "$root" ] || die "no root file system image at $root"
case $out in *.raucb) ;; *) die "--out must end in .raucb (RAUC recognises bundles by it)" ;; esac

release=$(unsquashfs -cat "$root" usr/lib/guichet/release 2>/dev/null) ||
    die "$root has no /usr/lib/guichet/release: not a Guichet root (built by build-image.sh)"
value() { printf '%s\n' "$release" | sed -n "s/^$1[[:space:]]*=[[:space:]]*\\([^[:space:]]*\\)[[:space:]]*\$/\\1/p" | tail -1; }
compatible=$(value compatible)
version=$(value version)
[[ $compatible =~ ^guichet-(amd64|arm64)$ ]] || die "$root: release says compatible = '$compatible'"
[[ $version =~ ^[A-Za-z0-9._+~-]{1,64}$ ]] || die "$root: release says version = '$version'"
for file in vmlinuz initrd.img; do
    unsquashfs -lc "$root" "$file" 2>/dev/null | grep -q "squashfs-root/$file" ||
        die "$root has no /$file: the board could not start the slot"
done

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/content"
cp "$root" "$dir/content/root.img"
cat > "$dir/content/manifest.raucm" <<MANIFEST
[update]
compatible=$compatible
version=$version
description=Guichet $version for $compatible (image/make-bundle.sh)

[bundle]
format=plain

[image.rootfs]
filename=root.img
MANIFEST
rm -f "$out"
rauc bundle --cert "$cert" --key "$key" "$dir/content" "$out" >&2
if [ -n "$keyring" ]; then
    rauc info --keyring "$keyring" "$out" > /dev/null ||
        die "$out does not verify against $keyring"
fi
say "bundle: $out ($compatible $version, $(du -h "$out" | cut -f1))"
