//! The bad-input corpus: files written here that are broken, hostile or
//! odd, each with what reading it should give. Shared by the core's and the
//! CLI's tests (`tests/bad_input.rs`) and the desktop app's
//! (`src-tauri/tests/bad_input.rs`), which include this file by path.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use tomtat::ErrorKind;

use crate::fixtures;
/// What a file should give.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Want {
    /// An error of this kind, whose message contains the text.
    Err(ErrorKind, &'static str),
    /// Read fine (maybe nothing to summarize).
    Readable,
}

/// The files of the corpus; with `hostile`, also those only a worker
/// process survives (a pdf that unpacks to gigabytes).
pub fn corpus(dir: &Path, hostile: bool) -> Vec<(PathBuf, Want)> {
    use Want::*;
    let mut files: Vec<(String, Vec<u8>, Want)> = Vec::new();
    let mut add = |name: &str, bytes: Vec<u8>, want: Want| files.push((name.into(), bytes, want));

    let binary: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 24) as u8)
        .collect();
    add("nhi-phan.txt", binary, Err(ErrorKind::NotText, "binary"));
    let controls: Vec<u8> = (0..4096u32).map(|i| (i % 31 + 1) as u8).collect();
    add(
        "dieu-khien.txt",
        controls,
        Err(ErrorKind::NotText, "binary"),
    );
    add("rong.txt", Vec::new(), Readable);
    add("trang.txt", b" \n\t\r\n  \n".to_vec(), Readable);
    // Hard-wrapped lines, then 300,000 lines of spaces: the reflow looks
    // past a run of empty lines once, not once a line (quadratic).
    let mut spaced = "Dòng văn bản được ngắt cứng ở cuối và còn tiếp tục\n".repeat(50);
    spaced.push_str(&" \n".repeat(300_000));
    spaced.push_str("dòng cuối.\n");
    add("dong-trong.txt", spaced.into_bytes(), Readable);
    add(
        "tieng-anh.txt",
        b"The river rose two weeks early this year. Farmers moved their rice to higher ground.\n"
            .to_vec(),
        Readable,
    );
    let docx = fixtures::article_docx();
    add(
        "cut.docx",
        docx[..docx.len() / 2].to_vec(),
        Err(ErrorKind::Malformed, "zip"),
    );
    add(
        "not-zip.docx",
        b"Day khong phai docx".to_vec(),
        Err(ErrorKind::Malformed, "zip"),
    );
    add(
        "no-body.docx",
        fixtures::zip(&[("word/other.xml", b"<a/>".to_vec())], false),
        Err(ErrorKind::Malformed, "word/document.xml"),
    );
    add(
        "bad-xml.docx",
        fixtures::zip(
            &[(
                "word/document.xml",
                b"<w:document><w:body><w:p></w:document>".to_vec(),
            )],
            false,
        ),
        Readable,
    );
    // 40 MB of one byte packs to about 40 kB: far past any real ratio.
    let bomb = fixtures::zip(&[("word/document.xml", vec![b' '; 40 << 20])], false);
    add(
        "bomb.docx",
        bomb.clone(),
        Err(ErrorKind::Malformed, "zip bomb"),
    );
    let odt_bomb = fixtures::zip(&[("content.xml", vec![b'<'; 40 << 20])], false);
    add("bomb.odt", odt_bomb, Err(ErrorKind::Malformed, "zip bomb"));
    add(
        "cut.odt",
        fixtures::article_odt()[..200].to_vec(),
        Err(ErrorKind::Malformed, "zip"),
    );
    add(
        "not.rtf",
        b"hello".to_vec(),
        Err(ErrorKind::Malformed, "rtf"),
    );
    let mut deep_rtf = b"{\\rtf1 ".to_vec();
    deep_rtf.extend(vec![b'{'; 200_000]);
    deep_rtf.extend(b"s\\'e2u");
    add("deep.rtf", deep_rtf, Readable);
    add("bin.rtf", b"{\\rtf1 a\\bin99999999 }".to_vec(), Readable);
    let deep_html = format!(
        "<html><body>{}<p>Sâu quá.</p>{}</body></html>",
        "<div><span>".repeat(50_000),
        "</span></div>".repeat(50_000)
    );
    add("deep.html", deep_html.into_bytes(), Readable);
    let unclosed = format!("<html><body>{}Chữ", "<div>".repeat(100_000));
    add("unclosed.html", unclosed.into_bytes(), Readable);
    add(
        "not.pdf",
        b"<html>khong phai pdf</html>".to_vec(),
        Err(ErrorKind::Malformed, "%PDF"),
    );
    add(
        "garbage.pdf",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF".to_vec(),
        Err(ErrorKind::Malformed, "no pages"),
    );
    let pdf = fixtures::article_pdf(70);
    add(
        "cut.pdf",
        pdf[..pdf.len() / 3].to_vec(),
        Err(ErrorKind::Malformed, "cannot parse"),
    );
    add(
        "loop.pdf",
        loop_pdf(false),
        Err(ErrorKind::Malformed, "loops"),
    );
    add(
        "form-loop.pdf",
        loop_pdf(true),
        Err(ErrorKind::Malformed, "draws itself"),
    );
    add(
        "scan.pdf",
        scanned_pdf(),
        Err(ErrorKind::NoTextLayer, "OCR"),
    );
    if hostile {
        add(
            "bomb.pdf",
            flate_bomb_pdf(),
            Err(ErrorKind::OutOfMemory, "memory limit"),
        );
    }
    add(
        "bang.xlsx",
        b"x".to_vec(),
        Err(ErrorKind::Unsupported, "xlsx"),
    );
    add(
        "cu.doc",
        b"\xd0\xcf\x11\xe0".to_vec(),
        Err(ErrorKind::Malformed, "compound file"),
    );
    let doc = fixtures::article_doc();
    add(
        "nua.doc",
        doc[..doc.len() / 2].to_vec(),
        Err(ErrorKind::Malformed, "doc"),
    );
    let (word, table) = fixtures::doc_streams("Một đoạn.\r", "");
    let with = |at: usize, v: &[u8]| {
        let mut w = word.clone();
        w[at..at + v.len()].copy_from_slice(v);
        fixtures::doc_file(&w, &table)
    };
    add(
        "word95.doc",
        with(2, &0x0060u16.to_le_bytes()),
        Err(ErrorKind::Malformed, "Word 6/95"),
    );
    add(
        "khoa.doc",
        with(0x0A, &0x0300u16.to_le_bytes()),
        Err(ErrorKind::Malformed, "password"),
    );
    add(
        "no-table.doc",
        with(0x0A, &0x0000u16.to_le_bytes()),
        Err(ErrorKind::Malformed, "0Table"),
    );
    // A piece table far past the end of the table stream.
    add(
        "far.doc",
        with(154 + 33 * 8, &u32::MAX.to_le_bytes()),
        Err(ErrorKind::Malformed, "piece table"),
    );
    // Thousands of pieces that all point at the same text.
    let mut plc = Vec::new();
    let n = 5000u32;
    for i in 0..=n {
        plc.extend((i * 1000).to_le_bytes());
    }
    for _ in 0..n {
        plc.extend([0, 0]);
        plc.extend(1024u32.to_le_bytes());
        plc.extend([0, 0]);
    }
    let mut table = vec![0x02];
    table.extend((plc.len() as u32).to_le_bytes());
    table.extend(&plc);
    let mut w = vec![0u8; 4096];
    w[..1024].copy_from_slice(&word[..1024]);
    w[64 + 12..64 + 16].copy_from_slice(&(n * 1000).to_le_bytes());
    w[154 + 33 * 8..154 + 33 * 8 + 4].copy_from_slice(&0u32.to_le_bytes());
    w[154 + 33 * 8 + 4..154 + 33 * 8 + 8].copy_from_slice(&(table.len() as u32).to_le_bytes());
    add(
        "lap.doc",
        fixtures::doc_file(&w, &table),
        Err(ErrorKind::Malformed, "more text than"),
    );
    // The shapes of issue 19, smaller: links nested 10,000 deep (a stack
    // overflow once); a sentence of 100,000 stops after a capital (once
    // quadratic); 100,000 rtf font tables in a file named .doc (once
    // quadratic, and read outside the worker); UTF-8 with one bad byte;
    // a news page whose year picker has 301 options.
    add(
        "long-nest.md",
        format!("{}chữ{}\n", "[".repeat(10_000), "](x)".repeat(10_000)).into_bytes(),
        Readable,
    );
    add(
        "cham-cham.txt",
        format!("Ông {}\n", "A. ".repeat(100_000)).into_bytes(),
        Readable,
    );
    let mut fonts = String::from("{\\rtf1\\ansi ");
    for n in 0..100_000 {
        fonts.push_str(&format!("{{\\fonttbl{{\\f{n} F;}}}}"));
    }
    fonts.push_str("Xin ch\\'e0o c\\'e1c b\\'e1c.}");
    add("phong.doc", fonts.into_bytes(), Readable);
    let mut bad_byte = fixtures::plain().into_bytes();
    bad_byte.insert(20, 0xFF);
    add("mot-byte-hong.txt", bad_byte, Readable);
    let years: String = (1725..=2025).map(|y| format!("<option>{y}")).collect();
    add(
        "nam.html",
        format!(
            "<html><body><form><select>{years}</select></form><article><h1>{}</h1><p>{}</p></article></body></html>",
            fixtures::TITLE,
            fixtures::PARAGRAPHS.join("</p><p>")
        )
        .into_bytes(),
        Readable,
    );

    let mut out = Vec::new();
    for (name, bytes, want) in files {
        let path = dir.join(&name);
        std::fs::write(&path, bytes).unwrap();
        out.push((path, want));
    }
    // 1 GiB, sparse: refused by its size before a byte is read.
    let huge = dir.join("lon.txt");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    out.push((huge, Want::Err(ErrorKind::TooLarge, "too large")));
    // A directory with a text file's name.
    let folder = dir.join("thu-muc.txt");
    std::fs::create_dir(&folder).unwrap();
    out.push((folder, Want::Err(ErrorKind::Read, "cannot read")));
    out.push((
        dir.join("khong-co.txt"),
        Want::Err(ErrorKind::Read, "cannot read"),
    ));
    // A FIFO would block `open` until a writer came.
    #[cfg(unix)]
    {
        let fifo = dir.join("ong.txt");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo");
        assert!(made.success());
        out.push((fifo, Want::Err(ErrorKind::Read, "not a regular file")));
    }
    // A name with a terminal escape in it.
    let escape = dir.join("a\x1b[2Jb.txt");
    std::fs::write(&escape, fixtures::plain()).unwrap();
    out.push((escape, Want::Readable));
    // A file name that is not UTF-8 is read like any other.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"t\xe9p-\xff.txt");
        let path = dir.join(name);
        std::fs::write(&path, fixtures::plain()).unwrap();
        out.push((path, Want::Readable));
    }
    out
}

