#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Where an in-place update's writes go (issue 21): applies the changes between two compiled
stores with `guichet-content apply` on a copy of the first, and prints the apply's CPU, its
write_bytes and write-call bytes (/proc/PID/io), the WAL's size, and which tables and indexes
own the pages of the store that differ afterwards (sqlite's dbstat on the result).

usage: apply_pages.py BIN_DIR OLD.db NEW.db [--work DIR] [--keep] [--device NAME]

--device NAME: also what reached the block device holding --work (for example a loop device
with its own file system, so that nothing else writes to it): the sectors written
(/sys/block/NAME/stat) from the apply's start until the data is on the device (after sync),
the file system's own journal included. write_bytes counts a whole page-cache folio for each
folio a write dirties, which on Linux 6.x can be larger than the 4 kB blocks written back.

Quicker than apply_cost.py (no publishing, no TUF): for working on the store's layout. The
stores are the caller's: for example `guichet-content synth S0 --items 100000 --seed 7`,
the same with `--mutate-percent 1`, each built with BIN_DIR's `guichet-content build`."""

import argparse
import collections
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile

PAGE_READ = 1 << 20
OS_PAGE = 4096


def run(argv):
    p = subprocess.run(argv, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"{' '.join(argv)}: {p.returncode}: {p.stderr.strip()}")
    return p.stdout


def drop_cache(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def device_sectors_written(name):
    with open(f"/sys/block/{name}/stat") as f:
        return int(f.read().split()[6])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--work")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--device")
    args = ap.parse_args()
    tool = os.path.join(os.path.abspath(args.bin), "guichet-content")
    work = args.work or tempfile.mkdtemp(prefix="guichet-apply-pages-")
    os.makedirs(work, exist_ok=True)
    changes = os.path.join(work, "changes.bin")
    print(run([tool, "changes", args.old, args.new, changes]).strip())
    digest = run([tool, "digest", args.new]).strip()
    kiosk = os.path.join(work, "kiosk.db")
    before = os.path.join(work, "before.db")
    for leftover in (kiosk + "-wal", kiosk + "-shm"):
        if os.path.exists(leftover):
            os.remove(leftover)
    shutil.copyfile(args.old, kiosk)
    run([tool, "prepare", kiosk, "1"])
    # The store as the apply finds it (its WAL folded in), to compare page by page afterwards.
    sqlite3.connect(kiosk).execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    shutil.copyfile(kiosk, before)
    os.sync()
    drop_cache(kiosk)
    sectors0 = device_sectors_written(args.device) if args.device else 0
    usage0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.run(["sh", "-c", f"'{tool}' apply '{kiosk}' '{changes}' {digest} 2 "
                        f"--undo '{work}/undo.bin' >/dev/null && cat /proc/$$/io"],
                       capture_output=True, text=True)
    usage1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        sys.exit(f"apply failed: {p.stderr.strip()}")
    io = dict(line.split(": ") for line in p.stdout.strip().splitlines())
    if args.device:
        os.sync()
        device_bytes = 512 * (device_sectors_written(args.device) - sectors0)
    wal = os.path.getsize(kiosk + "-wal") if os.path.exists(kiosk + "-wal") else 0
    user, system = usage1.ru_utime - usage0.ru_utime, usage1.ru_stime - usage0.ru_stime
    cpu = user + system
    db = sqlite3.connect(kiosk)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    size = os.path.getsize(args.old)
    owner = dict(db.execute("SELECT pageno, name FROM dbstat"))
    differ = collections.Counter()
    # The kernel counts (write_bytes) and writes back the store file by memory page (4 kB, or
    # a larger folio), however little of it a write changed: a checkpoint writing 1 kB pages
    # costs at least the 4 kB pages they fall in.
    os_pages = set()
    with open(before, "rb") as a, open(kiosk, "rb") as b:
        page = 1
        while True:
            x, y = a.read(PAGE_READ), b.read(PAGE_READ)
            if not x and not y:
                break
            for off in range(0, max(len(x), len(y)), page_size):
                if x[off:off + page_size] != y[off:off + page_size]:
                    differ[owner.get(page, "(free or new)")] += 1
                    os_pages.add((page - 1) * page_size // OS_PAGE)
                page += 1
    total = sum(differ.values())
    print(f"store {size:,} B; CPU {cpu:.2f} s (user {user:.2f}, system {system:.2f}); write_bytes {int(io['write_bytes']):,} "
          f"({100 * int(io['write_bytes']) / size:.1f} %); write calls {int(io['wchar']):,}; "
          f"WAL {wal:,} B ({100 * wal / size:.1f} %)")
    if args.device:
        print(f"written to {args.device} (after sync): {device_bytes:,} B "
              f"({100 * device_bytes / size:.1f} %)")
    print(f"pages that differ: {total:,} of {size // page_size:,} ({page_size} B each), in "
          f"{len(os_pages):,} memory pages of {OS_PAGE} B ({len(os_pages) * OS_PAGE:,} B)")
    for name, n in differ.most_common():
        print(f"  {name:40s} {n:7,d} ({100 * n / max(total, 1):.0f} %)")
    if not args.keep and not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
