#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Talks to a running QEMU for image/test-qemu-boot.sh, and compares screenshots.

  qemu_control.py screendump QMP_SOCKET FILE.ppm
  qemu_control.py sendkey QMP_SOCKET KEY...                         (pressed together: ctrl alt f2)
  qemu_control.py tap QMP_SOCKET X Y WIDTH HEIGHT [scaled|raw]      (USB tablet, at pixel X,Y)
  qemu_control.py exec QGA_SOCKET [--timeout S] -- PROGRAM ARG...   (guest agent guest-exec)
  qemu_control.py ping QGA_SOCKET                                   (exit 0 once the agent answers)
  qemu_control.py compare SCREEN.ppm REFERENCE.ppm...               (prints the best match)
  qemu_control.py blank SCREEN.ppm                                  (exit 0 when the screen is blank)
  qemu_control.py serve-stdio DIR LOG    (HTTP for files of DIR on stdin/stdout, one connection:
                                          QEMU's guestfwd=...-cmd: runs it per guest connection)
"""
import base64
import json
import socket
import sys
import time


def fail(message):
    print(f"qemu_control: {message}", file=sys.stderr)
    sys.exit(2)


class JsonChannel:
    """One JSON message per line, over a Unix socket (QMP and the guest agent alike)."""

    def __init__(self, path, timeout):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(path)
        self.buffer = b""

    def send(self, message):
        self.sock.sendall(json.dumps(message).encode() + b"\n")

    def receive(self):
        while b"\n" not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("QEMU closed the socket")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return json.loads(line)

    def call(self, command, arguments=None):
        message = {"execute": command}
        if arguments is not None:
            message["arguments"] = arguments
        self.send(message)
        while True:
            reply = self.receive()
            if "event" in reply:
                continue
            if "error" in reply:
                raise RuntimeError(f"{command}: {reply['error'].get('desc', reply['error'])}")
            return reply.get("return")


def screendump(qmp_path, out):
    qmp = JsonChannel(qmp_path, 30)
    qmp.receive()  # greeting
    qmp.call("qmp_capabilities")
    qmp.call("screendump", {"filename": out})


def sendkey(qmp_path, keys):
    qmp = JsonChannel(qmp_path, 30)
    qmp.receive()
    qmp.call("qmp_capabilities")
    qmp.call("send-key", {"keys": [{"type": "qcode", "data": key} for key in keys]})


def tap(qmp_path, x, y, width, height, scale="scaled"):
    """Presses and releases at pixel (x, y) of a width x height screen. QEMU's USB tablet reports
    0..32767 on each axis; the kiosk's DRM display scales an absolute device by its range, as
    it must for a touchscreen ("scaled"); SDL 2.26's evdev driver takes an absolute mouse's
    values as pixels ("raw")."""
    if not (0 <= x < width and 0 <= y < height):
        raise SystemExit(f"tap: ({x}, {y}) is outside the {width}x{height} screen")
    if scale not in ("scaled", "raw"):
        raise SystemExit(f"tap: scaled or raw, not {scale}")
    if scale == "scaled":
        x = round(x * 32767 / max(1, width - 1))
        y = round(y * 32767 / max(1, height - 1))
    qmp = JsonChannel(qmp_path, 30)
    qmp.receive()
    qmp.call("qmp_capabilities")
    position = [{"type": "abs", "data": {"axis": "x", "value": x}},
                {"type": "abs", "data": {"axis": "y", "value": y}}]
    qmp.call("input-send-event", {"events": position})
    time.sleep(0.3)
    qmp.call("input-send-event", {"events": [{"type": "btn", "data": {"down": True, "button": "left"}}]})
    time.sleep(0.3)
    qmp.call("input-send-event", {"events": [{"type": "btn", "data": {"down": False, "button": "left"}}]})


def guest_agent(path, timeout):
    """A guest-agent channel resynchronised with guest-sync (stale replies are discarded)."""
    qga = JsonChannel(path, timeout)
    token = int(time.time() * 1000) % 2147483647
    qga.sock.sendall(b"\xff")  # resets the agent's parser after a half-sent message
    qga.send({"execute": "guest-sync", "arguments": {"id": token}})
    while True:
        reply = qga.receive()
        if reply.get("return") == token:
            return qga


def guest_exec(path, argv, timeout):
    qga = guest_agent(path, 10)
    pid = qga.call("guest-exec", {"path": argv[0], "arg": argv[1:], "capture-output": True})["pid"]
    deadline = time.time() + timeout
    while time.time() < deadline:
        status = qga.call("guest-exec-status", {"pid": pid})
        if status.get("exited"):
            sys.stdout.write(base64.b64decode(status.get("out-data", "")).decode(errors="replace"))
            sys.stderr.write(base64.b64decode(status.get("err-data", "")).decode(errors="replace"))
            if "signal" in status:
                print(f"qemu_control: {argv[0]} killed by signal {status['signal']}", file=sys.stderr)
                return 128 + status["signal"]
            return status.get("exitcode", 1)
        time.sleep(0.2)
    fail(f"{argv[0]} did not finish within {timeout} s in the guest")


def serve_stdio(directory, log_path):
    """Answers the HTTP requests of one connection whose two ends are stdin and stdout, with the
    files of DIRECTORY: the guest reaches a repository without any listening socket."""
    import http.server

    log = open(log_path, "a")

    class Handler(http.server.SimpleHTTPRequestHandler):
        def setup(self):
            self.rfile = sys.stdin.buffer
            self.wfile = sys.stdout.buffer

        def finish(self):
            self.wfile.flush()

        def log_message(self, fmt, *args):
            log.write(f"{time.strftime('%H:%M:%S')} {fmt % args}\n")
            log.flush()

    Handler(None, ("guest", 0), None, directory=directory)


def read_ppm(path):
    with open(path, "rb") as f:
        data = f.read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    if fields[0] != b"P6" or fields[3] != b"255":
        fail(f"{path}: want a binary 8-bit PPM (P6, maxval 255)")
    width, height = int(fields[1]), int(fields[2])
    pixels = data[pos + 1:pos + 1 + width * height * 3]
    if len(pixels) != width * height * 3:
        fail(f"{path}: truncated ({len(pixels)} of {width * height * 3} bytes)")
    return width, height, pixels


def difference(a, b):
    """Share of pixels whose largest channel difference exceeds 24 levels (of 255)."""
    (wa, ha, pa), (wb, hb, pb) = a, b
    if (wa, ha) != (wb, hb):
        return 1.0
    differing = 0
    for i in range(0, len(pa), 3):
        if (abs(pa[i] - pb[i]) > 24 or abs(pa[i + 1] - pb[i + 1]) > 24
                or abs(pa[i + 2] - pb[i + 2]) > 24):
            differing += 1
    return differing / (wa * ha)


def blank_share(image):
    """Share of the screen covered by its most common colour."""
    width, height, pixels = image
    counts = {}
    for i in range(0, len(pixels), 3 * 7):  # every 7th pixel is plenty
        key = pixels[i:i + 3]
        counts[key] = counts.get(key, 0) + 1
    return max(counts.values()) / sum(counts.values()), len(counts)


def main(argv):
    if len(argv) < 2:
        fail(__doc__)
    command = argv[1]
    if command == "screendump":
        screendump(argv[2], argv[3])
    elif command == "sendkey":
        sendkey(argv[2], argv[3:])
    elif command == "tap":
        tap(argv[2], int(argv[3]), int(argv[4]), int(argv[5]), int(argv[6]), *argv[7:8])
    elif command == "ping":
        try:
            guest_agent(argv[2], 3)
        except (OSError, ConnectionError, ValueError):
            return 1
    elif command == "exec":
        path, rest = argv[2], argv[3:]
        timeout = 60.0
        if rest[:1] == ["--timeout"]:
            timeout, rest = float(rest[1]), rest[2:]
        if rest[:1] == ["--"]:
            rest = rest[1:]
        return guest_exec(path, rest, timeout)
    elif command == "serve-stdio":
        serve_stdio(argv[2], argv[3])
    elif command == "compare":
        screen = read_ppm(argv[2])
        scores = sorted((difference(screen, read_ppm(ref)), ref) for ref in argv[3:])
        for score, ref in scores:
            print(f"{score:.4f} {ref}")
    elif command == "blank":
        share, colours = blank_share(read_ppm(argv[2]))
        print(f"most common colour covers {share:.1%} of the screen; {colours} colours sampled")
        return 0 if share > 0.97 or colours < 4 else 1
    else:
        fail(f"unknown command {command}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
