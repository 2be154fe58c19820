#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Our TUF client judged against a publisher that is not ours: repositories are made here with
securesystemslib (Debian's python3-securesystemslib: canonical JSON, Ed25519 keys and
signatures), served by a loopback HTTP server, and `guichet-sync tuf` is driven exactly through
the tuf-conformance client-under-test command line (init / refresh / download). The real
tuf-conformance suite needs python-tuf, which Debian 12 does not package; these cases follow
what it covers.

usage: tuf_independent.py BIN_DIR CASE   (CASE "list" prints the case names)"""

import datetime
import hashlib
import http.server
import json
import os
import subprocess
import sys
import threading
import urllib.parse

try:
    from securesystemslib import formats as ssl_formats
    from securesystemslib import keys as ssl_keys
except ImportError:
    print("tuf_independent.py needs python3-securesystemslib (scripts/debian-packages.txt)")
    sys.exit(1)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import e2e_cases  # noqa: E402
from e2e_cases import Fail, check  # noqa: E402,F401

BIN = sys.argv[1] if len(sys.argv) > 1 else None
CASES = e2e_cases.CaseList()
case = CASES.case


def iso(seconds_from_now):
    t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds_from_now)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


class Key:
    """An Ed25519 key made and used by securesystemslib only."""

    def __init__(self):
        self.k = ssl_keys.generate_ed25519_key()
        self.id = self.k["keyid"]
        self.public = {"keytype": "ed25519", "scheme": "ed25519",
                       "keyval": {"public": self.k["keyval"]["public"]}}

    def sign(self, signed):
        return ssl_keys.create_signature(self.k, ssl_formats.encode_canonical(signed).encode())


ROLES = ("root", "timestamp", "snapshot", "targets")


class Repo:
    """A consistent-snapshot TUF repository in a folder: N.root.json, N.snapshot.json,
    N.targets.json, timestamp.json, and targets/<dir>/<sha256>.<name>."""

    def __init__(self, folder):
        self.dir = folder
        self.md = os.path.join(folder, "metadata")
        os.makedirs(self.md)
        os.makedirs(os.path.join(folder, "targets"))
        self.keys = {r: [Key()] for r in ROLES}
        self.threshold = {r: 1 for r in ROLES}
        self.expires = {r: 86400 for r in ROLES}
        self.version = {r: 0 for r in ROLES}
        self.targets = {}
        self.trusted_root_keys = None  # the keys/threshold of the last published root
        self.root_bytes = {}

    def write(self, name, signed, signers):
        doc = {"signatures": [k.sign(signed) for k in signers], "signed": signed}
        data = json.dumps(doc, indent=1).encode()
        with open(os.path.join(self.md, name), "wb") as f:
            f.write(data)
        return data

    def root_signed(self, version):
        keys = {}
        for r in ROLES:
            for k in self.keys[r]:
                keys[k.id] = k.public
        return {"_type": "root", "spec_version": "1.0.31", "version": version,
                "expires": iso(self.expires["root"]), "consistent_snapshot": True, "keys": keys,
                "roles": {r: {"keyids": [k.id for k in self.keys[r]], "threshold": self.threshold[r]}
                          for r in ROLES}}

    def publish_root(self, signers=None, version=None, name_version=None):
        """Root N+1, signed by the previous root's keys and its own (or `signers`)."""
        version = version or self.version["root"] + 1
        signed = self.root_signed(version)
        if signers is None:
            signers = list(self.keys["root"])
            if self.trusted_root_keys:
                signers += [k for k in self.trusted_root_keys if k not in signers]
        data = self.write(f"{name_version or version}.root.json", signed, signers)
        self.version["root"] = version
        self.trusted_root_keys = list(self.keys["root"])
        self.root_bytes[version] = data
        return data

    def add_target(self, name, content, served=None):
        sha = hashlib.sha256(content).hexdigest()
        self.targets[name] = {"length": len(content), "hashes": {"sha256": sha}}
        head, _, tail = name.rpartition("/")
        path = os.path.join(self.dir, "targets", head, f"{sha}.{tail}")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(content if served is None else served)

    def publish_targets(self, signers=None, version=None):
        version = version or self.version["targets"] + 1
        signed = {"_type": "targets", "spec_version": "1.0.31", "version": version,
                  "expires": iso(self.expires["targets"]), "targets": dict(self.targets)}
        data = self.write(f"{version}.targets.json", signed, signers or self.keys["targets"])
        self.version["targets"] = version
        self.targets_bytes = data
        return data

    def publish_snapshot(self, signers=None, version=None, targets_version=None, targets_meta=None):
        version = version or self.version["snapshot"] + 1
        meta = {"version": targets_version or self.version["targets"]}
        meta.update(targets_meta or {})
        signed = {"_type": "snapshot", "spec_version": "1.0.31", "version": version,
                  "expires": iso(self.expires["snapshot"]), "meta": {"targets.json": meta}}
        data = self.write(f"{version}.snapshot.json", signed, signers or self.keys["snapshot"])
        self.version["snapshot"] = version
        self.snapshot_bytes = data
        return data

    def publish_timestamp(self, signers=None, version=None, snapshot_version=None, snapshot_meta=None):
        version = version or self.version["timestamp"] + 1
        meta = {"version": snapshot_version or self.version["snapshot"],
                "length": len(self.snapshot_bytes),
                "hashes": {"sha256": hashlib.sha256(self.snapshot_bytes).hexdigest()}}
        if snapshot_meta is not None:
            meta = dict(snapshot_meta, version=snapshot_version or self.version["snapshot"])
        signed = {"_type": "timestamp", "spec_version": "1.0.31", "version": version,
                  "expires": iso(self.expires["timestamp"]), "meta": {"snapshot.json": meta}}
        data = self.write("timestamp.json", signed, signers or self.keys["timestamp"])
        self.version["timestamp"] = version
        return data

    def publish_all(self):
        self.publish_targets()
        self.publish_snapshot()
        return self.publish_timestamp()


