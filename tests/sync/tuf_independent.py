#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Our TUF client judged against a publisher that is not ours: repositories are made here with
securesystemslib (Debian's python3-securesystemslib: canonical JSON, Ed25519, ECDSA P-256 and
RSA-PSS keys and signatures) and, for what securesystemslib 0.26 cannot sign (ECDSA P-384),
python3-cryptography directly; they are served by a loopback HTTP server, and `guichet-sync
tuf` is driven exactly through the tuf-conformance client-under-test command line (init /
refresh / download). The real tuf-conformance suite needs python-tuf, which Debian 12 does not
package; these cases follow what it covers: every key type, root rotation across key types,
delegations (nested, terminating, path patterns, hash bins), odd target paths, repositories
without consistent snapshots.

usage: tuf_independent.py BIN_DIR CASE   (CASE "list" prints the case names)"""

import datetime
import hashlib
import http.server
import json
import os
import re
import subprocess
import sys
import threading
import urllib.parse

try:
    from securesystemslib import formats as ssl_formats
    from securesystemslib import keys as ssl_keys
    from cryptography.hazmat.primitives import hashes as crypto_hashes
    from cryptography.hazmat.primitives import serialization as crypto_serialization
    from cryptography.hazmat.primitives.asymmetric import ec as crypto_ec
except ImportError:
    print("tuf_independent.py needs python3-securesystemslib and python3-cryptography "
          "(scripts/debian-packages.txt)")
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
    """A key made and used by securesystemslib (Ed25519, ECDSA P-256, RSA-PSS) or, for ECDSA
    P-384, by python3-cryptography; never by our code."""

    def __init__(self, kind="ed25519"):
        self.kind = kind
        if kind == "ecdsa-p384":
            self.private = crypto_ec.generate_private_key(crypto_ec.SECP384R1())
            pem = self.private.public_key().public_bytes(
                crypto_serialization.Encoding.PEM,
                crypto_serialization.PublicFormat.SubjectPublicKeyInfo).decode()
            self.public = {"keytype": "ecdsa", "scheme": "ecdsa-sha2-nistp384",
                           "keyval": {"public": pem}}
            self.id = hashlib.sha256(ssl_formats.encode_canonical(self.public).encode()).hexdigest()
            return
        # RSA at the specification's floor, 2048 bits: 3072-bit generation costs seconds.
        make = {"ed25519": ssl_keys.generate_ed25519_key, "ecdsa": ssl_keys.generate_ecdsa_key,
                "rsa": lambda: ssl_keys.generate_rsa_key(bits=2048)}[kind]
        self.k = make()
        # securesystemslib 0.26 hashes "keyid_hash_algorithms" into its key ids: the id below
        # is not the hash of the key object we publish, as with real repositories it made.
        self.id = self.k["keyid"]
        self.public = {"keytype": self.k["keytype"], "scheme": self.k["scheme"],
                       "keyval": {"public": self.k["keyval"]["public"]}}

    def sign(self, signed):
        data = ssl_formats.encode_canonical(signed).encode()
        if self.kind == "ecdsa-p384":
            sig = self.private.sign(data, crypto_ec.ECDSA(crypto_hashes.SHA384()))
            return {"keyid": self.id, "sig": sig.hex()}
        return ssl_keys.create_signature(self.k, data)


ROLES = ("root", "timestamp", "snapshot", "targets")


class Forged:
    """A key's signatures presented under another key id (an impostor, or one key listed
    twice)."""

    def __init__(self, key, claimed_id):
        self.key, self.id = key, claimed_id

    def sign(self, signed):
        return dict(self.key.sign(signed), keyid=self.id)


class Role:
    """A delegated targets role: its keys, targets, own delegations and version."""

    def __init__(self, keys, threshold=1):
        self.keys = keys
        self.threshold = threshold
        self.targets = {}
        self.delegations = None
        self.version = 0
        self.expires = 86400


def delegation(name, keys, paths=None, hash_prefixes=None, terminating=False, threshold=1):
    """One entry of a delegations "roles" list."""
    entry = {"name": name, "keyids": [k.id for k in keys], "threshold": threshold,
             "terminating": terminating}
    if hash_prefixes is not None:
        entry["path_hash_prefixes"] = hash_prefixes
    else:
        entry["paths"] = paths
    return entry


def delegations(entries, keys):
    return {"keys": {k.id: k.public for k in keys}, "roles": entries}


class Repo:
    """A TUF repository in a folder: N.root.json, N.snapshot.json, N.targets.json, N.ROLE.json,
    timestamp.json, and targets/<dir>/<sha256>.<name> (or, without consistent snapshots,
    snapshot.json, targets.json, ROLE.json and targets/<path>)."""

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
        self.consistent = True
        self.spec_version = "1.0.31"
        self.extra_keys = {}       # key id -> key object, listed in root beside the role keys
        self.extra_keyids = {r: [] for r in ROLES}
        self.delegations = None    # the top-level targets' delegations
        self.roles = {}            # name -> Role
        self.meta_hashes = True    # length and hashes in timestamp's and snapshot's meta
        self.consistent_field = True  # False: root leaves out the optional consistent_snapshot

    def write(self, name, signed, signers):
        doc = {"signatures": [k.sign(signed) for k in signers], "signed": signed}
        data = json.dumps(doc, indent=1).encode()
        path = os.path.join(self.md, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        return data

    def name(self, role, version):
        return f"{version}.{role}.json" if self.consistent else f"{role}.json"

    def root_signed(self, version):
        keys = dict(self.extra_keys)
        for r in ROLES:
            for k in self.keys[r]:
                keys[k.id] = k.public
        signed = {"_type": "root", "spec_version": self.spec_version, "version": version,
                  "expires": iso(self.expires["root"]), "consistent_snapshot": self.consistent,
                  "keys": keys,
                  "roles": {r: {"keyids": [k.id for k in self.keys[r]] + self.extra_keyids[r],
                                "threshold": self.threshold[r]}
                            for r in ROLES}}
        if not self.consistent_field:
            del signed["consistent_snapshot"]
        return signed

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

    def add_target(self, name, content, served=None, role=None):
        sha = hashlib.sha256(content).hexdigest()
        (self.roles[role].targets if role else self.targets)[name] = {
            "length": len(content), "hashes": {"sha256": sha}}
        head, _, tail = name.rpartition("/")
        file = f"{sha}.{tail}" if self.consistent else tail
        path = os.path.join(self.dir, "targets", head, file)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(content if served is None else served)

    def publish_targets(self, signers=None, version=None):
        version = version or self.version["targets"] + 1
        signed = {"_type": "targets", "spec_version": self.spec_version, "version": version,
                  "expires": iso(self.expires["targets"]), "targets": dict(self.targets)}
        if self.delegations is not None:
            signed["delegations"] = self.delegations
        data = self.write(self.name("targets", version), signed, signers or self.keys["targets"])
        self.version["targets"] = version
        self.targets_bytes = data
        return data

    def publish_role(self, name, signers=None, version=None, expires=None):
        r = self.roles[name]
        r.version = version or r.version + 1
        signed = {"_type": "targets", "spec_version": self.spec_version, "version": r.version,
                  "expires": iso(expires if expires is not None else r.expires),
                  "targets": dict(r.targets)}
        if r.delegations is not None:
            signed["delegations"] = r.delegations
        return self.write(self.name(name, r.version), signed, signers or r.keys)

    def publish_snapshot(self, signers=None, version=None, targets_version=None, targets_meta=None,
                         role_versions=None):
        version = version or self.version["snapshot"] + 1
        meta = {"version": targets_version or self.version["targets"]}
        meta.update(targets_meta or {})
        entries = {"targets.json": meta}
        for name, r in self.roles.items():
            v = (role_versions or {}).get(name, r.version)
            if v:
                entries[f"{name}.json"] = {"version": v}
        signed = {"_type": "snapshot", "spec_version": self.spec_version, "version": version,
                  "expires": iso(self.expires["snapshot"]), "meta": entries}
        data = self.write(self.name("snapshot", version), signed, signers or self.keys["snapshot"])
        self.version["snapshot"] = version
        self.snapshot_bytes = data
        return data

    def publish_timestamp(self, signers=None, version=None, snapshot_version=None, snapshot_meta=None):
        version = version or self.version["timestamp"] + 1
        meta = {"version": snapshot_version or self.version["snapshot"]}
        if self.meta_hashes:
            meta.update({"length": len(self.snapshot_bytes),
                         "hashes": {"sha256": hashlib.sha256(self.snapshot_bytes).hexdigest()}})
        if snapshot_meta is not None:
            meta = dict(snapshot_meta, version=snapshot_version or self.version["snapshot"])
        signed = {"_type": "timestamp", "spec_version": self.spec_version, "version": version,
                  "expires": iso(self.expires["timestamp"]), "meta": {"snapshot.json": meta}}
        data = self.write("timestamp.json", signed, signers or self.keys["timestamp"])
        self.version["timestamp"] = version
        return data

    def publish_all(self):
        for name in self.roles:
            self.publish_role(name)
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

    def downloaded(self, name):
        """The bytes the client saved for target `name`, or None."""
        path = os.path.join(self.tdir, urllib.parse.quote(name, safe=""))
        if not os.path.exists(path):
            return None
        with open(path, "rb") as f:
            return f.read()

    def download_ok(self, name, content):
        p = self.download(name)
        check(p.returncode == 0, f"download of {name} failed: {p.stderr.strip()}")
        check(self.downloaded(name) == content, f"{name}: downloaded bytes differ")

    def download_refused(self, name, why):
        p = self.download(name)
        check(p.returncode == 1, f"{why}: download of {name} exited {p.returncode}, expected 1")
        check(self.downloaded(name) is None, f"{why}: {name} was saved")
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
def next_root_file_holding_the_trusted_version(w):
    """Spec 5.3.5: N+1.root.json whose signed version is N (properly signed) is discarded and
    the update goes on with the trusted root; one holding a lower version is a rollback."""
    r = w.repo
    w.start()
    r.expires["root"] = 7 * 86400  # not byte for byte the trusted root 1
    r.publish_root(version=1, name_version=2)
    r.publish_all()
    w.refresh_ok()
    check(w.trusted("root") == 1 and w.trusted("timestamp") == 2,
          f"root {w.trusted('root')}, timestamp {w.trusted('timestamp')}")
    r.publish_root(version=2)  # a real version 2 replaces the odd file
    w.refresh_ok()
    check(w.trusted("root") == 2, f"trusted root {w.trusted('root')}")
    r.publish_root(version=1, name_version=3)
    w.refresh_refused("3.root.json holding version 1", "root")
    check(w.trusted("root") == 2, f"trusted root {w.trusted('root')}")


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


# ---- key types ----------------------------------------------------------------------------

def every_role_with(w, kind):
    r = w.repo
    r.keys = {x: [Key(kind)] for x in ROLES}
    w.start()
    w.download_ok("files/hello.txt", b"hello, world\n")
    # A signature by another key of the same type, claiming the timestamp key's id: refused.
    impostor = Forged(Key(kind), r.keys["timestamp"][0].id)
    r.publish_targets()
    r.publish_snapshot()
    r.publish_timestamp(signers=[impostor])
    w.refresh_refused(f"timestamp signed by another {kind} key", "timestamp")
    # Flipped bits in a genuine signature: refused.
    good = r.publish_timestamp()
    doc = json.loads(good)
    sig = bytearray(bytes.fromhex(doc["signatures"][0]["sig"]))
    sig[len(sig) // 2] ^= 1
    doc["signatures"][0]["sig"] = sig.hex()
    with open(os.path.join(r.md, "timestamp.json"), "w") as f:
        json.dump(doc, f)
    w.refresh_refused(f"{kind} signature with a flipped bit", "timestamp")
    r.publish_timestamp()
    w.refresh_ok()
    check(w.trusted("timestamp") == r.version["timestamp"], "a good timestamp was not taken")


@case
def ecdsa_p256_keys_for_every_role(w):
    every_role_with(w, "ecdsa")
    check(w.repo.keys["root"][0].public["scheme"] == "ecdsa-sha2-nistp256", "not P-256")


@case
def ecdsa_p384_keys_for_every_role(w):
    every_role_with(w, "ecdsa-p384")


@case
def rsa_pss_keys_for_every_role(w):
    every_role_with(w, "rsa")
    check(w.repo.keys["root"][0].public["scheme"] == "rsassa-pss-sha256", "not RSA-PSS")


@case
def mixed_key_types_with_thresholds(w):
    r = w.repo
    r.keys["root"] = [Key("ed25519"), Key("ecdsa"), Key("rsa")]
    r.threshold["root"] = 2
    r.keys["targets"] = [Key("ecdsa"), Key("rsa"), Key("ecdsa-p384")]
    r.threshold["targets"] = 3
    w.start()
    r.add_target("files/new.txt", b"new\n")
    r.publish_targets(signers=r.keys["targets"][:2])
    r.publish_snapshot()
    r.publish_timestamp()
    w.refresh_refused("targets with 2 of 3 signatures of mixed types", "targets")
    r.publish_targets()
    r.publish_snapshot()
    r.publish_timestamp()
    w.refresh_ok()
    w.download_ok("files/new.txt", b"new\n")
    # Root v2 signed by the Ed25519 and RSA keys (2 of 3, two types): taken.
    r.publish_root(signers=[r.keys["root"][0], r.keys["root"][2]])
    w.refresh_ok()
    check(w.trusted("root") == 2, f"trusted root {w.trusted('root')}")


@case
def root_rotation_from_ed25519_to_ecdsa_through_an_expired_root(w):
    r = w.repo
    w.start()
    old = list(r.keys["root"])
    # v2: two ECDSA root keys (both must sign), signed by the old Ed25519 key and both new
    # ones; it has expired by the time the client walks the chain.
    r.keys["root"] = [Key("ecdsa"), Key("ecdsa")]
    r.threshold["root"] = 2
    r.expires["root"] = -3600
    r.publish_root(signers=old + r.keys["root"])
    # v3: the ECDSA keys alone; the other roles move to ECDSA and RSA keys too.
    r.expires["root"] = 86400
    r.keys["timestamp"] = [Key("ecdsa")]
    r.keys["snapshot"] = [Key("rsa")]
    r.keys["targets"] = [Key("ecdsa")]
    r.publish_root(signers=r.keys["root"])
    r.add_target("files/after.txt", b"after rotation\n")
    r.publish_all()
    w.refresh_ok()
    check(w.trusted("root") == 3, f"trusted root {w.trusted('root')}, expected 3")
    w.download_ok("files/after.txt", b"after rotation\n")
    # v4 signed by one ECDSA key only (threshold 2): refused, root stays 3.
    r.publish_root(signers=r.keys["root"][:1])
    w.refresh_refused("root v4 with 1 of 2 ECDSA signatures", "root")
    check(w.trusted("root") == 3, "root advanced below threshold")


@case
def duplicate_signatures_count_once(w):
    r = w.repo
    r.keys["targets"] = [Key("ecdsa"), Key("ecdsa")]
    r.threshold["targets"] = 2
    w.start()
    k1, k2 = r.keys["targets"]
    r.add_target("files/x.txt", b"x")
    r.publish_targets(signers=[k1, k1])
    r.publish_snapshot()
    r.publish_timestamp()
    w.refresh_refused("one key's signature twice", "targets")
    # One key listed under two key ids in root: its two signatures are still one key's.
    r.extra_keys = {"a" * 64: k1.public}
    r.extra_keyids["targets"] = ["a" * 64]
    r.keys["targets"] = [k1]
    r.publish_root()
    r.publish_targets(signers=[k1, Forged(k1, "a" * 64)])
    r.publish_snapshot()
    r.publish_timestamp()
    w.refresh_refused("one key listed under two ids", "targets")
    r.extra_keys, r.extra_keyids["targets"] = {}, []
    r.keys["targets"] = [k1, k2]
    r.publish_root()
    r.publish_targets()
    r.publish_snapshot()
    r.publish_timestamp()
    w.refresh_ok()
    w.download_ok("files/x.txt", b"x")


@case
def unknown_key_types_count_as_no_signature(w):
    r = w.repo
    unknown = {"b" * 64: {"keytype": "sphincs", "scheme": "sphincs-shake-128s",
                          "keyval": {"public": "00" * 32}},
               "c" * 64: {"keytype": "x-hsm", "scheme": "x-hsm-v1", "keyval": {"handle": 7}}}
    r.extra_keys = unknown
    r.extra_keyids["timestamp"] = list(unknown)
    w.start()  # threshold 1: the Ed25519 key alone is enough, the unknown keys are ignored
    ts_key = r.keys["timestamp"][0]

    class Junk:
        def __init__(self, keyid):
            self.id = keyid

        def sign(self, signed):
            return {"keyid": self.id, "sig": "00" * 64}

    r.publish_timestamp(signers=[ts_key, Junk("b" * 64), Junk("c" * 64)])
    w.refresh_ok()
    r.threshold["timestamp"] = 2
    r.publish_root()
    r.publish_timestamp(signers=[ts_key, Junk("b" * 64)])
    w.refresh_refused("threshold 2 reached only with an unknown key type", "timestamp")


# ---- delegations --------------------------------------------------------------------------

@case
def delegations_nested_and_terminating(w):
    r = w.repo
    a, b, a1 = Role([Key("ecdsa")]), Role([Key("rsa")]), Role([Key()])
    r.roles = {"a": a, "b": b, "a1": a1}
    r.delegations = delegations([delegation("a", a.keys, ["shared/*"]),
                                 delegation("b", b.keys, ["shared/*"])], a.keys + b.keys)
    a.delegations = delegations([delegation("a1", a1.keys, ["shared/*"], terminating=True)], a1.keys)
    w.start()
    r.add_target("shared/one.txt", b"from a1", role="a1")
    r.add_target("shared/two.txt", b"from b", role="b")
    r.publish_all()
    w.refresh_ok()
    w.download_ok("shared/one.txt", b"from a1")
    check(os.path.exists(os.path.join(w.md, "a.json")) and os.path.exists(os.path.join(w.md, "a1.json")),
          "nested roles not kept")
    # a1 is terminating: b is never asked about shared/two.txt.
    w.server.requests.clear()
    w.download_refused("shared/two.txt", "a target behind a terminating role")
    check(not any(q.endswith(".b.json") for q in w.server.requests), f"b was fetched: {w.server.requests}")
    a.delegations = delegations([delegation("a1", a1.keys, ["shared/*"])], a1.keys)
    r.publish_all()
    w.download_ok("shared/two.txt", b"from b")
    # A target the top-level targets lists is found there, before any delegation.
    r.add_target("shared/one.txt", b"central")
    r.publish_all()
    w.download_ok("shared/one.txt", b"central")


@case
def delegation_path_patterns(w):
    r = w.repo
    docs = Role([Key("ecdsa")])
    r.roles = {"docs": docs}
    r.delegations = delegations(
        [delegation("docs", docs.keys, ["docs/*.pdf", "docs/v?/*", "img/[!x]*.png"])], docs.keys)
    w.start()
    files = {"docs/a.pdf": True, "docs/sub/a.pdf": False, "docs/v1/readme": True,
             "docs/v10/readme": False, "img/a.png": True, "img/x.png": False, "docs/a.pdfx": False}
    for name in files:
        r.add_target(name, name.encode(), role="docs")
    r.publish_all()
    w.refresh_ok()
    for name, covered in files.items():
        if covered:
            w.download_ok(name, name.encode())
        else:
            w.download_refused(name, f"{name} is outside the delegated patterns")


def bin_names(prefix, bit_length):
    """TAP 15's names, computed here independently: NAME_PREFIX-<hex>, zero-padded."""
    width = len(f"{2 ** bit_length - 1:x}")
    return [f"{prefix}-{i:0{width}x}" for i in range(2 ** bit_length)]


