#!/usr/bin/python3
"""Scans and photos for the app's OCR tests, drawn here from the project's
own test article (tests/data/sample.txt) with Debian's Pillow (python3-pil)
and DejaVu Sans (fonts-dejavu-core):

  scan.py OUTDIR

writes into OUTDIR
  scan.pdf   two A4 pages that are only JPEG images, no text layer: page 1
             the title and first paragraphs, clean at 300 dpi; page 2 the
             rest, ruled over (a bad copy Tesseract reads with low
             confidence)
  photo.jpg  page 1 as a phone photo: grey paper, turned a little, JPEG
  photo.png  page 1 as a lossless image
  long.pdf   page 1 twelve times: long enough to Cancel halfway

Everything is drawn the same way on every run, so what Tesseract reads
does not change between runs.
"""

import io
import sys
import zlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parents[2]
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DPI = 300
WIDTH = 2480  # A4 at 300 dpi
HEIGHT = 3508


def paragraphs():
    text = (ROOT / "tests/data/sample.txt").read_text(encoding="utf-8")
    paras = [p.strip() for p in text.split("\n\n") if p.strip()]
    # The article: title, then the body up to the byline.
    title = paras[0]
    body = [p for p in paras[2:8] if not p.startswith(("Ảnh:", "Cập nhật"))]
    return title, body


def wrap(draw, text, font, width):
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def page(blocks, size):
    """A white A4 page with `blocks` (title first) set at `size` px."""
    img = Image.new("L", (WIDTH, HEIGHT), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, size)
    bold = ImageFont.truetype(FONT.replace("Sans.ttf", "Sans-Bold.ttf"), size + 8)
    x, y, width = 220, 260, WIDTH - 440
    for i, block in enumerate(blocks):
        f = bold if i == 0 else font
        for line in wrap(draw, block, f, width):
            draw.text((x, y), line, font=f, fill=0)
            y += int(size * 1.5)
        y += int(size * 0.9)
    return img


def degrade(img):
    """A bad copy: dark rules every 25 px through the letters (ruled
    paper through a dirty glass), which Tesseract reads in part, with a
    confidence far below the app's 80 (about 45)."""
    img = img.copy()
    draw = ImageDraw.Draw(img)
    for y in range(0, img.height, 25):
        draw.line([(0, y), (img.width, y)], fill=90, width=4)
    return img


def photo(img):
    """Grey paper, turned by 1.5 degrees, a little soft."""
    img = img.point(lambda v: 60 + v * 160 // 255)
    img = img.rotate(1.5, resample=Image.BICUBIC, expand=False, fillcolor=150)
    return img.filter(ImageFilter.GaussianBlur(0.6))


def jpeg(img, quality):
    out = io.BytesIO()
    img.save(out, "JPEG", quality=quality, dpi=(DPI, DPI))
    return out.getvalue()


def pdf(pages):
    """A pdf whose pages each draw one grey JPEG and hold no text."""
    objs = []  # bodies, object n at index n - 1

    def add(body):
        objs.append(body)
        return len(objs)

    catalog = add(None)
    tree = add(None)
    kids = []
    w_pt, h_pt = WIDTH * 72 / DPI, HEIGHT * 72 / DPI
    for data in pages:
        image = add(
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray"
            b" /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n" % (WIDTH, HEIGHT, len(data))
            + data
            + b"\nendstream"
        )
        draw = zlib.compress(b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (w_pt, h_pt))
        content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(draw) + draw + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >>"
                b" /Contents %d 0 R >>" % (tree, w_pt, h_pt, image, content)
            )
        )
    objs[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    objs[tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, catalog, xref)
    return bytes(out)


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    title, body = paragraphs()
    first = page([title] + body[:2], 50)
    second = degrade(page(body[2:], 34))
    (out / "scan.pdf").write_bytes(pdf([jpeg(first, 85), jpeg(second, 60)]))
    (out / "long.pdf").write_bytes(pdf([jpeg(first, 85)] * 12))
    (out / "photo.jpg").write_bytes(jpeg(photo(first), 70))
    first.save(out / "photo.png", dpi=(DPI, DPI))


if __name__ == "__main__":
    main()