/// A pdf whose page tree lists itself as a kid, or whose one form draws
/// itself.
pub fn loop_pdf(form: bool) -> Vec<u8> {
    use lopdf::{dictionary, Object, Stream};
    let mut doc = lopdf::Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let content = doc.add_object(Stream::new(dictionary! {}, b"/X0 Do".to_vec()));
    let form_id = doc.new_object_id();
    let mut form_stream = Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Form",
        "BBox" => vec![0.into(), 0.into(), 10.into(), 10.into()],
        "Resources" => dictionary! { "XObject" => dictionary! { "X0" => form_id } } },
        b"/X0 Do".to_vec(),
    );
    form_stream.allows_compression = false;
    doc.objects.insert(form_id, Object::Stream(form_stream));
    let mut resources = dictionary! {};
    if form {
        resources.set("XObject", dictionary! { "X0" => form_id });
    }
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        "Resources" => resources,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    let kids: Vec<Object> = if form {
        vec![page.into()]
    } else {
        vec![page.into(), pages_id.into()]
    };
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => 1 }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A one-page pdf whose content stream unpacks to 2 GiB of spaces.
pub fn flate_bomb_pdf() -> Vec<u8> {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..2048 {
        z.write_all(&chunk).unwrap();
    }
    let packed = z.finish().unwrap();
    let mut stream = lopdf::Stream::new(lopdf::dictionary! { "Filter" => "FlateDecode" }, packed);
    stream.allows_compression = false;
    pages_pdf(1, stream)
}

