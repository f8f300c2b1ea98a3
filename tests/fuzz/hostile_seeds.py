#!/usr/bin/env python3
"""Writes the hostile shapes of issue 19 as seed corpora, one directory per
fuzz target: OUT/TARGET/hostile-N.

    python3 tests/fuzz/hostile_seeds.py OUT

Deep nesting, long runs of quotes and stop marks, rtf font tables, zip
tricks (duplicate entries, stored bombs, bad offsets), bad and truncated
UTF-8, legacy encodings, html with unclosed tags and attributes holding
`>`. Every file is written here, from nothing but this script; the readers'
targets take two option bytes first (see fuzz_targets/common.rs), so their
seeds start with b"\\0\\0".

The shapes are kept small (a few kB): libFuzzer mutates them and reaches the
code paths; the sizes that show a quadratic loop are in tests/linearity.rs.
"""

import io
import os
import sys
import zipfile

VI = "Ông Nguyễn Văn A. đã đến Hà Nội. “Bà nói: ‘Đi thôi.’ Rồi về.” Tr. 5… (x) "


def text_shapes():
    """Plain-text shapes shared by the text readers and the stages."""
    s = []
    s.append(VI.encode())
    s.append(("Ông " + "A. " * 1500).encode())
    s.append(('"' * 3000 + "Câu. " * 100).encode())
    s.append(("“" * 500 + "Một câu. " * 50 + "”" * 500).encode())
    s.append(("." * 4000).encode())
    s.append(("…!?" * 1000).encode())
    s.append(("Tp. HCM. TS. Nguyễn. " * 200).encode())
    s.append(("a" * 5000).encode())
    s.append(("\n" * 2000 + "Câu cuối.").encode())
    s.append(("\r\n \t\r" * 500).encode())
    s.append(("Tiêu đề\n\n" + "Dòng một.\n" * 300).encode())
    s.append(("CHƯƠNG I\nĐiều 1. Phạm vi\n1. Khoản một.\na) Điểm a.\n" * 50).encode())
    s.append(("| a | b |\n|---|---|\n| 1 | 2 |\n" * 100).encode())
    s.append(("\u200b\u00ad\ufeff\u0301\u0300" * 400).encode())
    s.append(("a\u0301" * 2000).encode())  # combining marks
    s.append(("Hoà hoá thuỷ " * 300).encode())
    s.append(bytes(range(256)) * 8)
    s.append(b"\xef\xbb\xbf" + VI.encode())
    # Bad and truncated UTF-8.
    good = (VI * 20).encode()
    s.append(good[:-1])
    s.append(good[:100] + b"\xff" + good[100:])
    s.append(good[:101] + b"\xc3" + good[101:])
    s.append(b"\xe1\xba" * 1000)
    s.append(b"\xed\xa0\x80" * 100 + good)  # surrogates
    s.append(b"\xc0\xaf" * 100)  # overlong
    # UTF-16 with and without a mark, odd length.
    s.append(b"\xff\xfe" + VI.encode("utf-16-le"))
    s.append(b"\xfe\xff" + VI.encode("utf-16-be") + b"\x00")
    s.append(VI.encode("utf-16-le"))
    s.append(b"\x00" * 3000)
    # Legacy encodings: windows-1258 and TCVN3-looking bytes.
    try:
        s.append(("Hội nghị tổng kết công tác năm " * 20).encode("cp1258", "replace"))
    except LookupError:
        pass
    s.append(b"H\xe9i ngh\xde t\xe6ng k\xd5t c\xabng t\xb8c n\xa8m\r\n" * 40)
    s.append(b"Nguye\xe3n Va\xean Ba\xfby\r\n" * 40)
    # Very long words, one line, many lines.
    s.append(("x" * 70000).encode())
    s.append(("từ_" * 3000).encode())
    return s


