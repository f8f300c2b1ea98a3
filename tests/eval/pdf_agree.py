#!/usr/bin/env python3
"""How well `tomtat text` reads each pdf of ../shared/realdocs, beside poppler.

  python3 tests/eval/pdf_agree.py --bin target/release/tomtat --shared ../shared [--out FILE.json] [--only NAME]

For every pdf in realdocs/files that has a reading in realdocs/ref/NAME.txt
(poppler's `pdftotext`), both texts are normalized as the rubric scorer does
(`canon` of ../shared/eval/real_eval.py: NFC, lower case, one tone placement,
whitespace collapsed) and cut into syllables (runs of letters or of digits).
It prints per pdf:

  F1    over the multiset of syllables, tomtat against poppler, page
        furniture left out of poppler's reading as `tomtat text` leaves it
        out (see `furniture`): lines among the three at the top or bottom of
        a page whose shape (figures left out) comes back on a third of the
        pages, a lone page number, signing and download stamps;
  raw   the same F1 against poppler's whole reading;
        (in both, poppler's styled math letters and ligatures are read as
        their plain letters, as tomtat's display text has them:
        `plain_letters`; ref% is taken on that reading too; and both
        readings are taken without the marks of scripts, `_ ^ { }`:
        tomtat writes `s_t`, `x^{2}` where poppler glues `st`, `x2`, and
        F1 compares what was read, not how it is written: `unscripted`)
  wf%   the share of tomtat's syllables that are well formed: a Vietnamese
        syllable (onset, vowels, coda, at most one tone mark), a Latin
        word, a number, or an acronym in capitals; a unit's symbol of the
        closed list `UNITS` (`Hz`, `ms`, `km`) is a Latin word though it
        has no vowel, and one Greek letter (a variable, `θ`) counts as one
        Latin letter does (see `well_formed`);
  ref%  the same share for poppler's reading: where poppler prints a legacy
        font's bytes as Latin-1 (TCVN3, VNI, VnN), the reference itself is
        mojibake and F1 against it says little.

Where poppler's reading is mojibake (ref% < 90), F1 and wf are taken
against that reading decoded (see `decoded`): each line is decoded as TCVN3 (by glibc's iconv,
`TCVN5712-1`, for the codes 0xA0 up), as VNI or as the VnN fonts' layout
(tables below, written from the same published layouts as the reader's),
and the line is replaced when it decodes to better words; the one
encoding that decodes most of the reading is used. The note names it.

Goals (issue 14): F1 >= 0.98 and wf >= 99% per pdf. A pdf without a text
layer (poppler reads next to nothing) is listed with tomtat's answer only.
Pure Python 3.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import time
import unicodedata

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
          "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")
NUCLEI = set("""a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi
ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê iêu yêu oai oay oao oeo uây uôi ươi ươu uyê uya uyu
uơi""".split())
CODAS = ("ch", "ng", "nh", "c", "m", "n", "p", "t", "")
ACRONYM = re.compile(r"^[A-ZĐ]{2,10}$")
RUN = re.compile(r"[^\W\d_]+|\d+")
# Units' symbols that have no vowel, as written (case counts): SI's units
# with the prefixes they are used with, and the units used beside them
# (data, rates, sound). A closed list, not prefix times unit, which would
# let in `ng` (nanogram) and with it the onset of a Vietnamese syllable
# split in two; none of these is a piece of a Vietnamese syllable.
UNITS = frozenset("""
    Hz kHz MHz GHz THz  ms µs μs ns ps  mm cm dm km Km µm μm nm
    mg kg µg μg  ml mL dl  mV kV MV mA µA μA kW MW GW mW Wh kWh MWh GWh kVA MVA
    kJ MJ kN Nm dB dBm  cd lm lx Gy Sv Bq Wb mmHg
    bps kbps Kbps Mbps Gbps kB KB px fps rpm ppm
