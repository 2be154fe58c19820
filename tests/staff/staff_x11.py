#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The hidden entry with a real finger-like hold in a real X session (Xvfb, XTest): the kiosk
sleeps between events, so this checks that it still wakes to notice a held corner. A 3.5 s
hold on the welcome screen's top-right corner opens the PIN pad; a short click there starts a
visit instead. Exits 77 (skipped) without libXtst.
Usage (under xvfb-run -s '-screen 0 1920x1080x24'): staff_x11.py KIOSK STORE OUT_DIR"""
import os, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'support'))
from x11_kiosk import check as check_x11, press, run_kiosk  # noqa: E402

kiosk, store, out = sys.argv[1:4]
CORNER = (1910, 10)


def check(name, hold, wanted, message):
    check_x11(lambda attempt: run_kiosk(kiosk, store, out, f'{name}-{attempt}',
                                        lambda: press(*CORNER, hold), settle=1.0),
              wanted, message,
              describe=lambda s: f'screen {s["screen"]}, staff page {s["staff_page"]}')


check('hold', 3.5, lambda s: s['screen'] == 'staff' and s['staff_page'] == 'pin',
      'holding the corner for 3.5 s opened the PIN pad')
check('click', 0.1, lambda s: s['screen'] == 'language',
      'a short click in the corner started a visit')
