#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Unit tests of the board's A/B logic, run on temporary folders (seconds, no QEMU):

- image/rootfs/usr/lib/guichet/rauc-bootloader, RAUC's boot loader backend: which slot
  systemd-boot starts, through the two EFI variables it reads (here: files in the efivarfs
  format in a folder), the slots' kernels copied onto the ESP (a folder), and what a power cut,
  a failed trial or a mark-good leaves behind. The firmware's part — deleting LoaderEntryOneShot
  as it boots it — is done by `boot()` below, as systemd-boot does it.
- image/rootfs/usr/lib/guichet/slot-boot judge: a trial slot is marked good only when the kiosk
  is active (READY=1 after its first frame) and stays up; a kiosk that never comes up, or
  keeps restarting, fails the trial and reboots. systemctl, rauc and guichet-update are
  stand-ins that record what they are asked.

usage: slots_test.py REPO_DIR CASE | REPO_DIR list"""
import os
import subprocess
import sys
import time

REPO = sys.argv[1] if len(sys.argv) > 1 else "."
BACKEND = os.path.join(REPO, "image/rootfs/usr/lib/guichet/rauc-bootloader")
SLOT_BOOT = os.path.join(REPO, "image/rootfs/usr/lib/guichet/slot-boot")
GUID = "4a67b082-0a4c-41cf-b6c7-440b29bb8c4f"
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import e2e_cases  # noqa: E402
from e2e_cases import Fail, check  # noqa: E402,F401

CASES = e2e_cases.CaseList()
case = CASES.case


def board_case(fn):
    """A case on an amd64 board's boot state (a Board in the case's folder)."""
    def on_board(d):
        fn(Board(d))
    on_board.__name__ = fn.__name__
    return CASES.case(on_board)


class Board:
    """An amd64 board's boot state in folders: EFI variables, the ESP, two slots' roots."""

    def __init__(self, d):
        self.d = d
        self.efivars = os.path.join(d, "efivars")
        self.esp = os.path.join(d, "esp")
        self.slots = os.path.join(d, "slots")
        self.cmdline = os.path.join(d, "cmdline")
        os.makedirs(self.efivars)
        os.makedirs(os.path.join(self.esp, "loader"))
        with open(os.path.join(self.esp, "loader", "loader.conf"), "w") as f:
            f.write("timeout 0\neditor no\ndefault guichet-a.conf\n")
        # As the image is written: slot A's kernel on the ESP, slot B empty.
        self.root("A", "kernel 1\n", "initrd 1\n")
        os.makedirs(os.path.join(self.esp, "A"))
        for name, text in (("vmlinuz", "kernel 1\n"), ("initrd.img", "initrd 1\n")):
            with open(os.path.join(self.esp, "A", name), "w") as f:
                f.write(text)
        self.booted = "A"

    def root(self, slot, kernel, initrd):
        """What RAUC wrote into a slot (here, a folder)."""
        r = os.path.join(self.slots, slot)
        os.makedirs(r, exist_ok=True)
        for name, text in (("vmlinuz", kernel), ("initrd.img", initrd)):
            if text is None:
                if os.path.exists(os.path.join(r, name)):
                    os.remove(os.path.join(r, name))
                continue
            with open(os.path.join(r, name), "w") as f:
                f.write(text)

    def run(self, *args, ok=True):
        with open(self.cmdline, "w") as f:
            f.write(f"root=PARTLABEL=root-{self.booted.lower()} ro rauc.slot={self.booted} quiet\n")
        env = dict(os.environ, GUICHET_EFIVARS=self.efivars, GUICHET_BOOT_DIR=self.esp,
                   GUICHET_CMDLINE=self.cmdline, GUICHET_SLOT_ROOT_DIR=self.slots)
        p = subprocess.run([BACKEND, *args], capture_output=True, text=True, env=env, timeout=30)
        if ok and p.returncode != 0:
            raise Fail(f"rauc-bootloader {' '.join(args)} exited {p.returncode}: {p.stderr.strip()}")
        return p

    def var(self, name):
        path = os.path.join(self.efivars, f"{name}-{GUID}")
        if not os.path.exists(path):
            return None
        data = open(path, "rb").read()
        check(data[:4] == b"\x07\x00\x00\x00", f"{name}: attributes NV|BS|RT, got {data[:4]!r}")
        return data[4:].decode("utf-16-le").rstrip("\0")

    def set_var(self, name, value):
        with open(os.path.join(self.efivars, f"{name}-{GUID}"), "wb") as f:
            f.write(b"\x07\x00\x00\x00" + (value + "\0").encode("utf-16-le"))

    def boot(self):
        """What systemd-boot does: the one-shot entry if set (deleting it), else the default
        (the variable, else loader.conf). Returns the slot it starts."""
        entry = self.var("LoaderEntryOneShot")
        if entry is not None:
            os.remove(os.path.join(self.efivars, f"LoaderEntryOneShot-{GUID}"))
        else:
            entry = self.var("LoaderEntryDefault") or "guichet-a.conf"
        check(entry in ("guichet-a.conf", "guichet-b.conf"), f"boots an unknown entry {entry}")
        slot = entry[len("guichet-")].upper()
        check(os.path.exists(os.path.join(self.esp, slot, "vmlinuz")),
              f"systemd-boot would start slot {slot}, whose kernel is not on the ESP")
        self.booted = slot
        return slot

    def esp_file(self, slot, name):
        path = os.path.join(self.esp, slot, name)
        return open(path).read() if os.path.exists(path) else None

    def primary(self):
        return self.run("get-primary").stdout.strip()

    def state(self, slot):
        return self.run("get-state", slot).stdout.strip()

    def install(self, slot, kernel="kernel 2\n"):
        """What rauc install does with the backend: mark the target bad, write it, make it
        primary."""
        self.run("set-state", slot, "bad")
        self.root(slot, kernel, "initrd 2\n")
        self.run("set-primary", slot)


@board_case
def a_new_image_boots_slot_a(b):
    check(b.primary() == "A", f"primary of a new image: {b.primary()}")
    check(b.state("A") == "good" and b.state("B") == "bad", "A good, B bad on a new image")
    check(b.boot() == "A", "a new image boots A")


@board_case
def an_installed_slot_is_started_once_then_the_old_one_again(b):
    b.install("B")
    check(b.esp_file("B", "vmlinuz") == "kernel 2\n", "the new slot's kernel is on the ESP")
    check(b.esp_file("B", "initrd.img") == "initrd 2\n", "the new slot's initrd is on the ESP")
    check(b.esp_file("A", "vmlinuz") == "kernel 1\n", "the running slot's kernel is untouched")
    check(b.var("LoaderEntryOneShot") == "guichet-b.conf", "B is started once")
    check(b.var("LoaderEntryDefault") in (None, "guichet-a.conf"), "A stays the default")
    check(b.primary() == "B", "rauc sees B as primary")
    check(b.boot() == "B", "the next boot is B (trial)")
    # The trial never marks it good (panic, hang, power cut, failed trial): the boot after is A.
    check(b.boot() == "A", "the boot after a failed trial is A again, by itself")
    check(b.boot() == "A", "and stays A")


@board_case
def a_healthy_trial_makes_the_new_slot_the_default(b):
    b.install("B")
    check(b.boot() == "B", "trial boot in B")
    b.run("set-state", "B", "good")  # rauc status mark-good, from the trial's judge
    check(b.var("LoaderEntryDefault") == "guichet-b.conf", "B is the default")
    check(b.primary() == "B", "B is primary")
    check(b.boot() == "B" and b.boot() == "B", "every later boot is B")
    # The next update goes into A, and the same rules hold the other way round.
    b.install("A", kernel="kernel 3\n")
    check(b.esp_file("B", "vmlinuz") == "kernel 2\n", "the running slot's kernel is untouched")
    check(b.boot() == "A", "trial of A")
    check(b.boot() == "B", "A never marked good: back to B")


@board_case
def power_cut_while_the_slot_is_written_boots_the_old_slot(b):
    # Earlier trial of B failed but its files stayed; a new install into B is cut off after
    # RAUC marked it bad, at any point of the write.
    b.install("B")
    b.boot()
    b.boot()
    b.run("set-state", "B", "bad")
    b.root("B", "half a ker", None)
    check(b.primary() == "A", "primary is A while B is being written")
    check(b.boot() == "A", "a power cut during the write boots A")
    # ...or cut off while the kernel was being copied to the ESP (set-primary never finished).
    p = b.run("set-primary", "B", ok=False)
    check(p.returncode != 0 and "not a bootable root" in p.stderr,
          f"a slot without a whole kernel and initrd is refused: {p.stderr.strip()}")
    check(b.var("LoaderEntryOneShot") is None, "so it is never started")
    check(b.boot() == "A", "and the board boots A")


@board_case
def marking_the_running_slot_bad_falls_back_only_to_a_bootable_one(b):
    p = b.run("set-state", "A", "bad", ok=False)
    check(p.returncode != 0 and "only bootable slot" in p.stderr,
          "the only bootable slot cannot be marked bad")
    check(b.boot() == "A", "the board still boots A")
    b.install("B")
    b.boot()
    b.run("set-state", "B", "good")
    b.run("set-state", "B", "bad")  # rauc status mark-bad: give up on B
    check(b.var("LoaderEntryDefault") == "guichet-a.conf", "A is the default again")
    check(b.boot() == "A", "the board boots A")


@board_case
def mark_active_on_the_running_slot_clears_a_pending_trial(b):
    b.install("B")
    b.run("set-primary", "A")  # rauc status mark-active booted: cancel the update
    check(b.var("LoaderEntryOneShot") is None, "no trial pending any more")
    check(b.boot() == "A", "the next boot is A")


@board_case
def only_the_running_slot_can_be_marked_good(b):
    b.root("B", "kernel x\n", "initrd x\n")
    p = b.run("set-state", "B", "good", ok=False)
    check(p.returncode != 0 and "only the running slot" in p.stderr,
          f"marking a slot that never ran good is refused: {p.stderr.strip()}")
    check(b.boot() == "A", "the board boots A")


# --- the trial's judge ----------------------------------------------------------------------

class Trial:
    """slot-boot judge with stand-ins: a kiosk whose states follow a script of
    (seconds since start, ActiveState, MainPID, NRestarts)."""

    def __init__(self, d, timeline, mark_good_ok=True, settle_seconds=1, trial_seconds=3):
        self.d = d
        self.log = os.path.join(d, "calls")
        bindir = os.path.join(d, "bin")
        os.makedirs(bindir)
        start = time.time()
        states = "\n".join(f"{t} {a} {p} {r}" for t, a, p, r in timeline)
        self.write(bindir, "systemctl", f"""#!/bin/sh
