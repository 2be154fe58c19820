#!/usr/bin/env python3
"""The hidden entry with a real finger-like hold in a real X session (Xvfb, XTest): the kiosk
sleeps between events, so this checks that it still wakes to notice a held corner. A 3.5 s
hold on the welcome screen's top-right corner opens the PIN pad; a short click there starts a
visit instead. Exits 77 (skipped) without libXtst.
Usage (under xvfb-run -s '-screen 0 1920x1080x24'): staff_x11.py KIOSK STORE OUT_DIR"""
import ctypes, json, os, signal, subprocess, sys, time

kiosk, store, out = sys.argv[1:4]
try:
    x11 = ctypes.CDLL('libX11.so.6')
    xtst = ctypes.CDLL('libXtst.so.6')
except OSError:
    print('skipped: libXtst not installed'); sys.exit(77)
x11.XOpenDisplay.restype = ctypes.c_void_p
dpy = ctypes.c_void_p(x11.XOpenDisplay(None))
if not dpy.value:
    print('no X display'); sys.exit(1)
CORNER = (1910, 10)


def pointer(x, y, down, hold):
    xtst.XTestFakeMotionEvent(dpy, -1, x, y, 0); x11.XFlush(dpy); time.sleep(0.1)
    xtst.XTestFakeButtonEvent(dpy, 1, 1, 0); x11.XFlush(dpy); time.sleep(hold)
    xtst.XTestFakeButtonEvent(dpy, 1, 0, 0); x11.XFlush(dpy); time.sleep(0.5)


def run(name, hold):
    os.makedirs(out, exist_ok=True)
    dump = os.path.join(out, f'{name}.json')
    proc = subprocess.Popen([kiosk, '--content', store, '--state-dir', os.path.join(out, 'state'),
                             '--fullscreen', 'yes', '--print-timing', '--dump-state', dump],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in proc.stdout:
        if 'first frame presented' in line:
            break
    time.sleep(1.0)
    pointer(*CORNER, True, hold)
    time.sleep(1.0)
    proc.send_signal(signal.SIGTERM)
    if proc.wait(timeout=20) != 0:
        print(f'{name}: kiosk exited with {proc.returncode}'); sys.exit(1)
    return json.load(open(dump))


def check(name, hold, wanted, message):
    for attempt in range(3):  # X input is asynchronous; a real bug fails every attempt
        state = run(f'{name}-{attempt}', hold)
        if wanted(state):
            print(f'ok: {message}'); return
    print(f'FAILED: {message}: screen {state["screen"]}, staff page {state["staff_page"]}')
    sys.exit(1)


check('hold', 3.5, lambda s: s['screen'] == 'staff' and s['staff_page'] == 'pin',
      'holding the corner for 3.5 s opened the PIN pad')
check('click', 0.1, lambda s: s['screen'] == 'language',
      'a short click in the corner started a visit')