def bin_of(path, prefix, bit_length):
    first = int.from_bytes(hashlib.sha256(path.encode()).digest()[:4], "big")
    return bin_names(prefix, bit_length)[first >> (32 - bit_length)]


@case
def hash_bin_delegations(w):
    r = w.repo
    # path_hash_prefixes: 16 bins by the first hex digit of the path's SHA-256.
    bin_key = Key("ecdsa")
    names = [f"hb-{d}" for d in "0123456789abcdef"]
    r.roles = {n: Role([bin_key]) for n in names}
    r.delegations = delegations([delegation(n, [bin_key], hash_prefixes=[n[-1]]) for n in names],
                                [bin_key])
    w.start()
    paths = [f"packages/p{i}.tar" for i in range(6)]
    for p in paths:
        r.add_target(p, p.encode(), role="hb-" + hashlib.sha256(p.encode()).hexdigest()[0])
    wrong = "packages/misfiled.tar"
    right_bin = hashlib.sha256(wrong.encode()).hexdigest()[0]
    r.add_target(wrong, b"misfiled", role="hb-" + ("0" if right_bin != "0" else "1"))
    r.publish_all()
    w.refresh_ok()
    for p in paths:
        w.download_ok(p, p.encode())
    w.download_refused(wrong, "a target listed in a bin its hash does not fall into")
    # TAP 15 succinct_roles, bit length 3: the bins' names and membership computed here.
    succ_key = Key("rsa")
    r.delegations = {"keys": {succ_key.id: succ_key.public},
                     "succinct_roles": {"keyids": [succ_key.id], "threshold": 1,
                                        "bit_length": 3, "name_prefix": "bins"}}
    r.roles = {n: Role([succ_key]) for n in bin_names("bins", 3)}
    # Versions carried on: a snapshot may not drop the hb-* roles it listed (§5.5.5).
    for n in names:
        r.roles[n] = Role([bin_key])
        r.roles[n].version = 1
    for p in paths:
        r.add_target(p, b"succinct " + p.encode(), role=bin_of(p, "bins", 3))
    r.publish_all()
    w.refresh_ok()
    for p in paths:
        w.download_ok(p, b"succinct " + p.encode())