if [ "$1" = show ]; then
    line=$(printf '%s\\n' "{states}" | awk -v now="$(date +%s.%N)" '$1 + {start} <= now' | tail -1)
    case $3 in
        ActiveState) echo "$line" | awk '{{print $2}}' ;;
        MainPID) echo "$line" | awk '{{print $3}}' ;;
        NRestarts) echo "$line" | awk '{{print $4}}' ;;
    esac
    exit 0
fi
echo "systemctl $*" >> {self.log}
""")
        self.write(bindir, "rauc", f"""#!/bin/sh
echo "rauc $*" >> {self.log}
exit {0 if mark_good_ok else 1}
""")
        self.write(bindir, "guichet-update", f"""#!/bin/sh
echo "guichet-update $*" >> {self.log}
""")
        self.env = dict(os.environ, GUICHET_SYSTEMCTL=os.path.join(bindir, "systemctl"),
                        GUICHET_RAUC=os.path.join(bindir, "rauc"),
                        GUICHET_UPDATE=os.path.join(bindir, "guichet-update"),
                        GUICHET_UPDATER_DIR=os.path.join(d, "updater"),
                        GUICHET_RUN_DIR=os.path.join(d, "run"),
                        GUICHET_TRIAL_SECONDS=str(trial_seconds), GUICHET_TRIAL_SETTLE_SECONDS=str(settle_seconds),
                        GUICHET_TRIAL_POLL_SECONDS="0.3")

    @staticmethod
    def write(bindir, name, text):
        path = os.path.join(bindir, name)
        with open(path, "w") as f:
            f.write(text)
        os.chmod(path, 0o755)

    def judge(self):
        p = subprocess.run([SLOT_BOOT, "judge"], capture_output=True, text=True, env=self.env,
                           timeout=30)
        calls = open(self.log).read().splitlines() if os.path.exists(self.log) else []
        return p, calls


@case
def a_kiosk_that_comes_up_and_stays_marks_the_slot_good(d):
    # A healthy kiosk ends the trial as soon as it has settled, so a long limit costs nothing
    # here and keeps a loaded machine (CI, load 9+) from failing it on time alone.
    p, calls = Trial(d, [(0, "activating", 0, 0), (0.5, "active", 42, 0)],
                     trial_seconds=20).judge()
    check(p.returncode == 0, f"the judge succeeds: {p.stdout} {p.stderr}")
    check(calls[:1] == ["rauc status mark-good"], f"RAUC marks the slot good first: {calls}")
    updater = os.path.join(d, "updater")
    check(f"guichet-update confirm --updater-dir {updater}" in calls,
          f"then the records, in the updater's own folder: {calls}")
    check(not any("reboot" in c for c in calls), f"no reboot: {calls}")


@case
def a_kiosk_that_never_comes_up_fails_the_trial_and_reboots(d):
    p, calls = Trial(d, [(0, "activating", 0, 0), (1, "failed", 0, 1)]).judge()
    check(p.returncode != 0, "the judge fails")
    check(not any("mark-good" in c for c in calls), f"never marked good: {calls}")
    check(any(c.startswith("guichet-update fail the kiosk did not show a healthy welcome screen")
              for c in calls), f"the reason is recorded: {calls}")
    check(calls[-1:] == ["systemctl reboot"], f"then the board reboots: {calls}")


@case
def a_kiosk_that_keeps_restarting_is_not_healthy(d):
    # Up for 1 s at a time, restarted by systemd (new pid, one more restart) every second, for
    # longer than the trial may last even on a loaded machine; it must stay up 2 s to pass.
    timeline = [(t, "active", 100 + t, t) for t in range(0, 60)]
    p, calls = Trial(d, timeline, settle_seconds=2).judge()
    check(p.returncode != 0 and not any("mark-good" in c for c in calls),
          f"a crash-looping kiosk is never marked good: {calls}")
    check(calls[-1:] == ["systemctl reboot"], f"the board reboots: {calls}")


@case
def a_boot_loader_that_refuses_the_slot_fails_the_trial(d):
    p, calls = Trial(d, [(0, "active", 42, 0)], mark_good_ok=False).judge()
    check(p.returncode != 0, "the judge fails")
    check(any(c.startswith("guichet-update fail the boot loader did not accept") for c in calls),
          f"the reason is recorded: {calls}")
    check(not any(c.startswith("guichet-update confirm") for c in calls), f"not confirmed: {calls}")
    check(calls[-1:] == ["systemctl reboot"], f"the board reboots: {calls}")



if __name__ == "__main__":
    sys.exit(e2e_cases.main(__doc__, CASES, "guichet-image-slots", lambda d: d, lambda world: None))
