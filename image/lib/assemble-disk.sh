#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Makes the partitions from a finished root file system and writes them into one disk image,
# with no loop devices or mounts (mksquashfs, mkfs.vfat + mtools, mkfs.ext4 -d): boot, root
# slot A (this root), root slot B (empty until the first update), state.
#   assemble-disk.sh --arch A --rootfs DIR --work DIR --out FILE --boot-mib N --root-mib N
#                    --state-mib N
set -euo pipefail
source "$(dirname "$0")/common.sh"

while [ $# -gt 0 ]; do
    case $1 in
        --arch) arch=$2 ;; --rootfs) rootfs=$2 ;; --work) work=$2 ;; --out) out=$2 ;;
        --boot-mib) boot_mib=$2 ;; --root-mib) root_mib=$2 ;; --state-mib) state_mib=$2 ;;
        *) die "unknown option $1" ;;
    esac
    shift 2
done

parts=$work/parts
rm -rf "$parts" && mkdir -p "$parts"

# Kernel command line. Lockdown: the console is the serial port (nothing scrolls on the
# screen), its cursor hidden, never blanked by the kernel (the kiosk decides), panic reboots.
cmdline="ro rootfstype=squashfs rootwait quiet loglevel=3 systemd.show_status=false"
cmdline+=" vt.global_cursor_default=0 consoleblank=0 panic=10"
# The kernel keeps its framebuffer console on the display (fbdev emulation), though the console
# is on the serial port: when the kiosk stops (guichet-screen's screen off), the console takes
# the display back and its blanking is the driver's DPMS off. Without it (tried 2026-12-07 as
# drm_kms_helper.fbdev_emulation=0, 3.9 MiB less memory at rest) what the screen does when the
# kiosk lets go is the driver's: bochs (amd64 in QEMU) switched the display off, virtio-gpu
# (arm64 in QEMU) kept it on, with either way of drawing (image/RESULTS.md).

# --- root ---
mksquashfs "$rootfs" "$parts/root.sqfs" -comp zstd -noappend -quiet -no-progress \
    -wildcards -e 'boot/firmware/*' >&2
root_bytes=$(stat -c %s "$parts/root.sqfs")
[ "$root_bytes" -le $((root_mib * 1024 * 1024)) ] ||
    die "root file system is $((root_bytes / 1048576)) MiB, more than --size-root $root_mib"

# --- state: empty, owned by the kiosk's user ---
uid=$(awk -F: '$1 == "guichet" {print $3}' "$rootfs/etc/passwd")
gid=$(awk -F: '$1 == "guichet" {print $4}' "$rootfs/etc/passwd")
[ -n "$uid" ] || die "no guichet user in $rootfs"
rm -f "$parts/state.img"
mkfs.ext4 -q -F -L guichet-state -E root_owner="$uid:$gid" "$parts/state.img" "${state_mib}M" >&2

# --- disk layout ---
# The root slots are found by names every image and every bundle share, so that a root written
# by an update finds its partitions (RAUC's system.conf, image/lib/rauc-system-conf.sh): GPT
# partition names on amd64, a fixed MBR disk id ("GUIC") on arm64.
disk_id=47554943
boot_start=1 root_a_start=$((1 + boot_mib)) root_b_start=$((1 + boot_mib + root_mib))
state_start=$((1 + boot_mib + 2 * root_mib))
total_mib=$((state_start + state_mib + 1))
if [ "$arch" = amd64 ]; then
    root_a=PARTLABEL=root-a root_b=PARTLABEL=root-b
    layout="label: gpt
start=${boot_start}MiB, size=${boot_mib}MiB, type=uefi, name=boot
start=${root_a_start}MiB, size=${root_mib}MiB, type=linux, name=root-a
start=${root_b_start}MiB, size=${root_mib}MiB, type=linux, name=root-b
start=${state_start}MiB, size=${state_mib}MiB, type=linux, name=state"
else
    root_a=PARTUUID=$disk_id-02 root_b=PARTUUID=$disk_id-03
    layout="label: dos
label-id: 0x$disk_id
start=${boot_start}MiB, size=${boot_mib}MiB, type=c, bootable
start=${root_a_start}MiB, size=${root_mib}MiB, type=83
start=${root_b_start}MiB, size=${root_mib}MiB, type=83
start=${state_start}MiB, size=${state_mib}MiB, type=83"
fi

