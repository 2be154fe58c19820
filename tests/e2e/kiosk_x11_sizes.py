#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The kiosk on a real X screen of a small panel's size (run under an Xvfb of that size): the
full-screen window must be the screen, and a real XTest tap at a target's centre, taken from the
layout report of a headless kiosk at the same size, must activate that target; with
`--rotation 90` (a panel mounted sideways that the OS does not rotate) the tap goes where the
rotated target is drawn and must still land on it. Exits 77 (skipped) without libXtst.
Usage (under xvfb-run -s '-screen 0 WxHx24'): kiosk_x11_sizes.py KIOSK STORE OUT_DIR WxH DPI"""
import json, os, subprocess, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'support'))
from x11_kiosk import check as check_x11, press, run_kiosk  # noqa: E402

kiosk, store, out, size, dpi = sys.argv[1:6]
width, height = (int(v) for v in size.split('x'))


def probe(rotation):
    """Where the language buttons are on the picker, from a headless kiosk at the same size."""
    name = f'probe-{rotation}'
    script = os.path.join(out, f'{name}.txt')
    os.makedirs(out, exist_ok=True)
    with open(script, 'w') as f:
        f.write('tap @welcome\n')
    dump = os.path.join(out, f'{name}.json')
    subprocess.run([kiosk, '--headless', '--size', size, '--dpi', dpi, '--rotation', str(rotation),
                    '--content', store, '--state-dir', os.path.join(out, f'state-{name}'),
                    '--script', script, '--screenshots', os.path.join(out, name),
                    '--dump-state', dump],
                   check=True, capture_output=True,
                   env={k: v for k, v in os.environ.items() if k != 'DISPLAY'})
    with open(dump) as f:
        return json.load(f)


def physical(x, y, rotation):
    """A logical point (what the layout report gives) on the physical screen. The inverse of
    platform's rotate_to_logical: turned 90 degrees clockwise, the logical top-left corner is
    drawn at the physical top-right."""
    if rotation == 90:
        return width - y, x
    return x, y


for rotation in (0, 90):
    layout = probe(rotation)
    logical = (height, width) if rotation == 90 else (width, height)
    report = layout['layout']
    if (report['width'], report['height']) != logical:
        print(f'FAILED: headless {size} rotation {rotation} laid out at '
              f'{report["width"]}x{report["height"]}, not {logical[0]}x{logical[1]}')
        sys.exit(1)
    # The target to tap: the second language button wholly in view (not the first, so a tap
    # that lands a row off chooses another language and fails).
    view = report['regions']['language/languages']
    shown = sorted((t for t in report['targets'] if t['name'].startswith('lang.') and
                    t['rect'][1] >= view[1] and t['rect'][3] <= view[3] and
                    t['rect'][3] <= logical[1]), key=lambda t: t['rect'][1])
    if len(shown) < 2:
        print(f'FAILED: fewer than two language buttons in view at {size} rotation {rotation}')
        sys.exit(1)
    target = shown[1]
    language = target['name'].split('.', 1)[1]
    x0, y0, x1, y1 = target['rect']
    tap_at = physical((x0 + x1) / 2, (y0 + y1) / 2, rotation)
    centre = physical(logical[0] / 2, logical[1] / 2, rotation)

    def actions():
        press(*centre, 0.1)  # welcome: a tap anywhere opens the languages
        press(*tap_at, 0.1)

    def wanted(state):
        shown = state['layout']
        return (state['screen'] == 'home' and state['language'] == language and
                (shown['width'], shown['height']) == logical and state['rotation'] == rotation)

    check_x11(lambda attempt: run_kiosk(kiosk, store, out, f'{size}-{rotation}-{attempt}', actions,
                                        args=('--dpi', dpi, '--rotation', str(rotation))),
              wanted,
              f'{size} at rotation {rotation}: the window is the screen and a real tap on '
              f'{target["name"]} at {tuple(round(v) for v in tap_at)} chose it',
              describe=lambda s: (s['screen'], s['language'], s['layout']['width'],
                                  s['layout']['height'], s['rotation']))
