#!/usr/bin/python3
"""OCR quality on synthetic scans made from DEV text (`make eval-ocr`).

  /usr/bin/python3 tests/eval/ocr_eval.py --bin target/release/tomtat \
      --data ../shared/data/vietnews/dev.jsonl --out tests/out/ocr [--pages 18] \
      [--time-pdf FILE]

Each page is drawn here, at test time, from one DEV article (its title and
the first paragraphs that fit): A4 at 300 dpi, 11 pt text in one of three
common fonts (DejaVu Sans, Liberation Serif, Liberation Sans; Debian's
fonts-dejavu-core and fonts-liberation2), then turned by a slight skew
(up to 1 degree), blurred, given grain and specks of dust, and saved as
a JPEG of quality 50 to 70. Nothing of DEV is written into the project: the pages live in
--out only.

`tomtat text PAGE.jpg` reads each page by OCR. It reports:

  CER   character error rate: edit distance between the OCR text and the
        text drawn, over the length of the text drawn (NFC, one tone-mark
        placement, whitespace collapsed: a line break is a space);
  SER   syllable error rate: the same over whitespace-separated syllables;
  same summary: the share of pages whose summary (`tomtat --json`) from the
        OCR text picks the same sentences as the summary from the text
        drawn: as many sentences, each one at least 90 % alike
        (difflib ratio) to the sentence in the same place.

With --time-pdf, also the seconds per page to read that pdf by OCR on one
core (taskset) and on all. Needs Pillow (Debian's python3-pil, hence
/usr/bin/python3) and Tesseract, both installed by `make eval-ocr`.
"""
import argparse
import difflib
import json
import os
import random
import subprocess
import sys
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONTS = [
    ("DejaVu Sans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    ("Liberation Serif", "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"),
    ("Liberation Sans", "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"),
]
DPI = 300
A4 = (2480, 3508)
MARGIN = 236  # 2 cm
PT = 11

_OLD_TONE = {}
for _base, _marks in (("a", "àáảãạ"), ("e", "èéẻẽẹ"), ("y", "ỳýỷỹỵ")):
    _first = {"a": "o", "e": "o", "y": "u"}[_base]
    _plain = "òóỏõọ" if _first == "o" else "ùúủũụ"
    for _m, _p in zip(_marks, _plain):
        _OLD_TONE[_first + _m] = _p + _base


def canon(text):
    """NFC, one tone-mark placement (hoà = hòa), whitespace collapsed."""
    out = []
    for syl in unicodedata.normalize("NFC", text).split():
        low = syl.lower()
        if not low.startswith("qu"):
            for old, new in _OLD_TONE.items():
                if low.endswith(old):
                    # Keep the case of the first letter of the pair.
                    head = syl[: -len(old)]
                    tail = syl[-len(old):]
                    new = new.upper() if tail[0].isupper() else new
                    syl = head + new
                    break
        out.append(syl)
    return " ".join(out)


def edit_distance(a, b):
    """Levenshtein distance between two sequences (one row at a time)."""
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def wrap(draw, font, text, width):
    lines, line = [], ""
    for word in text.split():
        cand = (line + " " + word).strip()
        if draw.textlength(cand, font=font) <= width or not line:
            line = cand
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def render(article, font_path, rng):
    """A noisy, skewed JPEG page of the article; the text drawn, as
    paragraphs (title first)."""
    size = round(PT * DPI / 72)
    font = ImageFont.truetype(font_path, size)
    img = Image.new("L", A4, 255)
    draw = ImageDraw.Draw(img)
    width = A4[0] - 2 * MARGIN
    line_h = round(size * 1.45)
    y = MARGIN
    drawn = []
    paragraphs = [article["title"]] + [p for p in article["body"] if p.strip()]
    for k, para in enumerate(paragraphs):
        lines = wrap(draw, font, para, width)
        if y + line_h * len(lines) > A4[1] - MARGIN:
            if k >= 2:
                break
            # The first paragraph is cut to the page.
            lines = lines[: max(0, (A4[1] - MARGIN - y) // line_h)]
        for line in lines:
            draw.text((MARGIN, y), line, font=font, fill=0)
            y += line_h
        drawn.append(" ".join(lines))
        y += line_h // 2
    # A scanner: a slight skew, some blur, grain, specks of dust, JPEG.
    img = img.rotate(rng.uniform(-1.0, 1.0), resample=Image.BICUBIC, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.0)))
    noise = Image.effect_noise(A4, rng.uniform(20, 40))
    img = Image.blend(img, noise, 0.15)
    draw = ImageDraw.Draw(img)
    for _ in range(400):
        x, y = rng.randrange(A4[0]), rng.randrange(A4[1])
        r = rng.choice((1, 1, 2, 3))
        draw.ellipse((x, y, x + r, y + r), fill=rng.randrange(0, 120))
    return img, drawn


def articles(path, n, seed):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            body = "\n".join(o.get("docs") or [o.get("text", "")]).split("\n")
            if o.get("title") and sum(len(p) for p in body) > 1500:
                rows.append({"id": o["id"], "title": o["title"], "body": body})
    random.Random(seed).shuffle(rows)
    return rows[:n]


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, timeout=600)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def summary(binary, path):
    rc, out, err = run([binary, "--json", path])
    try:
        return [s["text"] for s in json.loads(out.splitlines()[0])["summary"]]
    except (IndexError, KeyError, json.JSONDecodeError):
        return None


