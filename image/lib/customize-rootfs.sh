#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# mmdebstrap customize hook: turns the Debian root into a locked-down Guichet appliance.
#   customize-rootfs.sh ROOTFS ARCH STAGE
# STAGE holds the built programs and the compiled sample content (usr/...). The files of
# image/rootfs/ were copied in before the packages were installed.
set -euo pipefail
rootfs=$1 arch=$2 stage=$3
in_root() { chroot "$rootfs" "$@"; }

cp -a "$stage/." "$rootfs/"

# The kiosk's own unprivileged user: the display (video, render), touch and keys (input).
groups=video,input
in_root getent group render >/dev/null && groups=$groups,render
in_root useradd --system --user-group --home-dir /var/lib/guichet --no-create-home \
    --shell /usr/sbin/nologin --groups "$groups" guichet
# Nobody logs in on a kiosk: root is locked, no terminal has a getty.
in_root passwd --lock root >/dev/null

# Where guichet-firstboot mounts the software updater's folder (root's, kept on the state
# partition, outside the kiosk user's folder): the mount point lives on the read-only root.
install -d -m 0755 -o root -g root "$rootfs/var/lib/guichet-updater"

# arm64: RAUC's U-Boot backend reads and writes U-Boot's environment with fw_printenv and
# fw_setenv (libubootenv). U-Boot (u-boot-rpi, rpi_arm64) keeps it in uboot.env on the boot
# partition, 0x4000 bytes (its CONFIG_ENV_SIZE). That partition is read-only, so fw_setenv is
# our wrapper (/usr/lib/guichet/fw-setenv: a copy changed, then put back whole), libubootenv's
# own diverted beside it.
if [ "$arch" = arm64 ]; then
    cat > "$rootfs/etc/fw_env.config" <<'FWENV'
# U-Boot's environment (image/lib/customize-rootfs.sh): file, offset, size (u-boot-rpi's
# CONFIG_ENV_SIZE). Read by fw_printenv; fw_setenv is Guichet's wrapper (read-only partition).
/boot/firmware/uboot.env 0x0000 0x4000
FWENV
    in_root dpkg-divert --quiet --local --rename --divert /usr/bin/fw_setenv.libubootenv \
        --add /usr/bin/fw_setenv
    ln -s ../lib/guichet/fw-setenv "$rootfs/usr/bin/fw_setenv"
fi

# Read-only root: no machine-id baked in (systemd makes a transient one per boot), and the
# few places Debian writes at run time are RAM.
: > "$rootfs/etc/machine-id"
ln -sfn /etc/machine-id "$rootfs/var/lib/dbus/machine-id"
echo guichet > "$rootfs/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\tguichet\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' \
    > "$rootfs/etc/hosts"
ln -sfn ../run/systemd/resolve/stub-resolv.conf "$rootfs/etc/resolv.conf"
cat > "$rootfs/etc/fstab" <<'FSTAB'
# The root is the read-only squashfs partition given on the kernel command line.
/dev/root        /                 squashfs  ro                                  0 0
# Boot partition: kernel, boot loader, and the operator's guichet.txt. Read-only here.
LABEL=GUICHET    /boot/firmware    vfat      ro,nofail,umask=0022  0 0
# The kiosk's state (content store, notices, settings, sync status): survives image updates.
LABEL=guichet-state /var/lib/guichet ext4    rw,noatime,nodev,nosuid,noexec,commit=30  0 2
tmpfs            /tmp              tmpfs     mode=1777,nosuid,nodev,size=32M     0 0
tmpfs            /var/tmp          tmpfs     mode=1777,nosuid,nodev,size=16M     0 0
tmpfs            /var/log          tmpfs     mode=0755,nosuid,nodev,size=16M     0 0
tmpfs            /var/cache        tmpfs     mode=0755,nosuid,nodev,size=16M     0 0
tmpfs            /var/lib/systemd  tmpfs     mode=0755,nosuid,nodev,size=8M      0 0
FSTAB

in_root systemctl enable guichet-grow-state.service guichet-firstboot.service guichet-kiosk.service \
    guichet-screen.service guichet-first-store.path guichet-sync.timer \
    guichet-slot.service guichet-update.timer \
    systemd-networkd.service systemd-resolved.service systemd-timesyncd.service
# Lockdown: no login prompt anywhere, no first-boot questions, no keyboard reboot; no
# maintenance timers that would write to a read-only root; boot never waits for a network.
in_root systemctl mask getty@.service serial-getty@.service autovt@.service \
    console-getty.service container-getty@.service systemd-firstboot.service \
    ctrl-alt-del.target debug-shell.service \
    apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer e2scrub_all.timer \
    e2scrub_reap.service fstrim.timer systemd-networkd-wait-online.service >/dev/null
# Nothing on a kiosk uses FUSE: without its control file system mounted, the fuse module (0.2
# MiB of kernel memory) is never loaded. Other unused modules: etc/modprobe.d/guichet.conf.
in_root systemctl mask sys-fs-fuse-connections.mount modprobe@fuse.service >/dev/null

# Kernel modules for hardware a kiosk never has (cameras and TV tuners, InfiniBand, Wi-Fi and
# Bluetooth — boards use the cable —, ISDN, data acquisition, staging drivers): ~110 MB less.
for kernel_dir in "$rootfs"/lib/modules/*/; do
    (cd "$kernel_dir/kernel" && rm -rf drivers/media drivers/infiniband drivers/staging \
        drivers/comedi drivers/isdn drivers/net/wireless drivers/bluetooth net/wireless \
        net/mac80211 net/bluetooth)
    in_root depmod -a "$(basename "$kernel_dir")"
done

# What a board never needs at run time.
rm -rf "$rootfs/usr/share/man" "$rootfs/usr/share/info" "$rootfs/var/cache/apt"/*.bin \
       "$rootfs/var/lib/apt/lists"/*_Packages
find "$rootfs/usr/share/doc" -mindepth 1 -maxdepth 1 ! -name guichet -exec rm -rf {} +
find "$rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name 'locale.alias' -exec rm -rf {} +
