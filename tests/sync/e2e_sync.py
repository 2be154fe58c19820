#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end tests of guichet-publish and guichet-sync: a real nginx on 127.0.0.1 serves a
published repository, with our fault-injecting proxy in front where a case needs faults.

usage: e2e_sync.py BIN_DIR CASE   (CASE "list" prints the case names)

Every case ends with the live store passing PRAGMA integrity_check, at the expected content
version, with the trusted TUF metadata naming exactly that store, and (for fault cases) the
failure recorded in STATE/sync/status.json."""

import grp
import hashlib
import http.client
import http.server
import json
import os
import pwd
import random
import resource
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import e2e_cases  # noqa: E402
from e2e_cases import Fail, check  # noqa: E402,F401

BIN = sys.argv[1] if len(sys.argv) > 1 else None
CASES = e2e_cases.CaseList()
case = CASES.case


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sha256_file(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


# ---- content stores ---------------------------------------------------------------------

def make_store(path, version, items=3000, changed_every=0):
    """A content-store-shaped SQLite file: version-specific, checkable by a reader."""
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    db.executescript("""
        PRAGMA user_version = 1;
        CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT NOT NULL);
        CREATE TABLE items(id INTEGER PRIMARY KEY, version INTEGER NOT NULL, body TEXT NOT NULL);
    """)
    db.execute("INSERT INTO meta VALUES('content_version', ?)", (str(version),))
    rng = random.Random(1234)
    rows = []
    for i in range(1, items + 1):
        words = " ".join(rng.choice(["derechos", "trabajo", "retorno", "migrante", "oficina", "programa",
                                     "visa", "salud", "escuela", "familia"]) for _ in range(40))
        v = version if (changed_every and i % changed_every == 0) or not changed_every else 1
        rows.append((i, v, f"item {i} v{v}: {words}"))
    db.executemany("INSERT INTO items VALUES(?,?,?)", rows)
    db.commit()
    db.close()


def applied_version(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(db.execute("SELECT value FROM applied_state WHERE key = 'version'").fetchone()[0])
    finally:
        db.close()


def store_facts(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        ok = db.execute("PRAGMA integrity_check").fetchone()[0]
        version = int(db.execute("SELECT v FROM meta WHERE k='content_version'").fetchone()[0])
        return ok, version
    finally:
        db.close()


# ---- nginx and the fault proxy ----------------------------------------------------------

class Nginx:
    def __init__(self, root, workdir, tls=None):
        self.port = free_port()
        listen = f"127.0.0.1:{self.port}" + (" ssl" if tls else "")
        tls_lines = f"ssl_certificate {tls[0]}; ssl_certificate_key {tls[1]};" if tls else ""
        self.prefix = os.path.join(workdir, "nginx")
        os.makedirs(os.path.join(self.prefix, "tmp"), exist_ok=True)
        conf = os.path.join(self.prefix, "nginx.conf")
        p = self.prefix
        # As root, workers would drop to "nobody" and could not read our 0700 temp folder.
        user_line = f"user {pwd.getpwuid(os.getuid()).pw_name} {grp.getgrgid(os.getgid()).gr_name};" \
            if os.geteuid() == 0 else ""
        with open(conf, "w") as f:
            f.write(f"""
daemon off;
{user_line}
worker_processes 1;
pid {p}/nginx.pid;
error_log {p}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log {p}/access.log;
    client_body_temp_path {p}/tmp/body;
    proxy_temp_path {p}/tmp/proxy;
    fastcgi_temp_path {p}/tmp/fastcgi;
    uwsgi_temp_path {p}/tmp/uwsgi;
    scgi_temp_path {p}/tmp/scgi;
    default_type application/octet-stream;
    server {{
        listen {listen};
        {tls_lines}
        root {root};
        location = /metadata/timestamp.json {{ add_header Cache-Control "max-age=60"; }}
        location / {{ add_header Cache-Control "max-age=31536000, immutable"; }}
    }}
}}
""")
        self.proc = subprocess.Popen(["/usr/sbin/nginx", "-c", conf, "-p", p],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.time() + 5
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                if self.proc.poll() is not None:
                    raise Fail("nginx did not start: " + self.proc.stderr.read().decode())
                time.sleep(0.05)
        raise Fail("nginx did not listen in 5 s")

    def access_log(self):
        path = os.path.join(self.prefix, "access.log")
        return open(path).read().splitlines() if os.path.exists(path) else []

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class Proxy:
    """Forwards to nginx; `mode` picks a fault: None, drop:N, drip, status:CODE[:RETRY_AFTER],
    portal, truncate-metadata, ignore-range, serve:PATH=FILE (a fixed body for one path),
    etag:VALUE (every answer's ETag, bytes that need not be UTF-8)."""

    def __init__(self, upstream_port):
        proxy = self
        self.mode = None
        self.requests = []
        self.proxied = 0

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                if self.path.startswith("http://"):  # used as an HTTP proxy: absolute URI
                    self.path = "/" + self.path.split("/", 3)[3]
                    proxy.proxied += 1
                proxy.requests.append((self.path, self.headers.get("Range"), self.headers.get("If-None-Match")))
                mode = proxy.mode or ""
                is_target = self.path.startswith("/targets/")
                if mode.startswith("status:"):
                    parts = mode.split(":")
                    self.send_response(int(parts[1]))
                    if len(parts) > 2:
                        self.send_header("Retry-After", parts[2])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if mode == "portal":
                    body = b"<html><body>Welcome to FreeWifi. Please log in.</body></html>"
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                if mode.startswith("serve:"):
                    path, _, file = mode[6:].partition("=")
                    if self.path == path:
                        body = open(file, "rb").read()
                        self.send_response(200)
                        self.send_header("Content-Length", str(len(body)))
                        self.end_headers()
                        self.wfile.write(body)
                        return
                headers = {}
                if self.headers.get("Range") and mode != "ignore-range":
                    headers["Range"] = self.headers["Range"]
                if self.headers.get("If-None-Match"):
                    headers["If-None-Match"] = self.headers["If-None-Match"]
                conn = http.client.HTTPConnection("127.0.0.1", upstream_port, timeout=10)
                conn.request("GET", self.path, headers=headers)
                resp = conn.getresponse()
                body = resp.read()
                conn.close()
                if mode == "truncate-metadata" and self.path.endswith("timestamp.json"):
                    body = body[: len(body) // 2]
                self.send_response(resp.status)
                for h in ("Content-Type", "Content-Range", "ETag", "Last-Modified", "Accept-Ranges"):
                    if resp.getheader(h) and not (h == "ETag" and mode.startswith("etag:")):
                        self.send_header(h, resp.getheader(h))
                if mode.startswith("etag:"):  # sent as latin-1: one byte per character
                    self.send_header("ETag", mode[5:])
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    if mode.startswith("drop:") and is_target:
                        self.wfile.write(body[: int(mode[5:])])
                        self.wfile.flush()
                        self.connection.shutdown(socket.SHUT_RDWR)
                        return
                    if mode == "drip" and is_target:
                        for i in range(len(body)):
                            self.wfile.write(body[i:i + 1])
                            self.wfile.flush()
                            time.sleep(1)
                        return
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError, OSError):
                    pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


# ---- a published repository and a kiosk -------------------------------------------------

class World:
    def __init__(self, workdir):
        self.dir = workdir
        self.repo = os.path.join(workdir, "repo")
        self.key = os.path.join(workdir, "publisher.key")
        self.state = os.path.join(workdir, "state")
        self.nginx = None
        self.proxy = None
        self.published = 0
        self.run(["guichet-publish", "keygen", self.key])
        self.run(["guichet-publish", "init", self.repo, "--key", self.key])

    def run(self, argv, check_rc=True, timeout=60, **kw):
        argv = [os.path.join(BIN, argv[0])] + argv[1:]
        p = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, **kw)
        if check_rc and p.returncode != 0:
            raise Fail(f"{' '.join(argv)} -> {p.returncode}: {p.stderr.strip()}")
        return p

    def publish(self, version, items=3000, changed_every=100, extra=()):
        store = os.path.join(self.dir, f"store-v{version}.db")
        make_store(store, version, items, changed_every if version > 1 else 0)
        self.run(["guichet-publish", "push", self.repo, store, "--key", self.key, "--zstd-level", "3", *extra])
        self.published = version
        return store

    def serve(self, with_proxy=False):
        self.nginx = Nginx(self.repo, self.dir)
        if with_proxy:
            self.proxy = Proxy(self.nginx.port)
        return self

    def url(self):
        port = self.proxy.port if self.proxy else self.nginx.port
        return f"http://127.0.0.1:{port}"

    def config(self, source=None, state=None, **settings):
        path = os.path.join(self.dir, "kiosk.conf")
        lines = [f"source = {source or self.url()}",
                 f"state_dir = {state or self.state}",
                 f"trusted_root = {self.repo}/metadata/1.root.json",
                 "connect_timeout_seconds = 5",
                 "low_speed_seconds = 5",
                 "min_free_bytes = 0"]
        lines += [f"{k} = {v}" for k, v in settings.items()]
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        return path

    def sync(self, config, expect_rc=0, extra=(), **kw):
        p = self.run(["guichet-sync", "--config", config, "--once", *extra], check_rc=False, **kw)
        if expect_rc is not None and p.returncode != expect_rc:
            raise Fail(f"guichet-sync exit {p.returncode}, expected {expect_rc}: {p.stdout.strip()} {p.stderr.strip()}")
        return p

    def status(self, state=None):
        with open(os.path.join(state or self.state, "sync", "status.json")) as f:
            return json.load(f)

    def tuf_snapshot(self, state=None):
        d = os.path.join(state or self.state, "tuf")
        return {n: open(os.path.join(d, n), "rb").read() for n in sorted(os.listdir(d))}

    def verify(self, expected_version, state=None, converged=True):
        """The end-of-case invariants. converged=False after a failed attempt: the trusted
        metadata may then already be newer than the live store (TUF keeps it for rollback
        protection), but never older, and the store must be the one its own targets named."""
        state = state or self.state
        with open(os.path.join(state, "content", "current.json")) as f:
            pointer = json.load(f)["current"]
        path = os.path.join(state, "content", pointer["file"])
        ok, version = store_facts(path)
        check(ok == "ok", f"integrity_check: {ok}")
        check(version == expected_version, f"live store is version {version}, expected {expected_version}")
        check(pointer["version"] == expected_version, f"pointer says {pointer['version']}")
        with open(os.path.join(state, "tuf", "targets.json")) as f:
            targets = json.load(f)["signed"]["targets"]
        with open(os.path.join(state, "tuf", "targets.json")) as f:
            trusted_targets_version = json.load(f)["signed"]["version"]
        check(pointer["targets_version"] <= trusted_targets_version, "trusted targets older than live store")
        g = targets["guichet/store.rows.zst"]["custom"]["guichet"]
        if not converged:
            check(g["content_version"] >= expected_version, "trusted metadata behind the live store")
            return
        check(g["content_version"] == expected_version,
              f"trusted targets name version {g['content_version']}, live is {expected_version}")
        check(g["rows_sha256"] == pointer["sha256"], "trusted targets name another store")
        # No row image is kept; the live store's own content is the signed one.
        check(g["content_digest"] == pointer["digest"] == store_digest(path),
              "the live store's content digest is not the signed one")
        check(not [n for n in os.listdir(os.path.join(state, "content")) if n.endswith(".bin")],
              "a row image is kept")
        leftovers = [n for n in os.listdir(os.path.join(state, "downloads")) if not n.endswith(".part")]
        check(not leftovers, f"temporary files left: {leftovers}")

    def expect_failure(self, config, words, state=None, rc=1, **kw):
        p = self.sync(config, expect_rc=rc, **kw)
        st = self.status(state)
        check(st["result"] in ("failed", "clock_fault"), f"status result {st['result']}")
        for w in words if isinstance(words, (list, tuple)) else [words]:
            check(w in st["error"], f"error {st['error']!r} lacks {w!r}")
        reasons = [l for l in p.stderr.splitlines() if l.startswith("guichet-sync:")]
        check(len(reasons) == 1 and p.stderr.strip().endswith(reasons[0]), f"reason is not one line: {p.stderr!r}")
        return st

    def close(self):
        if self.proxy:
            self.proxy.stop()
        if self.nginx:
            self.nginx.stop()


