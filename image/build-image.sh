#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds a bootable Guichet disk image from Debian 12 packages, and the RAUC bundle that
# updates a board to it, in one command:
#   image/build-image.sh --arch amd64|arm64 [--out FILE] [--from-worktree] [--size-root MiB]
#                        [--version V] [--rauc-cert CERT.pem --rauc-key KEY.pem]
#                        [--rauc-keyring CA.pem]
# amd64: GPT, UEFI (systemd-boot); arm64: MBR, Raspberry Pi firmware boot partition.
# Partitions: 1 boot (FAT, holds the operator's guichet.txt), 2 and 3 the root slots A and B
# (squashfs, read-only; the image fills A, RAUC updates write the other one), 4 state (ext4,
# /var/lib/guichet, never rewritten by an update).
# The programs are built from the last commit (HEAD) unless --from-worktree is given. The
# version (default: UTC date and commit, 2026.12.04-612adc7) is what boards report. Bundles are
# signed with --rauc-key/--rauc-cert, and boards trust --rauc-keyring (default: that
# certificate); without them a development key pair is made in the work folder (keys/):
# fine for tests, never for a fleet.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

arch=
out=
from_worktree=0
root_mib=1024   # per root slot: room for later, larger roots written into the same partitions
boot_mib=256
state_mib=512
version=
rauc_cert= rauc_key= rauc_keyring=
while [ $# -gt 0 ]; do
    case $1 in
        --arch) arch=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --from-worktree) from_worktree=1; shift ;;
        --size-root) root_mib=$2; shift 2 ;;
        --version) version=$2; shift 2 ;;
        --rauc-cert) rauc_cert=$2; shift 2 ;;
        --rauc-key) rauc_key=$2; shift 2 ;;
        --rauc-keyring) rauc_keyring=$2; shift 2 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
done
case $arch in
    amd64|arm64) ;;
    *) die "--arch amd64 or --arch arm64 is required" ;;
esac
[ "$(id -u)" -eq 0 ] || die "run as root: mmdebstrap needs to chroot and own files as other users"
version=${version:-$(date -u +%Y.%m.%d)-$(git -C "$repo_dir" rev-parse --short HEAD)}
[[ $version =~ ^[A-Za-z0-9._+~-]{1,64}$ ]] || die "--version: letters, digits and . _ + ~ - only, got '$version'"
# The operator's RAUC keys: bundles are signed with the key, boards trust the keyring.
if [ -z "$rauc_cert" ] && [ -z "$rauc_key" ]; then
    rauc_key=$work_root/keys/rauc-development.key.pem
    rauc_cert=$work_root/keys/rauc-development.cert.pem
    if [ ! -f "$rauc_cert" ]; then
        mkdir -p "$work_root/keys"
        openssl req -x509 -newkey rsa:3072 -nodes -keyout "$rauc_key" -out "$rauc_cert" -days 3650 \
            -subj "/O=Guichet development (not for a fleet)/CN=guichet-development" 2>/dev/null
    fi
    say "signing with the DEVELOPMENT key $rauc_key: boards built so trust only bundles of this machine"
fi
[ -f "$rauc_cert" ] && [ -f "$rauc_key" ] || die "--rauc-cert and --rauc-key go together (PEM files)"
rauc_keyring=${rauc_keyring:-$rauc_cert}
out=${out:-$work_root/guichet-$arch.img}
work=$work_root/$arch
jobs=${GUICHET_JOBS:-2}
start_all=$SECONDS
mkdir -p "$work" "$(dirname "$out")"

ensure_host_packages
[ "$arch" = arm64 ] && ensure_binfmt_arm64