@case
def delegated_role_tampered_expired_rolled_back(w):
    r = w.repo
    region = Role([Key("ecdsa")])
    r.roles = {"region": region}
    r.delegations = delegations([delegation("region", region.keys, ["regions/x/*"], terminating=True)],
                                region.keys)
    w.start()
    r.add_target("regions/x/notice.txt", b"v2 notice", role="region")
    r.publish_all()  # region v2
    w.refresh_ok()
    w.download_ok("regions/x/notice.txt", b"v2 notice")

    def bump_and_check(why):
        r.publish_targets()
        r.publish_snapshot()
        r.publish_timestamp()
        w.refresh_ok()
        saved = os.path.join(w.tdir, urllib.parse.quote("regions/x/notice.txt", safe=""))
        if os.path.exists(saved):
            os.remove(saved)
        return w.download_refused("regions/x/notice.txt", why)

    # Signed by a key the delegation does not list.
    r.publish_role("region", signers=[Key("ecdsa")])
    bump_and_check("region signed by another key")
    # Expired.
    r.publish_role("region", expires=-60)
    bump_and_check("expired region metadata")
    # A version other than snapshot's: snapshot names v6, the file says v7.
    region.version = 6
    signed = {"_type": "targets", "spec_version": "1.0.31", "version": 7, "expires": iso(86400),
              "targets": dict(region.targets)}
    r.write("6.region.json", signed, region.keys)
    bump_and_check("region version other than snapshot's")
    # Rolled back: a snapshot naming an older region version is refused outright.
    r.publish_role("region")  # v7, good
    r.publish_targets()
    r.publish_snapshot()
    r.publish_timestamp()
    w.refresh_ok()
    w.download_ok("regions/x/notice.txt", b"v2 notice")
    r.publish_snapshot(role_versions={"region": 2})
    r.publish_timestamp()
    w.refresh_refused("snapshot rolling region back to v2", "snapshot")


