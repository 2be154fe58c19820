#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What applying a content update costs a kiosk today (issue 21's baseline): for the synthetic
corpus (--items, 100,000 by default) updated by 0.01 %, 1 % and 10 % of its items, one real
`guichet-sync --once` from a kiosk state at the previous version, reading a repository made by
`guichet-publish` from a folder (the transfer is not what is measured). Prints the CPU of the
sync process (user + system), the bytes it wrote (/proc/PID/io write_bytes, the process and
its children, read by the shell that waited for it), the peak extra disk space in the state
folder during the update (sampled every 50 ms), each against the store's size.

usage: apply_cost.py BIN_DIR [--items 100000] [--work DIR]"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time


def run(argv, **kw):
    p = subprocess.run(argv, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        sys.exit(f"{' '.join(argv)}: {p.returncode}: {p.stderr.strip()}")
    return p


def disk_use(path):
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_blocks * 512
            except OSError:
                pass
    return total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--items", type=int, default=100000)
    ap.add_argument("--work")
    args = ap.parse_args()
    b = lambda name: os.path.join(os.path.abspath(args.bin), name)  # noqa: E731
    work = args.work or tempfile.mkdtemp(prefix="guichet-apply-cost-")
    os.makedirs(work, exist_ok=True)
    key = os.path.join(work, "publisher.key")
    stores = {}
    for pct in ("0", "0.01", "1", "10"):
        src, db = os.path.join(work, f"src-{pct}"), os.path.join(work, f"store-{pct}.db")
        if not os.path.exists(db):
            run([b("guichet-content"), "synth", src, "--items", str(args.items), "--seed", "7",
                 "--mutate-percent", pct])
            run([b("guichet-content"), "build", src, "-o", db])
            shutil.rmtree(src)
        stores[pct] = db
    base_repo = os.path.join(work, "repo-base")
    base_state = os.path.join(work, "state-base")
    if not os.path.exists(base_repo):
        run([b("guichet-publish"), "keygen", key])
        run([b("guichet-publish"), "init", base_repo, "--key", key])
        run([b("guichet-publish"), "push", base_repo, stores["0"], "--key", key])

    def config(repo, state):
        path = os.path.join(work, f"sync-{os.path.basename(state)}.conf")
        with open(path, "w") as f:
            f.write(f"source = {repo}\nstate_dir = {state}\n"
                    f"trusted_root = {base_repo}/metadata/1.root.json\nmin_free_bytes = 0\n")
        return path

    if not os.path.exists(base_state):
        run([b("guichet-sync"), "--config", config(base_repo, base_state), "--once"])
    store_size = os.path.getsize(stores["0"])
    print(f"store: {store_size:,} bytes ({args.items:,} items); kiosk state at version 1: "
          f"{disk_use(base_state):,} bytes")
    for pct in ("0.01", "1", "10"):
        repo, state = os.path.join(work, f"repo-{pct}"), os.path.join(work, f"state-{pct}")
        shutil.rmtree(repo, ignore_errors=True)
        shutil.rmtree(state, ignore_errors=True)
        shutil.copytree(base_repo, repo)
        shutil.copytree(base_state, state)
        run([b("guichet-publish"), "push", repo, stores[pct], "--key", key])
        cfg = config(repo, state)
        os.sync()
        start_disk = disk_use(state)
        peak = [start_disk]
        done = threading.Event()

        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], disk_use(state))
                time.sleep(0.05)

        sampler = threading.Thread(target=sample)
        sampler.start()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.monotonic()
        p = subprocess.run(["sh", "-c", f"'{b('guichet-sync')}' --config '{cfg}' --once >/dev/null "
                            "&& cat /proc/$$/io"], capture_output=True, text=True)
        wall = time.monotonic() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        done.set()
        sampler.join()
        if p.returncode != 0:
            sys.exit(f"sync of the {pct} % update failed: {p.stderr.strip()}")
        io = dict(line.split(": ") for line in p.stdout.strip().splitlines())
        written = int(io["write_bytes"])
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        status = json.load(open(os.path.join(state, "sync", "status.json")))
        print(f"{pct} % update: download {status['bytes']:,} B; CPU {cpu:.2f} s "
              f"(user {after.ru_utime - before.ru_utime:.2f}, sys {after.ru_stime - before.ru_stime:.2f}); "
              f"written {written:,} B = {100 * written / store_size:.1f} % of the store; "
              f"peak extra disk {peak[0] - start_disk:,} B = "
              f"{100 * (peak[0] - start_disk) / store_size:.1f} % of the store; "
              f"wall {wall:.1f} s (apply_ms {status['apply_ms']})")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
