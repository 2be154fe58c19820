#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Draws the sample content's pictures, wordless so that one picture serves every language (each
# article's alt text says what it shows, in its own language):
#   asylum-steps.png      the four steps of "How to ask for asylum" (articles/asylum.*.md):
#                         say it, apply at the refugee office, tell your story (with an
#                         interpreter), mind the deadline; numbered 1-4, read left to right
#   asylum-steps-rtl.png  the same read right to left, for the Arabic article
# Python's standard library only (zlib for PNG): no image tool needed, and the same bytes on
# every run. Run from this folder: /usr/bin/python3 make-pictures.py
import math
import struct
import zlib

SCALE = 3  # supersampling: every shape is drawn at 3x and averaged down (smooth edges)
WIDTH, HEIGHT = 720, 220

PAPER = (250, 248, 243)
INK = (32, 46, 66)
BLUE = (0, 84, 166)
PALE = (214, 230, 247)
RED = (178, 40, 32)
WHITE = (255, 255, 255)


class Canvas:
    def __init__(self, width, height, colour):
        self.w, self.h = width * SCALE, height * SCALE
        self.px = [list(colour) * self.w for _ in range(self.h)]

    def fill(self, inside, box, colour):
        """Paints every supersampled pixel of `box` (x0, y0, x1, y1, final px) that `inside`
        (a test on final-px coordinates) accepts."""
        x0, y0, x1, y1 = (max(0, int(v * SCALE)) for v in box)
        x1, y1 = min(self.w, x1 + SCALE), min(self.h, y1 + SCALE)
        for y in range(y0, y1):
            row = self.px[y]
            fy = (y + 0.5) / SCALE
            for x in range(x0, x1):
                if inside((x + 0.5) / SCALE, fy):
                    row[3 * x:3 * x + 3] = colour

    def disc(self, cx, cy, r, colour):
        self.fill(lambda x, y: (x - cx) ** 2 + (y - cy) ** 2 <= r * r,
                  (cx - r, cy - r, cx + r, cy + r), colour)

    def ring(self, cx, cy, r, width, colour):
        inner = r - width
        self.fill(lambda x, y: inner * inner <= (x - cx) ** 2 + (y - cy) ** 2 <= r * r,
                  (cx - r, cy - r, cx + r, cy + r), colour)

    def rect(self, x0, y0, x1, y1, colour, radius=0.0):
        def inside(x, y):
            if not (x0 <= x <= x1 and y0 <= y <= y1):
                return False
            dx = max(x0 + radius - x, 0, x - (x1 - radius))
            dy = max(y0 + radius - y, 0, y - (y1 - radius))
            return dx * dx + dy * dy <= radius * radius
        self.fill(inside, (x0, y0, x1, y1), colour)

    def polygon(self, points, colour):
        xs, ys = [p[0] for p in points], [p[1] for p in points]

        def inside(x, y):
            crossings = False
            for (ax, ay), (bx, by) in zip(points, points[1:] + points[:1]):
                if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
                    crossings = not crossings
            return crossings
        self.fill(inside, (min(xs), min(ys), max(xs), max(ys)), colour)

    def line(self, ax, ay, bx, by, width, colour):
        length = math.hypot(bx - ax, by - ay)
        nx, ny = -(by - ay) / length * width / 2, (bx - ax) / length * width / 2
        self.polygon([(ax + nx, ay + ny), (bx + nx, by + ny), (bx - nx, by - ny),
                      (ax - nx, ay - ny)], colour)
        self.disc(ax, ay, width / 2, colour)
        self.disc(bx, by, width / 2, colour)

    def png(self):
        rows = []
        for y in range(0, self.h, SCALE):
            row = bytearray(b"\x00")
            for x in range(0, self.w, SCALE):
                for c in range(3):
                    total = sum(self.px[y + dy][3 * (x + dx) + c]
                                for dy in range(SCALE) for dx in range(SCALE))
                    row.append((total + SCALE * SCALE // 2) // (SCALE * SCALE))
            rows.append(bytes(row))

        def chunk(kind, data):
            body = kind + data
            return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
        header = struct.pack(">IIBBBBB", self.w // SCALE, self.h // SCALE, 8, 2, 0, 0, 0)
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) +
                chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))