class Server:
    """A static file server on 127.0.0.1 that records the paths asked for."""

    def __init__(self, root):
        self.requests = []
        log = self.requests

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *a, **kw):
                super().__init__(*a, directory=root, **kw)

            def do_GET(self):
                log.append(urllib.parse.unquote(self.path))
                super().do_GET()

            def log_message(self, *a):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class World:
    def __init__(self, workdir):
        self.dir = workdir
        self.repo = Repo(os.path.join(workdir, "repo"))
        self.server = Server(self.repo.dir)
        self.md = os.path.join(workdir, "client-metadata")
        self.tdir = os.path.join(workdir, "client-targets")
        os.makedirs(self.md)
        os.makedirs(self.tdir)

    def client(self, *args):
        p = subprocess.run([os.path.join(BIN, "guichet-sync"), "tuf", "--metadata-dir", self.md, *args],
                           capture_output=True, text=True, timeout=20)
        check(p.returncode in (0, 1), f"client exit {p.returncode}: {p.stderr}")
        return p

    def init(self, root_version=1):
        path = os.path.join(self.dir, "trusted-root.json")
        with open(path, "wb") as f:
            f.write(self.repo.root_bytes[root_version])
        return self.client("init", path).returncode

    def refresh(self):
        return self.client("--metadata-url", self.server.url + "/metadata", "refresh")

    def download(self, name):
        return self.client("--metadata-url", self.server.url + "/metadata", "--target-name", name,
                           "--target-base-url", self.server.url + "/targets", "--target-dir", self.tdir,
                           "download")

    def trusted(self, role):
        path = os.path.join(self.md, f"{role}.json")
        if not os.path.exists(path):
            return None
        with open(path) as f:
            return json.load(f)["signed"]["version"]

    def trusted_bytes(self):
        return {n: open(os.path.join(self.md, n), "rb").read() for n in sorted(os.listdir(self.md))}

    def refresh_ok(self):
        p = self.refresh()
        check(p.returncode == 0, f"refresh failed: {p.stderr.strip()}")

    def refresh_refused(self, why, role):
        """A refresh refused at `role`: exit 1, and neither that role's trusted metadata nor
        any below it changed (the spec keeps what verified before it, e.g. a new timestamp
        when the snapshot it names is refused)."""
        before = self.trusted_bytes()
        p = self.refresh()
        check(p.returncode == 1, f"{why}: refresh exited {p.returncode}, expected 1")
        after = self.trusted_bytes()
        for name in ROLES[ROLES.index(role):]:
            check(before.get(f"{name}.json") == after.get(f"{name}.json"),
                  f"{why}: trusted {name}.json changed by a refused refresh")
        return p

    def start(self):
        """A repository at version 1 of everything, and a client that trusts it."""
        self.repo.publish_root()
        self.repo.add_target("files/hello.txt", b"hello, world\n")
        self.repo.publish_all()
        check(self.init() == 0, "init failed")
        self.refresh_ok()