def markdown_shapes():
    s = []
    s.append(("[" * 2000 + "x" + "](x)" * 2000).encode())
    s.append(("[" * 3000).encode())
    s.append(("](x)" * 3000).encode())
    s.append(("![" * 1000 + "a" + "](b)" * 1000).encode())
    s.append(("*" * 3000 + "x" + "*" * 3000).encode())
    s.append(("_a " * 2000).encode())
    s.append(("`" * 3000).encode())
    s.append(("> " * 3000 + "trích dẫn").encode())
    s.append(("- " * 2000 + "mục").encode())
    s.append(("    " * 1000 + "1. x").encode())
    s.append(("```\n" + "code\n" * 500).encode())  # unclosed fence
    s.append(("---\ntitle: x\n" + "a: b\n" * 500).encode())  # unclosed front matter
    s.append(("|" * 5000 + "\n|---|\n").encode())
    s.append(("<" * 3000 + "a>").encode())
    s.append(("<!--" * 1000).encode())
    s.append(("\\" * 3000).encode())
    s.append(("[a]: http://x\n" * 500).encode())
    s.append(("# " * 1000 + "Tiêu đề\n===\n" * 50).encode())
    s.append(("<http://" + "a" * 3000).encode())
    s.append(("~~" * 2000).encode())
    return s


def html_shapes():
    s = []
    art = "<p>" + VI * 3 + "</p>"
    s.append(("<html><body><article>" + art * 10 + "</article></body></html>").encode())
    s.append(("<div>" * 5000 + art + "</div>" * 5000).encode())
    s.append(("<div>" * 5000 + art).encode())
    s.append(("<select>" + "<option>2001" * 301 + "</select>" + art * 5).encode())
    s.append(('<div title="a>b">' + art + "</div>").encode())
    s.append(('<div title="' + ">" * 3000 + '">' + art).encode())
    s.append(("<script>" + "if (a<b) {<div>" * 500 + "</script>" + art).encode())
    s.append(("<style>" + "<" * 3000 + art).encode())
    s.append(("<!--" + "<div>" * 1000 + art).encode())
    s.append(('<meta charset=utf-16><p>' + VI + "</p>").encode())
    s.append(('<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'
              + art).encode())
    s.append(('<p>charset=koi8-r</p>' + art).encode())
    s.append(("&#" + "9" * 100 + ";" + "&amp;" * 1000 + "&#x110000;&#0;&#xD800;" + art).encode())
    s.append(("<table>" + "<tr><td>ô" * 2000 + "</table>").encode())
    s.append(("<ul>" + "<li>" * 3000 + art).encode())
    s.append(("<p " + "a=b " * 3000 + ">" + art).encode())
    s.append(("<![CDATA[" + art * 3).encode())
    s.append(("<" * 4000).encode())
    s.append(("<p>" + "</p>" * 3000).encode())
    s.append(b'\xff\xfe' + ("<p>" + VI + "</p>").encode("utf-16-le"))
    return s


def rtf_shapes():
    s = []
    s.append(("{\\rtf1\\ansi{\\fonttbl{\\f0 Times;}}\\f0 " + "Xin ch\\'e0o. " * 50 + "}").encode())
    s.append(("{\\rtf1" + "{\\fonttbl{\\f1 F;}}" * 2000 + " x}").encode())
    s.append(("{\\rtf1{\\fonttbl" + "{\\f%d F%d;}" % (0, 0) * 2000 + "}x}").encode())
    s.append(("{\\rtf1{\\fonttbl{\\f0 " + "a" * 5000 + ";}}x}").encode())
    s.append(("{\\rtf1 " + "{" * 5000 + "s" + "}" * 5000 + "}").encode())
    s.append(("{\\rtf1 " + "{" * 5000 + "s").encode())
    s.append(("{\\rtf1 " + "}" * 5000 + "s").encode())
    s.append(b"{\\rtf1 a\\bin99999999 }")
    s.append(b"{\\rtf1 a\\bin-5 b\\bin0 c}")
    s.append(("{\\rtf1\\ansicpg1258 " + "\\'e2\\'ec" * 1000 + "}").encode())
    s.append(("{\\rtf1\\uc1 " + "\\u7897?" * 1000 + "\\u-1? \\u99999999999? }").encode())
    s.append(("{\\rtf1\\uc9999 \\u7897" + "x" * 100 + "}").encode())
    s.append(("{\\rtf1 " + "\\" * 3000 + "}").encode())
    s.append(("{\\rtf1 \\" + "a" * 3000 + "123456789012345678901234567890 x}").encode())
    s.append(("{\\rtf1{\\*\\pict " + "ab" * 3000 + "}x}").encode())
    s.append(("{\\rtf1{\\stylesheet" + "{\\s1 Style;}" * 500 + "}x}").encode())
    s.append(("{\\rtf1{\\info{\\title " + "T" * 1000 + "}}x}").encode())
    s.append(("{\\rtf1 " + "\\par" * 3000 + "}").encode())
    s.append(("{\\rtf1{\\fonttbl{\\f0\\fcharset163 VN;}}\\f0 \\'e2\\'ec}").encode())
    s.append(("{\\rtf1{\\field{\\*\\fldinst HYPERLINK " + '"' * 500 + "}{\\fldrslt x}}}").encode())
    return s


