#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The kiosk in a real X session (Xvfb), driven by real pointer events from the XTest
extension: a click on the welcome screen must reach the language picker through SDL, the
pointer code and ImGui; a drag on a list must scroll it without opening a row; SIGTERM must
end the program cleanly and write its state dump. Exits 77 (skipped) without libXtst.
Usage (under xvfb-run): kiosk_x11_input.py KIOSK STORE OUT_DIR"""
import json, os, subprocess, sys, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'support'))
from x11_kiosk import button, check as check_x11, move, press, run_kiosk  # noqa: E402

kiosk, store, out = sys.argv[1:4]


def tap(x, y):
    press(x, y, 0.1)


def check(actions, name, wanted, message):
    check_x11(lambda attempt: run_kiosk(kiosk, store, out, f'{name}-{attempt}', actions),
              wanted, message)


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
