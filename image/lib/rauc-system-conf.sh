#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Prints RAUC's /etc/rauc/system.conf for a board type: the two root slots and how the boot
# loader is told which one to start. The one place where the architectures differ:
#   amd64: systemd-boot, through our backend (/usr/lib/guichet/rauc-bootloader): a new slot is
#          started once (EFI variable LoaderEntryOneShot), made the default when it proved good;
#          slots by GPT partition name (root-a, root-b).
#   arm64: U-Boot (RAUC's own backend: BOOT_ORDER and BOOT_x_LEFT in U-Boot's environment,
#          read and written with fw_printenv/fw_setenv), as the Raspberry Pi firmware's own
#          try-once boot (tryboot) needs the Raspberry Pi kernel's reboot flag, which Debian's
#          kernel lacks. A new slot gets one boot (boot-attempts-primary=1; image/boot/boot.cmd
#          counts down only a slot on trial), a slot marked good 3 (never counted down: it is
#          the default, as on amd64). RAUC's U-Boot backend does not copy kernels, so the
#          handlers do (rauc-slot-kernel): the target slot's kernel is removed from the boot
#          partition before the slot is written, the new one copied after; slots by MBR
#          partition id (the disk id is fixed, so that every image and every bundle names the
#          same partitions).
#   rauc-system-conf.sh ARCH
set -euo pipefail
arch=${1:?usage: rauc-system-conf.sh amd64|arm64}
case $arch in
    amd64)
        bootloader="bootloader=custom"
        handlers="[handlers]
bootloader-custom-backend=/usr/lib/guichet/rauc-bootloader"
        slot_a=/dev/disk/by-partlabel/root-a
        slot_b=/dev/disk/by-partlabel/root-b
        ;;
    arm64)
        bootloader="bootloader=uboot
boot-attempts=3
boot-attempts-primary=1"
        handlers="[handlers]
pre-install=/usr/lib/guichet/rauc-pre-install
post-install=/usr/lib/guichet/rauc-post-install"
        slot_a=/dev/disk/by-partuuid/47554943-02
        slot_b=/dev/disk/by-partuuid/47554943-03
        ;;
    *) echo "rauc-system-conf.sh: want amd64 or arm64, got $arch" >&2; exit 2 ;;
esac
cat <<CONF
# Written by image/lib/rauc-system-conf.sh when the image was built.
[system]
compatible=guichet-$arch
$bootloader
# The root is read-only: RAUC mounts bundles under /run; its status lives on the state
# partition (which no update ever rewrites), in the updater's folder: root's, outside the kiosk
# user's (guichet-firstboot mounts it there).
mountprefix=/run/rauc
data-directory=/var/lib/guichet-updater/rauc
bundle-formats=plain verity

[keyring]
path=/etc/rauc/keyring.pem

$handlers

[slot.rootfs.0]
device=$slot_a
type=raw
bootname=A

[slot.rootfs.1]
device=$slot_b
type=raw
bootname=B
CONF
