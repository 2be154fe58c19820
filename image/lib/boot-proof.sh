# SPDX-License-Identifier: GPL-3.0-or-later
# The steps the boot proofs share (test-qemu-boot.sh: a first boot, checked; test-qemu-update.sh:
# software updates over the signed channel, rolled back, cut off): the reference screens from
# the image's own kiosk, a sparse copy of the image as a larger card with the operator's files
# on it, a signed content repository the guest reaches without any listening socket, QEMU
# (amd64: q35 + OVMF; arm64: virt with U-Boot and the image's boot script), and talking to it.
# The caller sets: arch, image, accel (tcg|kvm), memory (MiB), keep_running (0|1), run (folder).
# shellcheck shell=bash

control() { python3 "$image_dir/lib/qemu_control.py" "$@"; }
guest() { control exec "$run/qga.sock" --timeout 60 -- "$@"; }
failures=()
check() {  # DESCRIPTION COMMAND...: records a failure instead of stopping, to gather all numbers
    if "${@:2}"; then say "ok: $1"; else say "FAILED: $1"; failures+=("$1"); fi
}
elapsed() { echo $(( $(date +%s%N) / 1000000 - qemu_start_ms )); }
contains() { grep -qi -e "$2" <<< "$1"; }

wait_for() {  # SECONDS DESCRIPTION COMMAND...
    local deadline=$((SECONDS + $1))
    until "${@:3}" >/dev/null 2>&1; do
        [ $SECONDS -lt $deadline ] || { say "timed out after $1 s waiting for $2"; return 1; }
        sleep 1
    done
}
kiosk_property() { guest systemctl show -p "$1" --value guichet-kiosk.service; }
kiosk_active() { [ "$(kiosk_property ActiveState)" = active ]; }

