#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes wide-5000x1.png: a valid grey PNG of 5000 x 1 px (85 bytes), wider than the 4096 px a
# picture in content may be. Run from this folder: /usr/bin/python3 make_wide_png.py
import struct
import zlib


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


width, height = 5000, 1
rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) +
       chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))
with open("wide-5000x1.png", "wb") as out:
    out.write(png)
