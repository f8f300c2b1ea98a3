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

/// The files of the corpus; with `hostile`, also those only a worker
/// process survives (a pdf that unpacks to gigabytes).
fn corpus(dir: &Path, hostile: bool) -> Vec<(PathBuf, Want)> {
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

/// A one-page pdf whose content stream unpacks to 2 GiB of spaces.
fn flate_bomb_pdf() -> Vec<u8> {
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
fn spinning_pdf(pages: usize) -> Vec<u8> {
    let content = b"1 0 0 1 0 0 cm\n".repeat(20_000);
    let mut stream = lopdf::Stream::new(lopdf::dictionary! {}, content);
    stream.allows_compression = false;
    pages_pdf(pages, stream)
}

/// A pdf of `n` pages that all draw `content`.
fn pages_pdf(n: usize, content: lopdf::Stream) -> Vec<u8> {
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

/// Held by every test here that starts processes, so that one test's
/// check for leftover workers does not see another's live ones.
static CHILDREN: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn children_lock() -> std::sync::MutexGuard<'static, ()> {
    CHILDREN.lock().unwrap_or_else(|e| e.into_inner())
}

/// One child process of `parent`, from /proc.
struct Child {
    pid: u32,
    /// Its state letter (`Z`: dead, not yet reaped).
    state: char,
    /// Started with the worker argument.
    worker: bool,
    /// No command line: a zombie.
    no_cmdline: bool,
}

fn children_of(parent: u32) -> Vec<Child> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // `pid (comm) state ppid ...`; comm may hold spaces and parentheses.
        let after = &stat[stat.rfind(')').map_or(0, |i| i + 1)..];
        let mut fields = after.split_whitespace();
        let state = fields.next().and_then(|s| s.chars().next()).unwrap_or('?');
        let ppid = fields.next().and_then(|p| p.parse::<u32>().ok());
        if ppid != Some(parent) {
            continue;
        }
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        found.push(Child {
            pid,
            state,
            worker: cmdline
                .split(|&b| b == 0)
                .any(|a| a == read::WORKER_ARG.as_bytes()),
            no_cmdline: cmdline.is_empty(),
        });
    }
    found
}

/// The worker processes (children of this test process) still running or
/// not yet waited for; a zombie has an empty command line, so every child
/// without one counts.
fn leftover_workers() -> Vec<u32> {
    children_of(std::process::id())
        .into_iter()
        .filter(|c| c.worker || c.no_cmdline)
        .map(|c| c.pid)
        .collect()
}

/// Reads through a worker process: the `tomtat` binary of this build.
fn in_worker(memory_limit: u64) -> ReadOptions {
    ReadOptions {
        isolation: read::Isolation::Process(
            read::WorkerProcess::new(env!("CARGO_BIN_EXE_tomtat")).memory_limit(memory_limit),
        ),
        ..ReadOptions::default()
    }
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
    check_corpus(false, &ReadOptions::default());
}

#[test]
fn core_in_a_worker_gives_one_clear_error_per_bad_file() {
    let _lock = children_lock();
    check_corpus(true, &in_worker(512 << 20));
    assert_eq!(leftover_workers(), Vec::<u32>::new());
}