def two_versions(world, with_proxy=False):
    """Kiosk at v1, v2 published: the usual starting point of a fault case."""
    world.publish(1)
    world.serve(with_proxy)
    cfg = world.config()
    world.sync(cfg)
    world.verify(1)
    world.publish(2)
    return cfg


def full_store_size(world):
    d = os.path.join(world.repo, "targets", "guichet")
    return max(os.path.getsize(os.path.join(d, n)) for n in os.listdir(d) if n.endswith("store.rows.zst"))


# ---- cases ------------------------------------------------------------------------------

@case
def first_sync_then_nothing_new(w):
    w.publish(1)
    w.serve()
    cfg = w.config()
    p = w.sync(cfg)
    check("updated to content version 1" in p.stdout, p.stdout)
    w.verify(1)
    before = len(w.nginx.access_log())
    w.sync(cfg)
    st = w.status()
    log = w.nginx.access_log()[before:]
    check(st["result"] == "up_to_date", st)
    check(len(log) == 1 and "timestamp.json" in log[0] and '" 304 ' in log[0], f"nothing-new took {log}")
    check(st["requests"] == 1 and st["bytes"] < 2048, f"nothing-new cost {st['requests']} requests, {st['bytes']} B")
    w.verify(1)
    # Once the root probe is due, "nothing new" also asks for the next root (and gets a 404).
    cfg = w.config(root_probe_max_age_seconds=0)
    before = len(w.nginx.access_log())
    w.sync(cfg)
    log = w.nginx.access_log()[before:]
    check(len(log) == 2 and "/metadata/2.root.json" in log[0] and '" 404 ' in log[0], f"root probe: {log}")
    w.verify(1)


@case
def delta_update(w):
    cfg = two_versions(w)
    before = len(w.nginx.access_log())
    w.sync(cfg)
    w.verify(2)
    fetched = [l for l in w.nginx.access_log()[before:] if "/targets/" in l]
    check(len(fetched) == 1 and "changes-from-1" in fetched[0], f"targets fetched: {fetched}")
    check(w.status()["bytes"] < full_store_size(w) / 4, f"delta update moved {w.status()['bytes']} B")
    # Changed in place: the same file, the way back kept beside it, no second store.
    with open(os.path.join(w.state, "content", "current.json")) as f:
        pointer = json.load(f)
    check(pointer["previous"]["file"] == pointer["current"]["file"], pointer)
    undo = os.path.join(w.state, "content", pointer["previous"]["undo_file"])
    check(os.path.exists(undo), pointer)
    # The way back is the signed changes kept as they were served (their inverse undoes them),
    # not a second copy written during the apply.
    check(pointer["previous"].get("undo_direction") == "forward", pointer)
    served = os.path.join(w.repo, "targets", "guichet")
    served = [os.path.join(served, n) for n in os.listdir(served) if n.endswith("changes-from-1.zst")]
    check(len(served) == 1, f"served changes: {served}")
    with open(undo, "rb") as f, open(served[0], "rb") as g:
        check(f.read() == g.read(), "the kept changes differ from the signed ones served")
    stores = [n for n in os.listdir(os.path.join(w.state, "content")) if n.endswith(".db")]
    check(len(stores) == 1, f"content holds {stores}")


@case
def changes_compressed_at_their_own_level(w):
    # The changes every kiosk downloads get zstd's best level by default (19), whatever
    # --zstd-level says for the full image; --changes-zstd-level sets it.
    sizes = {}
    for level in ("1", None):
        repo = os.path.join(w.dir, f"repo-{level or 'default'}")
        w.run(["guichet-publish", "init", repo, "--key", w.key])
        for version in (1, 2):
            store = os.path.join(w.dir, f"store-v{version}.db")
            if not os.path.exists(store):
                make_store(store, version, 3000, 100 if version > 1 else 0)
            extra = ["--changes-zstd-level", level] if level else []
            w.run(["guichet-publish", "push", repo, store, "--key", w.key, "--zstd-level", "1", *extra])
        d = os.path.join(repo, "targets", "guichet")
        changes = [n for n in os.listdir(d) if n.endswith("changes-from-1.zst")]
        check(len(changes) == 1, f"{repo}: {changes}")
        sizes[level or "default"] = os.path.getsize(os.path.join(d, changes[0]))
    check(sizes["default"] < sizes["1"] * 0.95, f"changes at the default level vs level 1: {sizes}")


def real_stores(w, items, mutate, seed="5"):
    """Two compiled stores of the synthetic corpus (guichet-content synth + build), the second
    with `mutate` percent of the items' texts replaced, and their content digests."""
    content = os.path.join(BIN, "guichet-content")
    stores, digests = [], []
    for n, pct in ((1, "0"), (2, mutate)):
        src = os.path.join(w.dir, f"src{n}")
        subprocess.run([content, "synth", src, "--items", str(items), "--seed", seed,
                        "--mutate-percent", pct], check=True, capture_output=True, timeout=60)
        db = os.path.join(w.dir, f"compiled{n}.db")
        subprocess.run([content, "build", src, "-o", db], check=True, capture_output=True, timeout=60)
        stores.append(db)
        digests.append(store_digest(db))
    return stores, digests


def store_digest(path):
    p = subprocess.run([os.path.join(BIN, "guichet-content"), "digest", path],
                       capture_output=True, text=True, timeout=30)
    return p.stdout.strip() if p.returncode == 0 else f"error: {p.stderr.strip()}"


def live_store(state):
    with open(os.path.join(state, "content", "current.json")) as f:
        pointer = json.load(f)
    return pointer, os.path.join(state, "content", pointer["current"]["file"])


@case
def article_picture_travels_with_its_signed_version(w):
    """The bundled sample (its asylum article shows images/asylum-steps.png, kept in the store's
    images table) synced from a folder, then a version whose only change is that picture: the
    new picture arrives as a small change applied in place under the signed digest, never as a
    file of its own, and the live store holds exactly the new bytes."""
    sample = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "content", "sample")
    src = os.path.join(w.dir, "src")
    shutil.copytree(sample, src)
    content = os.path.join(BIN, "guichet-content")
    stores = [os.path.join(w.dir, f"sample-v{i}.db") for i in (1, 2)]
    subprocess.run([content, "build", src, "-o", stores[0]], check=True, capture_output=True, timeout=120)
    picture = os.path.join(src, "images", "asylum-steps.png")
    replacement = open(os.path.join(src, "images", "asylum-steps-rtl.png"), "rb").read()
    check(replacement != open(picture, "rb").read(), "the two sample pictures are alike")
    with open(picture, "wb") as f:
        f.write(replacement)
    subprocess.run([content, "build", src, "-o", stores[1]], check=True, capture_output=True, timeout=120)
    cfg = w.config(source=w.repo)
    for version, store in enumerate(stores, 1):
        w.run(["guichet-publish", "push", w.repo, store, "--key", w.key])
        w.sync(cfg)
        check(w.status()["version"] == version, w.status())
    st = w.status()
    check(st["bytes"] < 100_000, f"a changed picture moved {st['bytes']} B")
    pointer, live = live_store(w.state)
    check(store_digest(live) == store_digest(stores[1]) == pointer["current"]["digest"], "digest")
    db = sqlite3.connect(f"file:{live}?mode=ro", uri=True)
    got = db.execute("SELECT data FROM images WHERE path = 'images/asylum-steps.png'").fetchone()
    db.close()
    check(got is not None and bytes(got[0]) == replacement, "the live store's picture is not the new one")
    files = [n for n in os.listdir(os.path.join(w.state, "content")) if n.endswith(".png")]
    check(not files, f"picture files beside the store: {files}")