# --- boot partition ---
boot=$parts/boot
mkdir -p "$boot"
if [ "$arch" = amd64 ]; then
    # One entry per slot, each with its own kernel and initrd (systemd-boot cannot read the
    # squashfs roots): slot A's are this root's; slot B's are copied from its root by RAUC's
    # backend (rauc-bootloader) when an update makes it primary. Which entry starts is in
    # EFI variables (default: the slot that proved good; one-shot: a new slot's trial).
    mkdir -p "$boot/EFI/BOOT" "$boot/loader/entries" "$boot/A"
    cp /usr/lib/systemd/boot/efi/systemd-bootx64.efi "$boot/EFI/BOOT/BOOTX64.EFI"
    cp -L "$rootfs/vmlinuz" "$boot/A/vmlinuz"
    cp -L "$rootfs/initrd.img" "$boot/A/initrd.img"
    # No menu, and no editing the kernel command line at the boot prompt (init=/bin/sh).
    printf 'timeout 0\neditor no\nauto-entries no\nauto-firmware no\ndefault guichet-a.conf\n' \
        > "$boot/loader/loader.conf"
    for slot in A B; do
        root_ref=$root_a
        [ "$slot" = B ] && root_ref=$root_b
        printf 'title Guichet (slot %s)\nlinux /%s/vmlinuz\ninitrd /%s/initrd.img\noptions root=%s rauc.slot=%s %s console=ttyS0,115200\n' \
            "$slot" "$slot" "$slot" "$root_ref" "$slot" "$cmdline" > "$boot/loader/entries/guichet-${slot,,}.conf"
    done
else
    # The Pi firmware starts U-Boot (u-boot-rpi's rpi_arm64 build: Pi 3, 4, Zero 2 W), whose boot
    # script (boot.scr, from image/boot/boot.cmd) picks the root slot RAUC asks for and starts
    # that slot's kernel and initrd from /A or /B here — U-Boot cannot read the squashfs roots.
    # Slot A's are this root's; slot B's are copied from its root by RAUC's post-install
    # handler (rauc-slot-kernel). Same layout as amd64's ESP. U-Boot keeps RAUC's variables
    # in uboot.env here, which it writes at the board's first boot.
    cp -a "$rootfs/boot/firmware/." "$boot/"
    # raspi-firmware names them after the kernel version; the slot folders use fixed names.
    kernels=("$boot"/vmlinuz-*) initrds=("$boot"/initrd.img-*)
    [ ${#kernels[@]} -eq 1 ] && [ -f "${kernels[0]}" ] && [ ${#initrds[@]} -eq 1 ] && [ -f "${initrds[0]}" ] ||
        die "want one kernel and one initrd from raspi-firmware in $boot, got: $(cd "$boot" && echo vmlinuz* initrd*)"
    mkdir -p "$boot/A"
    mv "${kernels[0]}" "$boot/A/vmlinuz"
    mv "${initrds[0]}" "$boot/A/initrd.img"
    uboot=$rootfs/usr/lib/u-boot/rpi_arm64/u-boot.bin
    [ -f "$uboot" ] || die "no $uboot in the root (package u-boot-rpi)"
    cp "$uboot" "$boot/u-boot.bin"
    # The Pi's vc4 display driver allocates from CMA (the command line's cma=).
    "$image_dir/lib/boot-script.sh" --root-a "$root_a" --root-b "$root_b" \
        --cmdline "$cmdline cma=64M" --out "$boot/boot.scr"
    cat > "$boot/config.txt" <<CONFIG
# Guichet on Raspberry Pi 3/4/Zero 2 W (arm64), Debian's kernel. Its upstream device trees
# (upstream_kernel=1) enable the vc4 KMS display driver SDL's KMSDRM draws through. The
# firmware starts U-Boot, which starts the root slot RAUC asks for (boot.scr).
arm_64bit=1
upstream_kernel=1
kernel=u-boot.bin
disable_overscan=1
disable_splash=1
enable_uart=1
CONFIG
    # Slot A's command line as the boot script gives it (U-Boot replaces whatever the firmware
    # passes on); the boot proof's direct-kernel mode boots with it.
    echo "root=$root_a rauc.slot=A $cmdline cma=64M console=ttyS1,115200" > "$boot/cmdline.txt"
fi
cp "$image_dir/guichet.txt.example" "$boot/guichet.txt.example"
boot_kib=$((boot_mib * 1024))
rm -f "$parts/boot.img"
mkfs.vfat -F 32 -n GUICHET -i "$disk_id" -C "$parts/boot.img" "$boot_kib" >/dev/null
(cd "$boot" && mcopy -i "$parts/boot.img" -s -Q ./* ::/)

# --- the disk ---
rm -f "$out"
truncate -s "${total_mib}M" "$out"
echo "$layout" | sfdisk --quiet "$out" >&2
dd if="$parts/boot.img" of="$out" bs=1M seek="$boot_start" conv=notrunc,sparse status=none
dd if="$parts/root.sqfs" of="$out" bs=1M seek="$root_a_start" conv=notrunc,sparse status=none
dd if="$parts/state.img" of="$out" bs=1M seek="$state_start" conv=notrunc,sparse status=none
say "partitions: boot ${boot_mib} MiB, root slots A and B ${root_mib} MiB each (squashfs $((root_bytes / 1048576)) MiB in A), state ${state_mib} MiB; root=$root_a"