def zipped(entries, compression=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in entries:
            with __import__("warnings").catch_warnings():
                __import__("warnings").simplefilter("ignore")
                z.writestr(name, data)
    return buf.getvalue()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_xml(body):
    return ('<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body>%s</w:body></w:document>'
            % (W, body)).encode()


def para(t):
    return "<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % t


CT = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def docx_shapes():
    s = []
    body = "".join(para(VI) for _ in range(5))
    s.append(zipped([("[Content_Types].xml", CT), ("word/document.xml", docx_xml(body))]))
    # Duplicate entries: which one is read?
    s.append(zipped([("word/document.xml", docx_xml(para("một"))),
                     ("word/document.xml", docx_xml(para("hai")))]))
    # Deep nesting of elements.
    s.append(zipped([("word/document.xml", docx_xml("<w:p>" * 3000 + para(VI) + "</w:p>" * 3000))]))
    s.append(zipped([("word/document.xml", docx_xml("<w:tbl><w:tr><w:tc>" * 500 + para(VI)))]))
    # A stored run of zeros that deflates to little: a small bomb.
    s.append(zipped([("word/document.xml", docx_xml(para("a" * 200000)))]))
    s.append(zipped([("word/document.xml", docx_xml(para(VI))), ("big.bin", b"\0" * 300000)]))
    # Entity tricks: billion laughs, external entity.
    laughs = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
              + "".join('<!ENTITY %s "%s">' % (chr(98 + i), ("&%s;" % chr(97 + i)) * 10) for i in range(8))
              + ']><w:document %s><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>' % W)
    s.append(zipped([("word/document.xml", laughs.encode())]))
    xxe = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           '<w:document %s><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>' % W)
    s.append(zipped([("word/document.xml", xxe.encode())]))
    # Footnotes, headers, a relationship pointing outside the package.
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" '
            'Target="../../../../etc/passwd"/></Relationships>')
    s.append(zipped([("word/document.xml", docx_xml(body)), ("word/_rels/document.xml.rels", rels.encode()),
                     ("word/footnotes.xml", b"<w:footnotes " + W.encode() + b">" + b"<w:footnote>" * 1000)]))
    # Truncated archives and a bad central directory.
    good = s[0]
    s.append(good[: len(good) // 2])
    s.append(good[:-10])
    bad = bytearray(good)
    i = bad.rfind(b"PK\x05\x06")
    if i >= 0:
        bad[i + 16:i + 20] = b"\xff\xff\xff\x7f"  # central directory offset far away
    s.append(bytes(bad))
    bad = bytearray(good)
    i = bad.find(b"PK\x01\x02")
    if i >= 0:
        bad[i + 24:i + 28] = b"\xff\xff\xff\xff"  # uncompressed size 4 GiB
    s.append(bytes(bad))
    s.append(zipped([("word/document.xml", docx_xml(body))], zipfile.ZIP_STORED))
    s.append(zipped([("word/document.xml", b"\xff\xfe" + docx_xml(body).decode().encode("utf-16-le"))]))
    s.append(zipped([("word/document.xml", docx_xml(para("\xff" * 10) + para(VI)).replace(b"\xc3\xbf", b"\xff"))]))
    s.append(zipped([("../../word/document.xml", docx_xml(body))]))
    s.append(zipped([("word/document.xml", docx_xml("<w:p><w:r><w:t>" + "&amp;" * 3000 + "</w:t></w:r></w:p>"))]))
    return s


ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def odt_xml(body):
    return ('<?xml version="1.0" encoding="UTF-8"?><office:document-content %s><office:body><office:text>'
            '%s</office:text></office:body></office:document-content>' % (ODT_NS, body)).encode()


def odt_shapes():
    s = []
    mt = [("mimetype", b"application/vnd.oasis.opendocument.text")]
    body = "".join("<text:p>%s</text:p>" % VI for _ in range(5))
    s.append(zipped(mt + [("content.xml", odt_xml(body))], zipfile.ZIP_STORED))
    s.append(zipped(mt + [("content.xml", odt_xml(body))]))
    s.append(zipped(mt + [("content.xml", odt_xml("<text:section>" * 3000 + body))]))
    s.append(zipped(mt + [("content.xml", odt_xml("<text:list><text:list-item>" * 1000 + body))]))
    s.append(zipped(mt + [("content.xml", odt_xml(body)), ("content.xml", odt_xml("<text:p>hai</text:p>"))]))
    s.append(zipped(mt + [("content.xml", odt_xml("<text:p>" + '<text:s text:c="999999999"/>' * 100 + "</text:p>"))]))
    s.append(zipped(mt + [("content.xml", odt_xml("<text:h text:outline-level=\"99999\">T</text:h>" + body))]))
    s.append(zipped(mt + [("content.xml", odt_xml("<text:p>" + "<text:tab/>" * 3000 + "</text:p>"))]))
    s.append(zipped(mt + [("content.xml", odt_xml("<text:p>a" * 2000))]))
    s.append(s[0][: len(s[0]) // 2])
    return s


def pdf_file(content, extra_objs=()):
    """A one-page pdf with `content` as its page stream, xref and all."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ] + list(extra_objs)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
    return bytes(out)


def pdf_shapes():
    s = []
    line = b"BT /F1 12 Tf 50 700 Td (Hoi nghi tong ket cong tac nam.) Tj ET\n"
    s.append(pdf_file(line * 3))
    s.append(pdf_file(b"BT /F1 12 Tf " + b"(a) Tj 0 -1 Td " * 2000 + b"ET"))
    s.append(pdf_file(b"q " * 3000 + line + b"Q " * 3000))
    s.append(pdf_file(b"BT /F1 12 Tf [" + b"(a) -100 " * 2000 + b"] TJ ET"))
    s.append(pdf_file(b"1 0 0 1 0 0 cm\n" * 2000 + line))
    s.append(pdf_file(b"BT /F1 12 Tf 1e308 1e308 Td (x) Tj -1e308 0 Td (y) Tj ET"))
    s.append(pdf_file(b"BT /F1 12 Tf 50 700 Td <FEFF1EC7> Tj (\\351\\000\\377) Tj ET"))
    s.append(pdf_file(b"[" * 3000 + b"]" * 3000))
    s.append(pdf_file(b"<<" * 2000))
    s.append(pdf_file(line)[:-60])  # no trailer
    s.append(pdf_file(line).replace(b"startxref\n", b"startxref\n99999999"))
    # Pages that point at themselves.
    loop = pdf_file(line).replace(b"/Kids [3 0 R]", b"/Kids [2 0 R 3 0 R]")
    s.append(loop)
    s.append(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF")
    s.append(b"%PDF-1.4\n" + b"1 0 obj\n" * 2000)
    return s


def cfb(streams):
    """A small Compound File (OLE2) holding `streams` [(name, bytes)], each
    in regular 512-byte sectors (streams padded to 4096 bytes so none goes
    to the mini stream)."""
    sec = 512
    data = []
    for name, b in streams:
        if len(b) < 4096:
            b = b + b"\0" * (4096 - len(b))
        data.append((name, b))
    sectors = []  # list of bytes, 512 each
    chains = []
    for _, b in data:
        first = len(sectors)
        n = (len(b) + sec - 1) // sec
        for i in range(n):
            sectors.append(b[i * sec:(i + 1) * sec].ljust(sec, b"\0"))
        chains.append((first, n))
    # Directory: root + streams, 128 bytes each, 4 per sector.
    entries = []

    def entry(name, typ, left, right, child, start, size):
        n = (name + "\0").encode("utf-16-le")
        e = n.ljust(64, b"\0") + len(n).to_bytes(2, "little") + bytes([typ, 1])
        e += left.to_bytes(4, "little") + right.to_bytes(4, "little") + child.to_bytes(4, "little")
        e += b"\0" * 16 + b"\0" * 4 + b"\0" * 16
        e += start.to_bytes(4, "little", signed=False) + size.to_bytes(8, "little")
        return e

    NONE = 0xFFFFFFFF
    entries.append(entry("Root Entry", 5, NONE, NONE, 1 if data else NONE, 0xFFFFFFFE, 0))
    for i, ((name, b), (first, n)) in enumerate(zip(data, chains)):
        right = i + 2 if i + 1 < len(data) else NONE
        entries.append(entry(name, 2, NONE, right, NONE, first, len(b)))
    dirbytes = b"".join(entries)
    dirbytes = dirbytes.ljust(((len(dirbytes) + sec - 1) // sec) * sec, b"\0")
    dir_first = len(sectors)
    dir_n = len(dirbytes) // sec
    for i in range(dir_n):
        sectors.append(dirbytes[i * sec:(i + 1) * sec])
    fat_first = len(sectors)
    total = len(sectors) + 1
    fat = [0xFFFFFFFF] * 128
    for first, n in chains + [(dir_first, dir_n)]:
        for i in range(n):
            fat[first + i] = first + i + 1 if i + 1 < n else 0xFFFFFFFE
    fat[fat_first] = 0xFFFFFFFD
    assert total <= 128
    sectors.append(b"".join(x.to_bytes(4, "little") for x in fat))
    hdr = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16)
    hdr += (0x3E).to_bytes(2, "little") + (3).to_bytes(2, "little") + b"\xfe\xff"
    hdr += (9).to_bytes(2, "little") + (6).to_bytes(2, "little") + b"\0" * 6
    hdr += (0).to_bytes(4, "little") + (1).to_bytes(4, "little") + dir_first.to_bytes(4, "little")
    hdr += b"\0" * 4 + (4096).to_bytes(4, "little") + (0xFFFFFFFE).to_bytes(4, "little") + (0).to_bytes(4, "little")
    hdr += (0xFFFFFFFE).to_bytes(4, "little") + (0).to_bytes(4, "little")
    difat = [fat_first] + [0xFFFFFFFF] * 108
    hdr += b"".join(x.to_bytes(4, "little") for x in difat)
    assert len(hdr) == 512
    return bytes(hdr) + b"".join(sectors)


def doc_shapes():
    s = []
    text = ("Hội nghị tổng kết.\r" * 20).encode("utf-16-le")
    fib = bytearray(b"\0" * 1024)
    fib[0:2] = (0xA5EC).to_bytes(2, "little")
    fib[2:4] = (193).to_bytes(2, "little")
    s.append(cfb([("WordDocument", bytes(fib) + text), ("1Table", b"\x02" + b"\0" * 100)]))
    s.append(cfb([("WordDocument", bytes(fib)), ("0Table", b"\x01" * 200)]))
    s.append(cfb([("WordDocument", b"\xff" * 2000)]))
    s.append(cfb([]))
    good = s[0]
    s.append(good[:1000])
    loop = bytearray(good)
    loop[512:516] = (1).to_bytes(4, "little")  # a FAT chain pointing at itself further on
    s.append(bytes(loop))
    s.append(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\xff" * 600)
    s.append(b"\xd0\xcf\x11\xe0")
    # An rtf named .doc (Word writes them) and a font table that grows.
    s.append(("{\\rtf1" + "{\\fonttbl{\\f1 F;}}" * 500 + " x}").encode())
    return s


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: hostile_seeds.py OUT")
    out = sys.argv[1]
    text = text_shapes()
    md = markdown_shapes()
    html = html_shapes()
    rtf = rtf_shapes()
    # Stages take the text as it is (a &str: libFuzzer's bytes that are
    # not UTF-8 are skipped, so only valid ones go there).
    stage_text = [t for t in text + md + html if is_utf8(t)]
    targets = {
        "read_text": (text, True),
        "read_md": (md + text[:10], True),
        "read_html": (html + text[:5], True),
        "read_rtf": (rtf, True),
        "read_docx": (docx_shapes(), True),
        "read_odt": (odt_shapes(), True),
        "read_pdf": (pdf_shapes(), True),
        "read_doc": (doc_shapes(), True),
        "sentences": (stage_text, False),
        "segment": ([t[:4000] for t in stage_text], False),
        "boilerplate": (stage_text, False),
        "markdown": ([t for t in md if is_utf8(t)] + stage_text[:10], False),
        "summary": (stage_text, False),
        "pipeline": (stage_text, False),
    }
    for target, (seeds, knobs) in targets.items():
        d = os.path.join(out, target)
        os.makedirs(d, exist_ok=True)
        for i, b in enumerate(seeds):
            with open(os.path.join(d, "hostile-%d" % i), "wb") as f:
                f.write((b"\0\0" if knobs else b"") + b)


def is_utf8(b):
    try:
        b.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


if __name__ == "__main__":
    main()