""".split())


def load_canon(shared):
    sys.path.insert(0, os.path.join(shared, "eval"))
    from real_eval import canon  # noqa: E402
    return canon


def untoned(syl):
    """The syllable without its tone mark, and how many tone marks it had."""
    d = unicodedata.normalize("NFD", syl)
    tones = sum(c in TONES for c in d)
    base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
    return base, tones


def vietnamese(syl):
    base, tones = untoned(syl.lower())
    if tones > 1:
        return False
    for onset in ONSETS:
        if not base.startswith(onset):
            continue
        rest = base[len(onset):]
        # `gi` and `qu` lend their vowel: `gì`, `quý`.
        if onset == "gi" and rest in CODAS:
            return True
        for coda in CODAS:
            if rest.endswith(coda) and rest[: len(rest) - len(coda)] in NUCLEI:
                return True
    return False


def greek_letter(run):
    """One letter of the Greek block, or the micro sign (NFKC's `μ`)."""
    return len(run) == 1 and ("\u0370" <= run <= "\u03ff" or run == "\u00b5")


def well_formed(run):
    if run.isdigit():
        return True
    # A variable or a unit: `θ` as `x` is, `Hz` as `kg` would be with a vowel.
    if greek_letter(run) or run in UNITS:
        return True
    if run.isascii() and run.isalpha():
        # A Latin word has a vowel, or is one letter (a list mark `a)`).
        return len(run) == 1 or bool(re.search(r"[aeiouyAEIOUY]", run)) or bool(ACRONYM.match(run))
    if ACRONYM.match(run):
        return True
    return vietnamese(run)


# VNI Windows: a vowel's mark byte (a modifier, a tone), and its
# one-byte letters.
GRAVE, ACUTE, CIRC, TILDE, BREVE, HOOK, HORN, DOT = "\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323"
VNI_MARKS = {"ø": GRAVE, "ù": ACUTE, "û": HOOK, "õ": TILDE, "ï": DOT, "â": CIRC, "á": CIRC + ACUTE,
             "à": CIRC + GRAVE, "å": CIRC + HOOK, "ã": CIRC + TILDE, "ä": CIRC + DOT, "ê": BREVE,
             "é": BREVE + ACUTE, "è": BREVE + GRAVE, "ú": BREVE + HOOK, "ü": BREVE + TILDE, "ë": BREVE + DOT}
VNI_LETTERS = {"ñ": "đ", "ô": "o" + HORN, "ö": "u" + HORN, "ó": "i" + TILDE, "æ": "i" + HOOK,
               "ò": "i" + DOT, "î": "y" + DOT}
# The VnN fonts (VnNCentury2): marked letters at Latin-1 codes, a tone
# mark as a glyph after its vowel.
VNN_LETTERS = {"ê": "â", "ï": "ê", "ö": "ô", "ù": "ă", "ú": "ơ", "û": "ư", "à": "đ", "ò": "ì",
               "ñ": "í", "ó": "ỉ", "ô": "ĩ", "õ": "ị"}
VNN_MARKS = {"á": ACUTE, "ë": ACUTE, "æ": ACUTE, "â": GRAVE, "ì": GRAVE, "ç": GRAVE, "ã": HOOK,
             "í": HOOK, "è": HOOK, "ä": TILDE, "î": TILDE, "é": TILDE, "å": DOT}


def cased(table, c):
    """`table`'s value for `c`, in `c`'s case."""
    v = table.get(c.lower())
    if v is None:
        return None
    return v.upper() if c.isupper() else v


def decode_vni(piece):
    out = ""
    for c in piece:
        mark = VNI_MARKS.get(c.lower())
        if mark and out and unicodedata.normalize("NFD", out)[-1:].lower() in "aeiouy" + CIRC + BREVE + HORN:
            out += mark
            continue
        out += cased(VNI_LETTERS, c) or c
    return unicodedata.normalize("NFC", out)


def decode_vnn(piece):
    out = "".join(cased(VNN_LETTERS, c) or VNN_MARKS.get(c.lower()) or c for c in piece)
    return unicodedata.normalize("NFC", out)


def tcvn3_decoder():
    """TCVN3 by glibc's iconv; poppler names the code 0xAD `minus`."""
    table = {}
    for b in range(0xA0, 0x100):
        p = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=bytes([b]), capture_output=True)
        if p.returncode == 0 and p.stdout:
            table[bytes([b]).decode("cp1252", "replace")] = p.stdout.decode("utf-8")
    table["\u2212"] = table.get("\xad", "\xad")

    def decode(piece):
        return unicodedata.normalize("NFC", "".join(table.get(c, c) for c in piece))
    return decode


