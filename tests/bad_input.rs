//! A corpus of bad files, written here, through the core and the CLI: each
//! gets one clear error naming it (or, for odd but readable input, a normal
//! result); nothing panics, hangs or runs out of memory, and the batch goes
//! on.

mod fixtures;
mod util;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tomtat::read::{self, ReadOptions};
use tomtat::{Engine, ErrorKind};

/// What a file should give.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Want {
    /// An error of this kind, whose message contains the text.
    Err(ErrorKind, &'static str),
    /// Read fine (maybe nothing to summarize).
    Readable,
}

fn corpus(dir: &Path) -> Vec<(PathBuf, Want)> {
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
        Err(ErrorKind::Malformed, ""),
    );
    if let Some(pdf) = fixtures::article_pdf(70) {
        add(
            "cut.pdf",
            pdf[..pdf.len() / 3].to_vec(),
            Err(ErrorKind::Malformed, ""),
        );
    }
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
    add(
        "bang.xlsx",
        b"x".to_vec(),
        Err(ErrorKind::Unsupported, "xlsx"),
    );
    add(
        "cu.doc",
        b"\xd0\xcf\x11\xe0".to_vec(),
        Err(ErrorKind::Unsupported, "doc"),
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
fn loop_pdf(form: bool) -> Vec<u8> {
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

/// A pdf whose page only fills a rectangle: no text at all.
fn scanned_pdf() -> Vec<u8> {
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

#[test]
fn core_gives_one_clear_error_per_bad_file() {
    let dir = tempfile::tempdir().unwrap();
    let engine = Engine::new();
    for (path, want) in corpus(dir.path()) {
        let start = Instant::now();
        let got = engine.read_with(&path, &ReadOptions::default());
        let name = path.display().to_string();
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{name} took {:?}",
            start.elapsed()
        );
        match (want, got) {
            (Want::Readable, Ok(_)) => {}
            (Want::Err(kind, needle), Err(e)) => {
                let mut msg = e.to_string();
                let mut src = std::error::Error::source(&e);
                while let Some(s) = src {
                    msg.push_str(&format!(": {s}"));
                    src = s.source();
                }
                assert_eq!(e.kind(), kind, "{name}: {msg}");
                assert_eq!(e.path(), Some(path.as_path()), "{name}: {msg}");
                assert!(msg.contains(needle), "{name}: {msg:?} lacks {needle:?}");
                assert!(!msg.contains('\n'), "{name}: one line: {msg:?}");
            }
            (want, got) => panic!("{name}: want {want:?}, got {:?}", got.map(|d| d.text)),
        }
    }
}

#[test]
fn a_parser_past_its_time_limit_is_given_up() {
    let Some(pdf) = fixtures::article_pdf(70) else {
        return;
    };
    let opts = ReadOptions {
        time_limit: Duration::ZERO,
        ..ReadOptions::default()
    };
    let e = read::read_bytes(&pdf, read::Format::Pdf, Path::new("cham.pdf"), &opts).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::TimedOut, "{e}");
    assert!(e.to_string().starts_with("cham.pdf: "), "{e}");
}

#[test]
fn the_unpacked_size_is_capped() {
    let opts = ReadOptions {
        max_unpacked_size: 1000,
        ..ReadOptions::default()
    };
    let e = read::read_bytes(
        &fixtures::article_docx(),
        read::Format::Docx,
        Path::new("a.docx"),
        &opts,
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Malformed, "{e}");
}

#[test]
fn cli_reports_each_bad_file_once_and_goes_on() {
    let dir = util::Dir::new("bad_input");
    let mut files = corpus(dir.path());
    let good = dir.join("bai.docx");
    std::fs::write(&good, fixtures::article_docx()).unwrap();
    files.insert(files.len() / 2, (good.clone(), Want::Readable));
    let mut cmd = dir.command(&[]);
    for (p, _) in &files {
        cmd = cmd.arg(p);
    }
    let out = cmd.run();
    if std::env::var_os("TOMTAT_SHOW").is_some() {
        eprintln!("{}", out.stderr);
    }
    out.assert_code(2);
    out.check(!out.stderr.contains("panicked"), "no panic message");
    let errs = out.stderr_lines();
    let bad: Vec<&PathBuf> = files
        .iter()
        .filter(|(_, w)| matches!(w, Want::Err(..)))
        .map(|(p, _)| p)
        .collect();
    // Readable files with nothing to summarize add a line of their own.
    for p in &bad {
        let name = p.display().to_string();
        let n = errs.iter().filter(|l| l.contains(&name)).count();
        out.check(n == 1, &format!("one error line for {name}"));
    }
    out.check(
        out.stdout.contains(&format!("== {}", good.display())),
        "the good file is summarized",
    );
    out.check(out.stdout.contains(fixtures::TITLE), "with its title");
}
