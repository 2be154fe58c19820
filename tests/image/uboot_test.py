#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The arm64 boards' slot choice (image/boot/boot.cmd, compiled by image/lib/boot-script.sh as
the image build does) run by a real U-Boot: Debian 12's u-boot-qemu (qemu_arm64, the same
U-Boot 2023.01 as u-boot-rpi) in qemu-system-aarch64's virt machine, from a disk laid out as
a board's boot partition (MBR, FAT32, boot.scr, /A and /B with a kernel and initrd each).

RAUC's side is modelled from RAUC 1.8's U-Boot backend: install = BOOT_x_LEFT=0 (mark bad),
then the pre-install handler removes the slot's kernel, then set_primary (BOOT_x_LEFT =
boot-attempts-primary, BOOT_ORDER slot first), then the post-install handler copies the
kernel; mark-good = BOOT_x_LEFT = boot-attempts; the two numbers are read from the boards'
system.conf (image/lib/rauc-system-conf.sh arm64).

What U-Boot keeps between boots: qemu_arm64 stores its environment in flash, and QEMU 7.2's
flash fails U-Boot's buffered writes ("Flash buffer write timeout"), so every boot starts from
U-Boot's defaults with the board's variables set at its prompt, and what the script decided is
read from its own line ("guichet: starting slot B (BOOT_ORDER B A, A 3, B 0)") and whether it
saved ("Saving Environment"); the case carries that forward as the saved environment. A
Raspberry Pi keeps it in uboot.env on the FAT partition instead (not run here).

The kernels are stand-ins (U-Boot refuses them: "Bad Linux ARM64 Image magic", and the script
resets), except in `a_real_kernel_gets_the_slot_on_its_command_line`, which boots the arm64
image's own kernel and initrd when GUICHET_ARM64_BOOT_DIR names a folder holding them
(vmlinuz, initrd.img) and is skipped otherwise.