# ---- cases ------------------------------------------------------------------------------

@case
def refresh_and_download_with_consistent_snapshot_names(w):
    w.start()
    for role, name in (("root", "1.root.json"), ("timestamp", "timestamp.json"),
                       ("snapshot", "1.snapshot.json"), ("targets", "1.targets.json")):
        with open(os.path.join(w.repo.md, name), "rb") as f:
            check(w.trusted_bytes()[f"{role}.json"] == f.read(), f"trusted {role} is not the served one")
    check("/metadata/1.snapshot.json" in w.server.requests and "/metadata/1.targets.json" in w.server.requests,
          f"versioned metadata not asked for: {w.server.requests}")
    check("/metadata/snapshot.json" not in w.server.requests, "unversioned snapshot asked for")
    check(w.download("files/hello.txt").returncode == 0, "download failed")
    with open(os.path.join(w.tdir, "files%2Fhello.txt"), "rb") as f:
        check(f.read() == b"hello, world\n", "downloaded target differs")
    sha = hashlib.sha256(b"hello, world\n").hexdigest()
    check(f"/targets/files/{sha}.hello.txt" in w.server.requests, f"target not hash-prefixed: {w.server.requests}")
    check(w.download("files/absent.txt").returncode == 1, "unknown target downloaded")


@case
def root_rotation_chain_with_thresholds(w):
    r = w.repo
    r.keys["root"] = [Key(), Key(), Key()]
    r.threshold["root"] = 2
    w.start()
    old = r.keys["root"]
    # v2: new keys (2 of 3), signed by two old and two new.
    r.keys["root"] = [Key(), Key(), Key()]
    r.publish_root(signers=old[:2] + r.keys["root"][:2])
    # v3: same keys, signed by two of them.
    r.publish_root(signers=r.keys["root"][1:])
    w.refresh_ok()
    check(w.trusted("root") == 3, f"trusted root {w.trusted('root')}, expected 3")
    # v4 signed by one v3 key only (below the old threshold): refused, root stays 3.
    v3_keys = list(r.keys["root"])
    r.publish_root(signers=v3_keys[:1])
    w.refresh_refused("root below the old threshold", "root")
    check(w.trusted("root") == 3, "root advanced past a below-threshold root")
    # v4 with rotated keys signed by the old threshold but not by its own new keys: refused.
    r.version["root"] = 3
    r.keys["root"] = [Key(), Key(), Key()]
    r.publish_root(signers=v3_keys[:2])
    w.refresh_refused("root not signed by its own keys", "root")
    check(w.trusted("root") == 3, "root advanced without its own signatures")
    # Properly signed v4: accepted.
    r.version["root"] = 3
    r.publish_root(signers=v3_keys[:2] + r.keys["root"][:2])
    w.refresh_ok()
    check(w.trusted("root") == 4, "a proper rotation was not accepted")