@case
def fast_forward_recovery_of_a_delegated_role(w):
    r = w.repo
    region = Role([Key()])
    r.roles = {"region": region}
    r.delegations = delegations([delegation("region", region.keys, ["regions/x/*"])], region.keys)
    w.start()
    r.add_target("regions/x/a.txt", b"a", role="region")
    # Keys leaked: the attacker pushed region to version 60 in a snapshot.
    r.publish_role("region", version=60)
    r.publish_targets()
    r.publish_snapshot()
    r.publish_timestamp()
    w.refresh_ok()
    # Recovery: new snapshot key (root v2), region starts over at 1.
    r.keys["snapshot"] = [Key("ecdsa")]
    r.publish_root()
    r.publish_role("region", version=1)
    r.publish_targets()
    r.publish_snapshot()
    r.publish_timestamp()
    w.refresh_ok()
    w.download_ok("regions/x/a.txt", b"a")


@case
def delegated_target_length_and_hash_mismatch(w):
    """Targets listed by a delegated role two levels down are held to their signed length and
    hashes like any other (§5.7.3)."""
    r = w.repo
    outer, inner = Role([Key("ecdsa")]), Role([Key("rsa")])
    r.roles = {"outer": outer, "inner": inner}
    r.delegations = delegations([delegation("outer", outer.keys, ["deleg/*"])], outer.keys)
    outer.delegations = delegations([delegation("inner", inner.keys, ["deleg/*"])], inner.keys)
    w.start()
    r.add_target("deleg/good.txt", b"good\n", role="inner")
    r.add_target("deleg/bad.txt", b"expected\n", served=b"tampered\n", role="inner")
    r.add_target("deleg/long.txt", b"short\n", served=b"short\nand much longer than signed\n",
                 role="inner")
    r.publish_all()
    w.refresh_ok()
    w.download_refused("deleg/bad.txt", "tampered target of a delegated role")
    w.download_refused("deleg/long.txt", "over-long target of a delegated role")
    check(os.listdir(w.tdir) == [], f"refused targets left files: {os.listdir(w.tdir)}")
    w.download_ok("deleg/good.txt", b"good\n")


