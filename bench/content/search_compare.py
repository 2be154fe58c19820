#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Do two builds' stores answer the same searches the same way? For stores compiled from the
same sources by two builds (for example main's and a branch that changed how the store keeps
what search ranks by), runs each query with each build's `guichet-content search DB QUERY
--lang L --limit 20` and compares the whole output (hits in order, their language, title and
snippet, corrections and suggestions). Queries are drawn from the first store's vocabulary
(spell_terms), reproducibly: 1-3 words, the same with one word misspelled (a letter dropped,
doubled or replaced), and a last word cut short (what a visitor typing letter by letter sends).

usage: search_compare.py BIN_A DB_A BIN_B DB_B [--queries 3000] [--seed 1] [--jobs 2]
                         [--queries-from FILE] [--exact]
--queries-from: the queries of a file instead (lines "set<TAB>lang<TAB>query", as
`content_bench --write-queries FILE` writes the sets it times); a summary per set.
--exact: without spelling correction (`search --exact`, search as before issue 18).
Exit status 0 when every query's output is identical, 1 otherwise (the first differences are
printed)."""

import argparse
import concurrent.futures
import os
import random
import sqlite3
import subprocess
import sys


def make_queries(db, count, seed):
    rng = random.Random(seed)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    langs = [r[0] for r in con.execute("SELECT code FROM languages ORDER BY position")]
    words = {}
    for lang in langs:
        rows = con.execute(
            "SELECT term FROM spell_terms WHERE lang = ? AND docs >= 2 AND length(term) >= 3 "
            "ORDER BY term", (lang,)).fetchall()
        words[lang] = [r[0] for r in rows]
    letters = "abcdefghijklmnopqrstuvwxyz"
    queries = []
    while len(queries) < count:
        lang = rng.choice(langs)
        if not words[lang]:
            continue
        picked = [rng.choice(words[lang]) for _ in range(rng.randint(1, 3))]
        kind = rng.randrange(3)
        if kind == 1:  # one word misspelled
            i = rng.randrange(len(picked))
            w = picked[i]
            at = rng.randrange(len(w))
            edit = rng.randrange(3)
            if edit == 0:
                w = w[:at] + w[at + 1:]
            elif edit == 1:
                w = w[:at] + w[at] + w[at:]
            else:
                w = w[:at] + rng.choice(letters) + w[at + 1:]
            picked[i] = w
        elif kind == 2:  # the last word cut short
            w = picked[-1]
            picked[-1] = w[:rng.randint(1, max(1, len(w) - 1))]
        queries.append((lang, " ".join(picked)))
    return queries


def search(bin_dir, db, lang, query, exact):
    p = subprocess.run([os.path.join(bin_dir, "guichet-content"), "search", db, query, "--lang",
                        lang, "--limit", "20"] + (["--exact"] if exact else []),
                       capture_output=True, encoding="utf-8", errors="surrogateescape")
    return p.returncode, p.stdout, p.stderr.strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin_a")
    ap.add_argument("db_a")
    ap.add_argument("bin_b")
    ap.add_argument("db_b")
    ap.add_argument("--queries", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--queries-from")
    ap.add_argument("--exact", action="store_true")
    args = ap.parse_args()
    if args.queries_from:
        # Bytes as written: a bench prefix may end inside a character; passed on unchanged.
        with open(args.queries_from, encoding="utf-8", errors="surrogateescape") as f:
            rows = [line.rstrip("\n").split("\t", 2) for line in f if line.strip()]
        queries = [(r[1], r[2]) for r in rows]
        sets = [r[0] for r in rows]
    else:
        queries = make_queries(args.db_a, args.queries, args.seed)
        sets = ["drawn"] * len(queries)

    def both(q):
        lang, text = q
        return q, search(args.bin_a, args.db_a, lang, text, args.exact), search(
            args.bin_b, args.db_b, lang, text, args.exact)

    same = differ = failed = hits = 0
    shown = 0
    per_set = {}
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for name, ((lang, text), a, b) in zip(sets, pool.map(both, queries)):
            tally = per_set.setdefault(name, [0, 0, 0])
            tally[0] += 1
            tally[1] += a[0] == 0 and b[0] == 0 and a[1] == b[1]
            tally[2] += sum(1 for line in a[1].splitlines() if not line.startswith("#"))
            if a[0] != 0 or b[0] != 0:
                failed += 1
                if shown < 5:
                    print(f"FAILED [{lang}] {text!r}: {a[2]} | {b[2]}")
                    shown += 1
            elif a[1] == b[1]:
                same += 1
                hits += sum(1 for line in a[1].splitlines() if not line.startswith("#"))
            else:
                differ += 1
                if shown < 5:
                    print(f"DIFFERENT [{lang}] {text!r}:\n--- A\n{a[1]}--- B\n{b[1]}")
                    shown += 1
    for name, (n, identical, set_hits) in per_set.items():
        print(f"  {name}: {n} queries, {identical} identical, {set_hits} hits")
    print(f"{len(queries)} queries: {same} identical ({hits} hits), {differ} different, "
          f"{failed} failed")
    sys.exit(0 if differ == 0 and failed == 0 else 1)


if __name__ == "__main__":
    main()