usage: uboot_test.py REPO_DIR CASE | REPO_DIR list     (exit 77: the tools are missing)"""
import os
import re
import select
import shutil
import subprocess
import sys
import time

REPO = sys.argv[1] if len(sys.argv) > 1 else "."
BOOT_SCRIPT = os.path.join(REPO, "image/lib/boot-script.sh")
SYSTEM_CONF = os.path.join(REPO, "image/lib/rauc-system-conf.sh")
UBOOT = "/usr/lib/u-boot/qemu_arm64/u-boot.bin"
ROOT = {"A": "PARTUUID=47554943-02", "B": "PARTUUID=47554943-03"}
CMDLINE = "ro rootfstype=squashfs rootwait panic=10"  # no quiet: the real kernel case reads its log
SKIP = 77
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import e2e_cases  # noqa: E402
from e2e_cases import Fail, check  # noqa: E402

CASES = e2e_cases.CaseList()
TOOLS = ["qemu-system-aarch64", "mkimage", "mcopy", "mkfs.vfat", "sfdisk"]
LINUX_TOOLS = ["fw_printenv", "mkenvimage"]  # libubootenv-tool, u-boot-tools
LINUX_CASES = set()
FW_SETENV = os.path.join(REPO, "image/rootfs/usr/lib/guichet/fw-setenv")
SLOT_KERNEL = os.path.join(REPO, "image/rootfs/usr/lib/guichet/rauc-slot-kernel")


def rauc_attempts():
    conf = subprocess.run([SYSTEM_CONF, "arm64"], capture_output=True, text=True, check=True).stdout
    values = dict(re.findall(r"^(boot-attempts(?:-primary)?)=(\d+)$", conf, re.M))
    check("bootloader=uboot" in conf, "arm64 boards use RAUC's U-Boot backend")
    return int(values.get("boot-attempts", 3)), int(values.get("boot-attempts-primary", 3))


class Board:
    """An arm64 board's boot partition and U-Boot environment, booted by U-Boot in QEMU."""

    def __init__(self, d):
        self.d = d
        self.env = {}            # what U-Boot has saved: BOOT_ORDER, BOOT_A_LEFT, BOOT_B_LEFT
        self.kernels = {"A": ("kernel A", "initrd A")}  # as the image is written
        self.good_attempts, self.primary_attempts = rauc_attempts()
        self.script = os.path.join(d, "boot.scr")
        subprocess.run([BOOT_SCRIPT, "--root-a", ROOT["A"], "--root-b", ROOT["B"],
                        "--cmdline", CMDLINE, "--out", self.script], check=True)
        self.log = []
        self.booted = None

    # --- RAUC 1.8's U-Boot backend and Guichet's handlers (rauc-slot-kernel) -------------------
    def install(self, slot, power_cut_before_kernel=False):
        self.env[f"BOOT_{slot}_LEFT"] = "0"                  # mark the target bad
        self.kernels.pop(slot, None)                         # pre-install: rauc-slot-kernel forget
        order = self.env.get("BOOT_ORDER", "A B").split()    # set_primary
        self.env[f"BOOT_{slot}_LEFT"] = str(self.primary_attempts)
        self.env["BOOT_ORDER"] = " ".join([slot] + [s for s in order if s != slot])
        if not power_cut_before_kernel:                      # post-install: rauc-slot-kernel install
            self.kernels[slot] = (f"kernel {slot} new", f"initrd {slot} new")

    def mark_good(self):
        self.env[f"BOOT_{self.booted}_LEFT"] = str(self.good_attempts)

    def mark_active(self, slot):
        order = self.env.get("BOOT_ORDER", "A B").split()
        self.env[f"BOOT_{slot}_LEFT"] = str(self.primary_attempts)
        self.env["BOOT_ORDER"] = " ".join([slot] + [s for s in order if s != slot])

    # --- the disk and U-Boot ------------------------------------------------------------------
    def disk(self, real_kernel_dir=None):
        disk = os.path.join(self.d, "disk.img")
        fat = os.path.join(self.d, "boot.img")
        files = os.path.join(self.d, "files")
        shutil.rmtree(files, ignore_errors=True)
        os.makedirs(files)
        shutil.copy(self.script, os.path.join(files, "boot.scr"))
        size_mib = 64
        for slot, (kernel, initrd) in self.kernels.items():
            os.makedirs(os.path.join(files, slot))
            if real_kernel_dir:
                for name in ("vmlinuz", "initrd.img"):
                    shutil.copy(os.path.join(real_kernel_dir, name), os.path.join(files, slot, name))
                size_mib = 256
            else:
                for name, text in (("vmlinuz", kernel), ("initrd.img", initrd)):
                    with open(os.path.join(files, slot, name), "w") as f:
                        f.write(text + "\n")
        for path in (disk, fat):
            if os.path.exists(path):
                os.remove(path)
        with open(disk, "wb") as f:
            f.truncate((size_mib + 2) * 1024 * 1024)
        layout = (f"label: dos\nlabel-id: 0x47554943\n"
                  f"start=1MiB, size={size_mib}MiB, type=c, bootable\n")
        subprocess.run(["sfdisk", "--quiet", disk], input=layout, text=True, check=True)
        subprocess.run(["mkfs.vfat", "-F", "32", "-s", "1", "-n", "GUICHET", "-C", fat,
                        str(size_mib * 1024)], check=True, capture_output=True)
        entries = [os.path.join(files, n) for n in sorted(os.listdir(files))]
        subprocess.run(["mcopy", "-i", fat, "-s", "-Q", *entries, "::/"], check=True)
        subprocess.run(["dd", f"if={fat}", f"of={disk}", "bs=1M", "seek=1", "conv=notrunc",
                        "status=none"], check=True)
        return disk

    def boot(self, real_kernel_dir=None, until=r"guichet: (starting slot|no slot has a kernel)",
             timeout=120):
        """One boot: U-Boot's defaults plus the saved variables, then its standard boot finds
        boot.scr. Returns U-Boot's console output."""
        disk = self.disk(real_kernel_dir)
        flash = os.path.join(self.d, "flash1.img")
        with open(flash, "wb") as f:
            f.truncate(64 * 1024 * 1024)
        qemu = subprocess.Popen(
            ["qemu-system-aarch64", "-M", "virt", "-cpu", "cortex-a53", "-m", "1024",
             "-nographic", "-no-reboot", "-bios", UBOOT,
             "-drive", f"if=pflash,unit=1,format=raw,file={flash}",
             "-drive", f"if=virtio,format=raw,file={disk}", "-nic", "none"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        out = b""
        try:
            out = self._expect(qemu, out, rb"Hit any key to stop autoboot", 60)
            qemu.stdin.write(b"\n")
            qemu.stdin.flush()
            out = self._expect(qemu, out, rb"=> ", 30)
            for name in ("BOOT_ORDER", "BOOT_A_LEFT", "BOOT_B_LEFT"):
                value = self.env.get(name)
                line = f'setenv {name} "{value}"\n' if value is not None else f"setenv {name}\n"
                qemu.stdin.write(line.encode())
                qemu.stdin.flush()
                out = self._expect(qemu, out, rb"=> ", 30, after=len(out))
            qemu.stdin.write(b"boot\n")
            qemu.stdin.flush()
            out = self._expect(qemu, out, until.encode(), timeout)
            # the rest of the line, and for a real kernel a little more
            out = self._drain(qemu, out, 3 if real_kernel_dir else 1)
        finally:
            qemu.kill()
            qemu.wait()
        text = out.decode(errors="replace")
        self.log.append(text)
        with open(os.path.join(self.d, f"boot-{len(self.log)}.log"), "w") as f:
            f.write(text)
        return text

    def _expect(self, qemu, out, pattern, timeout, after=0):
        deadline = time.monotonic() + timeout
        while not re.search(pattern, out[after:]):
            left = deadline - time.monotonic()
            if left <= 0 or qemu.poll() is not None:
                tail = out[-1500:].decode(errors="replace")
                raise Fail(f"U-Boot never printed {pattern!r}; its console ended with:\n{tail}")
            r, _, _ = select.select([qemu.stdout], [], [], min(left, 1.0))
            if r:
                chunk = os.read(qemu.stdout.fileno(), 65536)
                if not chunk:
                    continue
                out += chunk
        return out

    def _drain(self, qemu, out, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and qemu.poll() is None:
            r, _, _ = select.select([qemu.stdout], [], [], 0.2)
            if r:
                chunk = os.read(qemu.stdout.fileno(), 65536)
                if chunk:
                    out += chunk
        return out

    def start(self):
        """Boots and returns the slot U-Boot starts; the environment the script saved (if it
        saved) becomes the board's."""
        text = self.boot()
        m = re.search(r"guichet: starting slot ([AB]) \(BOOT_ORDER ([AB ]*), A (\d+), B (\d+)\)", text)
        check(m is not None, f"the script named no slot:\n{text[-1500:]}")
        slot, order, a, b = m.group(1), m.group(2).strip(), m.group(3), m.group(4)
        now = {"BOOT_ORDER": order, "BOOT_A_LEFT": a, "BOOT_B_LEFT": b}
        saved = "Saving Environment" in text
        if not saved:
            check(all(self.env.get(k) == v for k, v in now.items()),
                  f"the script changed the environment without saving it: {self.env} -> {now}")
        self.env = now
        self.saved = saved
        self.booted = slot
        return slot


def board_case(fn):
    def on_board(d):
        fn(Board(d))
    on_board.__name__ = fn.__name__
    return CASES.case(on_board)


@board_case
def a_new_board_starts_slot_a_and_saves_the_slot_variables(b):
    check(b.start() == "A", "slot A")
    check(b.saved, "the first boot saves BOOT_ORDER and the counters (fw_printenv needs them)")
    check(b.env == {"BOOT_ORDER": "A B", "BOOT_A_LEFT": "3", "BOOT_B_LEFT": "0"},
          f"A good, B empty: {b.env}")
    check(f"guichet: kernel command line root={ROOT['A']} rauc.slot=A {CMDLINE}" in b.log[-1],
          f"slot A's root and name on the kernel command line:\n{b.log[-1][-800:]}")


@board_case
def a_normal_boot_writes_nothing(b):
    b.env = {"BOOT_ORDER": "A B", "BOOT_A_LEFT": "3", "BOOT_B_LEFT": "0"}
    for _ in range(2):
        check(b.start() == "A", "slot A")
        check(not b.saved, "a good slot is not counted down: nothing written at a normal boot")
        check(b.env["BOOT_A_LEFT"] == "3", f"still 3: {b.env}")


@board_case
def an_update_is_started_once_and_the_old_slot_comes_back(b):
    b.env = {"BOOT_ORDER": "A B", "BOOT_A_LEFT": "3", "BOOT_B_LEFT": "0"}
    b.install("B")
    check(b.env == {"BOOT_ORDER": "B A", "BOOT_A_LEFT": "3", "BOOT_B_LEFT": "1"},
          f"RAUC names B once: {b.env}")
    check(b.start() == "B", "the new slot is started")
    check(b.saved and b.env["BOOT_B_LEFT"] == "0", f"counted down and saved before its kernel: {b.env}")
    check("on trial" in b.log[-1], "the console says it is a trial")
    # No mark-good (the kiosk never came up, a panic, a power cut): the old slot, by itself.
    check(b.start() == "A", "back on slot A")
    check(not b.saved, "nothing written on the way back")
    check(b.start() == "A", "and it stays there")


@board_case
def a_slot_marked_good_is_the_default_from_then_on(b):
    b.env = {"BOOT_ORDER": "A B", "BOOT_A_LEFT": "3", "BOOT_B_LEFT": "0"}
    b.install("B")
    check(b.start() == "B", "trial of B")
    b.mark_good()
    check(b.env["BOOT_B_LEFT"] == "3", f"rauc status mark-good: {b.env}")
    for _ in range(2):
        check(b.start() == "B", "B from now on")
        check(not b.saved, "not counted down")
    # The next update goes into A, the same way.
    b.install("A")
    check(b.start() == "A", "trial of A")
    check(b.start() == "B", "A not marked good: back on B")


@board_case
def a_power_cut_before_the_new_kernel_is_copied_starts_the_old_slot(b):
    b.env = {"BOOT_ORDER": "A B", "BOOT_A_LEFT": "3", "BOOT_B_LEFT": "0"}
    b.kernels["B"] = ("kernel B old", "initrd B old")  # an earlier update's, in the way
    # Cut after RAUC named B and before B's new kernel was copied (the old one was removed).
    b.install("B", power_cut_before_kernel=True)
    check(b.start() == "A", "no kernel for B on the boot partition: A")
    check("slot B has no kernel on the boot partition: skipped" in b.log[-1], "and it says why")


@board_case
def an_operator_rollback_is_a_trial_too(b):
    b.env = {"BOOT_ORDER": "B A", "BOOT_A_LEFT": "3", "BOOT_B_LEFT": "3"}
    b.kernels["B"] = ("kernel B", "initrd B")
    check(b.start() == "B", "B is the default")
    b.mark_active("A")  # rauc status mark-active other
    check(b.start() == "A", "A once")
    check(b.env["BOOT_A_LEFT"] == "0", f"counted down: {b.env}")
    check(b.start() == "B", "not marked good: back on B")


@board_case
def with_both_slots_bad_the_first_with_a_kernel_starts_anyway(b):
    b.env = {"BOOT_ORDER": "B A", "BOOT_A_LEFT": "0", "BOOT_B_LEFT": "0"}
    check(b.start() == "A", "B has no kernel; A has one")
    check("starting slot A anyway" in b.log[-1], "it says so")
    check(not b.saved, "nothing changed")


@board_case
def slot_b_s_kernel_is_started_with_slot_b_s_root(b):
    b.env = {"BOOT_ORDER": "B A", "BOOT_A_LEFT": "3", "BOOT_B_LEFT": "3"}
    b.kernels["B"] = ("kernel B", "initrd B")
    text = b.boot(until=r"did not start; restarting")
    check(f"guichet: kernel command line root={ROOT['B']} rauc.slot=B {CMDLINE}" in text,
          f"slot B's root and name on the kernel command line:\n{text[-800:]}")
    check("Bad Linux ARM64 Image magic" in text,
          f"B's (stand-in) kernel was loaded and handed to booti:\n{text[-800:]}")


@board_case
def a_real_kernel_gets_the_slot_on_its_command_line(b):
    kernel_dir = os.environ.get("GUICHET_ARM64_BOOT_DIR")
    if not kernel_dir:
        print("skipped: GUICHET_ARM64_BOOT_DIR (a folder with the arm64 image's vmlinuz and "
              "initrd.img) is not set")
        raise SystemExit(SKIP)
    b.env = {"BOOT_ORDER": "B A", "BOOT_A_LEFT": "3", "BOOT_B_LEFT": "1"}
    b.kernels["B"] = ("", "")
    text = b.boot(real_kernel_dir=kernel_dir, until=r"Kernel command line:[^\n]*\n", timeout=240)
    line = re.search(r"Kernel command line:([^\n]*)", text).group(1)
    check(f"root={ROOT['B']} rauc.slot=B {CMDLINE}" in line, f"B's root and name: {line}")
    check("on trial" in text and "Saving Environment" in text, "started as a trial")


# --- The Linux side: the board's fw_setenv wrapper and RAUC's kernel handlers, on folders ------

def linux_case(fn):
    LINUX_CASES.add(fn.__name__)
    return CASES.case(fn)


class BootPartition:
    """/boot/firmware with uboot.env, /etc/fw_env.config and /run, as folders; libubootenv's
    real binary is the tool the wrapper runs."""

    def __init__(self, d):
        self.d = d
        self.boot = os.path.join(d, "boot")
        self.run_dir = os.path.join(d, "run")
        os.makedirs(self.boot)
        os.makedirs(self.run_dir)
        self.env_file = os.path.join(self.boot, "uboot.env")
        self.config = os.path.join(d, "fw_env.config")
        with open(self.config, "w") as f:
            f.write(f"# as on a board\n{self.env_file} 0x0000 0x4000\n")
        self.tool = shutil.which("fw_printenv")

    def write_env(self, variables):
        text = os.path.join(self.d, "env.txt")
        with open(text, "w") as f:
            f.write("".join(f"{k}={v}\n" for k, v in variables.items()))
        subprocess.run(["mkenvimage", "-s", "0x4000", "-o", self.env_file, text], check=True)

    def read_env(self):
        p = subprocess.run(["fw_printenv", "-c", self.config], capture_output=True, text=True)
        return dict(line.split("=", 1) for line in p.stdout.splitlines() if "=" in line)

    def fw_setenv(self, *args):
        env = dict(os.environ, GUICHET_FW_ENV_CONFIG=self.config, GUICHET_BOOT_DIR=self.boot,
                   GUICHET_RUN_DIR=self.run_dir, GUICHET_FW_TOOL=self.tool)
        return subprocess.run([FW_SETENV, *args], capture_output=True, text=True, env=env, timeout=30)


UBOOT_DEFAULTS = {"bootcmd": "run distro_bootcmd", "bootdelay": "2", "arch": "arm"}


@linux_case
def fw_setenv_changes_a_copy_and_puts_it_back_whole(d):
    bp = BootPartition(d)
    bp.write_env(dict(UBOOT_DEFAULTS, BOOT_ORDER="A B", BOOT_A_LEFT="3", BOOT_B_LEFT="0"))
    inode = os.stat(bp.env_file).st_ino
    for args in (("BOOT_B_LEFT", "1"), ("BOOT_ORDER", "B A")):  # RAUC's set_primary, in its order
        p = bp.fw_setenv(*args)
        check(p.returncode == 0, f"fw_setenv {' '.join(args)}: {p.stderr}")
    env = bp.read_env()
    check(env.get("BOOT_ORDER") == "B A" and env.get("BOOT_B_LEFT") == "1", f"RAUC's change: {env}")
    check(all(env.get(k) == v for k, v in UBOOT_DEFAULTS.items()), f"U-Boot's own variables kept: {env}")
    check(os.stat(bp.env_file).st_ino != inode, "the file was replaced whole (renamed over), not rewritten in place")
    check(sorted(os.listdir(bp.boot)) == ["uboot.env"], f"nothing else left on the boot partition: {os.listdir(bp.boot)}")
    check(os.listdir(bp.run_dir) == [], f"its work copy is gone: {os.listdir(bp.run_dir)}")
    check(os.path.getsize(bp.env_file) == 0x4000, "the environment's size (CONFIG_ENV_SIZE)")


@linux_case
def fw_setenv_refuses_an_environment_u_boot_did_not_write(d):
    bp = BootPartition(d)
    p = bp.fw_setenv("BOOT_B_LEFT", "1")
    check(p.returncode != 0 and "no U-Boot environment yet" in p.stderr, f"no uboot.env: {p.stderr}")
    check(not os.path.exists(bp.env_file), "and none is made from nothing")
    for name, make in (("bad checksum", lambda: open(bp.env_file, "wb").write(os.urandom(0x4000))),
                       ("no bootcmd", lambda: bp.write_env({"BOOT_ORDER": "A B"}))):
        make()
        before = open(bp.env_file, "rb").read()
        p = bp.fw_setenv("BOOT_B_LEFT", "1")
        check(p.returncode != 0 and "not an environment U-Boot wrote" in p.stderr, f"{name}: {p.stderr}")
        check(open(bp.env_file, "rb").read() == before, f"{name}: the file is untouched")


def slot_kernel(d, command, booted="A", targets=(("1", "B", "/dev/disk/by-partuuid/47554943-03"),)):
    boot = os.path.join(d, "boot")
    cmdline = os.path.join(d, "cmdline")
    with open(cmdline, "w") as f:
        f.write(f"root=PARTUUID=47554943-0{2 if booted == 'A' else 3} rauc.slot={booted} ro\n")
    env = dict(os.environ, GUICHET_BOOT_DIR=boot, GUICHET_CMDLINE=cmdline,
               GUICHET_SLOT_ROOT_DIR=os.path.join(d, "slots"),
               RAUC_TARGET_SLOTS=" ".join(t[0] for t in targets))
    for index, bootname, device in targets:
        env[f"RAUC_SLOT_BOOTNAME_{index}"] = bootname
        env[f"RAUC_SLOT_DEVICE_{index}"] = device
    return subprocess.run([SLOT_KERNEL, command], capture_output=True, text=True, env=env, timeout=30)


def put(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


@linux_case
def rauc_handlers_swap_the_target_slot_s_kernel(d):
    for slot in "AB":
        put(os.path.join(d, "boot", slot, "vmlinuz"), f"old kernel {slot}")
        put(os.path.join(d, "boot", slot, "initrd.img"), f"old initrd {slot}")
    put(os.path.join(d, "slots", "B", "vmlinuz"), "new kernel")
    put(os.path.join(d, "slots", "B", "initrd.img"), "new initrd")
    p = slot_kernel(d, "forget")
    check(p.returncode == 0, f"pre-install: {p.stderr}")
    check(os.listdir(os.path.join(d, "boot", "B")) == [], "B's old kernel is gone before B is written")
    check(open(os.path.join(d, "boot", "A", "vmlinuz")).read() == "old kernel A", "A's untouched")
    p = slot_kernel(d, "install")
    check(p.returncode == 0, f"post-install: {p.stderr}")
    check(open(os.path.join(d, "boot", "B", "vmlinuz")).read() == "new kernel", "B's new kernel")
    check(open(os.path.join(d, "boot", "B", "initrd.img")).read() == "new initrd", "B's new initrd")
    check(sorted(os.listdir(os.path.join(d, "boot", "B"))) == ["initrd.img", "vmlinuz"], "no .new left")


@linux_case
def rauc_handlers_never_touch_the_running_slot_or_copy_half_a_slot(d):
    put(os.path.join(d, "boot", "A", "vmlinuz"), "running kernel")
    put(os.path.join(d, "boot", "A", "initrd.img"), "running initrd")
    p = slot_kernel(d, "forget", targets=(("0", "A", "/dev/disk/by-partuuid/47554943-02"),))
    check(p.returncode != 0 and "running one" in p.stderr, f"the running slot is refused: {p.stderr}")
    check(os.path.exists(os.path.join(d, "boot", "A", "vmlinuz")), "and its kernel stays")
    put(os.path.join(d, "slots", "B", "vmlinuz"), "new kernel")  # no initrd in the new root
    p = slot_kernel(d, "install")
    check(p.returncode != 0 and "no /initrd.img" in p.stderr, f"a root without an initrd: {p.stderr}")
    check(not os.path.exists(os.path.join(d, "boot", "B", "vmlinuz")), "nothing of it is copied")
    env_missing = subprocess.run([SLOT_KERNEL, "install"], capture_output=True, text=True,
                                 env={k: v for k, v in os.environ.items() if not k.startswith("RAUC_")})
    check(env_missing.returncode != 0 and "RAUC_TARGET_SLOTS" in env_missing.stderr,
          f"outside RAUC it refuses: {env_missing.stderr}")


SLOT_BOOT = os.path.join(REPO, "image/rootfs/usr/lib/guichet/slot-boot")


def slot_boot_at_boot(d, kind, left):
    """slot-boot (no argument: at boot) on slot A with stand-ins: guichet-update says `kind`,
    fw_printenv says BOOT_A_LEFT=`left`. Returns the commands it ran."""
    bindir = os.path.join(d, "bin")
    os.makedirs(bindir, exist_ok=True)
    log = os.path.join(d, "calls")
    if os.path.exists(log):
        os.remove(log)
    stubs = {"guichet-update": f'echo "guichet-update $*" >> {log}; echo {kind}',
             "rauc": f'echo "rauc $*" >> {log}',
             "systemctl": f'echo "systemctl $*" >> {log}',
             "fw_printenv": f'[ "$1 $2" = "-n BOOT_A_LEFT" ] && echo {left}'}
    for name, body in stubs.items():
        path = os.path.join(bindir, name)
        with open(path, "w") as f:
            f.write(f"#!/bin/sh\n{body}\n")
        os.chmod(path, 0o755)
    put(os.path.join(d, "cmdline"), "root=PARTUUID=47554943-02 rauc.slot=A ro\n")
    env = dict(os.environ, GUICHET_UPDATE=os.path.join(bindir, "guichet-update"),
               GUICHET_RAUC=os.path.join(bindir, "rauc"), GUICHET_SYSTEMCTL=os.path.join(bindir, "systemctl"),
               GUICHET_FW_PRINTENV=os.path.join(bindir, "fw_printenv"),
               GUICHET_CMDLINE=os.path.join(d, "cmdline"), GUICHET_RUN_DIR=os.path.join(d, "run"),
               GUICHET_UPDATER_DIR=os.path.join(d, "updater"))
    p = subprocess.run([SLOT_BOOT], capture_output=True, text=True, env=env, timeout=30)
    check(p.returncode == 0, f"slot-boot: {p.stdout}{p.stderr}")
    return open(log).read().splitlines() if os.path.exists(log) else []


@linux_case
def a_running_slot_started_as_a_trial_without_an_update_is_marked_good_again(d):
    # rauc status mark-active on the running slot (an installed update called off) gives it
    # RAUC's one trial boot; nothing else would mark it good again.
    calls = slot_boot_at_boot(d, "normal", "0")
    check("rauc status mark-good" in calls, f"renewed: {calls}")
    calls = slot_boot_at_boot(d, "rolled-back", "1")
    check("rauc status mark-good" in calls, f"renewed after a roll-back too: {calls}")
    calls = slot_boot_at_boot(d, "normal", "3")
    check(not any(c.startswith("rauc") for c in calls), f"a good slot: nothing written: {calls}")
    calls = slot_boot_at_boot(d, "trial", "0")
    check(not any(c.startswith("rauc") for c in calls), f"a trial is the judge's to mark: {calls}")
    check("systemctl start --no-block guichet-slot-trial.service" in calls, f"the judge starts: {calls}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[2] != "list":
        needed = LINUX_TOOLS if sys.argv[2] in LINUX_CASES else TOOLS
        missing = [t for t in needed if not shutil.which(t)]
        if sys.argv[2] not in LINUX_CASES and not os.path.exists(UBOOT):
            missing.append(UBOOT)
        if missing:
            print(f"skipped: missing {' '.join(missing)} (u-boot-qemu, qemu-system-arm, u-boot-tools, "
                  "libubootenv-tool, mtools, dosfstools, fdisk)")
            sys.exit(SKIP)
    sys.exit(e2e_cases.main(__doc__, CASES, "guichet-image-uboot", lambda d: d, lambda world: None))