@case
def odd_role_names_get_safe_local_names(w):
    """ROLENAME is any string (§4.5). Roles named like paths, dots, UTF-8 and 200 characters are
    fetched (percent-encoded) and kept in the client's metadata folder under names that neither
    climb, hide nor nest; nothing is written outside it."""
    r = w.repo
    odd = ["a/b", "..", "../x", "r\u00e9gion", "x y", "%2e%2e", ".hidden", "n" * 200, "~x"]
    key = Key("ecdsa")
    r.roles = {n: Role([key]) for n in odd}
    r.delegations = delegations([delegation(n, [key], [f"odd/{i}"]) for i, n in enumerate(odd)],
                                [key])
    w.start()
    for i, n in enumerate(odd):
        r.add_target(f"odd/{i}", n.encode(), role=n)
    r.publish_all()

    def outside():
        seen = set()
        for top, dirs, files in os.walk(w.dir):
            if top.startswith(w.md) or top.startswith(w.tdir):
                continue
            seen.update(os.path.join(top, f) for f in files + dirs)
        return seen

    before = outside()
    for i, n in enumerate(odd):
        w.download_ok(f"odd/{i}", n.encode())
    check(outside() == before, "files written outside the client's folders")
    kept = os.listdir(w.md)
    for name in kept:
        check(os.path.isfile(os.path.join(w.md, name)), f"{name!r} is not a plain file")
        check(not name.startswith(".") and len(name) <= 70, f"unsafe local name {name!r}")
    check(len(kept) == 4 + len(odd), f"one file per role expected: {sorted(kept)}")


