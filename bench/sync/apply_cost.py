#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What applying a content update costs a kiosk (issue 21): for the synthetic corpus (--items,
100,000 by default) updated by 0.01 %, 1 % and 10 % of its items, one real `guichet-sync
--once` from a kiosk state at the previous version, reading a repository made by
`guichet-publish` from a folder (the transfer is not what is measured). Prints the CPU of the
sync process (user + system), the bytes it wrote (/proc/PID/io write_bytes of the process and
its children, read by the shell that waited for it; wchar beside it: the bytes of its write
calls, which includes what only the page cache saw), the peak extra disk space in the state
folder during the update (sampled every 5 ms), each against the store's size; medians of
--repeat runs, each from a fresh copy of the state at the previous version.

With --compare OTHER_BIN_DIR (for example main's binaries), the same is measured for both
builds, run after run in turn on the same machine, and printed side by side: each build
publishes its own repository and keeps its own kiosk state, from the same compiled stores.

usage: apply_cost.py BIN_DIR [--compare OTHER_BIN_DIR] [--items 100000] [--repeat 3]
                     [--work DIR] [--scratch DIR] [--percents 0.01,1,10] [--device NAME]

--percents: which updates to measure (default all three); a later run with the same --work
reuses the stores, repositories and kiosk states already made.

--scratch: where the synthetic sources are written and removed (100,000 items are ~170,000
small files; a tmpfs such as /dev/shm makes that minutes faster). Never the measured folder:
the states and stores stay in --work, on the disk whose writes are counted.

--device: the block device (a name under /sys/block, such as loop0) holding --work on a file
system of its own; each sync's bytes that reached it (its written sectors from the start of
the sync until sync(2) returned, the file system's journal included) are printed beside
write_bytes, which on Linux 6.x counts whole page-cache folios and says more than is written.
A loop device: truncate -s 12G F; mkfs.ext4 -E lazy_itable_init=0,lazy_journal_init=0 F;
mount "$(losetup -f --show F)" DIR."""

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

PERCENTS = ("0.01", "1", "10")


def run(argv, **kw):
    p = subprocess.run(argv, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        sys.exit(f"{' '.join(argv)}: {p.returncode}: {p.stderr.strip()}")
    return p


def device_bytes_written(device):
    if not device:
        return 0
    with open(f"/sys/block/{device}/stat") as f:
        return int(f.read().split()[6]) * 512  # sectors written, always of 512 bytes


def disk_use(path):
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_blocks * 512
            except OSError:
                pass
    return total


class Build:
    """One build's binaries, repositories and kiosk states under work/label."""

    def __init__(self, label, bin_dir, work, stores, key, percents, device=None):
        self.label, self.work, self.stores, self.key = label, os.path.join(work, label), stores, key
        self.device = device
        self.bin = lambda name: os.path.join(os.path.abspath(bin_dir), name)  # noqa: E731
        os.makedirs(self.work, exist_ok=True)
        self.base_repo = os.path.join(self.work, "repo-base")
        self.base_state = os.path.join(self.work, "state-base")
        if not os.path.exists(self.base_repo):
            run([self.bin("guichet-publish"), "init", self.base_repo, "--key", key])
            run([self.bin("guichet-publish"), "push", self.base_repo, stores["0"], "--key", key])
        if not os.path.exists(self.base_state):
            run([self.bin("guichet-sync"), "--config", self.config(self.base_repo, self.base_state),
                 "--once"])
        self.repos = {}
        for pct in percents:
            repo = os.path.join(self.work, f"repo-{pct}")
            if not os.path.exists(repo):
                shutil.copytree(self.base_repo, repo)
                run([self.bin("guichet-publish"), "push", repo, stores[pct], "--key", key])
            self.repos[pct] = repo

    def config(self, repo, state):
        path = os.path.join(self.work, f"sync-{os.path.basename(state)}.conf")
        with open(path, "w") as f:
            f.write(f"source = {repo}\nstate_dir = {state}\n"
                    f"trusted_root = {self.base_repo}/metadata/1.root.json\nmin_free_bytes = 0\n")
        return path

    def measure(self, pct):
        state = os.path.join(self.work, f"state-{pct}")
        shutil.rmtree(state, ignore_errors=True)
        shutil.copytree(self.base_state, state)
        cfg = self.config(self.repos[pct], state)
        os.sync()
        # The copy leaves the state's files in the page cache as large folios (Linux 6.x),
        # and a 4 kB write then dirties, and writes back, a whole folio: not what a kiosk whose
        # store was read page by page sees. Each copied file leaves the cache (this file only).
        for root, _, files in os.walk(state):
            for name in files:
                fd = os.open(os.path.join(root, name), os.O_RDONLY)
                try:
                    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                finally:
                    os.close(fd)
        start_disk = disk_use(state)
        peak = [start_disk]
        done = threading.Event()

        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], disk_use(state))
                time.sleep(0.005)

        sampler = threading.Thread(target=sample)
        sampler.start()
        device_before = device_bytes_written(self.device)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.monotonic()
        p = subprocess.run(["sh", "-c", f"'{self.bin('guichet-sync')}' --config '{cfg}' --once "
                            ">/dev/null && cat /proc/$$/io"], capture_output=True, text=True)
        wall = time.monotonic() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        done.set()
        sampler.join()
        os.sync()
        to_device = device_bytes_written(self.device) - device_before
        if p.returncode != 0:
            sys.exit(f"{self.label}: sync of the {pct} % update failed: {p.stderr.strip()}")
        io = dict(line.split(": ") for line in p.stdout.strip().splitlines())
        status = json.load(open(os.path.join(state, "sync", "status.json")))
        end_disk = disk_use(state)
        return {
            "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
            "written": int(io["write_bytes"]),
            "wchar": int(io["wchar"]),
            "peak": max(peak[0], end_disk) - start_disk,
            "wall": wall,
            "apply_ms": status["apply_ms"],
            "download": status["bytes"],
            "state_after": end_disk,
            "device": to_device,
        }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--compare")
    ap.add_argument("--items", type=int, default=100000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--work")
    ap.add_argument("--scratch")
    ap.add_argument("--percents", default=",".join(PERCENTS))
    ap.add_argument("--device")
    args = ap.parse_args()
    if args.device and not os.path.exists(f"/sys/block/{args.device}/stat"):
        sys.exit(f"--device: /sys/block/{args.device}/stat does not exist")
    percents = tuple(p for p in args.percents.split(",") if p)
    if not percents or any(p not in PERCENTS for p in percents):
        sys.exit(f"--percents: a comma-separated choice of {', '.join(PERCENTS)}")
    work = args.work or tempfile.mkdtemp(prefix="guichet-apply-cost-")
    os.makedirs(work, exist_ok=True)
    content = os.path.join(os.path.abspath(args.bin), "guichet-content")
    key = os.path.join(work, "publisher.key")
    if not os.path.exists(key):
        run([os.path.join(os.path.abspath(args.bin), "guichet-publish"), "keygen", key])
    # Each build compiles the same synthetic sources with its own compiler: the store's schema
    # is part of what a build reads.
    bins = ([("before", args.compare)] if args.compare else []) + \
        [("after" if args.compare else "this", args.bin)]
    stores = {label: {} for label, _ in bins}
    for pct in ("0",) + percents:
        src = os.path.join(args.scratch or work, f"src-{pct}")
        for label, bin_dir in bins:
            db = os.path.join(work, f"store-{label}-{pct}.db")
            if not os.path.exists(db):
                if not os.path.exists(src):
                    run([content, "synth", src, "--items", str(args.items), "--seed", "7",
                         "--mutate-percent", pct])
                run([os.path.join(os.path.abspath(bin_dir), "guichet-content"), "build", src,
                     "-o", db])
            stores[label][pct] = db
        shutil.rmtree(src, ignore_errors=True)
    store_size = os.path.getsize(stores[bins[-1][0]]["0"])
    builds = [Build(label, bin_dir, work, stores[label], key, percents, args.device)
              for label, bin_dir in bins]
    print(f"store: {store_size:,} bytes ({args.items:,} items); medians of {args.repeat} runs")
    for label, _ in bins:
        print(f"{label}: store at version 1: {os.path.getsize(stores[label]['0']):,} bytes")
    for b in builds:
        print(f"{b.label}: kiosk state at version 1: {disk_use(b.base_state):,} bytes")
    results = {(b.label, pct): [] for b in builds for pct in percents}
    for pct in percents:
        for _ in range(args.repeat):
            for b in builds:
                results[(b.label, pct)].append(b.measure(pct))
    device_head = " to the device B (% of store) |" if args.device else ""
    print("| update | build | download B | CPU s | written B (% of store) | write calls B | "
          "peak extra disk B (% of store) | wall s | apply ms |" + device_head)
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|" + ("---:|" if args.device else ""))
    for pct in percents:
        for b in builds:
            runs = results[(b.label, pct)]
            med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            print(f"| {pct} % | {b.label} | {med['download']:,.0f} | {med['cpu']:.2f} | "
                  f"{med['written']:,.0f} ({100 * med['written'] / store_size:.1f} %) | "
                  f"{med['wchar']:,.0f} | "
                  f"{med['peak']:,.0f} ({100 * med['peak'] / store_size:.1f} %) | "
                  f"{med['wall']:.1f} | {med['apply_ms']:.0f} |" +
                  (f" {med['device']:,.0f} ({100 * med['device'] / store_size:.1f} %) |"
                   if args.device else ""))
            cpus = ", ".join(f"{r['cpu']:.2f}" for r in runs)
            each = ", ".join(f"{r['written']:,}" for r in runs)
            if args.device:
                each += "; to the device " + ", ".join(f"{r['device']:,}" for r in runs)
            print(f"  {b.label} {pct} %: written by each run {each}", file=sys.stderr)
            print(f"  {b.label} {pct} %: CPU of each run {cpus}; state after "
                  f"{runs[-1]['state_after']:,} B", file=sys.stderr)
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
