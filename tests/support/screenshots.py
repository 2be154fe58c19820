# SPDX-License-Identifier: GPL-3.0-or-later
"""What the e2e checks read from the kiosk's screenshots and layout reports, standard library
only (no Pillow on a fresh machine): a PNG's compressed rows and its pixels, and the problems a
layout report lists (targets under 9 mm, off screen, cut text, a scroll bar over the body)."""
import struct
import zlib


def png_rows(path):
    """(width, height, channels, raw): the PNG's header and its decompressed, still filtered
    rows (8-bit RGB or RGBA, not interlaced — what the kiosk writes)."""
    data = path.read_bytes()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise SystemExit(f'{path}: not a PNG')
    width, height, depth, kind, _, _, interlace = struct.unpack('>IIBBBBB', data[16:29])
    if depth != 8 or kind not in (2, 6) or interlace:
        raise SystemExit(f'{path}: unsupported PNG (depth {depth}, type {kind})')
    pos, idat = 8, b''
    while pos < len(data):
        length, = struct.unpack('>I', data[pos:pos + 4])
        if data[pos + 4:pos + 8] == b'IDAT':
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    return width, height, 3 if kind == 2 else 4, zlib.decompress(idat)


def read_png(path, last_row):
    """RGB rows 0..last_row of a PNG, each a list of (r, g, b)."""
    width, height, channels, raw = png_rows(path)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(min(height, last_row + 1)):
        start = y * (stride + 1)
        kind_of_filter, row = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = row[i - channels] if i >= channels else 0
            up = previous[i]
            upper_left = previous[i - channels] if i >= channels else 0
            if kind_of_filter == 1:
                row[i] = (row[i] + left) & 0xFF
            elif kind_of_filter == 2:
                row[i] = (row[i] + up) & 0xFF
            elif kind_of_filter == 3:
                row[i] = (row[i] + (left + up) // 2) & 0xFF
            elif kind_of_filter == 4:
                p = left + up - upper_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upper_left)
                row[i] = (row[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else upper_left)) & 0xFF
        rows.append([tuple(row[x * channels:x * channels + 3]) for x in range(width)])
        previous = row
    return rows


def bars_over_text(report):
    """Scroll bars (REGION/scroll_bar) drawn across the body's words (detail/body_text): in a
    right-to-left screen the bar runs down the left edge, where a left-to-right body starts."""
    regions = report.get('regions', {})
    text = regions.get('detail/body_text')
    if not text:
        return []
    return [name for name, (x0, y0, x1, y1) in regions.items()
            if name.endswith('/scroll_bar') and x0 < text[2] and text[0] < x1
            and y0 < text[3] and text[1] < y1]


def layout_problems(name, report):
    """The layout report's problems, each a line naming the screenshot."""
    problems = []
    for bar in bars_over_text(report):
        problems.append(f'{name}: the scroll bar {bar} {report["regions"][bar]} is over the body '
                        f'text {report["regions"]["detail/body_text"]}')
    for t in report['targets']:
        if t['under_9mm']:
            problems.append(f'{name}: @{t["name"]} {t["mm"]} mm')
    if report['off_screen']:
        problems.append(f'{name}: {report["off_screen"]} targets off screen')
    if report['cut_texts']:
        problems.append(f'{name}: cut texts {report["cut_texts"]}')
    return problems