@case
def delegation_cycle_and_100_deep_chain_are_bounded(w):
    """§5.6.7.1: a role visited before is skipped (a cycle ends) and at most 32 roles are
    visited per lookup (a 100-deep chain is refused cleanly, with a bounded number of
    requests)."""
    r = w.repo
    key = Key()
    r.roles = {"a": Role([key]), "b": Role([key])}
    r.roles["a"].delegations = delegations([delegation("b", [key], ["*"])], [key])
    r.roles["b"].delegations = delegations([delegation("a", [key], ["*"])], [key])
    r.delegations = delegations([delegation("a", [key], ["*"])], [key])
    w.start()
    w.download_refused("missing", "a target nobody lists, behind a cycle")
    depth = 100
    for i in range(depth):
        r.roles[f"r{i}"] = Role([key])
    for i in range(depth - 1):
        r.roles[f"r{i}"].delegations = delegations([delegation(f"r{i + 1}", [key], ["deep/*"])],
                                                   [key])
    r.delegations = delegations([delegation("r0", [key], ["deep/*"])], [key])
    r.add_target("deep/x", b"x", role=f"r{depth - 1}")
    r.publish_all()
    w.refresh_ok()
    w.server.requests.clear()
    p = w.download_refused("deep/x", "a target 100 delegations deep")
    check("limit" in p.stderr, f"not refused by the limit: {p.stderr.strip()}")
    fetched = [q for q in w.server.requests if re.fullmatch(r"/metadata/\d+\.r\d+\.json", q)]
    check(len(fetched) <= 32, f"{len(fetched)} delegated roles fetched for one lookup")


