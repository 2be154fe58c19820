#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The kiosk under a service manager: READY=1 after its first frame, then WATCHDOG=1 pings
from the main loop even at rest (a frozen UI stops them and systemd restarts it).

A real datagram socket stands in for systemd's notify socket; Xvfb stands in for the screen.
usage: kiosk_service_notify.py KIOSK CONTENT_TOOL SAMPLE_DIR WORK_DIR"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

kiosk, tool, sample, work = sys.argv[1:5]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
store = os.path.join(work, "sample.db")
subprocess.run([tool, "build", sample, "-o", store], check=True, stdout=subprocess.DEVNULL)
path = os.path.join(work, "notify.sock")
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(path)
sock.settimeout(0.25)
env = dict(os.environ, NOTIFY_SOCKET=path, WATCHDOG_USEC="4000000")  # a 4 s watchdog
env.pop("WATCHDOG_PID", None)
kiosk_process = subprocess.Popen(
    ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", kiosk, "--content", store, "--windowed",
     "--size", "1280x800", "--state-dir", os.path.join(work, "state")],
    env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    start_new_session=True)  # its own process group: xvfb-run leaves Xvfb behind otherwise
messages = []
deadline = time.time() + 12
try:
    while time.time() < deadline:
        try:
            messages.append((time.time(), sock.recv(256).decode()))
        except socket.timeout:
            pass
finally:
    os.killpg(kiosk_process.pid, signal.SIGTERM)
    kiosk_process.wait(timeout=20)

ready = [t for t, m in messages if m == "READY=1"]
pings = [t for t, m in messages if m == "WATCHDOG=1"]
if not ready:
    sys.exit(f"no READY=1 from the kiosk; got {messages}")
late_pings = [t for t in pings if t > ready[-1] + 5]
if len(late_pings) < 2:
    sys.exit(f"the kiosk stopped feeding the watchdog at rest: {len(pings)} pings, {messages}")
gaps = [b - a for a, b in zip(pings, pings[1:])]
if gaps and max(gaps) > 4.0:
    sys.exit(f"a watchdog gap of {max(gaps):.2f} s exceeds the 4 s interval")
print(f"ok: READY, {len(pings)} watchdog pings in 12 s, longest gap {max(gaps):.2f} s")
