#!/usr/bin/env python3
"""check_png.py FILE WIDTH HEIGHT — exit 1 unless FILE is a PNG of that size that is not blank.

Decodes 8-bit RGB/RGBA PNGs with the standard library only (no Pillow on a fresh machine)."""
import struct
import sys
import zlib


def decode(path):
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise SystemExit(f'{path}: not a PNG')
    pos, idat, header = 8, b'', None
    while pos < len(data):
        length, = struct.unpack('>I', data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            header = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat += body
        pos += 12 + length
    width, height, depth, colour = header[:4]
    if depth != 8 or colour not in (2, 6):
        raise SystemExit(f'{path}: unsupported PNG (depth {depth}, colour type {colour})')
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = previous[x]
            c = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def main():
    path, want_w, want_h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    width, height, channels, rows = decode(path)
    if (width, height) != (want_w, want_h):
        raise SystemExit(f'{path}: {width}x{height}, want {want_w}x{want_h}')
    colours = set()
    for y in range(0, height, max(1, height // 60)):
        row = rows[y]
        for x in range(0, width, max(1, width // 60)):
            colours.add(row[x * channels:x * channels + 3])
    if len(colours) < 4:
        raise SystemExit(f'{path}: looks blank ({len(colours)} distinct colours sampled)')
    print(f'{path}: {width}x{height}, {len(colours)} distinct colours sampled')


if __name__ == '__main__':
    main()