# --- 1. The programs -------------------------------------------------------------------------
# Sources from HEAD (what is committed), copied so that unchanged files keep their times and
# the build stays incremental. The arm64 build has its own copy, so that it can run while an
# amd64 image is built.
src=$work_root/src
[ "$arch" = arm64 ] && src=$work_root/src-arm64
export_sources() {
    if [ "$from_worktree" = 1 ]; then
        src=$repo_dir
        return
    fi
    local fresh=$work_root/src.new
    rm -rf "$fresh" && mkdir -p "$fresh" "$src"
    git -C "$repo_dir" archive HEAD | tar -x -C "$fresh"
    (cd "$fresh" && find . -type f) | while IFS= read -r f; do
        cmp -s "$fresh/$f" "$src/$f" || install -D -m "$(stat -c %a "$fresh/$f")" "$fresh/$f" "$src/$f"
    done
    (cd "$src" && find . -type f) | while IFS= read -r f; do
        [ -e "$fresh/$f" ] || rm -f "$src/$f"
    done
    rm -rf "$fresh"
    say "sources: $(git -C "$repo_dir" log -1 --format='%h %s' HEAD)"
}
export_sources

# amd64: the programs; arm64: only guichet-content, which compiles the sample content here.
native_build=$repo_dir/build-image-amd64
native_targets=()
if [ "$arch" = arm64 ]; then
    native_build=$repo_dir/build-image-arm64-host
    native_targets=(--target guichet-content)
fi
build_programs() {
    local t=$SECONDS
    cmake -S "$src" -B "$native_build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGUICHET_WERROR=ON \
        -DGUICHET_BUILD_TESTS=OFF -DGUICHET_BUILD_BENCH=OFF >&2
    cmake --build "$native_build" -j "$jobs" "${native_targets[@]}" >&2
    if [ "$arch" = arm64 ]; then
        # The same tree cross-build.sh tests in: incremental, and the programs are the tested ones.
        "$image_dir/cross-build.sh" --source "$src" --no-tests --target-programs >&2
        program_dir=$repo_dir/build-image-arm64/bin
        binutils_prefix=aarch64-linux-gnu-
    else
        program_dir=$native_build/bin
        binutils_prefix=
    fi
    say "programs built in $((SECONDS - t)) s"
}
build_programs

stage=$work/stage
rm -rf "$stage" && mkdir -p "$stage/usr/bin" "$stage/usr/share/guichet" "$stage/usr/share/doc/guichet"
for program in "$program_dir"/guichet-*; do
    # Compiled programs only (bin/ also holds development scripts with build paths in them).
    [ -x "$program" ] && [ -f "$program" ] && [ "$(head -c 4 "$program" | od -An -c | tr -d ' ')" = '177ELF' ] ||
        continue
    "${binutils_prefix}strip" -o "$stage/usr/bin/$(basename "$program")" "$program"
done
[ -x "$stage/usr/bin/guichet-kiosk" ] || die "no guichet-kiosk was built in $program_dir"
say "programs: $(cd "$stage/usr/bin" && echo *)"
# The unit is Type=notify with a watchdog: a kiosk that never sends READY=1 / WATCHDOG=1
# (platform/service.h) would be timed out at every start, so it is refused here.
grep -aq 'WATCHDOG=1' "$stage/usr/bin/guichet-kiosk" ||
    die "guichet-kiosk does not speak sd_notify (no WATCHDOG=1 in it): Type=notify would time it out"
"$native_build/bin/guichet-content" build "$src/content/sample" -o "$stage/usr/share/guichet/sample-content.db" >&2
cp "$image_dir/README.md" "$stage/usr/share/doc/guichet/README.md"
# What the board runs (guichet-update and the fleet status report it), and RAUC's view of it.
mkdir -p "$stage/usr/lib/guichet" "$stage/etc/rauc"
printf 'version = %s\ncompatible = guichet-%s\n' "$version" "$arch" > "$stage/usr/lib/guichet/release"
"$image_dir/lib/rauc-system-conf.sh" "$arch" > "$stage/etc/rauc/system.conf"
cp "$rauc_keyring" "$stage/etc/rauc/keyring.pem"

