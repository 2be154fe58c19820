#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end tests of software updates with the real tools: RAUC bundles made and signed by
`rauc bundle` (X.509 keys from openssl), published by guichet-publish as targets of a TUF
repository served by a real nginx on 127.0.0.1 (or read from a folder, as from a USB stick),
fetched and checked by guichet-update, whose RAUC is the real `rauc info` (signature and
manifest). Only `rauc install` is recorded instead of run: it writes a root slot, which the
image's boot proof (image/test-qemu-boot.sh) does for real.

usage: software_e2e.py BIN_DIR CASE | BIN_DIR list"""
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import e2e_cases  # noqa: E402
from e2e_cases import Fail, check  # noqa: E402
from e2e_sync import Nginx, Proxy  # noqa: E402

CASES = e2e_cases.CaseList()


def run(args, ok=True, **kw):
    p = subprocess.run(args, capture_output=True, text=True, timeout=120, **kw)
    if ok and p.returncode != 0:
        raise Fail(f"{' '.join(args)} exited {p.returncode}: {p.stderr.strip()} {p.stdout.strip()}")
    return p


class World:
    def __init__(self, workdir):
        self.dir = workdir
        self.bin = sys.argv[1]
        self.nginx = None
        self.proxy = None
        self.repo = os.path.join(workdir, "repo")
        self.key = os.path.join(workdir, "publisher")
        run([self.tool("guichet-publish"), "keygen", self.key])
        run([self.tool("guichet-publish"), "init", self.repo, "--key", self.key])
        # The operator's RAUC keys (the board's keyring is the certificate).
        self.ca_key, self.ca = self.x509("Guichet operator")
        self.evil_key, self.evil = self.x509("Someone else")
        self.recorded = os.path.join(workdir, "rauc-installs")
        # RAUC as the board runs it, except that installing is recorded, not done.
        self.rauc = os.path.join(workdir, "rauc")
        with open(self.rauc, "w") as f:
            f.write(f"""#!/bin/sh
if [ "$1" = install ]; then
    sha256sum "$2" >> {self.recorded}
    exit 0
