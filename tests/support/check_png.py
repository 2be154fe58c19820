#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check_png.py PATH WIDTH HEIGHT — exit 1 unless PATH (a PNG, or a folder holding at least one)
is PNGs of that size that are not blank.

Standard library only (no Pillow on a fresh machine). "Not blank" samples the compressed rows
without unfiltering them: a one-colour frame filters to a handful of byte patterns, a real screen
to many, and this stays fast on dozens of 1080p screenshots."""
import pathlib
import sys

from screenshots import png_rows


def check(png, want_w, want_h):
    w, h, _, raw = png_rows(png)
    if (w, h) != (want_w, want_h):
        raise SystemExit(f'{png}: {w}x{h}, want {want_w}x{want_h}')
    distinct = len(set(raw[i:i + 4] for i in range(1, len(raw), 4 * 97)))
    if distinct <= 8:
        raise SystemExit(f'{png}: looks blank ({distinct} distinct samples)')
    return distinct


def main():
    path, want_w, want_h = pathlib.Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    pngs = sorted(path.glob('*.png')) if path.is_dir() else [path]
    if not pngs:
        raise SystemExit(f'no screenshots in {path}')
    for png in pngs:
        check(png, want_w, want_h)
    print(f'ok: {len(pngs)} PNG(s) of {want_w}x{want_h}, none blank')


if __name__ == '__main__':
    main()
