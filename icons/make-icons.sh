#!/usr/bin/env bash
# Renders bootbench.svg into the sizes each platform needs: PNGs (Linux), .ico (Windows), .icns (macOS).
# Needs rsvg-convert (Debian librsvg2-bin) and python3. The outputs are committed; run this after editing the SVG.
set -euo pipefail
cd "$(dirname "$0")"
for s in 16 24 32 48 64 128 256 512 1024; do rsvg-convert -w $s -h $s bootbench.svg -o bootbench-$s.png; done
python3 - <<'PY'
import struct
def png(s): return open(f"bootbench-{s}.png", "rb").read()
# ICO: directory of PNG-compressed images (Vista and later read PNG entries)
sizes = [16, 24, 32, 48, 64, 128, 256]
imgs = [png(s) for s in sizes]
head = struct.pack("<HHH", 0, 1, len(sizes))
off = 6 + 16 * len(sizes)
dirs = b""
for s, d in zip(sizes, imgs):
    dirs += struct.pack("<BBBBHHII", s % 256, s % 256, 0, 0, 1, 32, len(d), off)
    off += len(d)
open("bootbench.ico", "wb").write(head + dirs + b"".join(imgs))
# ICNS: typed PNG entries
entries = [(b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256), (b"ic09", 512), (b"ic10", 1024)]
body = b"".join(t + struct.pack(">I", 8 + len(png(s))) + png(s) for t, s in entries)
open("bootbench.icns", "wb").write(b"icns" + struct.pack(">I", 8 + len(body)) + body)
PY