/// A pdf of `pages` pages that share one content stream of 20000
/// operators that draw nothing: about 12 ms of parsing a page (5000 pages
/// are more than a minute), little memory.
pub fn spinning_pdf(pages: usize) -> Vec<u8> {
    let content = b"1 0 0 1 0 0 cm\n".repeat(20_000);
    let mut stream = lopdf::Stream::new(lopdf::dictionary! {}, content);
    stream.allows_compression = false;
    pages_pdf(pages, stream)
}

/// A pdf of `n` pages that all draw `content`.
pub fn pages_pdf(n: usize, content: lopdf::Stream) -> Vec<u8> {
    use lopdf::{dictionary, Object};
    let mut doc = lopdf::Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let content = doc.add_object(content);
    let kids: Vec<Object> = (0..n)
        .map(|_| {
            doc.add_object(dictionary! {
                "Type" => "Page", "Parent" => pages_id, "Contents" => content,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            })
            .into()
        })
        .collect();
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => n as i64 }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A pdf whose page only fills a rectangle: no text at all.
pub fn scanned_pdf() -> Vec<u8> {
    use lopdf::{dictionary, Object, Stream};
    let mut doc = lopdf::Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let content = doc.add_object(Stream::new(
        dictionary! {},
        b"0.5 g 50 50 400 600 re f".to_vec(),
    ));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}
