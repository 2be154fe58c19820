#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check_layout.py [--report-only] [--markdown] SHOTS_DIR [SIZE ...] — reads the layout reports the kiosk
wrote beside its screenshots (SHOTS_DIR/<size>/<screen>.layout.json), prints the size x screen
table (ok, or off = targets the kiosk judged out of reach: neither whole on screen nor, in a
scroll region on screen, as wide as its view and no taller; small = under 9 mm; cut = texts
cut; qr = a QR code under 4 px a module; N lines = an article in normal text whose view holds
fewer than 8 lines of body text; bar = a scroll bar drawn over the body's words) and what failed, and exits 1 when anything did (0 with --report-only)."""
import json
import os
import re
import pathlib
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'support'))
from screenshots import bars_over_text  # noqa: E402


def verdict(report):
    # The kiosk's own verdict (judge_target): one rule of what a finger can reach, in one place.
    off = [t for t in report['targets'] if not t['on_screen']]
    small = [t for t in report['targets'] if t['under_9mm']]
    return off, small, report['cut_texts']


def article_lines(report):
    # How many lines of body text the article's scrolling view holds (issue 14: at least 8 at
    # 800x480 in normal text); None when the report has no article body region.
    bodies = [r for name, r in report.get('regions', {}).items()
              if name.startswith('detail/') and name.endswith('/body')]
    if not bodies or report.get('body_px', 0) <= 0:
        return None
    x0, y0, x1, y1 = bodies[0]
    return (y1 - y0) / report['body_px']


def size_key(name):
    w, h = (int(v) for v in name.split('x'))
    return (h > w, w * h)


def main(argv):
    report_only = '--report-only' in argv
    markdown = '--markdown' in argv
    args = [a for a in argv if not a.startswith('--')]
    root = pathlib.Path(args[0])
    only = set(args[1:])  # the sizes of this walk, when others share the folder
    sizes = sorted((d.name for d in root.iterdir()
                    if d.is_dir() and re.fullmatch(r'\d+x\d+', d.name)
                    and (not only or d.name in only)), key=size_key)
    if not sizes:
        raise SystemExit(f'{root}: no <size>/ folders of layout reports')
    cells, screens, problems = {}, [], []
    for size in sizes:
        for path in sorted((root / size).glob('*.layout.json')):
            screen = path.name[:-len('.layout.json')]
            if screen not in screens:
                screens.append(screen)
            report = json.loads(path.read_text(encoding='utf-8'))
            w, h = (int(v) for v in size.split('x'))
            if (report['width'], report['height']) != (w, h):
                problems.append(f'{size}/{screen}: the report is {report["width"]}x{report["height"]}')
            off, small, cut = verdict(report)
            qr = report.get('qr_module_px', 0)
            qr_small = 0 < qr < 4
            lines = article_lines(report) if screen.endswith('normal-article') else None
            few_lines = lines is not None and lines < 8
            bars = bars_over_text(report)
            parts = [f'{len(off)} off'] * bool(off) + [f'{len(small)} small'] * bool(small) + \
                [f'{len(cut)} cut'] * bool(cut) + [f'qr {qr:g}px'] * qr_small + \
                ([f'{lines:.1f} lines'] if few_lines else []) + ['bar'] * bool(bars)
            cells[size, screen] = ', '.join(parts) or 'ok'
            where = f'{size}/{screen} ({report["language"]}, {report["dpi"]} dpi)'
            for t in off:
                problems.append(f'{where}: @{t["name"]} "{t["label"]}" {t["rect"]} not on screen')
            for t in small:
                problems.append(f'{where}: @{t["name"]} "{t["label"]}" {t["mm"]} mm')
            for text in cut:
                problems.append(f'{where}: cut text "{text[:60]}"')
            if few_lines:
                problems.append(f'{where}: the article shows {lines:.1f} lines of body text (8 wanted)')
            if qr_small:
                problems.append(f'{where}: QR code at {qr:g} px a module (a phone wants 4)')
            for name in bars:
                problems.append(f'{where}: the scroll bar {name} {report["regions"][name]} is drawn '
                                f'over the body text {report["regions"]["detail/body_text"]}')
    width = max(len(s) for s in screens)
    if markdown:
        print('| screen | ' + ' | '.join(sizes) + ' |')
        print('|---|' + '---|' * len(sizes))
        for screen in screens:
            print(f'| {screen} | ' +
                  ' | '.join(cells.get((size, screen), '-') for size in sizes) + ' |')
    else:
        col = max(max(len(c) for c in cells.values()), max(len(s) for s in sizes)) + 2
        print(' ' * (width + 2) + ''.join(s.ljust(col) for s in sizes))
        for screen in screens:
            print(screen.ljust(width + 2) +
                  ''.join(cells.get((size, screen), '-').ljust(col) for size in sizes))
    failed = sum(1 for c in cells.values() if c != 'ok')
    print(f'{len(cells)} screens checked, {failed} with problems')
    for line in problems[:80]:
        print('  ' + line)
    if len(problems) > 80:
        print(f'  … and {len(problems) - 80} more')
    return 0 if report_only or not problems else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