# ---- repository shapes --------------------------------------------------------------------

@case
def odd_but_legal_target_paths(w):
    w.start()
    r = w.repo
    names = ["files/a b#c?%d.txt", "fichiers/\u00e9t\u00e9 \u00e0 Montr\u00e9al.txt",
             "x/+&=;,@!$'()~.bin", "files/%2e%2e/x.txt", "k/\u0627\u0644\u0647\u062c\u0631\u0629.md"]
    for n in names:
        r.add_target(n, n.encode())
    r.publish_all()
    w.refresh_ok()
    for n in names:
        w.download_ok(n, n.encode())


@case
def without_consistent_snapshots(w):
    r = w.repo
    r.consistent = False
    region = Role([Key("ecdsa")])
    r.roles = {"region": region}
    r.delegations = delegations([delegation("region", region.keys, ["regions/x/*"])], region.keys)
    w.start()
    r.add_target("regions/x/n.txt", b"plain names", role="region")
    r.publish_all()
    w.server.requests.clear()
    w.download_ok("regions/x/n.txt", b"plain names")
    check("/metadata/snapshot.json" in w.server.requests and "/metadata/targets.json" in w.server.requests
          and "/metadata/region.json" in w.server.requests, f"plain names not asked for: {w.server.requests}")
    check("/targets/regions/x/n.txt" in w.server.requests, f"target not at its plain name: {w.server.requests}")