# The first screen the image's own kiosk binary draws headless: sets stage, on_host, width,
# height, references (PPM) and first_screen.
proof_references() {
    stage=$work_root/$arch/stage
    local kiosk=$stage/usr/bin/guichet-kiosk
    [ -x "$kiosk" ] || die "no $kiosk (the image build's staged programs)"
    # The programs that run here: natively on amd64; the image's arm64 kiosk under qemu-user,
    # with the image's own root (its libraries, Mesa, fonts) as the prefix of every absolute path.
    on_host=()
    if [ "$arch" = arm64 ]; then
        [ -d "$work_root/arm64/rootfs/usr/lib/aarch64-linux-gnu" ] ||
            die "no $work_root/arm64/rootfs (the arm64 image build's root) to run its kiosk under qemu-user"
        on_host=(qemu-aarch64-static -L "$work_root/arm64/rootfs")
    fi
    width=1280 height=800
    mkdir -p "$run/reference" "$run/reference-state"
    printf 'state_dir = %s\ncontent = %s\n' "$run/reference-state" "$stage/usr/share/guichet/sample-content.db" \
        > "$run/reference.conf"
    "${on_host[@]}" "$kiosk" --headless --screenshots "$run/reference" --size "${width}x${height}" --config "$run/reference.conf" > "$run/reference.log" 2>&1 ||
        die "the headless kiosk failed: $(tail -3 "$run/reference.log")"
    references=()
    local png
    for png in "$run"/reference/*.png; do
        pngtopnm "$png" > "${png%.png}.ppm"
        references+=("${png%.png}.ppm")
    done
    [ ${#references[@]} -gt 0 ] || die "the headless kiosk wrote no screenshot into $run/reference"
    # The screen a visitor meets first: welcome when the kiosk has one, else its only screen.
    first_screen=$(printf '%s\n' "${references[@]}" | grep -m1 welcome || printf '%s\n' "${references[@]}" | head -1)
    say "reference screens: $(cd "$run/reference" && echo *.png); first screen: $(basename "$first_screen" .ppm)"
}

# A sparse copy (the image stays pristine: every run is a first boot), 1 GiB larger than the
# image as a larger card is (the state partition must grow into the rest at first boot), with
# a signed repository of the image's own sample content (guichet-publish, a new key) and the
# operator's guichet.txt and root.json on its boot partition, as the person installing a board
# would drop them. The guest reaches the repository at http://10.0.2.100/.
#   proof_disk_and_repository [EXTRA guichet.txt LINES]
proof_disk_and_repository() {
    cp --sparse=always "$image" "$run/disk.img"
    grow_mib=1024
    truncate -s "+${grow_mib}M" "$run/disk.img"
    boot_offset=$(sfdisk --json "$run/disk.img" | python3 -c 'import json,sys; t=json.load(sys.stdin)["partitiontable"]; print(t["partitions"][0]["start"] * t.get("sectorsize", 512))')
    publish=("${on_host[@]}" "$stage/usr/bin/guichet-publish")
    "${publish[@]}" keygen "$run/publisher.key" > /dev/null
    "${publish[@]}" init "$run/repo" --key "$run/publisher.key" > /dev/null
    "${publish[@]}" push "$run/repo" "$stage/usr/share/guichet/sample-content.db" --key "$run/publisher.key" > /dev/null
    cp "$run/repo/metadata/1.root.json" "$run/root.json"
    {
        echo "# Written by $(basename "$0"), as an operator would."
        printf '[sync]\nsource = http://10.0.2.100/\ntrusted_root = root.json\n[kiosk]\nidle_timeout = 75\n'
        [ $# -eq 0 ] || printf '%s\n' "$@"
    } > "$run/guichet.txt"
    mcopy -o -i "$run/disk.img@@$boot_offset" "$run/guichet.txt" "$run/root.json" ::/
}

# arm64 boards keep U-Boot's environment (RAUC's BOOT_ORDER, BOOT_x_LEFT) in uboot.env on the
# boot partition: u-boot-rpi reads and saves it there, RAUC reads and writes it with
# fw_printenv/fw_setenv. The U-Boot QEMU runs (u-boot-qemu) keeps its own in flash instead, and
# QEMU 7.2 cannot write that flash ("Flash buffer write timeout": QEMU issue 2343). So for the
# update proof, which needs the slots' variables to travel between Linux and U-Boot, the boot
# partition's uboot.env is made U-Boot's environment, as on a Pi:
#  - the flash (read-only: a failed save must not erase it) holds U-Boot's own default
#    environment, whose bootcmd first imports uboot.env from the boot partition, checksum
#    checked (`env import -c`), then runs the standard boot (which finds boot.scr);
#  - uboot.env starts as what u-boot-rpi saves at a board's first boot: U-Boot's defaults and
#    the slots' variables as the boot script initialises them (A B, 3, 0);
#  - what the boot script saves (a trial counted down before its kernel starts) is written into
#    uboot.env by the proof (uboot_env_mirror): read from the script's own line on the serial
#    console once U-Boot has started the kernel, long before Linux mounts the partition.
# Not shown by it: U-Boot's own write of uboot.env (saveenv into FAT on a Pi).
uboot_qemu=/usr/lib/u-boot/qemu_arm64/u-boot.bin
uboot_qemu_env_size=0x40000  # qemu_arm64's CONFIG_ENV_SIZE (its environment in the second flash)
uboot_env_on_boot_partition=0
proof_uboot_env_on_boot_partition() {
    local config=$work_root/arm64/rootfs/etc/fw_env.config size
    # The image's own fw_env.config says where uboot.env is and how large (u-boot-rpi's).
    size=$(awk '!/^#/ && NF >= 3 { print $3; exit }' "$config") || die "no $config"
    [ -n "$size" ] || die "$config names no environment size"
    # U-Boot's compiled-in defaults: the NUL-separated block that starts with its bootcmd.
    python3 - "$uboot_qemu" > "$run/uboot-defaults.txt" <<'PYTHON'
import sys
data = open(sys.argv[1], "rb").read()
start = data.find(b"bootcmd=run distro_bootcmd\0")
end = data.find(b"\0\0", start)
if start < 0 or end < 0:
    sys.exit(f"{sys.argv[1]}: no default environment found")
for entry in data[start:end].split(b"\0"):
    if not entry.startswith(b"bootcmd="):
        print(entry.decode())
PYTHON
    {
        # shellcheck disable=SC2016  # U-Boot expands these
        echo 'bootcmd=if load virtio 0:1 ${loadaddr} uboot.env; then env import -c ${loadaddr} '"$size"'; fi; run distro_bootcmd'
        cat "$run/uboot-defaults.txt"
    } > "$run/uboot-flash.txt"
    mkenvimage -s "$uboot_qemu_env_size" -o "$run/uboot-env.img" "$run/uboot-flash.txt"
    truncate -s 64M "$run/uboot-env.img"
    { echo 'bootcmd=run distro_bootcmd'; cat "$run/uboot-defaults.txt"; printf 'BOOT_ORDER=A B\nBOOT_A_LEFT=3\nBOOT_B_LEFT=0\n'; } \
        > "$run/uboot-env.txt"
    mkenvimage -s "$size" -o "$run/uboot.env" "$run/uboot-env.txt"
    mcopy -o -i "$run/disk.img@@$boot_offset" "$run/uboot.env" ::/
    printf '%s 0x0000 %s\n' "$run/uboot.env" "$size" > "$run/fw_env.config"
    uboot_env_on_boot_partition=1
    say "U-Boot's environment: uboot.env on the boot partition (imported by U-Boot at each boot; the script's saves written by the proof)"
}
# What the boot script saved at the boot U-Boot is now starting, into uboot.env: runs beside one
# QEMU process and ends with it. The script prints the variables it boots with
# ("guichet: starting slot B (BOOT_ORDER B A, A 3, B 0)"); they differ from uboot.env exactly
# when it saved (a new board or a trial counted down).
uboot_env_mirror() {  # QEMU_PID
    local kernels=0 n line order a b now
    while kill -0 "$1" 2>/dev/null; do
        n=$(grep -a -c '^Starting kernel' "$run/serial.log" 2>/dev/null || true)
        if [ "${n:-0}" -gt "$kernels" ]; then
            kernels=$n
            line=$(grep -a 'guichet: starting slot' "$run/serial.log" | tail -1)
            if [[ $line =~ BOOT_ORDER\ ([AB]\ [AB]),\ A\ ([0-9]+),\ B\ ([0-9]+)\) ]]; then
                order=${BASH_REMATCH[1]} a=${BASH_REMATCH[2]} b=${BASH_REMATCH[3]}
                mcopy -o -i "$run/disk.img@@$boot_offset" ::/uboot.env "$run/uboot.env"
                now=$(fw_printenv -c "$run/fw_env.config" BOOT_ORDER BOOT_A_LEFT BOOT_B_LEFT | tr '\n' ' ')
                if [ "$now" != "BOOT_ORDER=$order BOOT_A_LEFT=$a BOOT_B_LEFT=$b " ]; then
                    printf 'BOOT_ORDER=%s\nBOOT_A_LEFT=%s\nBOOT_B_LEFT=%s\n' "$order" "$a" "$b" > "$run/uboot-saved.txt"
                    fw_setenv -c "$run/fw_env.config" -s "$run/uboot-saved.txt"
                    mcopy -o -i "$run/disk.img@@$boot_offset" "$run/uboot.env" ::/uboot.env
                    echo "$(date +%T) boot script saved: $order, A $a, B $b (uboot.env had: $now)" >> "$run/uboot-env-mirror.log"
                fi
            fi
        fi
        sleep 0.5
    done
}

# Starts QEMU on the disk (again after a power cut: the disk and, on amd64, the UEFI variables
# are kept); sets qemu_start_ms.
proof_start_qemu() {
    # What both machines share: the disk, the network with the repository, the serial log, QMP
    # (screendump, keys, tablet) and the guest agent.
    local common_args=(-smp 2 -m "$memory" -display none
        -drive file="$run/disk.img",format=raw,if=virtio
        -device qemu-xhci -device usb-tablet
        -nic "user,model=virtio-net-pci,restrict=on,guestfwd=tcp:10.0.2.100:80-cmd:python3 $image_dir/lib/qemu_control.py serve-stdio $run/repo $run/http.log"
        -serial file:"$run/serial.log"
        -qmp unix:"$run/qmp.sock",server=on,wait=off
        -chardev socket,path="$run/qga.sock",server=on,wait=off,id=qga0
        -device virtio-serial-pci -device virtserialport,chardev=qga0,name=org.qemu.guest_agent.0
        -pidfile "$run/qemu.pid" -daemonize)
    local machine_args qemu
    if [ "$arch" = amd64 ]; then
        [ -f "$run/vars.fd" ] || cp /usr/share/OVMF/OVMF_VARS_4M.fd "$run/vars.fd"
        # Pure emulation by default: the numbers then say what a slow board would see, and nested
        # KVM is often broken in build machines (it is in ours: emulation failure in OVMF).
        # No AVX: QEMU 7.2's TCG mis-emulates AVX2 gathers, and Mesa's llvmpipe (software OpenGL)
        # uses them, so the kiosk would crash in JIT code; real CPUs are fine.
        accel_args=(-accel tcg -cpu max,avx=off,avx2=off)
        [ "$accel" = kvm ] && accel_args=(-accel kvm -cpu host)
        machine_args=(-machine q35 "${accel_args[@]}"
            -drive if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd
            -drive if=pflash,format=raw,file="$run/vars.fd"
            -device VGA,edid=on,xres=$width,yres=$height)
        qemu=qemu-system-x86_64
    else
        # The Pi firmware (start*.elf, config.txt) cannot run in QEMU, and QEMU's raspi3b has no
        # vc4 display engine (no KMS device: the kiosk could not draw) and no virtio channel for
        # the agent. So the generic virt machine starts what the firmware would: U-Boot — Debian's
        # u-boot-qemu build for virt, the same U-Boot 2023.01 as the image's u-boot-rpi — which
        # finds the image's boot.scr on its boot partition and starts the slot it picks, with
        # that slot's kernel and initrd from /A or /B and the script's command line (console:
        # the device tree's, virt's UART). Its environment (RAUC's variables) is in emulated
        # flash, kept across power cuts; on a Pi it is uboot.env on the boot partition.
        # GUICHET_ARM64_BOOT=direct instead boots slot A's kernel, initrd and cmdline.txt with
        # -kernel (console moved from the Pi's ttyS1 to virt's ttyAMA0), as before U-Boot.
        # Cortex-A72 is the Pi 4's core (the Pi 3 and Zero 2 W: A53, same ISA).
        accel_args=(-accel tcg -cpu cortex-a72)
        if [ "${GUICHET_ARM64_BOOT:-uboot}" = direct ]; then
            mcopy -o -i "$run/disk.img@@$boot_offset" ::/A/vmlinuz ::/A/initrd.img ::/cmdline.txt "$run/"
            local cmdline
            cmdline=$(sed -e 's/console=ttyS1[^ ]*/console=ttyAMA0,115200/' "$run/cmdline.txt")
            say "kernel command line (the image's cmdline.txt, console on ttyAMA0): $cmdline"
            machine_args=(-machine virt "${accel_args[@]}"
                -kernel "$run/vmlinuz" -initrd "$run/initrd.img" -append "$cmdline")
        else
            [ -f "$run/uboot-env.img" ] || truncate -s 64M "$run/uboot-env.img"
            say "firmware: U-Boot ($uboot_qemu), the image's boot.scr"
            local flash_ro=off
            [ "$uboot_env_on_boot_partition" = 0 ] || flash_ro=on
            machine_args=(-machine virt "${accel_args[@]}" -bios "$uboot_qemu"
                -drive if=pflash,unit=1,format=raw,readonly=$flash_ro,file="$run/uboot-env.img")
        fi
        machine_args+=(-device virtio-gpu-pci,edid=on,xres=$width,yres=$height)
        # virt has no PS/2 keyboard: a USB one on the xHCI controller (after it, below).
        common_args+=(-device usb-kbd)
        qemu=qemu-system-aarch64
    fi
    say "booting $image ($arch) with ${accel_args[*]}, ${memory} MiB"
    rm -f "$run/qmp.sock" "$run/qga.sock"
    qemu_start_ms=$(( $(date +%s%N) / 1000000 ))
    nice -n 10 "$qemu" "${machine_args[@]}" "${common_args[@]}"
    if [ "$arch" = arm64 ] && [ "$uboot_env_on_boot_partition" = 1 ]; then
        uboot_env_mirror "$(cat "$run/qemu.pid")" &
    fi
}
stop_qemu() {
    if [ "$keep_running" = 0 ] && [ -f "$run/qemu.pid" ]; then
        kill "$(cat "$run/qemu.pid")" 2>/dev/null || true
    fi
}
# A power cut: QEMU killed at once (SIGKILL), nothing flushed by the guest.
power_cut() {
    local pid
    pid=$(cat "$run/qemu.pid")
    kill -KILL "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
    rm -f "$run/qemu.pid"
}

# Matches the screen against the references; succeeds when the first screen is the best match.
shot=0
screen_matches() {  # NAME
    shot=$((shot + 1))
    local ppm=$run/screen-$1.ppm
    control screendump "$run/qmp.sock" "$ppm" || return 1
    control blank "$ppm" > "$run/screen-$1.blank" && return 1
    control compare "$ppm" "${references[@]}" > "$run/screen-$1.compare"
    local best score
    read -r score best < "$run/screen-$1.compare"
    [ "$best" = "$first_screen" ] && awk -v s="$score" 'BEGIN { exit !(s < 0.03) }'
}