@case
def root_n_plus_2_without_n_plus_1(w):
    r = w.repo
    w.start()
    # 3.root.json properly signed, but no 2.root.json: the client stops at the gap.
    r.publish_root(version=3)
    w.refresh_ok()
    check(w.trusted("root") == 1, f"root jumped to {w.trusted('root')}")
    check("/metadata/2.root.json" in w.server.requests, "2.root.json never asked for")
    check("/metadata/3.root.json" not in w.server.requests, "3.root.json fetched without 2")
    # A 2.root.json whose signed version is 3: refused.
    r.version["root"] = 1
    r.trusted_root_keys = list(r.keys["root"])
    r.publish_root(version=3, name_version=2)
    w.refresh_refused("2.root.json claiming version 3", "root")
    check(w.trusted("root") == 1, "root accepted with the wrong version")


@case
def rollback_of_each_role(w):
    r = w.repo
    w.start()
    r.publish_all()  # everything at version 2
    w.refresh_ok()
    check([w.trusted(x) for x in ("timestamp", "snapshot", "targets")] == [2, 2, 2], "not at version 2")
    ts2 = open(os.path.join(r.md, "timestamp.json"), "rb").read()
    # Timestamp: version 1 again.
    r.version["timestamp"] = 0
    r.publish_timestamp()
    w.refresh_refused("timestamp rollback", "timestamp")
    # Snapshot: a newer timestamp naming snapshot version 1.
    with open(os.path.join(r.md, "1.snapshot.json"), "rb") as f:
        r.snapshot_bytes = f.read()
    r.publish_timestamp(version=3, snapshot_version=1)
    w.refresh_refused("snapshot rollback", "timestamp")
    # Targets: a newer snapshot naming targets version 1.
    r.publish_snapshot(version=3, targets_version=1)
    r.publish_timestamp(version=4)
    w.refresh_refused("targets rollback", "snapshot")
    # The timestamps that verified were kept (versions 3 and 4), so the next good update must
    # go beyond them; it is accepted.
    check(w.trusted("timestamp") == 4 and w.trusted("snapshot") == 2 and w.trusted("targets") == 2,
          "refused snapshot or targets were kept")
    r.publish_targets(version=3)
    r.publish_snapshot(version=4)
    r.publish_timestamp(version=5)
    w.refresh_ok()
    check(w.trusted("targets") == 3, f"trusted targets {w.trusted('targets')}")


@case
def expired_metadata_of_each_role(w):
    r = w.repo
    w.start()
    for role in ("timestamp", "snapshot", "targets", "root"):
        r.expires[role] = -3600
        if role == "root":
            r.publish_root()
        r.publish_all()
        # An expired new root is still a verified link of the chain (kept), but the update
        # stops there: nothing below it moves.
        w.refresh_refused(f"expired {role}", "timestamp" if role == "root" else role)
        r.expires[role] = 86400
    r.publish_root()  # a fresh root fixes it
    r.publish_all()
    w.refresh_ok()
    check(w.trusted("root") == 3, f"trusted root {w.trusted('root')}")


@case
def wrong_and_unknown_keys(w):
    r = w.repo
    w.start()
    r.publish_targets()
    r.publish_snapshot()
    r.publish_timestamp(signers=[Key()])
    w.refresh_refused("timestamp signed by an unknown key", "timestamp")
    r.publish_timestamp(signers=r.keys["snapshot"])
    w.refresh_refused("timestamp signed by the snapshot key", "timestamp")
    r.publish_snapshot(signers=r.keys["targets"])
    r.publish_timestamp()
    w.refresh_refused("snapshot signed by the targets key", "snapshot")
    r.publish_snapshot()
    r.publish_timestamp()
    w.refresh_ok()
    r.publish_root(signers=[Key()])
    w.refresh_refused("root signed by an unknown key", "root")
    check(w.trusted("root") == 1, "root advanced with an unknown key")


