#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What rewriting an update's changed texts sends to the device, for two layouts of the texts
(issue 21): today's `item_texts` (a row per item and language) and one row per item holding all
its languages. Only the texts are copied into a database of their own, so the figure isolates
the layout; the rest of an apply (word index, other tables, the kept changes) is not included.

For each layout and page size: the texts of OLD.db copied in item order (as a kiosk's store is
laid out after a full download), then the texts that differ in NEW.db written in one WAL
transaction and checkpointed, and the sectors the block device received from the first write
until sync(2) returned (WAL, checkpoint and the file system's journal). Medians of --repeat runs.

usage: text_layout.py OLD.db NEW.db --work DIR --device NAME [--page-sizes 1024,2048,4096]
       [--repeat 3]

DIR must be on a file system of its own on NAME (a loop device: truncate -s 4G F;
mkfs.ext4 -E lazy_itable_init=0,lazy_journal_init=0 F; mount "$(losetup -f --show F)" DIR)."""

import argparse
import os
import sqlite3
import statistics
import sys

# One row per item: its languages' rows joined with separators no text holds.
PACKED = ("group_concat(lang || char(1) || title_words || char(1) || text_words || char(1) || "
          "title || char(1) || summary || char(1) || body || char(1) || extra, char(2))")


def device_bytes(device):
    with open(f"/sys/block/{device}/stat") as f:
        return int(f.read().split()[6]) * 512


def build(layout, path, old, page_size):
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA page_size = {page_size}")
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("ATTACH ? AS o", (old,))
    if layout == "rows":
        db.execute(db.execute("SELECT sql FROM o.sqlite_schema WHERE name = 'item_texts'")
                   .fetchone()[0])
        db.execute("INSERT INTO item_texts SELECT * FROM o.item_texts ORDER BY id")
    else:
        db.execute("CREATE TABLE item_pack(seq INTEGER PRIMARY KEY, item_id TEXT NOT NULL UNIQUE, "
                   "data TEXT NOT NULL)")
        db.execute(f"INSERT INTO item_pack SELECT min(id & 4294967295), item_id, {PACKED} FROM "
                   "(SELECT * FROM o.item_texts ORDER BY id) GROUP BY item_id ORDER BY 1")
    db.commit()
    db.close()


def update(layout, path, new, device):
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA wal_autocheckpoint = 0")
    db.execute("ATTACH ? AS n", (new,))
    os.sync()
    fd = os.open(path, os.O_RDONLY)
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)
    before = device_bytes(device)
    db.execute("BEGIN")
    if layout == "rows":
        changed = db.execute(
            "UPDATE main.item_texts AS t SET title = x.title, summary = x.summary, body = x.body, "
            "extra = x.extra, title_words = x.title_words, text_words = x.text_words "
            "FROM n.item_texts x WHERE x.item_id = t.item_id AND x.lang = t.lang AND "
            "(x.title IS NOT t.title OR x.summary IS NOT t.summary OR x.body IS NOT t.body "
            "OR x.extra IS NOT t.extra)").rowcount
    else:
        db.execute(f"CREATE TEMP TABLE next AS SELECT item_id, {PACKED} AS data FROM "
                   "(SELECT * FROM n.item_texts ORDER BY id) GROUP BY item_id")
        changed = db.execute("UPDATE main.item_pack AS p SET data = x.data FROM temp.next x "
                             "WHERE x.item_id = p.item_id AND x.data IS NOT p.data").rowcount
    db.execute("COMMIT")
    wal = os.path.getsize(path + "-wal")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    os.sync()
    return changed, wal, device_bytes(device) - before, os.path.getsize(path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--work", required=True)
    ap.add_argument("--device", required=True)
    ap.add_argument("--page-sizes", default="1024,2048,4096")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if not os.path.exists(f"/sys/block/{args.device}/stat"):
        sys.exit(f"--device: /sys/block/{args.device}/stat does not exist")
    if sqlite3.sqlite_version_info < (3, 33):
        sys.exit(f"SQLite {sqlite3.sqlite_version}: UPDATE … FROM needs 3.33")
    os.makedirs(args.work, exist_ok=True)
    print("| layout | page | rows changed | texts' file B | WAL B | to the device B |")
    print("|---|---:|---:|---:|---:|---:|")
    for page_size in (int(p) for p in args.page_sizes.split(",")):
        for layout in ("rows", "per item"):
            runs = []
            for _ in range(args.repeat):
                path = os.path.join(args.work, f"texts-{layout.replace(' ', '-')}.db")
                build(layout, path, args.old, page_size)
                runs.append(update(layout, path, args.new, args.device))
                os.remove(path)
            changed, wal, _, size = runs[0]
            device = statistics.median(r[2] for r in runs)
            print(f"| {layout} | {page_size} | {changed:,} | {size:,} | {wal:,} | {device:,.0f} |",
                  flush=True)


if __name__ == "__main__":
    main()
