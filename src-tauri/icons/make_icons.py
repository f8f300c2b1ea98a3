#!/usr/bin/env python3
"""Draws the app icon (RGBA PNG, as Tauri requires) with the standard library.

A teal rounded square with three white lines of decreasing length: a page
and its summary. Rebuild with `python3 src-tauri/icons/make_icons.py`.
"""
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def pixel(x, y, n):
    u, v = (x + 0.5) / n, (y + 0.5) / n
    r = 0.18  # corner radius
    cx = min(max(u, r), 1 - r)
    cy = min(max(v, r), 1 - r)
    if (u - cx) ** 2 + (v - cy) ** 2 > r * r:
        return (0, 0, 0, 0)
    for top, right in ((0.28, 0.78), (0.45, 0.70), (0.62, 0.55)):
        if top <= v <= top + 0.09 and 0.22 <= u <= right:
            return (255, 255, 255, 255)
    return (20, 128, 120, 255)


def png(n):
    rows = b"".join(
        b"\x00" + b"".join(bytes(pixel(x, y, n)) for x in range(n)) for y in range(n)
    )

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", n, n, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


for name, size in (("32x32.png", 32), ("128x128.png", 128), ("icon.png", 256)):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(png(size))