@case
def consistent_snapshot_left_out_means_false(w):
    """consistent_snapshot is OPTIONAL in root (§4.3): left out, the repository has plain
    names."""
    r = w.repo
    r.consistent, r.consistent_field = False, False
    w.start()
    check("consistent_snapshot" not in json.load(open(os.path.join(w.md, "root.json")))["signed"],
          "root still has consistent_snapshot")
    r.add_target("files/plain.txt", b"plain")
    r.publish_all()
    w.server.requests.clear()
    w.download_ok("files/plain.txt", b"plain")
    check("/metadata/snapshot.json" in w.server.requests and "/targets/files/plain.txt" in w.server.requests,
          f"plain names not asked for: {w.server.requests}")


@case
def meta_without_length_or_hashes(w):
    r = w.repo
    r.meta_hashes = False
    w.start()
    ts = json.load(open(os.path.join(r.md, "timestamp.json")))
    check(set(ts["signed"]["meta"]["snapshot.json"]) == {"version"}, "meta still has length/hashes")
    r.add_target("files/more.txt", b"more")
    r.publish_all()
    w.download_ok("files/more.txt", b"more")


@case
def spec_version_major_is_checked(w):
    r = w.repo
    w.start()
    # Semantic versioning (§4.3): a major version of 1, pre-release and build parts allowed.
    for version, ok in (("1.0", True), ("1.99.7", True), ("1.0.0-rc1", True),
                        ("1.0.32+build.5", True), ("2.0.0", False), ("2.0.0-rc1", False),
                        ("0.9.0", False), ("1", False), ("1.0.0-", False), ("1.x.0", False),
                        ("one", False)):
        r.spec_version = version
        r.publish_all()
        p = w.refresh()
        check((p.returncode == 0) == ok, f"spec_version {version}: exit {p.returncode}")
        if not ok:
            r.spec_version = "1.0.31"
            r.publish_all()
            w.refresh_ok()


@case
def unknown_fields_are_signed_as_received(w):
    """Fields the specification does not define, anywhere in `signed` (top level, keys, roles,
    targets, meta), nested, with non-ASCII text: signatures are over the canonical form of the
    metadata as received, so they verify and the fields stay; an unknown field changed after
    signing breaks the signature like any other."""
    r = w.repo
    original = r.write
    extra = {"note": "Caf\u00e9 \u2013 \u00fc \"quoted\" back\\slash", "list": [3, "a", None, True],
             "empty": {}}

    def write(name, signed, signers):
        signed = json.loads(json.dumps(signed))
        signed["x-vendor"] = extra
        for k in signed.get("keys", {}).values():
            k["x-key-extra"] = "unused"
        for role in signed.get("roles", {}).values():
            role["x-role-extra"] = 1
        for t in signed.get("targets", {}).values():
            t["x-target-extra"] = ["kept"]
        for m in signed.get("meta", {}).values():
            m["x-meta-extra"] = "1"
        return original(name, signed, signers)

    r.write = write
    w.start()
    w.download_ok("files/hello.txt", b"hello, world\n")
    kept = json.load(open(os.path.join(w.md, "targets.json")))["signed"]
    check(kept["x-vendor"] == extra, f"unknown fields not kept as received: {kept.get('x-vendor')}")
    r.add_target("files/second.txt", b"second\n")
    r.publish_all()
    path = os.path.join(r.md, r.name("targets", r.version["targets"]))
    doc = json.load(open(path))
    doc["signed"]["x-vendor"]["note"] = "changed after signing"
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)
    w.refresh_refused("an unknown field changed after signing", "targets")


def main():
    return e2e_cases.main(__doc__, CASES, "guichet-tuf", World, lambda w: w.server.stop())


if __name__ == "__main__":
    sys.exit(main())