@case
def below_threshold_signatures(w):
    r = w.repo
    r.keys["targets"] = [Key(), Key()]
    r.threshold["targets"] = 2
    w.start()
    r.add_target("files/new.txt", b"new\n")
    one = r.keys["targets"][:1]
    r.publish_targets(signers=one)
    r.publish_snapshot()
    r.publish_timestamp()
    w.refresh_refused("targets with 1 of 2 signatures", "targets")
    r.publish_targets(signers=one + one)  # the same key twice counts once
    r.publish_snapshot()
    r.publish_timestamp()
    w.refresh_refused("targets signed twice by one key", "targets")
    r.publish_targets()
    r.publish_snapshot()
    r.publish_timestamp()
    w.refresh_ok()
    check(w.trusted("targets") == 4, f"trusted targets {w.trusted('targets')}")


@case
def metadata_length_and_hash_mismatch(w):
    r = w.repo
    w.start()
    r.publish_targets()
    r.publish_snapshot()
    good = r.snapshot_bytes
    r.publish_timestamp(snapshot_meta={"length": len(good),
                                       "hashes": {"sha256": hashlib.sha256(good + b" ").hexdigest()}})
    w.refresh_refused("snapshot hash mismatch", "snapshot")
    r.publish_timestamp(snapshot_meta={"length": len(good) - 10,
                                       "hashes": {"sha256": hashlib.sha256(good).hexdigest()}})
    w.refresh_refused("snapshot longer than declared", "snapshot")
    r.publish_snapshot(targets_meta={"length": len(r.targets_bytes),
                                     "hashes": {"sha256": hashlib.sha256(b"other").hexdigest()}})
    r.publish_timestamp()
    w.refresh_refused("targets hash mismatch", "targets")
    r.publish_snapshot(targets_meta={"length": len(r.targets_bytes),
                                     "hashes": {"sha256": hashlib.sha256(r.targets_bytes).hexdigest()}})
    r.publish_timestamp()
    w.refresh_ok()


@case
def target_length_and_hash_mismatch(w):
    r = w.repo
    w.start()
    r.add_target("files/bad.txt", b"expected\n", served=b"tampered\n")
    r.add_target("files/long.txt", b"short\n", served=b"short\nand much longer than signed\n")
    r.publish_all()
    w.refresh_ok()
    check(w.download("files/bad.txt").returncode == 1, "tampered target accepted")
    check(w.download("files/long.txt").returncode == 1, "over-long target accepted")
    check(os.listdir(w.tdir) == [], f"refused targets left files: {os.listdir(w.tdir)}")
    check(w.download("files/hello.txt").returncode == 0, "good target refused")


@case
def fast_forward_recovery_after_key_rotation(w):
    r = w.repo
    w.start()
    # An attacker holding the timestamp and snapshot keys pushed versions far ahead...
    r.publish_snapshot(version=50)
    r.publish_timestamp(version=100)
    w.refresh_ok()
    check(w.trusted("timestamp") == 100 and w.trusted("snapshot") == 50, "not fast-forwarded")
    # ...the owners rotate the timestamp key and start again at version 1.
    r.keys["timestamp"] = [Key()]
    r.publish_root()
    r.publish_timestamp(version=1, snapshot_version=50)
    w.refresh_ok()
    check(w.trusted("root") == 2 and w.trusted("timestamp") == 1,
          f"timestamp not recovered: root {w.trusted('root')}, timestamp {w.trusted('timestamp')}")
    # Then the snapshot key: snapshot back to version 1.
    r.keys["snapshot"] = [Key()]
    r.publish_root()
    r.publish_snapshot(version=1)
    r.publish_timestamp(version=2)
    w.refresh_ok()
    check(w.trusted("root") == 3 and w.trusted("snapshot") == 1,
          f"snapshot not recovered: root {w.trusted('root')}, snapshot {w.trusted('snapshot')}")


def main():
    return e2e_cases.main(__doc__, CASES, "guichet-tuf", World, lambda w: w.server.stop())


if __name__ == "__main__":
    sys.exit(main())
