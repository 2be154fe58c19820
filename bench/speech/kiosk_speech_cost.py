#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The real kiosk's read-aloud costs under Xvfb, through SDL audio (SDL_AUDIODRIVER, default
dummy): memory (PSS) and CPU at rest before anything is said, the F9 key (speech mode: the
welcome screen announces the language list, each name in its own voice), then memory after
that first use and CPU at rest once it is silent again.
Usage: xvfb-run -a -s "-screen 0 800x480x24" bench/speech/kiosk_speech_cost.py BUILD STORE"""
import ctypes
import os
import subprocess
import sys
import time

build, store = sys.argv[1], sys.argv[2]
rest = int(os.environ.get("REST_SECONDS", "10"))
tick = os.sysconf("SC_CLK_TCK")
x11 = ctypes.CDLL("libX11.so.6")
xtst = ctypes.CDLL("libXtst.so.6")
x11.XOpenDisplay.restype = ctypes.c_void_p
display = ctypes.c_void_p(x11.XOpenDisplay(None))
x11.XStringToKeysym.restype = ctypes.c_ulong
x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]


def key(name):
    code = x11.XKeysymToKeycode(display, x11.XStringToKeysym(name.encode()))
    for down in (1, 0):
        xtst.XTestFakeKeyEvent(display, code, down, 0)
        x11.XFlush(display)
        time.sleep(0.05)


def cpu(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick


def pss_mb(pid):
    for line in open(f"/proc/{pid}/smaps_rollup"):
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def at_rest(pid):
    before = cpu(pid)
    time.sleep(rest)
    return (cpu(pid) - before) / rest * 100


env = dict(os.environ, SDL_AUDIODRIVER=os.environ.get("SDL_AUDIODRIVER", "dummy"))
proc = subprocess.Popen([os.path.join(build, "bin", "guichet-kiosk"), "--content", store,
                         "--state-dir", "/tmp/guichet-speech-bench-state", "--fullscreen", "yes",
                         "--print-timing"], stdout=subprocess.PIPE,
                        stderr=open("/tmp/guichet-speech-bench.log", "w"),
                        text=True, env=env)
for line in proc.stdout:
    if "first frame presented" in line:
        break
time.sleep(3)
pss_rest = pss_mb(proc.pid)
cpu_rest = at_rest(proc.pid)
key("F9")
time.sleep(12)  # the language list read aloud, then silence
pss_used = pss_mb(proc.pid)
cpu_after = at_rest(proc.pid)
threads = len(os.listdir(f"/proc/{proc.pid}/task"))
proc.terminate()
proc.wait(timeout=10)
started = "eSpeak NG started" in open("/tmp/guichet-speech-bench.log").read()
print(f"speech {'started' if started else 'NOT started (F9 not seen?)'}; PSS at rest {pss_rest:.1f} MB, after first use {pss_used:.1f} MB (+{pss_used - pss_rest:.1f} MB); "
      f"CPU at rest {cpu_rest:.2f} % before, {cpu_after:.2f} % after speech (over {rest} s each); "
      f"{threads} threads")
