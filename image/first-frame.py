#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The kiosk's own start-to-first-frame, as built into the images: the staged guichet-kiosk of
each image build, headless (software renderer into memory: no display, no GPU) on the image's
sample content, started N times to draw one frame and exit; prints the medians of the wall
time of that run and of the CPU time it used. The arm64 kiosk runs under qemu-user with
the arm64 image's root as its library prefix, so its figure is relative: what emulation costs
on top of the same work, not what a Raspberry Pi takes.

  image/first-frame.py [--runs N] [--arch amd64|arm64]... [--work DIR]"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def one_run(argv, conf):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    p = subprocess.Popen(argv + ["--headless", "--print-timing", "--frames", "1", "--size", "1280x800",
                                 "--config", conf], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                         cwd=os.path.dirname(conf))  # headless, it leaves guichet-screenshots/ here
    first = None
    for line in p.stdout:
        if "first frame presented" in line and first is None:
            first = time.monotonic() - start
    p.wait(timeout=600)
    # Headless, the kiosk does not print the marker: then the whole run of one frame (start,
    # content, fonts, layout, the first frame drawn, exit) is the figure.
    if first is None and p.returncode == 0:
        first = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if first is None or p.returncode != 0:
        raise SystemExit(f"{' '.join(argv)}: no first frame (exit {p.returncode})")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return first, cpu


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--arch", action="append", choices=["amd64", "arm64"])
    ap.add_argument("--work", default=os.environ.get("GUICHET_IMAGE_WORK", "/var/tmp/guichet-image"))
    args = ap.parse_args()
    results = {}
    for arch in args.arch or ["amd64", "arm64"]:
        stage = os.path.join(args.work, arch, "stage")
        kiosk = os.path.join(stage, "usr/bin/guichet-kiosk")
        if not os.path.exists(kiosk):
            print(f"{arch}: no {kiosk} (build the image first)", file=sys.stderr)
            continue
        argv = [kiosk]
        if arch == "arm64":
            argv = ["qemu-aarch64-static", "-L", os.path.join(args.work, "arm64", "rootfs"), kiosk]
        walls, cpus = [], []
        with tempfile.TemporaryDirectory() as d:
            conf = os.path.join(d, "kiosk.conf")
            for i in range(args.runs):
                state = os.path.join(d, f"state{i}")
                with open(conf, "w") as f:
                    f.write(f"state_dir = {state}\ncontent = {stage}/usr/share/guichet/sample-content.db\n")
                wall, cpu = one_run(argv, conf)
                walls.append(wall)
                cpus.append(cpu)
        results[arch] = (statistics.median(walls), statistics.median(cpus))
        print(f"{arch}: first frame {results[arch][0] * 1000:.0f} ms wall, {results[arch][1] * 1000:.0f} ms CPU "
              f"(median of {args.runs}; {'under qemu-user' if arch == 'arm64' else 'native'})")
    if "amd64" in results and "arm64" in results:
        print(f"arm64 under qemu-user / amd64 native: {results['arm64'][0] / results['amd64'][0]:.1f}x wall, "
              f"{results['arm64'][1] / results['amd64'][1]:.1f}x CPU")


if __name__ == "__main__":
    main()