def decoded(ref, known):
    """Poppler's reading with its legacy pieces decoded: (text, encoding).

    A line is replaced when its decoding holds more of the `known`
    syllables (of two letters or more) than it does, or as many and fewer
    runs that are not well formed: by line, not by word, for a word may
    read as two (`hôn` is VNI's `hơn`)."""
    pieces = ref.split("\n")

    def score(piece):
        runs = RUN.findall(piece.lower())
        return sum(r in known for r in runs if len(r) > 1), -sum(not well_formed(r) for r in runs)

    best = (0, ref, "")
    for name, dec in (("TCVN3", tcvn3_decoder()), ("VNI", decode_vni), ("VnN", decode_vnn)):
        out, n = [], 0
        for piece in pieces:
            d = dec(piece)
            if d != piece and score(d) > score(piece):
                out.append(d)
                n += 1
            else:
                out.append(piece)
        if n > best[0]:
            best = (n, "\n".join(out), name)
    return best[1], best[2]


def known_syllables(refs):
    """The syllables seen three times or more in the readings of poppler
    that are not mojibake (the other pdfs)."""
    seen = collections.Counter()
    for name in os.listdir(refs):
        text = open(os.path.join(refs, name), encoding="utf-8").read()
        if wf_share(text)[0] >= 0.9:
            seen.update(RUN.findall(unicodedata.normalize("NFC", text).lower()))
    return {s for s, n in seen.items() if n >= 3}


STAMP = re.compile(r"^\s*(ký bởi|người ký|thời gian ký|ngày ký|email|cơ quan)\s*:|^\s*downloaded by |^\s*\w{4,16}\|\d{5,}\s*$", re.I)


