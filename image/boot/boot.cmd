# SPDX-License-Identifier: GPL-3.0-or-later
# U-Boot's boot script on arm64 boards: which root slot starts. image/lib/assemble-disk.sh
# fills in @ROOT_A@, @ROOT_B@ and @CMDLINE@ and compiles it into boot.scr (mkimage) on the boot
# partition, where U-Boot's standard boot finds it. The same script runs on a Raspberry Pi
# (u-boot-rpi, environment in uboot.env on the boot partition) and in the QEMU proofs
# (u-boot-qemu, environment in flash).
#
# RAUC's U-Boot variables (RAUC writes them with fw_setenv; system.conf: bootloader=uboot):
#   BOOT_ORDER     the slots, the one wanted first ("A B", "B A")
#   BOOT_x_LEFT    0  bad: never started (RAUC marks a slot so before writing it)
#                  1  on trial: freshly installed (boot-attempts-primary=1), started once —
#                     counted down to 0 and saved before its kernel starts, so whatever
#                     happens next (panic, hang, power cut, failed trial) the next boot is
#                     the other slot
#                  3  good (marked good after its trial, boot-attempts=3): started at every
#                     boot and never counted down — the kiosk marks a slot good once, at its
#                     trial, as on amd64, where the default slot never expires
# RAUC's example script counts every boot down and needs a mark-good at every boot; here only
# a trial is counted, so a normal boot writes nothing at all. A slot is started only when its
# kernel and initrd are on the boot partition (/A, /B; rauc-slot-kernel), else the next slot
# in BOOT_ORDER is. With no slot left (both bad), the first one with a kernel is started
# anyway, unchanged: a board that starts something can still be updated.

# A new board: slot A (the image's), slot B empty; saved below, so that fw_printenv finds them.
setenv guichet_save
if test -z "${BOOT_ORDER}"; then setenv BOOT_ORDER "A B"; setenv guichet_save 1; fi
if test -z "${BOOT_A_LEFT}"; then setenv BOOT_A_LEFT 3; setenv guichet_save 1; fi
if test -z "${BOOT_B_LEFT}"; then setenv BOOT_B_LEFT 0; setenv guichet_save 1; fi
setenv guichet_part "${devtype} ${devnum}:${distro_bootpart}"

setenv guichet_slot
for slot in ${BOOT_ORDER}; do
    if test -z "${guichet_slot}"; then
        setenv guichet_left 0
        if test "${slot}" = A; then setenv guichet_left ${BOOT_A_LEFT}; fi
        if test "${slot}" = B; then setenv guichet_left ${BOOT_B_LEFT}; fi
        if test ${guichet_left} -gt 0; then
            if test -e ${guichet_part} /${slot}/vmlinuz && test -e ${guichet_part} /${slot}/initrd.img; then
                setenv guichet_slot ${slot}
                if test ${guichet_left} -eq 1; then
                    echo "guichet: slot ${slot} on trial: started this once"
                    if test "${slot}" = A; then setenv BOOT_A_LEFT 0; fi
                    if test "${slot}" = B; then setenv BOOT_B_LEFT 0; fi
                    setenv guichet_save 1
                fi
            else
                echo "guichet: slot ${slot} has no kernel on the boot partition: skipped"
            fi
        fi
    fi
done
if test -z "${guichet_slot}"; then
    for slot in ${BOOT_ORDER}; do
        if test -z "${guichet_slot}" && test -e ${guichet_part} /${slot}/vmlinuz; then
            echo "guichet: no slot is marked bootable; starting slot ${slot} anyway"
            setenv guichet_slot ${slot}
        fi
    done
fi
if test -z "${guichet_slot}"; then
    echo "guichet: no slot has a kernel on the boot partition; nothing to start"
    exit
fi

if test -n "${guichet_save}"; then
    setenv guichet_save
    setenv guichet_left
    saveenv
fi

if test "${guichet_slot}" = A; then setenv guichet_root @ROOT_A@; else setenv guichet_root @ROOT_B@; fi
# The Pi's serial console is its GPIO UART (ttyS1 under Debian's kernel); elsewhere the device
# tree's stdout-path names it.
setenv guichet_console
if test "${board}" = rpi; then setenv guichet_console console=ttyS1,115200; fi
setenv bootargs "root=${guichet_root} rauc.slot=${guichet_slot} @CMDLINE@ ${guichet_console}"
echo "guichet: starting slot ${guichet_slot} (BOOT_ORDER ${BOOT_ORDER}, A ${BOOT_A_LEFT}, B ${BOOT_B_LEFT})"
echo "guichet: kernel command line ${bootargs}"

# The device tree: the one the Pi firmware (or QEMU) handed to U-Boot.
test -n "${fdt_addr}" || setenv fdt_addr ${fdtcontroladdr}
load ${guichet_part} ${kernel_addr_r} /${guichet_slot}/vmlinuz
load ${guichet_part} ${ramdisk_addr_r} /${guichet_slot}/initrd.img
booti ${kernel_addr_r} ${ramdisk_addr_r}:${filesize} ${fdt_addr}
echo "guichet: the kernel of slot ${guichet_slot} did not start; restarting"
reset
