#!/usr/bin/env python3
"""Draws the app icon (RGBA PNG, as Tauri requires) with the standard library.

A teal rounded square with three white lines of decreasing length: a page
and its summary. Rebuild with `python3 src-tauri/icons/make_icons.py`.

The sizes the packages need: 32 to 512 pixels for the freedesktop icon
theme (the .deb and .rpm install each as
/usr/share/icons/hicolor/NxN/apps/tomtat-app.png), and `icon.ico` for
Windows (16 to 256 pixels, PNG-compressed entries, as Windows Vista and
later read them), which the Windows build embeds in the .exe and the
installer shows.
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


def ico(sizes):
    """An .ico file holding one PNG image per size."""
    images = [png(n) for n in sizes]
    out = struct.pack("<HHH", 0, 1, len(images))  # reserved, type 1 = icon, count
    offset = 6 + 16 * len(images)
    for n, data in zip(sizes, images):
        side = 0 if n >= 256 else n  # 0 means 256
        out += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b"".join(images)


PNGS = (
    ("32x32.png", 32),
    ("48x48.png", 48),
    ("64x64.png", 64),
    ("128x128.png", 128),
    ("256x256.png", 256),
    ("icon.png", 512),
)

for name, size in PNGS:
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(png(size))
with open(os.path.join(HERE, "icon.ico"), "wb") as f:
    f.write(ico((16, 24, 32, 48, 64, 256)))
