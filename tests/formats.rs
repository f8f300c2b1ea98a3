//! Real files of every format and encoding, written by the test from
//! Vietnamese text, read back to the same title and sentences as the plain
//! text they were made from.

mod fixtures;

use std::path::Path;

use fixtures::*;
use tomtat::read::{self, Encoding, ReadOptions};
use tomtat::{Document, Engine};

fn sentences(doc: &Document) -> Vec<&str> {
    (0..doc.sentences.len())
        .map(|i| doc.sentence_text(i))
        .collect()
}

/// Writes `bytes` as `name`, reads it through the engine, and checks the
/// title and sentences against the plain text.
fn assert_round_trip(engine: &Engine, dir: &Path, name: &str, bytes: &[u8], opts: &ReadOptions) {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let want = engine.document(&plain(), None);
    let got = engine
        .read(&path, opts)
        .unwrap_or_else(|e| panic!("{name}: {e:#}"));
    assert_eq!(
        got.title(),
        Some(TITLE),
        "{name}: title; text:\n{}",
        got.text
    );
    assert_eq!(
        sentences(&got),
        sentences(&want),
        "{name}: text:\n{}",
        got.text
    );
    assert!(sentences(&want).len() >= 8);
}

/// Every case round-trips, read with the default options.
fn assert_all_round_trip(cases: &[(&str, Vec<u8>)]) {
    let engine = Engine::new();
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in cases {
        assert_round_trip(&engine, dir.path(), name, bytes, &ReadOptions::default());
    }
}

#[test]
fn every_format_round_trips() {
    let mut cases: Vec<(&str, Vec<u8>)> = vec![
        ("bai.txt", plain().into_bytes()),
        ("bai.md", format!("# {}", plain()).into_bytes()),
        ("bai.docx", article_docx()),
        ("bai.doc", article_doc()),
        ("bai.odt", article_odt()),
        ("bai.rtf", article_rtf_unicode()),
        ("bai.html", article_html().into_bytes()),
    ];
    // iconv's CP1258 and DejaVu Sans are installed by `make deps`; the
    // fixtures panic without them.
    cases.push(("bai-1258.rtf", article_rtf_cp1258()));
    cases.push(("bai.pdf", article_pdf(70)));
    cases.push(("hai-cot.pdf", article_pdf_columns()));
    assert_all_round_trip(&cases);
}

/// Files under the wrong name: Word's "Save as" writes rtf, web pages and
/// plain text as `.doc` when asked, and renamed files keep their bytes.
#[test]
fn a_misnamed_file_is_read_by_what_it_is() {
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("rtf-luu-thanh.doc", article_rtf_unicode()),
        ("docx-doi-ten.doc", article_docx()),
        ("odt-doi-ten.doc", article_odt()),
        ("doc-doi-ten.docx", article_doc()),
        ("trang-web.doc", article_html().into_bytes()),
        ("van-ban.doc", plain().into_bytes()),
        ("tai-ve.txt", article_pdf(70)),
    ];
    assert_all_round_trip(&cases);
}

#[test]
fn every_encoding_round_trips() {
    let engine = Engine::new();
    let dir = tempfile::tempdir().unwrap();
    let text = plain();
    let mut utf16le = vec![0xFF, 0xFE];
    let mut utf16be = vec![0xFE, 0xFF];
    let mut bare16 = Vec::new();
    for u in text.encode_utf16() {
        utf16le.extend(u.to_le_bytes());
        utf16be.extend(u.to_be_bytes());
        bare16.extend(u.to_le_bytes());
    }
    let cases: Vec<(&str, Vec<u8>, Encoding)> = vec![
        ("utf16le.txt", utf16le, Encoding::Utf16Le),
        ("utf16be.txt", utf16be, Encoding::Utf16Be),
        ("utf16-no-bom.txt", bare16, Encoding::Utf16Le),
        ("vni.txt", vni(&text), Encoding::Vni),
        ("cp1258.txt", iconv(&text, "CP1258"), Encoding::Windows1258),
        ("viscii.txt", iconv(&text, "VISCII"), Encoding::Viscii),
    ];
    for (name, bytes, enc) in &cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let raw = read::read(&path, &ReadOptions::default()).unwrap();
        let det = raw.encoding.unwrap();
        assert_eq!(det.encoding, *enc, "{name}: detected {det:?}");
        assert!(det.confidence >= 0.9, "{name}: {det:?}");
        assert_round_trip(&engine, dir.path(), name, bytes, &ReadOptions::default());
        // Forcing the right encoding gives the same.
        let forced = ReadOptions {
            encoding: Some(*enc),
            ..ReadOptions::default()
        };
        assert_round_trip(&engine, dir.path(), name, bytes, &forced);
    }
}