fn check_corpus(hostile: bool, opts: &ReadOptions) {
    let dir = tempfile::tempdir().unwrap();
    let engine = Engine::new();
    for (path, want) in corpus(dir.path(), hostile) {
        let start = Instant::now();
        let got = engine.read(&path, opts);
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

/// On a thread the parser cannot be stopped, but the reader stops waiting.
/// The parser spins on in the background, so the pdf is a short one
/// (some 3 s of parsing, fifteen times the limit), not one that would take
/// a core from the other tests for minutes.
#[test]
fn a_parser_past_its_time_limit_is_given_up() {
    let opts = ReadOptions {
        time_limit: Duration::from_millis(200),
        ..ReadOptions::default()
    };
    let e = read::read_bytes(
        &spinning_pdf(250),
        read::Format::Pdf,
        Path::new("cham.pdf"),
        &opts,
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::TimedOut, "{e}");
    assert!(e.to_string().starts_with("cham.pdf: "), "{e}");
}

#[test]
fn a_spinning_parser_is_killed_at_the_time_limit() {
    let _lock = children_lock();
    let pdf = spinning_pdf(5000);
    let opts = ReadOptions {
        time_limit: Duration::from_secs(1),
        ..in_worker(read::MEMORY_LIMIT)
    };
    let start = Instant::now();
    let e = read::read_bytes(&pdf, read::Format::Pdf, Path::new("quay.pdf"), &opts).unwrap_err();
    let took = start.elapsed();
    assert_eq!(e.kind(), ErrorKind::TimedOut, "{e}");
    assert_eq!(
        e.to_string(),
        "quay.pdf: gave up reading after 1 s (time limit)"
    );
    assert!(took < Duration::from_secs(10), "took {took:?}");
    // The worker was killed and waited for, not left to spin.
    assert_eq!(leftover_workers(), Vec::<u32>::new());
}

/// The workers of process `parent`, with their state letter.
fn workers_of(parent: u32) -> Vec<(u32, char)> {
    children_of(parent)
        .into_iter()
        .filter(|c| c.worker)
        .map(|c| (c.pid, c.state))
        .collect()
}

/// A `tomtat` killed while its worker spins takes the worker with it.
#[cfg(target_os = "linux")]
#[test]
fn a_worker_dies_with_its_parent() {
    let _lock = children_lock();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quay.pdf");
    std::fs::write(&path, spinning_pdf(5000)).unwrap();
    let mut cli = std::process::Command::new(env!("CARGO_BIN_EXE_tomtat"))
        .arg(&path)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let cli_pid = cli.id();
    let start = Instant::now();
    let worker = loop {
        if let Some(&(pid, _)) = workers_of(cli_pid).first() {
            break pid;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no worker started"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    cli.kill().unwrap();
    cli.wait().unwrap();
    let start = Instant::now();
    loop {
        let state = std::fs::read_to_string(format!("/proc/{worker}/stat"))
            .ok()
            .and_then(|s| {
                let after = s[s.rfind(')')? + 1..].to_string();
                after.split_whitespace().next()?.chars().next()
            });
        // Gone, or dead and waiting for init to reap it.
        if matches!(state, None | Some('Z') | Some('X')) {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "worker {worker} still {state:?} after its parent died"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_parser_past_its_memory_limit_is_stopped() {
    let _lock = children_lock();
    let opts = in_worker(512 << 20);
    let e = read::read_bytes(
        &flate_bomb_pdf(),
        read::Format::Pdf,
        Path::new("bom.pdf"),
        &opts,
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::OutOfMemory, "{e}");
    assert_eq!(
        e.to_string(),
        "bom.pdf: gave up reading: the parser needed more than 512 MiB (memory limit)"
    );
    assert_eq!(leftover_workers(), Vec::<u32>::new());
}

#[test]
fn a_worker_reads_what_a_thread_reads() {
    let _lock = children_lock();
    let pdf = fixtures::article_pdf(70);
    let path = Path::new("bai.pdf");
    let fmt = read::Format::Pdf;
    let here = read::read_bytes(&pdf, fmt, path, &ReadOptions::default()).unwrap();
    let there = read::read_bytes(&pdf, fmt, path, &in_worker(read::MEMORY_LIMIT)).unwrap();
    assert_eq!(here, there);
    // A worker that cannot be started is one clear error.
    let opts = ReadOptions {
        isolation: read::Isolation::Process(read::WorkerProcess::new("/khong/co/tomtat")),
        ..ReadOptions::default()
    };
    let e = read::read_bytes(&pdf, fmt, path, &opts).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Malformed, "{e}");
    let msg = format!("{e}: {}", std::error::Error::source(&e).unwrap());
    assert!(msg.contains("cannot start the reader process"), "{msg}");
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
    let _lock = children_lock();
    let dir = util::Dir::new("bad_input");
    let mut files = corpus(dir.path(), true);
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