@case
def real_content_small_edit_changes_the_store_in_place(w):
    """Real compiled stores, 1 % of 2,000 items edited: the update moves a small changeset,
    changes the live store in place (no second store, no row image kept), and the store
    searches exactly like the publisher's compiled one."""
    stores, digests = real_stores(w, 2000, "1")
    w.run(["guichet-publish", "push", w.repo, stores[0], "--key", w.key])
    w.serve()
    cfg = w.config()
    w.sync(cfg)
    _, before = live_store(w.state)
    w.run(["guichet-publish", "push", w.repo, stores[1], "--key", w.key])
    w.sync(cfg)
    st = w.status()
    check(st["result"] == "updated" and st["version"] == 2, st)
    full = full_store_size(w)
    check(st["bytes"] < 0.05 * full, f"1 % edit moved {st['bytes']} B, full image {full} B")
    pointer, live = live_store(w.state)
    check(live == before, f"store moved from {before} to {live}")
    check(store_digest(live) == digests[1] == pointer["current"]["digest"], "digest of the live store")
    kept = sorted(os.listdir(os.path.join(w.state, "content")))
    check(not [n for n in kept if n.endswith(".bin") or n.endswith(".rows")], f"row image kept: {kept}")
    leftovers = [n for n in os.listdir(os.path.join(w.state, "downloads")) if not n.endswith(".part")]
    check(not leftovers, f"temporary files left: {leftovers}")
    db = sqlite3.connect(f"file:{live}?mode=ro", uri=True)
    check(db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "live store damaged")
    db.close()
    content = os.path.join(BIN, "guichet-content")
    for query in ("derechos", "trabajo migrante", "ecole", "salud visa", "documetnos"):
        for lang in ("es", "fr"):
            a = subprocess.run([content, "search", stores[1], query, "--lang", lang, "--limit", "20"],
                               capture_output=True, text=True, timeout=30)
            b = subprocess.run([content, "search", live, query, "--lang", lang, "--limit", "20"],
                               capture_output=True, text=True, timeout=30)
            check(a.returncode == 0 and a.stdout and a.stdout == b.stdout,
                  f"search {query!r}/{lang} differs: {a.stdout[:200]!r} vs {b.stdout[:200]!r}")



