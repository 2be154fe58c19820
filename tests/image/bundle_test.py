#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The RAUC bundle a board takes, as image/make-bundle.sh makes it from an image build's root
(here a small squashfs root with the files that matter), checked with the real `rauc`:
its manifest names the board type and version of the root's release file and one image for
the slot class the boards' system.conf (image/lib/rauc-system-conf.sh) defines; a root that
cannot boot is refused; the bundle verifies against the operator's certificate only, and not
once a byte of it is changed.

usage: bundle_test.py REPO_DIR CASE | REPO_DIR list"""
import json
import os
import re
import subprocess
import sys

REPO = sys.argv[1] if len(sys.argv) > 1 else "."
MAKE_BUNDLE = os.path.join(REPO, "image/make-bundle.sh")
SYSTEM_CONF = os.path.join(REPO, "image/lib/rauc-system-conf.sh")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import e2e_cases  # noqa: E402
from e2e_cases import Fail, check  # noqa: E402,F401

CASES = e2e_cases.CaseList()
case = CASES.case


def run(args, ok=True):
    p = subprocess.run(args, capture_output=True, text=True, timeout=60)
    if ok and p.returncode != 0:
        raise Fail(f"{' '.join(args)} exited {p.returncode}: {p.stderr.strip()}")
    return p


class World:
    def __init__(self, d):
        self.d = d
        self.key, self.cert = self.x509("Guichet operator")

    def x509(self, name):
        stem = os.path.join(self.d, name.replace(" ", "-"))
        run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", stem + ".key",
             "-out", stem + ".pem", "-subj", f"/O={name}/CN={name}", "-days", "30"])
        return stem + ".key", stem + ".pem"

    def root(self, name="root", release="version = 2026.12.04-test\ncompatible = guichet-amd64\n",
             kernel=True):
        tree = os.path.join(self.d, name)
        os.makedirs(os.path.join(tree, "usr/lib/guichet"))
        os.makedirs(os.path.join(tree, "boot"))
        if release is not None:
            with open(os.path.join(tree, "usr/lib/guichet/release"), "w") as f:
                f.write(release)
        if kernel:  # as Debian has them: links at the top to the files in /boot
            for link, target in (("vmlinuz", "boot/vmlinuz-6.1.0-test"),
                                 ("initrd.img", "boot/initrd.img-6.1.0-test")):
                with open(os.path.join(tree, target), "w") as f:
                    f.write(link + "\n")
                os.symlink(target, os.path.join(tree, link))
        image = tree + ".sqfs"
        run(["mksquashfs", tree, image, "-noappend", "-quiet", "-no-progress"])
        return image

    def bundle(self, root, signer=None, ok=True, keyring=None):
        key, cert = signer or (self.key, self.cert)
        out = os.path.join(self.d, "out.raucb")
        args = [MAKE_BUNDLE, "--root", root, "--cert", cert, "--key", key, "--out", out]
        if keyring:
            args += ["--keyring", keyring]
        return out, run(args, ok=ok)

    def info(self, bundle, keyring=None, ok=True):
        return run(["rauc", "info", "--keyring", keyring or self.cert, "--output-format=json",
                    bundle], ok=ok)


def slot_classes(arch):
    conf = run([SYSTEM_CONF, arch]).stdout
    return conf, sorted(set(re.findall(r"^\[slot\.([a-z]+)\.[0-9]+\]$", conf, re.M)))


@case
def the_bundle_names_the_roots_board_type_and_version_and_one_image_per_slot_class(w):
    bundle, _ = w.bundle(w.root(), keyring=w.cert)
    info = json.loads(w.info(bundle).stdout)
    check(info["compatible"] == "guichet-amd64", f"compatible from the release file: {info}")
    check(info["version"] == "2026.12.04-test", f"version from the release file: {info}")
    images = info["images"]
    check(len(images) == 1, f"one image: {images}")
    (slot_class, image), = images[0].items()
    check(image["filename"] == "root.img", f"the root image: {image}")
    conf, classes = slot_classes("amd64")
    check(classes == [slot_class], f"system.conf's slots are of class {classes}, the bundle's {slot_class}")
    check("compatible=guichet-amd64" in conf, "system.conf takes this board type")


@case
def both_board_types_have_two_root_slots_named_a_and_b(w):
    for arch in ("amd64", "arm64"):
        conf, classes = slot_classes(arch)
        check(classes == ["rootfs"], f"{arch}: slot classes {classes}")
        check(re.findall(r"^bootname=([AB])$", conf, re.M) == ["A", "B"], f"{arch}: bootnames A and B")
        check(f"compatible=guichet-{arch}" in conf, f"{arch}: its own board type")
        devices = re.findall(r"^device=(.*)$", conf, re.M)
        check(len(set(devices)) == 2, f"{arch}: two different partitions: {devices}")
        check("data-directory=/var/lib/guichet-updater/rauc\n" in conf,
              f"{arch}: RAUC's status on the state partition, in the updater's root-only folder")
    check("rauc-bootloader" in slot_classes("amd64")[0], "amd64 through our systemd-boot backend")
    check("bootloader=uboot" in slot_classes("arm64")[0], "arm64 through U-Boot")


@case
def an_arm64_root_makes_an_arm64_bundle(w):
    root = w.root(release="version = 7.1\ncompatible = guichet-arm64\n")
    info = json.loads(w.info(w.bundle(root)[0]).stdout)
    check((info["compatible"], info["version"]) == ("guichet-arm64", "7.1"), f"{info}")


@case
def a_root_that_cannot_boot_or_say_what_it_is_makes_no_bundle(w):
    for name, kwargs, words in (
            ("no-release", {"release": None}, "no /usr/lib/guichet/release"),
            ("no-kernel", {"kernel": False}, "no /vmlinuz"),
            ("bad-type", {"release": "version = 1\ncompatible = someone-else\n"}, "compatible"),
            ("bad-version", {"release": "version = 1 2\ncompatible = guichet-amd64\n"}, "version")):
        out, p = w.bundle(w.root(name, **kwargs), ok=False)
        check(p.returncode != 0 and words in p.stderr, f"{name}: refused with '{words}': {p.stderr.strip()}")
        check(not os.path.exists(out), f"{name}: no bundle left behind")


@case
def only_the_operators_certificate_verifies_the_bundle(w):
    other = w.x509("Someone else")
    bundle, p = w.bundle(w.root(), signer=other, ok=False, keyring=w.cert)
    check(p.returncode != 0 and "does not verify" in p.stderr,
          f"make-bundle checks the signature against the keyring: {p.stderr.strip()}")
    check(w.info(bundle, ok=False).returncode != 0, "rauc info refuses a bundle from another key")
    check(w.info(bundle, keyring=other[1]).returncode == 0, "it is a valid bundle for its own key")


@case
def a_bundle_with_one_byte_changed_is_refused(w):
    bundle, _ = w.bundle(w.root())
    data = bytearray(open(bundle, "rb").read())
    for offset in (100, len(data) // 2, len(data) - 600):  # the root, the middle, the signature
        tampered = os.path.join(w.d, f"tampered-{offset}.raucb")
        changed = bytearray(data)
        changed[offset] ^= 0x01
        open(tampered, "wb").write(changed)
        p = w.info(tampered, ok=False)
        check(p.returncode != 0, f"a byte changed at {offset} of {len(data)}: rauc info accepted it")



if __name__ == "__main__":
    sys.exit(e2e_cases.main(__doc__, CASES, "guichet-image-bundle", World, lambda world: None))