def furniture(ref):
    """Poppler's reading without its running lines, page numbers and stamps."""
    pages = [[l for l in p.split("\n") if l.strip()] for p in ref.split("\f")]
    pages = [p for p in pages if p]

    def shape(line):
        return "".join(c for c in line.lower() if not c.isdigit() and not c.isspace())

    def edges(n):
        return [k for k in range(n) if k < 3 or k + 3 >= n]

    seen = collections.Counter()
    for p in pages:
        seen.update({shape(p[k]) for k in edges(len(p))})
    enough = max(2, -(-len(pages) * 3 // 10))
    kept = []
    for p in pages:
        drop = set()
        for k in edges(len(p)):
            s = shape(p[k])
            number = k in (0, len(p) - 1) and any(c.isdigit() for c in p[k]) and len(p[k].strip()) <= 12 \
                and s in ("", "-", "--", "trang", "page", "trang/", "/")
            if number or (len(s) >= 3 and seen[s] >= enough):
                drop.add(k)
        kept.extend(l for k, l in enumerate(p) if k not in drop and not STAMP.match(l))
    return "\n".join(kept)


def plain_letters(text):
    """Poppler's reading with styled math letters (𝑥, ℒ) and Latin ligatures
    (ﬁ) as their plain letters, as tomtat's display text has them (see
    src/normalize.rs): the same letters on both sides, nothing else changed."""
    def plain(c):
        o = ord(c)
        if 0xFB00 <= o <= 0xFB06 or 0x1D400 <= o <= 0x1D7FF:
            return unicodedata.normalize("NFKC", c)
        if 0x2100 <= o <= 0x214F:
            d = unicodedata.normalize("NFKC", c)
            if len(d) == 1 and ord(d) < 0x400 and d.isalnum():
                return d
        return c
    return "".join(plain(c) for c in text)


def unscripted(text):
    """`text` without `_ ^ { }`, the marks tomtat writes a sub- or
    superscript with (`s_t`, `s_{t+1}`, `x^2`) where poppler glues it to
    its base (`st`, `st+1`, `x2`). Taken out of both readings alike, so a
    literal underscore (`scr_intra`) reads the same on both sides too."""
    return text.translate(SCRIPT_MARKS)


SCRIPT_MARKS = str.maketrans("", "", "_^{}")


def syllables(text, canon):
    return RUN.findall(canon(text))


def f1(ours, ref):
    a, b = collections.Counter(ours), collections.Counter(ref)
    hit = sum((a & b).values())
    if not hit:
        return 0.0
    p, r = hit / sum(a.values()), hit / sum(b.values())
    return 2 * p * r / (p + r)


def wf_share(text):
    runs = RUN.findall(unicodedata.normalize("NFC", text))
    if not runs:
        return 1.0, []
    bad = [r for r in runs if not well_formed(r)]
    return 1 - len(bad) / len(runs), bad


def check_rules():
    """What `well_formed` takes and what it does not, asserted at each run."""
    good = ["môn", "hình", "quý", "gì", "model", "x", "ACB", "2026", "θ", "µ", "Hz", "kHz", "ms", "Km", "dB"]
    # Syllables glued or split by the reader, Greek letters glued to
    # anything, units glued to more letters, unit-like pieces not listed.
    bad = ["môhình", "màkhông", "ng", "nh", "ngh", "ch", "tr", "th", "kh", "ph", "θt", "πθ", "αkc", "st",
           "Hzs", "kmh", "msg", "ƣ", "đƣợc"]
    wrong = [w for w in good if not well_formed(w)] + [w for w in bad if well_formed(w)]
    assert not wrong, "well_formed is wrong on %s" % wrong


def main():
    check_rules()
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--out")
    ap.add_argument("--only", help="one pdf (its name without .pdf)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print the worst syllables")
    a = ap.parse_args()
    canon = load_canon(a.shared)
    files = os.path.join(a.shared, "realdocs", "files")
    refs = os.path.join(a.shared, "realdocs", "ref")
    rows = []
    known = None
    print("%-32s %7s %7s %7s %7s %6s  %s" % ("pdf", "F1", "raw", "wf%", "ref%", "s", "note"))
    for name in sorted(os.listdir(files)):
        if not name.endswith(".pdf"):
            continue
        stem = name[:-4]
        if a.only and stem != a.only:
            continue
        ref_path = os.path.join(refs, stem + ".txt")
        if not os.path.exists(ref_path):
            continue
        ref = plain_letters(open(ref_path, encoding="utf-8").read())
        rwf, _ = wf_share(ref)
        legacy = ""
        if rwf < 0.9:
            known = known if known is not None else known_syllables(refs)
            ref, legacy = decoded(ref, known)
        t0 = time.time()
        p = subprocess.run([a.bin, "text", os.path.join(files, name)], capture_output=True, timeout=300)
        secs = time.time() - t0
        ours = p.stdout.decode("utf-8", "replace") if p.returncode == 0 else ""
        err = p.stderr.decode("utf-8", "replace").strip().splitlines()
        ref_syl = syllables(unscripted(furniture(ref)), canon)
        raw_syl = syllables(unscripted(ref), canon)
        if len(ref_syl) < 20:
            note = "no text layer: " + (err[-1][:70] if err else "tomtat read %d syllables" % len(syllables(ours, canon)))
            rows.append({"pdf": stem, "scan": True, "note": note})
            print("%-32s %7s %7s %7s %7s %6.2f  %s" % (stem, "-", "-", "-", "-", secs, note))
            continue
        our_syl = syllables(unscripted(ours), canon)
        score = f1(our_syl, ref_syl)
        raw = f1(our_syl, raw_syl)
        wf, bad = wf_share(ours)
        note = ""
        if p.returncode != 0:
            note = (err[-1] if err else "exit %d" % p.returncode)[:70]
        elif legacy:
            note = "poppler's reading is %s mojibake: F1 against it decoded (%.2f%% well formed)" % (
                legacy, 100 * wf_share(ref)[0])
        rows.append({"pdf": stem, "f1": round(score, 4), "raw_f1": round(raw, 4), "wf": round(wf, 4), "ref_wf": round(rwf, 4),
                     "secs": round(secs, 2), "note": note})
        print("%-32s %7.4f %7.4f %7.2f %7.2f %6.2f  %s" % (stem, score, raw, 100 * wf, 100 * rwf, secs, note))
        if a.verbose:
            common = collections.Counter(bad).most_common(12)
            print("    not well formed:", " ".join("%s×%d" % kv for kv in common))
            ca, cb = collections.Counter(our_syl), collections.Counter(ref_syl)
            print("    only tomtat:", " ".join("%s×%d" % kv for kv in (ca - cb).most_common(12)))
            print("    only poppler:", " ".join("%s×%d" % kv for kv in (cb - ca).most_common(12)))
    scored = [r for r in rows if "f1" in r]
    if scored:
        ok = [r for r in scored if r["f1"] >= 0.98 and r["wf"] >= 0.99]
        print("%d of %d pdfs with a text layer meet F1 >= 0.98 and wf >= 99%%; mean F1 %.4f, mean wf %.2f%%"
              % (len(ok), len(scored), sum(r["f1"] for r in scored) / len(scored),
                 100 * sum(r["wf"] for r in scored) / len(scored)))
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            json.dump(rows, f, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