# Debian packages of the shared libraries the programs link (the same names on both arches).
runtime_packages() {
    local lib path
    # (arm64 programs also name the dynamic loader, ld-linux-aarch64.so.1: libc6's, always there)
    for lib in $("${binutils_prefix}objdump" -p "$stage"/usr/bin/guichet-* | awk '/NEEDED/ && $2 !~ /^ld-linux/ {print $2}' | sort -u); do
        path=$(ldconfig -p | awk -v l="$lib" '$1 == l && /x86-64/ {print $NF; exit}')
        [ -n "$path" ] || die "cannot find $lib on this machine"
        local candidate package=
        for candidate in "$path" "$(readlink -f "$path")"; do
            package=$(dpkg -S "$candidate" 2>/dev/null | head -1 | cut -d: -f1)
            [ -n "$package" ] && break
        done
        [ -n "$package" ] || die "no Debian package owns $path ($lib)"
        echo "$package"
    done | sort -u | tr '\n' ' '
}
libraries=$(runtime_packages)
say "runtime libraries: $libraries"

# --- 2. The root file system -----------------------------------------------------------------
# fdisk (sfdisk) grows the state partition to the card at first boot.
# rauc, rauc-service: the update engine (its D-Bus service installs; squashfs-tools: rauc reads
# a bundle's manifest with unsquashfs).
packages=(systemd systemd-sysv udev dbus kmod initramfs-tools zstd fdisk
          systemd-resolved systemd-timesyncd ca-certificates procps rauc rauc-service squashfs-tools
          fonts-noto-core fonts-noto-ui-core tzdata
          libegl1 libegl-mesa0 libgles2 libgl1-mesa-dri libgbm1 qemu-guest-agent)
# qemu-guest-agent: the boot proof's only way in (the image has no login). Its unit starts only
# when a hypervisor offers the agent's virtio channel, so on a real board it never runs.
components=main
if [ "$arch" = amd64 ]; then
    packages+=(linux-image-amd64)
else
    # u-boot-rpi: the boot loader the Pi firmware starts (u-boot.bin, copied to the boot
    # partition), which picks the root slot (boot.scr); libubootenv-tool: fw_printenv and
    # fw_setenv, through which RAUC reads and writes U-Boot's environment (README, "A/B").
    packages+=(linux-image-arm64 raspi-firmware u-boot-rpi libubootenv-tool)
    components=main,non-free-firmware
fi
rootfs=$work/rootfs
rm -rf "$rootfs"
# Downloaded packages are kept between builds (mmdebstrap's sync-in/sync-out).
debs=$work_root/debs-$arch
mkdir -p "$debs"
t=$SECONDS
mmdebstrap --variant=minbase --architectures="$arch" --components="$components" \
    --include="$(echo "${packages[@]}" $libraries | tr ' ' ',')" \
    --skip=download/empty \
    --setup-hook='mkdir -p "$1/var/cache/apt/archives/"' \
    --setup-hook="sync-in $debs /var/cache/apt/archives/" \
    --customize-hook="sync-out /var/cache/apt/archives $debs" \
    --customize-hook='rm -f "$1"/var/cache/apt/archives/*.deb' \
    --essential-hook='mkdir -p "$1/boot/firmware" "$1/var/lib/guichet"' \
    --essential-hook="cp -a \"$image_dir/rootfs/.\" \"\$1/\"" \
    --customize-hook="\"$image_dir/lib/customize-rootfs.sh\" \"\$1\" \"$arch\" \"$stage\"" \
    "$debian_suite" "$rootfs" "$debian_mirror" >&2
say "root file system made in $((SECONDS - t)) s"

# --- 3. Partitions and the disk --------------------------------------------------------------
"$image_dir/lib/assemble-disk.sh" --arch "$arch" --rootfs "$rootfs" --work "$work" --out "$out" \
    --boot-mib "$boot_mib" --root-mib "$root_mib" --state-mib "$state_mib"

say "image: $out ($(du -h --apparent-size "$out" | cut -f1) apparent, $(du -h "$out" | cut -f1) on disk)"
# --- 4. The bundle that updates a board to this image ------------------------------------------
bundle=$(dirname "$out")/guichet-$arch-$version.raucb
"$image_dir/make-bundle.sh" --root "$work/parts/root.sqfs" --cert "$rauc_cert" --key "$rauc_key" \
    --keyring "$rauc_keyring" --out "$bundle"
say "version $version; bundle $bundle"
say "built in $((SECONDS - start_all)) s"