# Digits as seven segments (a b c d e f g), drawn as thick strokes: no font needed.
SEGMENTS = {1: "bc", 2: "abged", 3: "abgcd", 4: "fgbc"}


def digit(canvas, n, cx, cy, size, colour):
    w, h, t = size * 0.5, size, size * 0.16
    left, right, top, mid, bottom = cx - w / 2, cx + w / 2, cy - h / 2, cy, cy + h / 2
    ends = {"a": (left, top, right, top), "b": (right, top, right, mid),
            "c": (right, mid, right, bottom), "d": (left, bottom, right, bottom),
            "e": (left, mid, left, bottom), "f": (left, top, left, mid),
            "g": (left, mid, right, mid)}
    for s in SEGMENTS[n]:
        canvas.line(*ends[s], t, colour)


def icon_speech(c, cx, cy):  # 1: say it: a speech bubble with a raised hand's worth of words
    c.rect(cx - 30, cy - 22, cx + 30, cy + 14, BLUE, 9)
    c.polygon([(cx - 14, cy + 12), (cx - 2, cy + 12), (cx - 18, cy + 28)], BLUE)
    for dy in (-10, 0):
        c.line(cx - 18, cy + dy, cx + 18, cy + dy, 4, WHITE)


def icon_form(c, cx, cy):  # 2: the application, handed in
    c.polygon([(cx - 22, cy - 30), (cx + 10, cy - 30), (cx + 22, cy - 18), (cx + 22, cy + 30),
               (cx - 22, cy + 30)], BLUE)
    c.polygon([(cx + 10, cy - 30), (cx + 22, cy - 18), (cx + 10, cy - 18)], PALE)
    for dy in (-12, -2, 8, 18):
        c.line(cx - 13, cy + dy, cx + 13, cy + dy, 3, WHITE)


def icon_interview(c, cx, cy):  # 3: your story told to an officer, an interpreter between
    for x, colour in ((cx - 24, BLUE), (cx, INK), (cx + 24, BLUE)):
        c.disc(x, cy - 12, 8, colour)
        c.rect(x - 10, cy - 1, x + 10, cy + 28, colour, 6)


def icon_clock(c, cx, cy):  # 4: a deadline
    c.ring(cx, cy, 28, 6, RED)
    c.line(cx, cy, cx, cy - 17, 5, RED)
    c.line(cx, cy, cx + 13, cy + 6, 5, RED)
    c.disc(cx, cy, 4, RED)


def draw(right_to_left):
    c = Canvas(WIDTH, HEIGHT, PAPER)
    icons = [icon_speech, icon_form, icon_interview, icon_clock]
    step = WIDTH / 4
    centres = [step * (i + 0.5) for i in range(4)]
    if right_to_left:
        centres.reverse()
    for i, cx in enumerate(centres):
        c.rect(cx - 74, 20, cx + 74, 200, WHITE, 16)
        c.ring(cx, 112, 56, 3, PALE)
        icons[i](c, cx, 112)
        c.disc(cx - 52 if not right_to_left else cx + 52, 40, 17, INK)
        digit(c, i + 1, cx - 52 if not right_to_left else cx + 52, 40, 18, WHITE)
    for i in range(3):  # arrows from each step to the next
        a, b = centres[i], centres[i + 1]
        direction = 1 if b > a else -1
        tail, head = a + direction * 76, b - direction * 76
        c.line(tail, 112, head - direction * 6, 112, 5, INK)
        c.polygon([(head + direction * 2, 112), (head - direction * 10, 103),
                   (head - direction * 10, 121)], INK)
    return c.png()


for name, rtl in (("asylum-steps.png", False), ("asylum-steps-rtl.png", True)):
    with open(name, "wb") as out:
        out.write(draw(rtl))
