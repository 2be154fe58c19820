# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives the real kiosk in a real X session (Xvfb) with XTest pointer events, for the tests
that must go through SDL and the pointer code rather than the scripted-input mode. Importing it
exits 77 (ctest's "skipped") when libXtst is missing and 1 when there is no X display."""
import ctypes
import json
import os
import signal
import subprocess
import sys
import time

try:
    _x11 = ctypes.CDLL('libX11.so.6')
    _xtst = ctypes.CDLL('libXtst.so.6')
except OSError:
    print('skipped: libXtst not installed')
    sys.exit(77)
_x11.XOpenDisplay.restype = ctypes.c_void_p
_display = _x11.XOpenDisplay(None)
if not _display:
    print('no X display')
    sys.exit(1)
_dpy = ctypes.c_void_p(_display)


def move(x, y):
    _xtst.XTestFakeMotionEvent(_dpy, -1, int(x), int(y), 0)
    _x11.XFlush(_dpy)


def button(down):
    _xtst.XTestFakeButtonEvent(_dpy, 1, 1 if down else 0, 0)
    _x11.XFlush(_dpy)


def press(x, y, hold):
    """Moves there, holds the button down for `hold` seconds, lets go."""
    move(x, y); time.sleep(0.1)
    button(True); time.sleep(hold)
    button(False); time.sleep(0.3)


def run_kiosk(kiosk, store, out, name, actions, settle=1.5, args=()):
    """Starts the kiosk full screen, waits for its first frame, runs `actions`, stops it with
    SIGTERM and returns its state dump. SIGTERM becomes SDL_QUIT at once, possibly ahead of X
    events not yet read: `settle` seconds let the kiosk read and draw everything sent first."""
    os.makedirs(out, exist_ok=True)
    dump = os.path.join(out, f'{name}.json')
    proc = subprocess.Popen([kiosk, '--content', store, '--state-dir', os.path.join(out, 'state'),
                             '--fullscreen', 'yes', '--print-timing', '--dump-state', dump,
                             *args],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in proc.stdout:
        if 'first frame presented' in line:
            break
    time.sleep(1.0)  # the window is mapped and has drawn
    actions()
    time.sleep(settle)
    proc.send_signal(signal.SIGTERM)
    if proc.wait(timeout=20) != 0:
        print(f'{name}: kiosk exited with {proc.returncode}')
        sys.exit(1)
    with open(dump) as f:
        return json.load(f)


def check(run_once, wanted, message, describe=str):
    """X input is asynchronous: on a loaded machine one attempt may lose the race with the
    stop signal, so a scenario gets three attempts; a real bug fails all three.
    `run_once(attempt)` returns the kiosk's state dump."""
    for attempt in range(3):
        state = run_once(attempt)
        if wanted(state):
            print(f'ok: {message}' + (f' (attempt {attempt + 1})' if attempt else ''))
            return
    print(f'FAILED: {message}: {describe(state)}')
    sys.exit(1)
