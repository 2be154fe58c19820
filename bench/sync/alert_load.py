#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the alert-only check costs the server: real guichet-sync --alerts-only runs against a
real nginx on 127.0.0.1 serving a repository made by guichet-publish. Prints the bytes and
requests of one check when nothing is new and when an alert was just published, nginx's CPU
for CHECKS checks, and the load of a fleet of KIOSKS kiosks checking every INTERVAL seconds.

usage: alert_load.py BIN_DIR [--kiosks 1000] [--interval 300] [--checks 1000] [--states 20]"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "sync"))


def cpu_ticks(pid):
    """utime + stime of a process and its threads (clock ticks)."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def nginx_workers(master):
    out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()] + [master]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("--kiosks", type=int, default=1000)
    ap.add_argument("--interval", type=int, default=300)
    ap.add_argument("--checks", type=int, default=1000)
    ap.add_argument("--states", type=int, default=20)
    args = ap.parse_args()
    sys.argv = [sys.argv[0], os.path.abspath(args.bin)]
    import e2e_sync  # noqa: E402  (reads BIN from sys.argv)

    work = tempfile.mkdtemp(prefix="guichet-alert-load-")
    w = e2e_sync.World(work)
    try:
        w.publish(1, items=300)
        w.serve()
        configs = []
        for i in range(args.states):
            state = os.path.join(work, f"state-{i}")
            cfg = w.config(state=state)
            shutil.copy(cfg, cfg + f".{i}")
            configs.append(cfg + f".{i}")
            w.sync(configs[-1])

        line = re.compile(r"\((\d+) bytes, (\d+) requests; (\d+) alerts\)")

        def check(cfg):
            p = w.run(["guichet-sync", "--config", cfg, "--alerts-only"])
            m = line.search(p.stdout)
            return int(m.group(1)), int(m.group(2)), int(m.group(3))

        ticks = os.sysconf("SC_CLK_TCK")
        pids = nginx_workers(w.nginx.proc.pid)
        before = sum(cpu_ticks(p) for p in pids)
        start = time.monotonic()
        idle = [check(configs[i % len(configs)]) for i in range(args.checks)]
        wall = time.monotonic() - start
        nginx_cpu = (sum(cpu_ticks(p) for p in pids) - before) / ticks
        w.run(["guichet-publish", "alert", w.repo, "--id", "border", "--severity", "urgent",
               "--replaces-home", "--for", "86400", "--title", "es=Paso fronterizo cerrado",
               "--title", "fr=Passage frontalier fermé", "--title", "ht=Pasaj fwontyè a fèmen",
               "--body", "es=El paso de Tapachula está cerrado hasta nuevo aviso. Pregunte al personal.",
               "--key", w.key])
        fresh = [check(cfg) for cfg in configs]
        again = [check(cfg) for cfg in configs]

        idle_bytes = statistics.median(b for b, _, _ in idle)
        idle_requests = statistics.median(r for _, r, _ in idle)
        fresh_bytes = statistics.median(b for b, _, _ in fresh)
        fresh_requests = statistics.median(r for _, r, _ in fresh)
        check_rate = args.kiosks / args.interval
        print(f"alert check, nothing new: {idle_bytes:.0f} bytes, {idle_requests:.0f} request(s) "
              f"(median of {args.checks})")
        print(f"alert check right after an alert was published: {fresh_bytes:.0f} bytes, "
              f"{fresh_requests:.0f} requests (median of {len(fresh)}); every kiosk holds "
              f"{min(a for _, _, a in fresh)} alert(s)")
        print(f"the check after that: {statistics.median(b for b, _, _ in again):.0f} bytes")
        print(f"nginx CPU for {args.checks} checks: {nginx_cpu:.2f} s "
              f"({1000 * nginx_cpu / args.checks:.3f} ms per check); the {args.checks} checks "
              f"took {wall:.1f} s wall, one client process each")
        print(f"{args.kiosks} kiosks, alert_check_seconds = {args.interval}: "
              f"{check_rate:.2f} requests/s, {check_rate * idle_bytes:.0f} bytes/s at rest, "
              f"nginx CPU {100 * check_rate * nginx_cpu / args.checks:.2f} % of one core")
        print(f"after a publish, until every kiosk has it (7.5 min at most): "
              f"{check_rate * fresh_requests:.1f} requests/s, "
              f"{check_rate * fresh_bytes:.0f} bytes/s; "
              f"{args.kiosks * fresh_bytes / 1e6:.2f} MB in all")
    finally:
        w.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