/// TCVN3 has no capitals with tone marks (they were typed in `.VnTimeH`),
/// so its text is in lower case but for plain capitals.
#[test]
fn tcvn3_text_is_detected() {
    let text = "Nước lũ về sớm hơn mọi năm khoảng hai tuần, người dân ở nhiều xã đã chủ động \
        gia cố bờ bao và di dời tài sản lên chỗ cao. Đài khí tượng cho biết mực nước trên \
        sông Tiền có thể lên mức báo động hai vào cuối tháng này.\n";
    let bytes = iconv(text, "TCVN5712-1");
    let (got, det) = read::encoding::decode(&bytes, None).unwrap();
    assert_eq!(det.encoding, Encoding::Tcvn3, "{det:?}");
    assert!(det.confidence >= 0.9, "{det:?}");
    assert_eq!(got, text);
}

#[test]
fn forced_encoding_wins_over_detection() {
    // VNI bytes read as Windows-1252 on request: the marks stay letters.
    let bytes = vni("Việt Nam");
    let opts = ReadOptions {
        encoding: Some(Encoding::Windows1252),
        ..ReadOptions::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    std::fs::write(&path, &bytes).unwrap();
    assert_eq!(read::read(&path, &opts).unwrap().text, "Vieät Nam");
    assert_eq!(
        read::read(&path, &ReadOptions::default()).unwrap().text,
        "Việt Nam"
    );
}

#[test]
fn docx_tables_footnotes_and_legacy_fonts() {
    let tcvn3: String = iconv("Hội nghị tổng kết công tác năm", "TCVN5712-1")
        .iter()
        .map(|&x| x as char)
        .collect();
    let vni_text: String = vni("Nguyễn Văn Bảy được khen thưởng")
        .iter()
        .map(|&x| x as char)
        .collect();
    let doc = docx(
        None,
        &[
            vec![Run("Báo cáo", None)],
            vec![Run(&tcvn3, Some(".VnTime"))],
            vec![Run("ubnd tØnh", Some(".VnTimeH"))],
            vec![Run(&vni_text, Some("VNI-Times")), Run(" (Unicode).", None)],
        ],
        &[&["Tỉnh", "Mực nước"], &["Đồng Tháp", "4,2 m"]],
        Some("Số liệu của Đài Khí tượng Thủy văn."),
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bao-cao.docx");
    std::fs::write(&path, doc).unwrap();
    let raw = read::read(&path, &ReadOptions::default()).unwrap();
    assert_eq!(
        raw.text,
        "Báo cáo\nHội nghị tổng kết công tác năm\nUBND TỈNH\n\
         Nguyễn Văn Bảy được khen thưởng (Unicode).\nTỉnh\tMực nước\nĐồng Tháp\t4,2 m\n\n\
         Số liệu của Đài Khí tượng Thủy văn.\n"
    );
}

/// Legacy fonts set not on the runs but in named styles (through their
/// `basedOn` chains), in the document defaults, and as theme fonts.
#[test]
fn docx_legacy_fonts_from_styles_defaults_and_theme() {
    let tcvn3 = |s: &str| -> String { iconv(s, "TCVN5712-1").iter().map(|&x| x as char).collect() };
    let vni = |s: &str| -> String { vni(s).iter().map(|&x| x as char).collect() };
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let para = |style: Option<&str>, runs: &[(Option<&str>, Option<&str>, String)]| {
        let mut p = String::from("<w:p>");
        if let Some(st) = style {
            p.push_str(&format!(r#"<w:pPr><w:pStyle w:val="{st}"/><w:rPr><w:rFonts w:ascii="Arial"/></w:rPr></w:pPr>"#));
        }
        for (rstyle, font, text) in runs {
            p.push_str("<w:r><w:rPr>");
            if let Some(rs) = rstyle {
                p.push_str(&format!(r#"<w:rStyle w:val="{rs}"/>"#));
            }
            if let Some(f) = font {
                p.push_str(&format!(r#"<w:rFonts w:ascii="{f}" w:hAnsi="{f}"/>"#));
            }
            let text = text.replace('&', "&amp;").replace('<', "&lt;");
            p.push_str(&format!(
                r#"</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>"#
            ));
        }
        p.push_str("</w:p>");
        p
    };
    let body = [
        // No style, no font: the defaults, a theme font, .VnTime.
        para(None, &[(None, None, tcvn3("Mùa lũ năm nay về sớm."))]),
        // A style whose font comes from the style it is based on.
        para(
            Some("VniQuote"),
            &[(None, None, vni("Người dân gia cố bờ bao."))],
        ),
        // The run's own font wins over its paragraph's style.
        para(
            Some("VniQuote"),
            &[(
                None,
                Some("Times New Roman"),
                "Trường học chuẩn bị xuồng.".into(),
            )],
        ),
        // A character style wins over the paragraph's style.
        para(
            Some("VniBody"),
            &[(Some("Tcvn3Caps"), None, tcvn3("ubnd tỉnh đồng tháp"))],
        ),
        // Styles based on each other in a loop: the defaults again.
        para(Some("LoopA"), &[(None, None, tcvn3("Cá linh về nhiều."))]),
    ]
    .concat();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document {w}><w:body>{body}</w:body></w:document>"#
    );
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:styles {w}>
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="VniBody"><w:basedOn w:val="Normal"/><w:rPr><w:rFonts w:ascii="VNI-Times" w:hAnsi="VNI-Times"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="VniQuote"><w:basedOn w:val="VniBody"/><w:rPr><w:i/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Tcvn3Caps"><w:rPr><w:rFonts w:ascii=".VnTimeH" w:hAnsi=".VnTimeH"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="LoopA"><w:basedOn w:val="LoopB"/></w:style>
<w:style w:type="paragraph" w:styleId="LoopB"><w:basedOn w:val="LoopA"/></w:style>
</w:styles>"#
    );
    let theme = r#"<?xml version="1.0" encoding="UTF-8"?><a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Cu"><a:themeElements><a:fontScheme name="Cu"><a:majorFont><a:latin typeface="Arial"/></a:majorFont><a:minorFont><a:latin typeface=".VnTime"/></a:minorFont></a:fontScheme></a:themeElements></a:theme>"#;
    let bytes = zip(
        &[
            ("word/document.xml", document.into_bytes()),
            ("word/styles.xml", styles.into_bytes()),
            ("word/theme/theme1.xml", theme.as_bytes().to_vec()),
        ],
        false,
    );
    let raw = read::read_bytes(
        &bytes,
        read::Format::Docx,
        Path::new("kieu.docx"),
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(
        raw.text,
        "Mùa lũ năm nay về sớm.\nNgười dân gia cố bờ bao.\nTrường học chuẩn bị xuồng.\n\
         UBND TỈNH ĐỒNG THÁP\nCá linh về nhiều.\n"
    );
}

#[test]
fn doc_tables_footnotes_and_fields() {
    let body = "Báo cáo\rTỉnh\x07Mực nước\x07\x07Đồng Tháp\x074,2 m\x07\x07\
                Xem \x13 PAGEREF _Toc1 \\h \x14trang 3\x15.\x0BDòng mới\r";
    let (word, table) = doc_streams(body, "\x02 Số liệu của Đài.\r");
    let raw = read::read_bytes(
        &doc_file(&word, &table),
        read::Format::Doc,
        Path::new("bao-cao.doc"),
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(
        raw.text,
        "Báo cáo\nTỉnh\tMực nước\nĐồng Tháp\t4,2 m\nXem trang 3.\nDòng mới\n\n\
         Số liệu của Đài.\n"
    );
}

/// Paragraphs typed in `.VnTime` or `VNI-Times` are stored as the font's
/// bytes (read as Windows-1252); they are decoded by their text.
#[test]
fn doc_legacy_font_paragraphs() {
    let cp1252 = |b: &[u8]| encoding_rs::WINDOWS_1252.decode(b).0.into_owned();
    let tcvn3 = iconv("Hội nghị tổng kết công tác năm", "TCVN5712-1");
    let body = format!(
        "{}\r{}\rHà Nội mùa thu.\rLe café est très bon à Paris.\r",
        cp1252(&tcvn3),
        cp1252(&vni("Nguyễn Văn Bảy được khen thưởng")),
    );
    let (word, table) = doc_streams(&body, "");
    let raw = read::read_bytes(
        &doc_file(&word, &table),
        read::Format::Doc,
        Path::new("cu.doc"),
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(
        raw.text,
        "Hội nghị tổng kết công tác năm\nNguyễn Văn Bảy được khen thưởng\n\
         Hà Nội mùa thu.\nLe café est très bon à Paris.\n"
    );
    assert!(raw.encoding.is_some());
    // The article, in Unicode, is left alone.
    let raw = read::read_bytes(
        &article_doc(),
        read::Format::Doc,
        Path::new("bai.doc"),
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(raw.encoding, None);
}

#[test]
fn html_keeps_the_article_only() {
    let raw = read::read_bytes(
        article_html().as_bytes(),
        read::Format::Html,
        Path::new("bai.html"),
        &ReadOptions::default(),
    )
    .unwrap();
    for junk in [
        "Trang chủ",
        "Tin liên quan",
        "Bình luận",
        "quảng cáo",
        "Bản quyền",
        "font-family",
        "Mua ngay",
    ] {
        assert!(!raw.text.contains(junk), "{junk:?} in:\n{}", raw.text);
    }
    assert!(raw.text.starts_with(TITLE), "{}", raw.text);
}

#[test]
fn pdf_title_comes_from_info_and_lines_rejoin() {
    let pdf = article_pdf(40);
    let raw = read::read_bytes(
        &pdf,
        read::Format::Pdf,
        Path::new("a.pdf"),
        &ReadOptions::default(),
    )
    .unwrap();
    let lines: Vec<&str> = raw.text.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], TITLE);
    assert_eq!(&lines[1..], PARAGRAPHS, "{}", raw.text);
}
