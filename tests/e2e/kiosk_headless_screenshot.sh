#!/usr/bin/env bash
# The kiosk run with no display must fall back to headless and write a real, non-blank PNG
# of the requested size.
set -euo pipefail
kiosk=$1 out=$2
rm -rf "$out"
env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER "$kiosk" --size 800x600 --screenshots "$out" > "$out.log"
grep -q "no display available; running headless" "$out.log"
png="$out/home.png"
[ -s "$png" ] || { echo "no screenshot at $png"; exit 1; }
python3 - "$png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
w, h = struct.unpack('>II', data[16:24])
assert (w, h) == (800, 600), f'size {w}x{h}, want 800x600'
# Decode IDAT enough to count distinct pixel values: a blank frame has one.
pos, idat = 8, b''
while pos < len(data):
    length, = struct.unpack('>I', data[pos:pos+4]); kind = data[pos+4:pos+8]
    if kind == b'IDAT': idat += data[pos+8:pos+8+length]
    pos += 12 + length
raw = zlib.decompress(idat)
distinct = len(set(raw[i:i+4] for i in range(1, len(raw), 4 * 97)))
assert distinct > 3, f'screenshot looks blank ({distinct} distinct samples)'
print(f'ok: {w}x{h}, {distinct} distinct sampled pixels')
PY