def same_summary(a, b):
    if a is None or b is None or len(a) != len(b):
        return False
    return all(difflib.SequenceMatcher(None, canon(x), canon(y)).ratio() >= 0.9 for x, y in zip(a, b))


def pdf_pages(path):
    rc, out, _ = run(["pdfinfo", path])
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return 0


def time_pdf(binary, path):
    pages = pdf_pages(path)
    rows = []
    for label, prefix in (("1 core", ["taskset", "-c", "0"]), ("%d cores" % os.cpu_count(), [])):
        t = time.monotonic()
        rc, out, err = run(prefix + [binary, "text", path])
        secs = time.monotonic() - t
        rows.append((label, secs, secs / max(pages, 1), rc))
    print("\n| %s (%d pages) | wall s | s / page |" % (os.path.basename(path), pages))
    print("| --- | ---: | ---: |")
    for label, secs, per, rc in rows:
        print("| %s%s | %.1f | %.2f |" % (label, "" if rc == 0 else " (exit %d)" % rc, secs, per))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--pages", type=int, default=18)
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--time-pdf")
    a = ap.parse_args()
    for _, path in FONTS:
        if not os.path.exists(path):
            sys.exit("missing font %s (make eval-ocr installs it)" % path)
    os.makedirs(a.out, exist_ok=True)
    rng = random.Random(a.seed)
    pages = []
    for i, art in enumerate(articles(a.data, a.pages, a.seed)):
        name, font_path = FONTS[i % len(FONTS)]
        img, drawn = render(art, font_path, rng)
        jpg = os.path.join(a.out, "page-%02d.jpg" % i)
        img.save(jpg, quality=rng.randint(50, 70), dpi=(DPI, DPI))
        ref = os.path.join(a.out, "page-%02d.ref.txt" % i)
        with open(ref, "w", encoding="utf-8") as f:
            f.write(drawn[0] + "\n\n" + "\n".join(drawn[1:]) + "\n")
        pages.append({"font": name, "jpg": jpg, "ref": ref, "drawn": drawn})
    t = time.monotonic()

    def ocr(p):
        t0 = time.monotonic()
        rc, text, err = run([a.bin, "text", p["jpg"]])
        return rc, text, err, time.monotonic() - t0

    # One page is one Tesseract on one core: as many pages at once as cores.
    with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        done = list(pool.map(ocr, pages))
    ocr_secs = sum(d[3] for d in done)
    rows = []
    for p, (rc, text, err, _) in zip(pages, done):
        if rc != 0:
            print("%s: %s" % (p["jpg"], err.strip()), file=sys.stderr)
            text = ""
        got = os.path.join(a.out, os.path.basename(p["jpg"])[:-4] + ".ocr.txt")
        with open(got, "w", encoding="utf-8") as f:
            f.write(text)
        ref_c = canon(" ".join(p["drawn"]))
        got_c = canon(text)
        cer = edit_distance(ref_c, got_c) / max(len(ref_c), 1)
        ser = edit_distance(ref_c.split(), got_c.split()) / max(len(ref_c.split()), 1)
        same = same_summary(summary(a.bin, p["ref"]), summary(a.bin, got))
        rows.append((p["font"], cer, ser, same, len(ref_c)))
    print("| font | pages | CER | SER | same summary |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, _ in FONTS + [("all", None)]:
        sel = [r for r in rows if name == "all" or r[0] == name]
        if not sel:
            continue
        chars = sum(r[4] for r in sel)
        cer = sum(r[1] * r[4] for r in sel) / chars
        ser = sum(r[2] for r in sel) / len(sel)
        same = sum(r[3] for r in sel) / len(sel)
        print("| %s | %d | %.2f %% | %.2f %% | %.0f %% |" % (name, len(sel), 100 * cer, 100 * ser, 100 * same))
    print("\nOCR: %.2f s a page (one Tesseract each, %d at once); whole run %.0f s"
          % (ocr_secs / max(len(rows), 1), os.cpu_count() or 1, time.monotonic() - t))
    if a.time_pdf:
        time_pdf(a.bin, a.time_pdf)


if __name__ == "__main__":
    main()
