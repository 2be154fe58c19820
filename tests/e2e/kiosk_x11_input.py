#!/usr/bin/env python3
"""The kiosk in a real X session (Xvfb), driven by real pointer events from the XTest
extension: a click on the welcome screen must reach the language picker through SDL, the
pointer code and ImGui; a drag on a list must scroll it without opening a row; SIGTERM must
end the program cleanly and write its state dump. Exits 77 (skipped) without libXtst.
Usage (under xvfb-run): kiosk_x11_input.py KIOSK STORE OUT_DIR"""
import ctypes, json, os, signal, subprocess, sys, time

kiosk, store, out = sys.argv[1:4]
try:
    x11 = ctypes.CDLL('libX11.so.6')
    xtst = ctypes.CDLL('libXtst.so.6')
except OSError:
    print('skipped: libXtst not installed'); sys.exit(77)
x11.XOpenDisplay.restype = ctypes.c_void_p
display = x11.XOpenDisplay(None)
if not display:
    print('no X display'); sys.exit(1)
dpy = ctypes.c_void_p(display)


def move(x, y):
    xtst.XTestFakeMotionEvent(dpy, -1, int(x), int(y), 0)
    x11.XFlush(dpy)


def button(down):
    xtst.XTestFakeButtonEvent(dpy, 1, 1 if down else 0, 0)
    x11.XFlush(dpy)


def run(actions, name):
    os.makedirs(out, exist_ok=True)
    dump = os.path.join(out, f'{name}.json')
    proc = subprocess.Popen([kiosk, '--content', store, '--state-dir', os.path.join(out, 'state'),
                             '--fullscreen', 'yes', '--print-timing', '--dump-state', dump],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in proc.stdout:
        if 'first frame presented' in line:
            break
    time.sleep(1.0)  # the window is mapped and has drawn
    actions()
    # SIGTERM becomes SDL_QUIT at once, possibly ahead of X events not yet read: give the
    # kiosk time to read and draw everything sent before asking it to stop.
    time.sleep(1.5)
    proc.send_signal(signal.SIGTERM)
    if proc.wait(timeout=20) != 0:
        print(f'{name}: kiosk exited with {proc.returncode}'); sys.exit(1)
    return json.load(open(dump))


def tap(x, y):
    move(x, y); time.sleep(0.1)
    button(True); time.sleep(0.1)
    button(False); time.sleep(0.3)


def check(actions, name, wanted, message):
    """X input is asynchronous: on a loaded machine one attempt may lose the race with the
    stop signal, so a scenario gets three attempts; a real bug fails all three."""
    for attempt in range(3):
        state = run(actions, f'{name}-{attempt}')
        if wanted(state):
            print(f'ok: {message}' + (f' (attempt {attempt + 1})' if attempt else ''))
            return
    print(f'FAILED: {message}: {state}'); sys.exit(1)


check(lambda: tap(960, 540), 'click', lambda s: s['screen'] == 'language',
      'a real click on the welcome screen opened the language picker')


# Where the first language button is: ask the same kiosk, headless at the same size.
probe = os.path.join(out, 'probe.txt')
open(probe, 'w').write('tap @welcome\n')
subprocess.run([kiosk, '--headless', '--size', '1920x1080', '--content', store, '--state-dir',
                os.path.join(out, 'state'), '--script', probe, '--screenshots',
                os.path.join(out, 'probe'), '--dump-state', os.path.join(out, 'probe.json')],
               check=True, capture_output=True, env={k: v for k, v in os.environ.items() if k != 'DISPLAY'})
first_language = json.load(open(os.path.join(out, 'probe.json')))['targets']['lang.es']


def drag_on_language_list():
    tap(960, 540)  # welcome → picker
    x, y = first_language
    move(x, y); time.sleep(0.1)
    button(True); time.sleep(0.05)
    for step in range(1, 21):
        move(x, y + step * 15); time.sleep(0.016)
    move(x, y); time.sleep(0.05)  # back over the button it started on, then lift
    button(False); time.sleep(0.5)


def tap_language():
    tap(960, 540)
    tap(*first_language)


# The drag started on a language button and ended on it: it must not have chosen it.
check(drag_on_language_list, 'drag', lambda s: s['screen'] == 'language' and s['language'] == '',
      'a real drag that starts and ends on a button does not press it')
check(tap_language, 'tap-language', lambda s: s['screen'] == 'home' and s['language'] == 'es',
      'a real tap on a language button chose it')