fi
exec rauc "$@"
""")
        os.chmod(self.rauc, 0o755)

    def tool(self, name):
        return os.path.join(self.bin, name)

    def x509(self, name):
        key = os.path.join(self.dir, name.replace(" ", "-") + ".key.pem")
        cert = os.path.join(self.dir, name.replace(" ", "-") + ".cert.pem")
        run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
             "-subj", f"/O={name}/CN={name}", "-days", "30"])
        return key, cert

    def bundle(self, version, signer=None, size=64 * 1024, compatible="guichet-amd64"):
        """A real plain-format bundle holding a squashfs 'root' of about `size` bytes."""
        src = os.path.join(self.dir, f"bundle-{version}")
        root = os.path.join(src, "rootdir")
        os.makedirs(root, exist_ok=True)
        with open(os.path.join(root, "payload"), "wb") as f:
            f.write(os.urandom(size))  # incompressible: the bundle is as big as asked
        with open(os.path.join(root, "version"), "w") as f:
            f.write(version + "\n")
        run(["mksquashfs", root, os.path.join(src, "root.img"), "-noappend", "-quiet", "-no-progress"])
        with open(os.path.join(src, "manifest.raucm"), "w") as f:
            f.write(f"[update]\ncompatible={compatible}\nversion={version}\n\n"
                    "[bundle]\nformat=plain\n\n[image.rootfs]\nfilename=root.img\n")
        os.rename(root, root + ".done")
        key, cert = signer or (self.ca_key, self.ca)
        out = os.path.join(self.dir, f"{version}.raucb")
        if os.path.exists(out):
            os.remove(out)
        run(["rauc", "bundle", "--cert", cert, "--key", key, src, out])
        return out

    def publish(self, bundle, *extra):
        return run([self.tool("guichet-publish"), "software", self.repo, bundle, "--key", self.key,
                    "--rauc-keyring", self.ca, *extra]).stdout

    def board(self, name="board", kiosk_id="kiosk-00000000b0a4", version="1.0", slot="A",
              source=None, tags=None, extra_sync=""):
        """A board's folder: the updater's own (updater/root, owner only; updater/public) as
        its first boot lays it out, and the release and kernel command line it booted."""
        state = os.path.join(self.dir, name)
        own = os.path.join(state, "updater", "root")
        os.makedirs(own, exist_ok=True)
        os.makedirs(os.path.join(state, "updater", "public"), exist_ok=True)
        os.chmod(own, 0o700)
        with open(os.path.join(own, "kiosk-id"), "w") as f:
            f.write(kiosk_id + "\n")
        with open(os.path.join(own, "sync.conf"), "w") as f:
            f.write(f"source = {source or self.repo}\nstate_dir = {own}\n"
                    f"trusted_root = {self.repo}/metadata/1.root.json\n{extra_sync}")
        with open(os.path.join(own, "update.conf"), "w") as f:
            f.write(f"tags = {tags}\n" if tags else "")
        with open(os.path.join(state, "release"), "w") as f:
            f.write(f"version = {version}\ncompatible = guichet-amd64\n")
        with open(os.path.join(state, "cmdline"), "w") as f:
            f.write(f"root=PARTUUID=x rauc.slot={slot} quiet\n")
        return state

    def update(self, state, *args):
        return run([self.tool("guichet-update"), *args, "--updater-dir", os.path.join(state, "updater"),
                    "--release", os.path.join(state, "release"), "--cmdline", os.path.join(state, "cmdline"),
                    "--rauc", self.rauc, "--keyring", self.ca], ok=False)

    def installs(self):
        return open(self.recorded).read().splitlines() if os.path.exists(self.recorded) else []

    def report(self, state):
        return json.load(open(os.path.join(state, "updater", "public", "status.json")))

    def stored(self, version_bundle):
        sha = run(["sha256sum", version_bundle]).stdout.split()[0]
        return os.path.join(self.repo, "targets", "software", f"{sha}.guichet-amd64.raucb"), sha

    def close(self):
        if self.proxy:
            self.proxy.stop()
        if self.nginx:
            self.nginx.stop()


@CASES.case
def published_bundle_is_fetched_checked_by_rauc_and_installed(w):
    bundle = w.bundle("2.0")
    out = w.publish(bundle)
    check("guichet-amd64 2.0 published as software/guichet-amd64.raucb" in out, out)
    check("100% of the kiosks" in out, out)
    w.nginx = Nginx(w.repo, w.dir)
    state = w.board(source=f"http://127.0.0.1:{w.nginx.port}")
    p = w.update(state, "check")
    check(p.returncode == 3, f"exit {p.returncode}: {p.stdout} {p.stderr}")
    _, sha = w.stored(bundle)
    check(w.installs() == [f"{sha}  {os.path.join(state, 'updater', 'root', 'downloads', sha + '.raucb')}"],
          f"installs: {w.installs()}")
    report = w.report(state)
    check(report["last_update"]["result"] == "installed" and report["last_update"]["version"] == "2.0", report)
    fetched = [line for line in w.nginx.access_log() if "/targets/software/" in line]
    check(len(fetched) == 1 and f"/targets/software/{sha}.guichet-amd64.raucb" in fetched[0], fetched)
    # Nothing twice: the board waits for its reboot.
    p = w.update(state, "check")
    check(p.returncode == 0 and "waiting for a reboot" in p.stdout, p.stdout)
    check(len(w.installs()) == 1, "installed twice")


@CASES.case
def tampered_bundle_is_refused_by_both_signatures(w):
    bundle = w.bundle("2.0")
    w.publish(bundle)
    stored, _ = w.stored(bundle)
    data = bytearray(open(stored, "rb").read())
    data[len(data) // 2] ^= 0x01  # one bit inside the squashfs the signatures cover
    with open(stored, "wb") as f:
        f.write(data)
    # TUF: the length and SHA-256 signed in targets.json no longer match.
    state = w.board()
    p = w.update(state, "check")
    check(p.returncode == 1 and "sha256 mismatch" in p.stdout, p.stdout + p.stderr)
    check(not w.installs(), "a tampered bundle reached rauc install")
    check(w.report(state)["last_update"]["result"] == "failed", w.report(state))
    # RAUC, on its own: the CMS signature over the bundle no longer verifies.
    r = run(["rauc", "info", f"--keyring={w.ca}", stored], ok=False)
    check(r.returncode != 0 and "signature verification failed" in r.stderr, r.stderr)


@CASES.case
def bundle_signed_by_another_x509_key_is_refused_by_rauc(w):
    # The TUF targets key signs it (a stolen or misused repository key), RAUC does not accept it.
    bundle = w.bundle("2.0", signer=(w.evil_key, w.evil))
    p = run([w.tool("guichet-publish"), "software", w.repo, bundle, "--key", w.key], ok=True)
    check("published" in p.stdout, p.stdout)
    state = w.board()
    p = w.update(state, "check")
    check(p.returncode == 1 and "RAUC refuses the bundle" in p.stdout, p.stdout + p.stderr)
    check("signature verification failed" in p.stdout, p.stdout)
    check(not w.installs(), "installed a bundle RAUC refused")
    # The publisher checks it too when it has the keyring.
    p = run([w.tool("guichet-publish"), "software", w.repo, bundle, "--key", w.key,
             "--rauc-keyring", w.ca], ok=False)
    check(p.returncode == 1 and "signature verification failed" in p.stderr, p.stderr)


@CASES.case
def bundle_with_valid_rauc_signature_but_forged_metadata_is_refused_by_tuf(w):
    # RAUC would accept the bytes (signed by the operator's X.509 key), but the repository's
    # metadata naming them was changed without its keys.
    bundle = w.bundle("2.0")
    w.publish(bundle)
    targets = sorted((f for f in os.listdir(os.path.join(w.repo, "metadata")) if f.endswith(".targets.json")),
                     key=lambda n: int(n.split(".")[0]))[-1]
    path = os.path.join(w.repo, "metadata", targets)
    doc = json.load(open(path))
    entry = doc["signed"]["targets"]["software/guichet-amd64.raucb"]
    entry["custom"]["guichet"]["rollout"]["share_basis_points"] = 10000
    entry["custom"]["guichet"]["version"] = "9.9"
    with open(path, "w") as f:
        json.dump(doc, f)
    state = w.board()
    p = w.update(state, "check")
    check(p.returncode == 1, p.stdout)
    check("targets" in p.stdout and ("signature" in p.stdout or "hash" in p.stdout or "length" in p.stdout),
          p.stdout)
    check(not w.installs(), "installed under forged metadata")
    r = run(["rauc", "info", f"--keyring={w.ca}", bundle], ok=False)
    check(r.returncode == 0, "RAUC's own check alone would have let it through")


@CASES.case
def interrupted_download_resumes_under_the_rate_cap(w):
    bundle = w.bundle("2.0", size=384 * 1024)
    w.publish(bundle)
    size = os.path.getsize(bundle)
    w.nginx = Nginx(w.repo, w.dir)
    w.proxy = Proxy(w.nginx.port)
    w.proxy.mode = f"drop:{size // 3}"
    state = w.board(source=f"http://127.0.0.1:{w.proxy.port}", extra_sync="max_bytes_per_second = 262144\n")
    p = w.update(state, "check")
    check(p.returncode == 1 and not w.installs(), p.stdout)
    partial = [f for f in os.listdir(os.path.join(state, "updater", "root", "downloads")) if f.endswith(".part")]
    check(len(partial) == 1, f"no partial download kept: {partial}")
    have = os.path.getsize(os.path.join(state, "updater", "root", "downloads", partial[0]))
    check(0 < have < size, f"partial {have} of {size}")
    w.proxy.mode = None
    w.proxy.requests.clear()
    start = time.monotonic()
    p = w.update(state, "check")
    took = time.monotonic() - start
    check(p.returncode == 3, p.stdout + p.stderr)
    # The same bandwidth cap as content: the rest cannot arrive faster than 256 KiB/s.
    check(took >= 0.8 * (size - have) / 262144, f"{size - have} bytes in {took:.2f} s: over the cap")
    ranges = [r for path, r, _ in w.proxy.requests if "/targets/software/" in path]
    check(ranges == [f"bytes={have}-"], f"the second transfer asked for {ranges}, not the rest from {have}")
    check(len(w.installs()) == 1, "not installed after the resume")


@CASES.case
def usb_stick_copy_of_the_repository_installs_regardless_of_rollout(w):
    bundle = w.bundle("2.0")
    w.publish(bundle, "--share", "0%")
    stick = os.path.join(w.dir, "stick", "guichet")
    os.makedirs(os.path.dirname(stick))
    run(["cp", "-a", w.repo, stick])
    state = w.board()
    p = w.update(state, "check")
    check(p.returncode == 0 and "not-selected" in p.stdout, p.stdout)
    p = w.update(state, "check", "--source", stick, "--ignore-rollout")
    check(p.returncode == 3, p.stdout + p.stderr)
    check(len(w.installs()) == 1, "the stick's bundle was not installed")


@CASES.case
def staged_rollout_reaches_its_share_of_a_simulated_fleet(w):
    bundle = w.bundle("2.0", size=4096)
    w.publish(bundle, "--share", "25%")
    chosen = 0
    for i in range(40):
        state = w.board(name=f"b{i}", kiosk_id=f"kiosk-{i:012x}")
        p = w.update(state, "check")
        check(p.returncode in (0, 3), p.stdout + p.stderr)
        chosen += p.returncode == 3
    # Binomial(40, 0.25): 10 on average; 1..21 holds with overwhelming probability.
    check(1 <= chosen <= 21, f"{chosen} of 40 kiosks took a 25% rollout")
    check(len(w.installs()) == chosen, "installs and choices differ")
    # Growing the share keeps the first ones and adds more.
    w.publish(bundle, "--share", "100%")
    for i in range(40):
        p = w.update(os.path.join(w.dir, f"b{i}"), "check")
        check(p.returncode in (0, 3), p.stdout)
    check(len(w.installs()) == 40, f"{len(w.installs())} installs at 100%")


@CASES.case
def an_updater_folder_another_user_could_change_is_refused_and_nothing_done(w):
    # What a compromised kiosk user could do if the updater's folder sat in its own: make it
    # writable, put a symlink in place of root/, or point the trusted root at its own file.
    w.publish(w.bundle("2.0"))
    state = w.board()
    updater = os.path.join(state, "updater")
    os.chmod(updater, 0o777)
    for command in ("check", "boot", "confirm"):
        p = w.update(state, command)
        check(p.returncode == 1, f"{command}: {p.stdout} {p.stderr}")
        check(f"guichet-update: {updater}: owned by " in p.stderr and "mode 0777" in p.stderr
              and "refused, nothing done" in p.stderr, p.stderr)
    check(not w.installs(), "installed from a folder others can write")
    check(not os.path.exists(os.path.join(updater, "public", "status.json")), "wrote a report")
    check(not os.path.exists(os.path.join(updater, "root", "tuf")), "fetched metadata")
    os.chmod(updater, 0o755)

    own = os.path.join(updater, "root")
    os.rename(own, own + ".real")
    os.symlink(own + ".real", own)
    p = w.update(state, "check")
    check(p.returncode == 1 and f"{own}: a symbolic link to {own}.real" in p.stderr, p.stderr)
    check(not w.installs(), "installed through a symlinked folder")
    os.remove(own)
    os.rename(own + ".real", own)

    shared = os.path.join(w.dir, "shared")
    os.makedirs(shared)
    os.chmod(shared, 0o777)
    planted = os.path.join(shared, "root.json")
    with open(os.path.join(w.repo, "metadata", "1.root.json")) as src, open(planted, "w") as f:
        f.write(src.read())
    with open(os.path.join(own, "sync.conf"), "w") as f:
        f.write(f"source = {w.repo}\nstate_dir = {own}\ntrusted_root = {planted}\n")
    p = w.update(state, "check")
    check(p.returncode == 1 and f"trusted_root: {shared}: owned by " in p.stderr
          and "mode 0777: writable by its group or others" in p.stderr, p.stderr)
    check(not w.installs(), "installed trusting a root.json others can write")

    # Put right, the same board takes the release.
    with open(os.path.join(own, "sync.conf"), "w") as f:
        f.write(f"source = {w.repo}\nstate_dir = {own}\ntrusted_root = {w.repo}/metadata/1.root.json\n")
    p = w.update(state, "check")
    check(p.returncode == 3, p.stdout + p.stderr)
    check(len(w.installs()) == 1, w.installs())


def main():
    return e2e_cases.main(__doc__, CASES, "guichet-software-e2e", World, lambda w: w.close(),
                          keep_variable="GUICHET_E2E_KEEP")


if __name__ == "__main__":
    sys.exit(main())