def text_ids(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {(i, l): n for i, l, n in db.execute("SELECT item_id, lang, id FROM item_texts")}
    finally:
        db.close()


@case
def translation_added_and_item_removed_stay_a_small_update(w):
    """A real update adds and removes items and translations, not only edits texts. The compiler
    numbers texts in item order, so one Creole translation added to an early article and one
    law repealed moved the id of every text after them: the changes were most of the store and
    every kiosk downloaded it whole. The publisher keeps each text's id from the version before
    (new texts after the largest): the changes are the edit's own rows, applied in place, and
    the live store searches like the compiled one; the law brought back in a third version
    travels as small changes too."""
    content = os.path.join(BIN, "guichet-content")
    src = [os.path.join(w.dir, f"src{n}") for n in (1, 2, 3)]
    subprocess.run([content, "synth", src[0], "--items", "2000", "--seed", "5"], check=True,
                   capture_output=True, timeout=60)
    shutil.copytree(src[0], src[1])
    articles = os.path.join(src[1], "articles")
    names = set(os.listdir(articles))
    item = sorted(n.split(".")[0] for n in names if n.endswith(".es.md")
                  and n.replace(".es.md", ".ht.md") not in names)[0]
    creole = os.path.join(articles, f"{item}.ht.md")
    with open(creole, "w") as f:
        f.write("---\ntitle: Dwa moun ki fèk rive yo\nsummary: Sa pou w konnen\n---\n"
                "Ou gen dwa mande azil nan biwo Zoukounou.\n")
    laws = os.path.join(src[1], "legislation.csv")
    with open(laws) as f:
        lines = f.readlines()
    repealed = lines[1].split(",")[0]
    with open(laws, "w") as f:
        f.writelines(lines[:1] + lines[2:])
    shutil.copytree(src[1], src[2])
    shutil.copy(os.path.join(src[0], "legislation.csv"), os.path.join(src[2], "legislation.csv"))
    stores = []
    for n, s in enumerate(src, 1):
        stores.append(os.path.join(w.dir, f"compiled{n}.db"))
        subprocess.run([content, "build", s, "-o", stores[-1]], check=True, capture_output=True, timeout=60)
    w.run(["guichet-publish", "push", w.repo, stores[0], "--key", w.key])
    w.serve()
    cfg = w.config()
    w.sync(cfg)
    _, live = live_store(w.state)
    ids1 = text_ids(live)
    check(ids1 == text_ids(stores[0]), "a first version keeps the compiler's ids")
    moved = sum(1 for k, v in text_ids(stores[1]).items() if k in ids1 and ids1[k] != v)
    check(moved > 1000, f"the compiler moved only {moved} ids: the edit does not test anything")
    p = w.run(["guichet-publish", "push", w.repo, stores[1], "--key", w.key])
    texts = sum(1 for k in ids1 if k[0] == repealed)
    check(f"texts: {len(ids1) - texts} kept their ids, 1 added, {texts} removed" in p.stdout, p.stdout)
    before = len(w.nginx.access_log())
    w.sync(cfg)
    st = w.status()
    check(st["result"] == "updated" and st["version"] == 2, st)
    fetched = [l for l in w.nginx.access_log()[before:] if "/targets/" in l]
    check(len(fetched) == 1 and "changes-from-1" in fetched[0], f"targets fetched: {fetched}")
    full = full_store_size(w)
    served = os.path.join(w.repo, "targets", "guichet")
    changes = [os.path.getsize(os.path.join(served, n)) for n in os.listdir(served) if n.endswith("changes-from-1.zst")]
    check(len(changes) == 1 and changes[0] < 2048, f"changes from 1: {changes} B")
    check(st["bytes"] < full / 50, f"a translation and a law moved {st['bytes']} B, full image {full} B")
    pointer, live2 = live_store(w.state)
    check(live2 == live and store_digest(live) == pointer["current"]["digest"], "digest of the live store")
    ids2 = text_ids(live)
    check(all(ids2[k] == v for k, v in ids1.items() if k[0] != repealed), "a shared text's id moved")
    check(ids2[(item, "ht")] == max(ids1.values()) + 1, f"new text's id {ids2[(item, 'ht')]}")
    # Search ranks the first 100 matches of each language in id order (store_search.cpp), and
    # the new text comes last: a word in more than 100 Creole texts may not find it, as an item
    # late in the compiler's order; the rows of other languages keep their order.
    for query, lang in (("zoukounou", "ht"), ("derechos", "es"), ("trabajo migrante", "es"), ("ecole", "fr")):
        a = subprocess.run([content, "search", stores[1], query, "--lang", lang, "--limit", "20"],
                           capture_output=True, text=True, timeout=30)
        b = subprocess.run([content, "search", live, query, "--lang", lang, "--limit", "20"],
                           capture_output=True, text=True, timeout=30)
        diff = [(x, y) for x, y in zip(a.stdout.splitlines(), b.stdout.splitlines()) if x != y]
        check(a.returncode == 0 and a.stdout and a.stdout == b.stdout,
              f"search {query!r}/{lang} differs: {diff[:3]}")
        check(query != "zoukounou" or item in b.stdout, f"the new translation is not found: {b.stdout!r}")

    w.run(["guichet-publish", "push", w.repo, stores[2], "--key", w.key])
    w.sync(cfg)
    st = w.status()
    check(st["result"] == "updated" and st["version"] == 3 and st["bytes"] < full / 50, st)
    ids3 = text_ids(live)
    check(all(ids3[k] == v for k, v in ids2.items()), "a shared text's id moved")
    check(min(v for k, v in ids3.items() if k[0] == repealed) > ids2[(item, "ht")], "the law's texts come last")


@case
def previous_image_unreadable_still_publishes(w):
    """push keeps text ids from the previous version's image; when that file no longer reads
    (damaged on the server's disk), the new version is published all the same, with the
    compiler's ids, and push says what that costs; kiosks at version 1 get it whole."""
    stores, digests = real_stores(w, 200, "10")
    w.run(["guichet-publish", "push", w.repo, stores[0], "--key", w.key, "--zstd-level", "3"])
    w.serve()
    cfg = w.config()
    w.sync(cfg)
    served = os.path.join(w.repo, "targets", "guichet")
    image = [n for n in os.listdir(served) if n.endswith("store.rows.zst")]
    check(len(image) == 1, image)
    with open(os.path.join(served, image[0]), "r+b") as f:
        f.truncate(100)
    p = w.run(["guichet-publish", "push", w.repo, stores[1], "--key", w.key, "--zstd-level", "3"])
    check("could not be read back" in p.stdout and "texts:" not in p.stdout, p.stdout)
    check(not [n for n in os.listdir(served) if "changes-from" in n], os.listdir(served))
    w.sync(cfg)
    st = w.status()
    check(st["result"] == "updated" and st["version"] == 2, st)
    _, live = live_store(w.state)
    check(store_digest(live) == digests[1], "the live store is not version 2")

def as_schema_4(path):
    """The store as the software before schema 5 wrote it (no publications, code names, pictures):
    what a kiosk holds when its software is updated before its content."""
    db = sqlite3.connect(path)
    db.executescript("DROP TABLE images; DROP TABLE publications; DROP TABLE code_names; "
                     "ALTER TABLE item_texts DROP COLUMN title_words; "
                     "ALTER TABLE item_texts DROP COLUMN text_words; "
                     "ALTER TABLE item_texts DROP COLUMN source; PRAGMA user_version = 4;")
    db.commit()
    db.close()


def store_schema(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return (db.execute("PRAGMA user_version").fetchone()[0],
                db.execute("PRAGMA integrity_check").fetchone()[0],
                db.execute("SELECT count(*) FROM applied_state WHERE key = 'digest'").fetchone()[0])
    finally:
        db.close()


def kiosk_reads(path):
    p = subprocess.run([os.path.join(BIN, "guichet-content"), "search", path, "derechos", "--lang", "es",
                        "--limit", "5"], capture_output=True, text=True, timeout=30)
    return p.returncode == 0 and bool(p.stdout.strip()), p.stderr.strip()


@case
def older_schema_store_is_migrated_on_the_kiosk(w):
    """The kiosk-side migration gap: kiosk software newer than its store. A live store of an
    older schema (the software was updated before new content) used to be refused by the kiosk
    ("older than 5; rebuild it") while sync said "up to date", so the kiosk showed nothing
    until a new version was published. Now the next sync migrates it before anything else,
    even with nothing new on the server, and the kiosk reads it (guichet-content search, the
    kiosk's own reader); the migrated store claims no signed digest, so the next version
    arrives as a full download, readable and whole; a store newer than the software is left
    as it is."""
    stores, digests = real_stores(w, 200, "10")
    w.run(["guichet-publish", "push", w.repo, stores[0], "--key", w.key, "--zstd-level", "3"])
    w.serve()
    cfg = w.config()
    w.sync(cfg)
    _, live = live_store(w.state)
    current = store_schema(live)[0]  # this software's schema
    check(current >= 5 and store_schema(live) == (current, "ok", 1), f"version 1: {store_schema(live)}")
    as_schema_4(live)
    ok, err = kiosk_reads(live)
    check(not ok and "older than" in err, f"a schema 4 store read without migration: {err}")
    p = w.sync(cfg)
    st = w.status()
    check(st["result"] == "up_to_date" and st["version"] == 1, st)
    check(store_schema(live) == (current, "ok", 0), f"live store after a nothing-new sync: {store_schema(live)}")
    ok, err = kiosk_reads(live)
    check(ok, f"the kiosk still cannot read its store: {err}")
    check(f"migrated to schema {current}" in p.stderr, p.stderr)

    # The next version: changes from 1 are published, but the migrated store holds other rows
    # than those changes start from: the full version, with its signed digest again.
    w.run(["guichet-publish", "push", w.repo, stores[1], "--key", w.key, "--zstd-level", "3"])
    p = w.sync(cfg)
    st = w.status()
    check(st["result"] == "updated" and st["version"] == 2, st)
    check("fetching the full store" in p.stderr, f"not a full download: {p.stderr}")
    pointer, live = live_store(w.state)
    check(store_schema(live) == (current, "ok", 1), f"version 2: {store_schema(live)}")
    check(store_digest(live) == digests[1] == pointer["current"]["digest"], "version 2's digest")
    check(kiosk_reads(live)[0], "version 2 not readable")

    # A store of a newer schema than this software is left alone, and said.
    db = sqlite3.connect(live)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    size = os.path.getsize(live)
    p = w.sync(cfg)
    check("newer than this program" in p.stderr, p.stderr)
    check(os.path.getsize(live) == size and store_schema(live)[0] == 99, "a newer store was changed")


@case
def kill_9_during_in_place_apply_fifty_times(w):
    """The issue's loop: 50 kill -9 at random instants of an in-place update of real content
    (300 items, 20 % changed), each followed by integrity_check and the content digest of the
    store: old or new, never anything else; the next sync always ends at the new version."""
    stores, digests = real_stores(w, 300, "20")
    w.run(["guichet-publish", "push", w.repo, stores[0], "--key", w.key, "--zstd-level", "3"])
    w.serve()
    template = os.path.join(w.dir, "template-v1")
    w.sync(w.config(state=template))
    w.run(["guichet-publish", "push", w.repo, stores[1], "--key", w.key, "--zstd-level", "3"])
    timing = os.path.join(w.dir, "timing")
    shutil.copytree(template, timing)
    t0 = time.time()
    w.sync(w.config(state=timing))
    length = time.time() - t0
    check(w.status(timing)["result"] == "updated", w.status(timing))
    # Most kills fall in the apply and the switch after it (the last apply_ms of the run and a
    # little before), the rest anywhere in the run.
    apply_s = w.status(timing)["apply_ms"] / 1000
    window = (max(0.0, length - apply_s - 0.03), length)
    rng = random.Random(int(os.environ.get("GUICHET_E2E_SEED", "5")))
    outcomes = {"old": 0, "new": 0, "new, pointer behind": 0}
    for i in range(50):
        state = os.path.join(w.dir, f"kiosk-{i}")
        shutil.copytree(template, state)
        cfg = w.config(state=state)
        p = subprocess.Popen([os.path.join(BIN, "guichet-sync"), "--config", cfg, "--once"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(*window) if i % 5 else rng.uniform(0, length))
        p.kill()
        p.wait()
        pointer, live = live_store(state)
        db = sqlite3.connect(f"file:{live}?mode=ro", uri=True)
        ok = db.execute("PRAGMA integrity_check").fetchone()[0]
        db.close()
        check(ok == "ok", f"run {i}: integrity {ok}")
        digest = store_digest(live)
        check(digest in digests, f"run {i}: the store holds neither version ({digest[:40]})")
        at = pointer["current"]["version"]
        if digest == digests[0]:
            check(at == 1, f"run {i}: old content, pointer at {at}")
            outcomes["old"] += 1
        else:
            outcomes["new" if at == 2 else "new, pointer behind"] += 1
        w.sync(cfg)
        pointer, live = live_store(state)
        check(pointer["current"]["version"] == 2 and store_digest(live) == digests[1],
              f"run {i}: not at version 2 after the next sync")
        shutil.rmtree(state)
    print(f"update of {length:.3f} s (apply {apply_s:.3f} s); after kill -9: {outcomes}; "
          "all recovered to v2")


@case
def broken_change_chain_falls_back_to_full_download(w):
    cfg = two_versions(w)
    changes = [n for n in os.listdir(os.path.join(w.repo, "targets", "guichet")) if "changes-from-1" in n]
    check(changes, "no changes published")
    for n in changes:
        os.remove(os.path.join(w.repo, "targets", "guichet", n))
    before = len(w.nginx.access_log())
    w.sync(cfg)
    w.verify(2)
    fetched = [l for l in w.nginx.access_log()[before:] if "/targets/" in l]
    check(any("changes-from-1" in l and " 404 " in l for l in fetched), f"fetched: {fetched}")
    check(any("store.rows.zst" in l and " 200 " in l for l in fetched), f"fetched: {fetched}")


@case
def changes_giving_wrong_content_are_rolled_back(w):
    """The kiosk's v1 store differs from the signed v1 in a column the changes leave alone, in
    a row they change (its recorded digest still says v1): the changes apply, but the result is
    not the signed v2, so nothing of them stays; the kiosk then takes the full v2. (A row the
    changes never touch is not re-read by an update: see "Deltas" in sync/OPERATORS.md.)"""
    stores, digests = real_stores(w, 300, "10")
    w.run(["guichet-publish", "push", w.repo, stores[0], "--key", w.key, "--zstd-level", "3"])
    w.serve()
    cfg = w.config()
    w.sync(cfg)
    w.run(["guichet-publish", "push", w.repo, stores[1], "--key", w.key, "--zstd-level", "3"])
    old = dict(sqlite3.connect(stores[0]).execute("SELECT id, body FROM item_texts").fetchall())
    new = dict(sqlite3.connect(stores[1]).execute("SELECT id, body FROM item_texts").fetchall())
    touched = [i for i in old if new.get(i) != old[i]]
    check(touched, "no text changed between the versions")
    _, live = live_store(w.state)
    db = sqlite3.connect(live)
    db.execute("UPDATE item_texts SET extra = extra || ' tampered' WHERE id = ?", (touched[0],))
    db.commit()
    db.close()
    before = len(w.nginx.access_log())
    p = w.sync(cfg)
    check("signed digest" in p.stderr + p.stdout, f"no word of the rollback: {p.stderr[-500:]}")
    fetched = [l for l in w.nginx.access_log()[before:] if "/targets/" in l]
    check(any("changes-from-1" in l for l in fetched) and any("store.rows.zst" in l for l in fetched),
          f"fetched: {fetched}")
    pointer, live = live_store(w.state)
    check(pointer["current"]["version"] == 2 and store_digest(live) == digests[1], "not the signed v2")
    # The tampered v1 store, kept for rollback, is as it was: the changes left nothing in it.
    previous = os.path.join(w.state, "content", pointer["previous"]["file"])
    check(previous != live, "the full download did not get a file of its own")
    db = sqlite3.connect(f"file:{previous}?mode=ro", uri=True)
    check(db.execute("SELECT extra FROM item_texts WHERE id = ?", (touched[0],)).fetchone()[0].endswith(" tampered"),
          "the rolled-back store changed")
    check(db.execute("SELECT value FROM applied_state WHERE key = 'version'").fetchone()[0] == "1", "state moved")
    db.close()


@case
def dropped_connection_resumes(w):
    w.publish(1)
    w.publish(2)
    w.serve(with_proxy=True)
    cfg = w.config()
    w.proxy.mode = "drop:20000"
    w.expect_failure(cfg, "")
    parts = [n for n in os.listdir(os.path.join(w.state, "downloads")) if n.endswith(".part")]
    check(parts and os.path.getsize(os.path.join(w.state, "downloads", parts[0])) == 20000, f"partial: {parts}")
    w.proxy.mode = None
    w.proxy.requests.clear()
    w.sync(cfg)
    ranges = [r for (p, r, _) in w.proxy.requests if p.startswith("/targets/")]
    check(ranges == ["bytes=20000-"], f"resume requests: {ranges}")
    w.verify(2)


@case
def range_answered_with_200_restarts(w):
    w.publish(1)
    w.serve(with_proxy=True)
    cfg = w.config()
    w.proxy.mode = "drop:15000"
    w.expect_failure(cfg, "")
    w.proxy.mode = "ignore-range"
    w.sync(cfg)
    w.verify(1)


@case
def slow_drip_times_out(w):
    w.publish(1)
    w.serve(with_proxy=True)
    cfg = w.config(low_speed_bytes_per_second=100, low_speed_seconds=2)
    w.proxy.mode = "drip"
    t0 = time.time()
    first = subprocess.Popen([os.path.join(BIN, "guichet-sync"), "--config", cfg, "--once"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1)
    # Meanwhile a second attempt on the same state folder stops at once.
    second = w.sync(cfg, expect_rc=1)
    check("another sync" in second.stderr, second.stderr)
    _, err = first.communicate(timeout=30)
    check(first.returncode == 1 and "too slow" in err, f"drip: {first.returncode} {err}")
    check("too slow" in w.status()["error"], w.status())
    check(time.time() - t0 < 15, "the low-speed timeout did not fire")
    w.proxy.mode = None
    w.sync(cfg)
    w.verify(1)


@case
def http_errors(w):
    cfg = two_versions(w, with_proxy=True)
    for mode, words in (("status:404", "HTTP 404"), ("status:500", "HTTP 500"),
                        ("status:503:120", ["HTTP 503", "Retry-After 120"])):
        tuf_before = w.tuf_snapshot()
        w.proxy.mode = mode
        st = w.expect_failure(cfg, words)
        check(w.tuf_snapshot() == tuf_before, f"{mode}: trusted metadata changed")
        if mode == "status:503:120":
            check(st["retry_after_seconds"] == 120, st)
        w.verify(1, converged=False)
    w.proxy.mode = None
    w.sync(cfg)
    w.verify(2)
    check(w.status()["consecutive_failures"] == 0, w.status())


@case
def captive_portal(w):
    cfg = two_versions(w, with_proxy=True)
    tuf_before = w.tuf_snapshot()
    w.proxy.mode = "portal"
    w.expect_failure(cfg, "not JSON")
    check(w.tuf_snapshot() == tuf_before, "trusted metadata changed")
    w.proxy.mode = None
    w.sync(cfg)
    w.verify(2)


@case
def server_etag_not_utf8(w):
    """A server string that is not UTF-8 (an ETag) is stored and shown with replacement
    characters: the sync goes on, every JSON record the kiosk keeps stays valid UTF-8, and the
    next attempt still works."""
    cfg = two_versions(w, with_proxy=True)
    w.proxy.mode = 'etag:"caf\xe9-\xff\xfe"'
    w.sync(cfg)
    w.verify(2)
    records = []
    for folder, _, names in os.walk(w.state):
        for name in names:
            if name.endswith(".json"):
                with open(os.path.join(folder, name), "rb") as f:
                    records.append((name, json.loads(f.read().decode("utf-8"))))
    check(any(name == "status.json" for name, _ in records), f"records: {[n for n, _ in records]}")
    kept = json.dumps([r for _, r in records], ensure_ascii=False)
    check("\ufffd" in kept, "the ETag was not kept with replacement characters")
    w.sync(cfg)
    check(w.status()["result"] == "up_to_date", w.status())
    w.verify(2)


@case
def truncated_metadata(w):
    cfg = two_versions(w, with_proxy=True)
    tuf_before = w.tuf_snapshot()
    w.proxy.mode = "truncate-metadata"
    w.expect_failure(cfg, "timestamp")
    check(w.tuf_snapshot() == tuf_before, "trusted metadata changed")
    w.proxy.mode = None
    w.sync(cfg)
    w.verify(2)


@case
def tampered_and_unsigned_metadata(w):
    cfg = two_versions(w)
    ts_path = os.path.join(w.repo, "metadata", "timestamp.json")
    good = open(ts_path).read()
    doc = json.loads(good)
    tuf_before = w.tuf_snapshot()
    doc["signed"]["expires"] = "2099-01-01T00:00:00Z"
    open(ts_path, "w").write(json.dumps(doc))
    w.expect_failure(cfg, "signatures are valid")
    doc = json.loads(good)
    doc["signatures"] = []
    open(ts_path, "w").write(json.dumps(doc))
    w.expect_failure(cfg, "0 of 1")
    check(w.tuf_snapshot() == tuf_before, "trusted metadata changed")
    open(ts_path, "w").write(good)
    w.sync(cfg)
    w.verify(2)


@case
def tampered_target(w):
    w.publish(1)
    w.serve()
    cfg = w.config()
    d = os.path.join(w.repo, "targets", "guichet")
    name = [n for n in os.listdir(d) if n.endswith("store.rows.zst")][0]
    data = bytearray(open(os.path.join(d, name), "rb").read())
    original = bytes(data)
    data[len(data) // 2] ^= 0xFF
    open(os.path.join(d, name), "wb").write(data)
    w.expect_failure(cfg, "sha256 mismatch")
    check(not os.path.exists(os.path.join(w.state, "content", "current.json")), "a tampered store went live")
    open(os.path.join(d, name), "wb").write(original)
    w.sync(cfg)
    w.verify(1)


@case
def target_larger_than_signed(w):
    w.publish(1)
    w.serve()
    cfg = w.config()
    d = os.path.join(w.repo, "targets", "guichet")
    name = [n for n in os.listdir(d) if n.endswith("store.rows.zst")][0]
    original = open(os.path.join(d, name), "rb").read()
    open(os.path.join(d, name), "wb").write(original + b"\0" * 100000)
    w.expect_failure(cfg, "larger than")
    open(os.path.join(d, name), "wb").write(original)
    w.sync(cfg)
    w.verify(1)


@case
def metadata_larger_than_cap(w):
    cfg = two_versions(w)
    ts_path = os.path.join(w.repo, "metadata", "timestamp.json")
    good = open(ts_path).read()
    open(ts_path, "w").write(good + " " * 20000)
    w.expect_failure(cfg, "larger than")
    open(ts_path, "w").write(good)
    w.sync(cfg)
    w.verify(2)


@case
def rollback_and_stale_cache(w):
    w.publish(1)
    w.serve(with_proxy=True)
    cfg = w.config()
    w.sync(cfg)
    old_ts = os.path.join(w.dir, "timestamp-v1.json")
    shutil.copy(os.path.join(w.repo, "metadata", "timestamp.json"), old_ts)
    w.publish(2)
    # A cache still serving the timestamp the kiosk already trusts: nothing new, not an error.
    w.proxy.mode = f"serve:/metadata/timestamp.json={old_ts}"
    w.sync(cfg)
    check(w.status()["result"] == "up_to_date", w.status())
    w.verify(1)
    w.proxy.mode = None
    w.sync(cfg)
    w.verify(2)
    # Now the old timestamp is a rollback.
    w.proxy.mode = f"serve:/metadata/timestamp.json={old_ts}"
    w.expect_failure(cfg, "rollback")
    w.proxy.mode = None
    w.sync(cfg)
    w.verify(2)


@case
def expired_metadata_freeze(w):
    w.publish(1)
    w.serve()
    cfg = w.config()
    w.sync(cfg)
    w.publish(2, extra=("--timestamp-expires", "600"))
    later = str(int(time.time()) + 3600)
    w.expect_failure(cfg, "expired", extra=("--now", later))
    w.verify(1)
    w.run(["guichet-publish", "timestamp", w.repo, "--key", w.key])
    w.sync(cfg)
    w.verify(2)


@case
def clock_1970_and_2100(w):
    cfg = two_versions(w)
    # Behind the newest signed time: that time is used instead, the update goes through.
    w.sync(cfg, extra=("--now", "86400"))
    w.verify(2)
    w.publish(3)
    tuf_before = w.tuf_snapshot()
    content_before = sorted(os.listdir(os.path.join(w.state, "content")))
    w.expect_failure(cfg, "clock fault", rc=3, extra=("--now", "4102444800"))
    check(w.tuf_snapshot() == tuf_before, "clock fault changed trusted metadata")
    check(sorted(os.listdir(os.path.join(w.state, "content"))) == content_before, f"clock fault touched content: {content_before} -> {sorted(os.listdir(os.path.join(w.state, 'content')))}")
    w.sync(cfg)
    w.verify(3)


@case
def fresh_kiosk_at_1970_still_refuses_expired_metadata(w):
    # Content signed ten days ago with a ten-minute timestamp: long expired. A kiosk whose clock
    # says 1970 must not take it: its floor is the time its trusted root was signed.
    w.publish(1, extra=("--now", str(int(time.time()) - 10 * 86400), "--timestamp-expires", "600"))
    w.serve()
    cfg = w.config()
    w.expect_failure(cfg, "expired", extra=("--now", "86400"))
    check(not os.path.exists(os.path.join(w.state, "content", "current.json")), "expired content installed")
    w.run(["guichet-publish", "timestamp", w.repo, "--key", w.key])
    w.sync(cfg, extra=("--now", "86400"))
    w.verify(1)


@case
def kiosk_off_for_four_years_is_not_a_clock_fault(w):
    cfg = two_versions(w)
    w.sync(cfg)
    w.verify(2)
    later = int(time.time()) + 4 * 365 * 86400
    # The publisher kept going meanwhile: root renewed (same key) and new content.
    w.run(["guichet-publish", "rotate", w.repo, "--role", "root", "--new-key", w.key, "--key", w.key,
           "--now", str(later)])
    w.publish(3, extra=("--now", str(later)))
    w.sync(cfg, extra=("--now", str(later)))
    check(w.status()["result"] == "updated", w.status())
    w.verify(3)


def limited(limit):
    def preexec():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return preexec


@case
def disk_full_during_download_and_apply(w):
    # RLIMIT_FSIZE with SIGXFSZ ignored: writes past the limit fail with EFBIG, as on a full disk.
    w.publish(1)
    w.serve()
    cfg = w.config()
    w.expect_failure(cfg, "disk full", preexec_fn=limited(10000))
    check(not os.listdir(os.path.join(w.state, "downloads")), "partial left behind after disk full")
    zsize = full_store_size(w)
    w.expect_failure(cfg, "disk full", preexec_fn=limited(zsize + 1000))
    check(not os.listdir(os.path.join(w.state, "downloads")), "temporary store left behind")
    w.sync(cfg)
    w.verify(1)
    # During apply of a delta: copying the live store hits the limit.
    w.publish(2)
    w.expect_failure(cfg, "", preexec_fn=limited(50000))
    check(not [n for n in os.listdir(os.path.join(w.state, "downloads")) if not n.endswith(".part")], "temp left")
    w.verify(1, converged=False)
    w.sync(cfg)
    w.verify(2)


@case
def kill_9_fifty_times(w):
    w.publish(1)
    w.serve()
    template_v1 = os.path.join(w.dir, "template-v1")
    cfg_t = w.config(state=template_v1)
    w.sync(cfg_t)
    w.publish(2)
    # Kill instants are drawn over the measured length of an uninterrupted run, so they fall
    # in every phase (metadata, download, decompress or patch, verify, switch) in proportion.
    def timed_run(base):
        state = os.path.join(w.dir, "timing")
        shutil.rmtree(state, ignore_errors=True)
        if base:
            shutil.copytree(base, state)
        t0 = time.time()
        w.sync(w.config(state=state))
        return time.time() - t0
    length = {None: timed_run(None), template_v1: timed_run(template_v1)}
    rng = random.Random(int(os.environ.get("GUICHET_E2E_SEED", "5")))
    outcomes = {1: 0, 2: 0, None: 0}
    for i in range(50):
        state = os.path.join(w.dir, f"kiosk-{i}")
        base = template_v1 if i % 2 else None
        if base:
            shutil.copytree(base, state)
        cfg = w.config(state=state)
        argv = [os.path.join(BIN, "guichet-sync"), "--config", cfg, "--once"]
        p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, length[base]))
        p.kill()
        p.wait()
        pointer = os.path.join(state, "content", "current.json")
        if os.path.exists(pointer):
            cur = json.load(open(pointer))["current"]
            ok, version = store_facts(os.path.join(state, "content", cur["file"]))
            check(ok == "ok", f"run {i}: integrity {ok}")
            check(version in (1, 2), f"run {i}: version {version}")
            # Killed after the store's commit and before the pointer's write, the store is
            # already v2 (and says so); the next sync finishes the switch.
            behind = version == 2 and cur["version"] == 1 and applied_version(
                os.path.join(state, "content", cur["file"])) == 2
            check(version == cur["version"] or behind, f"run {i}: pointer/store mismatch")
            outcomes[version] += 1
        else:
            check(base is None, f"run {i}: pointer vanished")
            outcomes[None] += 1
        w.sync(cfg)
        w.verify(2, state=state)
        shutil.rmtree(state)
    print(f"runs of {length[None]:.3f} s (full) and {length[template_v1]:.3f} s (patch); after kill -9: "
          f"{outcomes[None]} empty, {outcomes[1]} old, {outcomes[2]} new; all recovered to v2")


@case
def reader_during_apply(w):
    w.publish(1)
    w.serve()
    cfg = w.config()
    w.sync(cfg)
    stop = threading.Event()
    errors, seen, waited = [], set(), [0.0]

    def reader():
        while not stop.is_set():
            try:
                cur = json.load(open(os.path.join(w.state, "content", "current.json")))["current"]
                path = os.path.join(w.state, "content", cur["file"])
                # As the kiosk opens its store: with a short busy timeout. The live store is in
                # WAL mode, and the last connection to close takes an exclusive lock for an
                # instant; a read must still never wait long. And as the kiosk reads it: every
                # query in one read transaction (content/src/store.cpp), one snapshot; two
                # statements each in their own would see a change committed between them.
                t0 = time.time()
                db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2,
                                     isolation_level=None)
                try:
                    db.execute("BEGIN")
                    v = int(db.execute("SELECT v FROM meta WHERE k='content_version'").fetchone()[0])
                    waited[0] = max(waited[0], time.time() - t0)
                    n_new = db.execute("SELECT COUNT(*) FROM items WHERE version = ?", (v,)).fetchone()[0]
                    expected = 3000 if v == 1 else 30
                    if n_new != expected:
                        errors.append(f"mixed content: version {v} with {n_new} rows of it")
                    seen.add(v)
                finally:
                    db.close()
            except sqlite3.OperationalError as e:
                if "unable to open" not in str(e):  # pointer read just before a cleanup: retry
                    errors.append(str(e))
            except (FileNotFoundError, json.JSONDecodeError) as e:
                errors.append(f"pointer unreadable: {e}")
            time.sleep(0.002)

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    for v in (2, 3, 4):
        w.publish(v)
        w.sync(cfg)
    deadline = time.time() + 10
    while 4 not in seen and time.time() < deadline:  # let the readers reach the last version
        time.sleep(0.01)
    stop.set()
    for t in threads:
        t.join()
    check(not errors, f"reader saw: {errors[:3]}")
    check(4 in seen, f"reader saw versions {seen}")
    check(waited[0] < 0.5, f"a read waited {waited[0]:.3f} s")
    w.verify(4)


@case
def local_notices_untouched(w):
    w.publish(1)
    w.serve()
    cfg = w.config()
    os.makedirs(w.state, exist_ok=True)
    local = os.path.join(w.state, "local.db")
    db = sqlite3.connect(local)
    db.execute("CREATE TABLE notices(id INTEGER PRIMARY KEY, text TEXT)")
    db.execute("INSERT INTO notices(text) VALUES ('Cerrado el lunes 2 de diciembre')")
    db.commit()
    db.close()
    digest, mtime = sha256_file(local), os.stat(local).st_mtime_ns
    w.sync(cfg)
    w.publish(2)
    w.sync(cfg)
    check(sha256_file(local) == digest and os.stat(local).st_mtime_ns == mtime, "local.db changed")
    w.verify(2)


@case
def folder_update_usb_stick(w):
    w.publish(1)
    stick = os.path.join(w.dir, "usb")
    shutil.copytree(w.repo, stick)
    cfg = w.config(source=stick)
    w.sync(cfg)
    w.verify(1)
    w.publish(2)
    shutil.rmtree(stick)
    shutil.copytree(w.repo, stick)
    # A tampered stick is refused with the same checks as the network.
    d = os.path.join(stick, "targets", "guichet")
    for n in os.listdir(d):
        if "patch-from" in n:
            data = bytearray(open(os.path.join(d, n), "rb").read())
            data[-1] ^= 1
            open(os.path.join(d, n), "wb").write(data)
    w.sync(cfg)  # the bad delta is discarded; the full store is used
    w.verify(2)


@case
def tuf_conformance_cli(w):
    w.publish(1)
    w.serve()
    md = os.path.join(w.dir, "tuf-client")
    tdir = os.path.join(w.dir, "tuf-targets")
    w.run(["guichet-tuf-client", "--metadata-dir", md, "init", os.path.join(w.repo, "metadata", "1.root.json")])
    check(os.listdir(md) == ["root.json"], os.listdir(md))
    base = w.url()
    w.run(["guichet-sync", "tuf", "--metadata-dir", md, "--metadata-url", base + "/metadata", "refresh"])
    check(sorted(os.listdir(md)) == ["root.json", "snapshot.json", "targets.json", "timestamp.json"], os.listdir(md))
    args = ["guichet-sync", "tuf", "--metadata-dir", md, "--metadata-url", base + "/metadata",
            "--target-name", "guichet/store.rows.zst", "--target-base-url", base + "/targets", "--target-dir", tdir,
            "download"]
    w.run(args)
    files = os.listdir(tdir)
    check(files == ["guichet%2Fstore.rows.zst"], files)
    before = len(w.nginx.access_log())
    w.run(args)  # cached: no target request
    check(not [l for l in w.nginx.access_log()[before:] if "/targets/" in l], "cached target fetched again")
    bad = w.run(args[:-2] + ["--target-name", "missing.txt", "download"][-3:], check_rc=False)
    check(bad.returncode == 1, "missing target did not exit 1")


@case
def tls_with_pinned_key_and_backup_pin(w):
    w.publish(1)
    cert, key = os.path.join(w.dir, "cert.pem"), os.path.join(w.dir, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", key, "-out", cert], check=True, capture_output=True)
    der = subprocess.run(["openssl", "pkey", "-in", key, "-pubout", "-outform", "der"], check=True,
                         capture_output=True).stdout
    import base64
    pin = "sha256//" + base64.b64encode(hashlib.sha256(der).digest()).decode()
    wrong = "sha256//" + base64.b64encode(hashlib.sha256(b"another key").digest()).decode()
    w.nginx = Nginx(w.repo, w.dir, tls=(cert, key))
    url = f"https://127.0.0.1:{w.nginx.port}"
    cfg = w.config(source=url, ca_file=cert, pinned_public_key=wrong)
    w.expect_failure(cfg, "pinned")
    check(not os.path.exists(os.path.join(w.state, "content", "current.json")), "installed through a wrong pin")
    cfg = w.config(source=url, ca_file=cert, pinned_public_key=wrong, pinned_public_key_backup=pin)
    w.sync(cfg)
    w.verify(1)
    cfg = w.config(source=url)  # no CA for a self-signed server: refused
    w.publish(2)
    w.expect_failure(cfg, "certificate")
    w.verify(1, converged=False)


@case
def through_http_proxy_setting(w):
    w.publish(1)
    w.serve(with_proxy=True)
    cfg = w.config(source=f"http://127.0.0.1:{w.nginx.port}", proxy=f"http://127.0.0.1:{w.proxy.port}")
    w.sync(cfg)
    check(w.proxy.proxied >= 4, f"only {w.proxy.proxied} requests went through the proxy")
    w.verify(1)


@case
def key_rotation_with_the_publisher(w):
    w.publish(1)
    w.serve()
    cfg = w.config()
    w.sync(cfg)
    ts2 = os.path.join(w.dir, "timestamp-2.key")
    root2 = os.path.join(w.dir, "root-2.key")
    w.run(["guichet-publish", "keygen", ts2])
    w.run(["guichet-publish", "keygen", root2])
    w.run(["guichet-publish", "rotate", w.repo, "--role", "timestamp", "--new-key", ts2 + ".pub", "--key", w.key])
    w.run(["guichet-publish", "rotate", w.repo, "--role", "root", "--new-key", root2, "--key", w.key,
           "--key", root2])
    refused = w.run(["guichet-publish", "timestamp", w.repo, "--key", w.key], check_rc=False)
    check(refused.returncode == 1 and "timestamp" in refused.stderr, "the retired timestamp key still signs")
    w.publish(2, extra=("--key", ts2))
    w.sync(cfg)
    w.verify(2)
    trusted_root = json.load(open(os.path.join(w.state, "tuf", "root.json")))["signed"]
    check(trusted_root["version"] == 3, f"trusted root v{trusted_root['version']}")
    # A timestamp whose signature does not verify with the new key is refused.
    ts_path = os.path.join(w.repo, "metadata", "timestamp.json")
    good = open(ts_path).read()
    doc = json.loads(good)
    doc["signed"]["version"] += 5
    open(ts_path, "w").write(json.dumps(doc))
    w.expect_failure(cfg, "signatures are valid")
    open(ts_path, "w").write(good)
    w.sync(cfg)
    w.verify(2)


@case
def delegated_region_tampered_rolled_back_expired(w):
    """A regional office's delegated role, published with the real tools and served by nginx:
    its file is found through the delegation; tampered with, replaced by its older version, or
    expired, it is refused (by the publisher's snapshot and by the client), and the central
    content of kiosks is never affected."""
    w.publish(1)
    w.serve()
    cfg = w.config()
    w.sync(cfg)
    region_key = os.path.join(w.dir, "caribbean.key")
    w.run(["guichet-publish", "keygen", region_key, "--type", "ecdsa"])
    # A pattern that could reach the central content is refused.
    bad = w.run(["guichet-publish", "delegate", w.repo, "--role", "caribbean", "--paths", "*/*",
                 "--new-key", region_key + ".pub", "--key", w.key], check_rc=False)
    check(bad.returncode == 1 and "central" in bad.stderr, f"a catch-all delegation was accepted: {bad.stderr}")
    w.run(["guichet-publish", "delegate", w.repo, "--role", "caribbean", "--paths", "regions/caribbean/*",
           "--new-key", region_key + ".pub", "--key", w.key])
    notice = os.path.join(w.dir, "notice.txt")
    meta = os.path.join(w.repo, "metadata")

    def region_publish(text, *extra):
        with open(notice, "w") as f:
            f.write(text)
        # The region holds only its own key: its file waits for the central snapshot.
        w.run(["guichet-publish", "add-target", w.repo, notice, "--path", "regions/caribbean/notice.txt",
               "--role", "caribbean", "--key", region_key, *extra])
        return w.run(["guichet-publish", "snapshot", w.repo, "--key", w.key])

    listed = region_publish("Horario de verano: 8 a 14 h\n")
    check("caribbean v1" in listed.stdout, f"region not listed: {listed.stdout}")
    md = os.path.join(w.dir, "tuf-client")
    tdir = os.path.join(w.dir, "tuf-targets")
    w.run(["guichet-sync", "tuf", "--metadata-dir", md, "init", os.path.join(meta, "1.root.json")])
    base = w.url()

    def download(*extra, expect=0):
        p = w.run(["guichet-sync", "tuf", "--metadata-dir", md, "--metadata-url", base + "/metadata",
                   "--target-name", "regions/caribbean/notice.txt", "--target-base-url", base + "/targets",
                   "--target-dir", tdir, *extra, "download"], check_rc=False)
        check(p.returncode == expect, f"download exit {p.returncode}, expected {expect}: {p.stderr.strip()}")
        return p

    download()
    saved = os.path.join(tdir, "regions%2Fcaribbean%2Fnotice.txt")
    check(open(saved).read() == "Horario de verano: 8 a 14 h\n", "the region's notice differs")
    check(os.path.exists(os.path.join(md, "caribbean.json")), "the delegated role was not kept")
    w.sync(cfg)
    w.verify(1)

    # Tampered: the region's v2 is altered after it was signed. The publisher will not list it...
    w.run(["guichet-publish", "add-target", w.repo, notice, "--path", "regions/caribbean/other.txt",
           "--role", "caribbean", "--key", region_key])
    v2 = os.path.join(meta, "2.caribbean.json")
    doc = json.load(open(v2))
    doc["signed"]["targets"]["regions/caribbean/other.txt"]["length"] += 1
    json.dump(doc, open(v2, "w"))
    refused = w.run(["guichet-publish", "snapshot", w.repo, "--key", w.key])
    check("not listed: caribbean" in refused.stdout, f"a tampered role file was listed: {refused.stdout}")
    # ...and a mirror that swaps it in after a good v2 was listed is refused by the client.
    good = region_publish("Horario de verano: 8 a 15 h\n")  # v3, listed
    check("caribbean v3" in good.stdout, good.stdout)
    v3 = os.path.join(meta, "3.caribbean.json")
    genuine = open(v3, "rb").read()
    doc = json.loads(genuine)
    doc["signed"]["targets"]["regions/caribbean/notice.txt"]["length"] += 1
    open(v3, "w").write(json.dumps(doc))
    os.remove(saved)
    p = download(expect=1)
    check("caribbean.json" in p.stderr and ("differs" in p.stderr or "mismatch" in p.stderr), p.stderr)
    check(not os.path.exists(saved), "a notice was saved from tampered metadata")
    # Rolled back: the mirror serves the region's v1 under v3's name.
    shutil.copy(os.path.join(meta, "1.caribbean.json"), v3)
    p = download(expect=1)
    check("caribbean.json" in p.stderr, p.stderr)
    open(v3, "wb").write(genuine)
    download()
    check(open(saved).read() == "Horario de verano: 8 a 15 h\n", "not the region's v3 notice")

    # Expired: a region file that lives one day, looked at two days later (the central metadata
    # lives longer) is refused; the publisher lists it only while it is valid.
    region_publish("Cerrado el lunes\n", "--targets-expires", "86400")
    os.remove(saved)
    p = download("--days-in-future", "2", expect=1)
    check("caribbean.json expired" in p.stderr, p.stderr)
    download()
    region_publish("Cerrado el lunes\n", "--targets-expires", "86400", "--now", str(int(time.time()) - 2 * 86400))
    stale = w.run(["guichet-publish", "snapshot", w.repo, "--key", w.key])
    check("expired" in stale.stdout, f"an expired role file was listed: {stale.stdout}")

    # The kiosks' central content went on untouched throughout.
    w.sync(cfg)
    w.verify(1)
    check(w.status()["result"] == "up_to_date", f"status {w.status()['result']}")


@case
def offline_threshold_root_signing(w):
    """Root keys held by three people, offline, of three kinds (a PEM key made by openssl and
    used only through --sign-command, as a token would be; ECDSA and Ed25519 keys of ours):
    rotate --draft, sign-root by each holder, publish-root refused until both thresholds are
    met, then kiosks follow the new root and content signed under it."""
    w.publish(1)
    w.serve()
    cfg = w.config()
    w.sync(cfg)
    d = w.dir
    token = os.path.join(d, "token.pem")
    subprocess.run(["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
                    "-out", token], check=True, capture_output=True, timeout=30)
    subprocess.run(["openssl", "pkey", "-in", token, "-pubout", "-out", token + ".pub.pem"],
                   check=True, capture_output=True, timeout=30)
    holder_b = os.path.join(d, "root-b.key")
    holder_c = os.path.join(d, "root-c.key")
    w.run(["guichet-publish", "keygen", holder_b, "--type", "ecdsa"])
    w.run(["guichet-publish", "keygen", holder_c])
    draft = os.path.join(d, "2.root.draft.json")
    w.run(["guichet-publish", "rotate", w.repo, "--role", "root", "--new-key", token + ".pub.pem",
           "--new-key", holder_b + ".pub", "--new-key", holder_c + ".pub", "--threshold", "2",
           "--draft", draft])
    check(not os.path.exists(os.path.join(w.repo, "metadata", "2.root.json")), "a draft was published")
    sign_cmd = f"openssl dgst -sha256 -sign '{token}' | od -An -tx1 | tr -d ' \\n'"
    # A command that signs with another key than the one named is caught at once.
    other = os.path.join(d, "other.pem")
    subprocess.run(["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
                    "-out", other], check=True, capture_output=True, timeout=30)
    wrong = w.run(["guichet-publish", "sign-root", draft, "--key", token + ".pub.pem", "--sign-command",
                   f"openssl dgst -sha256 -sign '{other}' | od -An -tx1 | tr -d ' \\n'"], check_rc=False)
    check(wrong.returncode == 1 and "does not verify" in wrong.stderr, f"a wrong signer was taken: {wrong.stderr}")
    signed = w.run(["guichet-publish", "sign-root", draft, "--key", token + ".pub.pem", "--sign-command", sign_cmd])
    check("1 signature" in signed.stdout, signed.stdout)

    def publish_root(expect):
        p = w.run(["guichet-publish", "publish-root", w.repo, draft, "--key", w.key], check_rc=False)
        check(p.returncode == expect, f"publish-root exit {p.returncode}: {p.stdout} {p.stderr}")
        return p

    # The new root alone is 1 of 2; the old root's key has not signed either.
    early = publish_root(1)
    check("not publishable yet" in early.stderr and "valid" in early.stderr, early.stderr)
    # The same holder signing twice is still one signature.
    w.run(["guichet-publish", "sign-root", draft, "--key", token + ".pub.pem", "--sign-command", sign_cmd])
    w.run(["guichet-publish", "sign-root", draft, "--key", w.key])  # the outgoing root key
    early = publish_root(1)
    check("1 of 2" in early.stderr, f"expected '1 of 2': {early.stderr}")
    check(w.sync(cfg).returncode == 0 and json.load(open(os.path.join(w.state, "tuf", "root.json")))
          ["signed"]["version"] == 1, "the kiosk moved to an unpublished root")
    w.run(["guichet-publish", "sign-root", draft, "--key", holder_c])
    done = publish_root(0)
    check("re-signed" in done.stdout, done.stdout)
    w.publish(2)
    w.sync(cfg)
    w.verify(2)
    root = json.load(open(os.path.join(w.state, "tuf", "root.json")))["signed"]
    check(root["version"] == 2 and root["roles"]["root"]["threshold"] == 2, f"trusted root {root['roles']['root']}")
    types = sorted(root["keys"][k]["keytype"] for k in root["roles"]["root"]["keyids"])
    check(types == ["ecdsa", "ecdsa", "ed25519"], f"root key types {types}")
    # The next rotation needs two of the three new holders: the old key alone no longer counts.
    draft3 = os.path.join(d, "3.root.draft.json")
    w.run(["guichet-publish", "rotate", w.repo, "--draft", draft3])
    w.run(["guichet-publish", "sign-root", draft3, "--key", w.key])
    check("valid" in publish_root_of(w, draft3, 1).stderr, "the retired root key still rotates the root")
    w.run(["guichet-publish", "sign-root", draft3, "--key", holder_b, "--key", holder_c])
    publish_root_of(w, draft3, 0)
    w.sync(cfg)
    check(json.load(open(os.path.join(w.state, "tuf", "root.json")))["signed"]["version"] == 3, "root v3 not followed")


def publish_root_of(w, draft, expect):
    p = w.run(["guichet-publish", "publish-root", w.repo, draft, "--key", w.key], check_rc=False)
    check(p.returncode == expect, f"publish-root exit {p.returncode}: {p.stdout} {p.stderr}")
    return p


def kiosk_alerts(state):
    path = os.path.join(state, "alerts", "alerts.json")
    if not os.path.exists(path):
        return {}
    return {a["id"]: a for a in json.load(open(path))["alerts"]}


@case
def fleet_alerts_central_and_regional(w):
    """Alerts published with `guichet-publish alert`, served by nginx, fetched by the alert-only
    check without the content: the audience decides which kiosk keeps which alert, a region's
    alerts reach only its kiosks and never pass for the centre's, a tampered alerts file is
    refused with the alerts held before kept, and content pushes keep the alerts."""
    w.publish(1)
    w.serve()
    states = {"caribbean": w.state, "andes": os.path.join(w.dir, "state-andes")}
    ids = {"caribbean": "kiosk-0a1b2c3d4e5f", "andes": "kiosk-ffffffffffff"}
    cfgs = {}
    for region, state in states.items():
        os.makedirs(state, exist_ok=True)
        with open(os.path.join(state, "kiosk-id"), "w") as f:
            f.write(ids[region] + "\n")
        cfgs[region] = w.config(state=state, region=region, tags="pilot" if region == "andes" else "port")
        shutil.copy(cfgs[region], cfgs[region] + "." + region)
        cfgs[region] += "." + region
        w.sync(cfgs[region])
        w.verify(1, state=state)
        check(kiosk_alerts(state) == {}, "alerts before any was published")

    def alert(*args, expect=0):
        p = w.run(["guichet-publish", "alert", w.repo, *args], check_rc=False)
        check(p.returncode == expect, f"alert exit {p.returncode}: {p.stdout} {p.stderr}")
        return p

    def check_alerts(region):
        p = w.run(["guichet-sync", "--config", cfgs[region], "--alerts-only"], check_rc=False)
        check(p.returncode == 0, f"alert check failed: {p.stderr}")
        return p

    alert("--id", "border", "--severity", "urgent", "--replaces-home", "--for", "86400",
          "--title", "es=Frontera cerrada", "--title", "fr=Frontière fermée",
          "--body", "es=El paso está cerrado hasta nuevo aviso.", "--key", w.key)
    alert("--id", "pilot-hours", "--severity", "info", "--audience", "tag:pilot", "--for", "86400",
          "--title", "es=Horario ampliado", "--key", w.key)
    alert("--id", "bad", "--severity", "info", "--replaces-home", "--for", "60", "--title", "es=x",
          "--key", w.key, expect=1)
    before = len(w.nginx.access_log())
    check_alerts("caribbean")
    log = w.nginx.access_log()[before:]
    check(not any("store.rows" in l or "patch-from" in l for l in log), f"the alert check fetched content: {log}")
    check(len(log) <= 5, f"the alert check took {len(log)} requests: {log}")
    check_alerts("andes")
    got = {r: kiosk_alerts(s) for r, s in states.items()}
    check(set(got["caribbean"]) == {"border"}, f"caribbean holds {set(got['caribbean'])}")
    check(set(got["andes"]) == {"border", "pilot-hours"}, f"andes holds {set(got['andes'])}")
    check(got["caribbean"]["border"]["source"] == "central" and got["caribbean"]["border"]["replaces_home"],
          got["caribbean"]["border"])
    # The content did not move with the alerts; the next regular sync is "nothing new".
    w.verify(1)
    w.sync(cfgs["caribbean"])
    check(w.status()["alerts"] == 1, f"status alerts {w.status()['alerts']}")

    # A region publishes its own alerts with its own key; the central snapshot lists them.
    region_key = os.path.join(w.dir, "caribbean.key")
    w.run(["guichet-publish", "keygen", region_key, "--type", "ecdsa"])
    w.run(["guichet-publish", "delegate", w.repo, "--role", "caribbean", "--paths", "regions/caribbean/*",
           "--new-key", region_key + ".pub", "--key", w.key])
    # The region's own store (push --role) and its alerts live side by side in its metadata.
    region_store = os.path.join(w.dir, "caribbean.db")
    make_store(region_store, 1, items=50)
    w.run(["guichet-publish", "push", w.repo, region_store, "--role", "caribbean", "--key", region_key,
           "--zstd-level", "3"])
    p = alert("--id", "office-moved", "--severity", "warning", "--audience", "all", "--audience", "region:andes",
              "--for", "86400", "--title", "ht=Biwo a demenaje", "--role", "caribbean", "--key", region_key)
    check("regions/caribbean/alerts.json" in p.stdout and "snapshot" in p.stdout, p.stdout)
    # The region's key cannot sign the central alerts.
    alert("--id", "fake", "--severity", "urgent", "--for", "60", "--title", "es=x", "--key", region_key, expect=1)
    w.run(["guichet-publish", "snapshot", w.repo, "--key", w.key])
    for region in states:
        check_alerts(region)
    got = {r: kiosk_alerts(s) for r, s in states.items()}
    check(got["caribbean"]["office-moved"]["source"] == "region:caribbean", got["caribbean"])
    check("office-moved" not in got["andes"], "a region's alert reached another region")
    md = os.path.join(w.repo, "metadata")
    newest = max(int(n.split(".")[0]) for n in os.listdir(md) if n.endswith(".caribbean.json"))
    listed = json.load(open(os.path.join(md, f"{newest}.caribbean.json")))["signed"]["targets"]
    check(set(listed) == {"regions/caribbean/store.rows.zst", "regions/caribbean/alerts.json"},
          f"the region's targets: {sorted(listed)}")

    # Withdrawn: gone at the next check. Tampered on the server: refused, the alerts held stay.
    alert("--withdraw", "pilot-hours", "--key", w.key)
    check_alerts("andes")
    check(set(kiosk_alerts(states["andes"])) == {"border"}, f"andes holds {set(kiosk_alerts(states['andes']))}")
    alert("--id", "border", "--severity", "urgent", "--replaces-home", "--for", "86400",
          "--title", "es=Frontera abierta de nuevo", "--key", w.key)
    tdir = os.path.join(w.repo, "targets", "guichet")
    newest = max((os.path.join(tdir, n) for n in os.listdir(tdir) if n.endswith("alerts.json")),
                 key=os.path.getmtime)
    good = open(newest, "rb").read()
    open(newest, "wb").write(good.replace("abierta".encode(), "ABIERTA".encode()))
    p = check_alerts("andes")
    check("alerts not updated" in p.stderr, p.stderr)
    check(kiosk_alerts(states["andes"])["border"]["text"]["es"]["title"] == "Frontera cerrada",
          "a tampered alert replaced the verified one")
    open(newest, "wb").write(good)
    check_alerts("andes")
    check(kiosk_alerts(states["andes"])["border"]["text"]["es"]["title"] == "Frontera abierta de nuevo", "not updated")

    # A content push keeps the alerts; the kiosk takes both in one sync.
    w.publish(2)
    w.sync(cfgs["andes"])
    w.verify(2, state=states["andes"])
    check(set(kiosk_alerts(states["andes"])) == {"border"}, "the push dropped the alerts")


def main():
    return e2e_cases.main(__doc__, CASES, "guichet-e2e", World, lambda w: w.close(), keep_variable="GUICHET_E2E_KEEP")


if __name__ == "__main__":
    sys.exit(main())
