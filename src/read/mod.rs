//! Stage 1: a file on disk to a `String` of raw text.
//!
//! The reader looks at the file's extension to choose a [`Format`], at its
//! first bytes in case they say otherwise ([`Format::sniff`]: a docx or
//! an rtf saved as `.doc`), then at its bytes to choose an [`Encoding`]
//! where the format leaves that open.
//! Every format comes out the same way, because the line-based stages after
//! it rely on that:
//!
//! - one paragraph per line, headings on lines of their own;
//! - the document's title (docx/odt properties, html `<title>`/`<h1>`, pdf
//!   metadata), when it has one, as the first line, then an empty line;
//! - table cells apart (a tab between cells, one line per row);
//! - footnotes and endnotes after the body.
//!
//! | Format | Extensions | Notes |
//! | --- | --- | --- |
//! | text | `.txt`, `.text`, none | encoding detected, see [`encoding`] |
//! | Markdown | `.md`, `.markdown` | markup stripped, see [`strip_markdown`] |
//! | html | `.html`, `.htm`, `.xhtml` | the main article only (`dom_smoothie`) |
//! | docx | `.docx` | paragraphs, tables, footnotes; `.VnTime`/`VNI-Times` runs and styles decoded |
//! | doc | `.doc` | Word 97–2003: the piece table's text, tables, footnotes (`cfb` + by hand) |
//! | odt | `.odt` | the same |
//! | rtf | `.rtf` | `\uN`, `\'hh` in the document's code page, legacy fonts |
//! | pdf | `.pdf` | the text layer (`pdf-extract`); a scan by OCR, see [`ocr`] |
//! | image | `.png`, `.jpg`, `.jpeg`, `.tif`, `.tiff` | by OCR (Tesseract, `vie+eng`) |
//!
//! # Bad input
//!
//! A file that cannot be read gives one [`Error`] naming it, and nothing
//! else: the size is checked before reading ([`ReadOptions::max_file_size`]),
//! zip containers are unpacked with a cap on the total and on the ratio
//! ([`ReadOptions::max_unpacked_size`]), the pdf parser runs with a deadline
//! ([`ReadOptions::time_limit`]) and its panics are caught, and html is
//! flattened without recursion. The pdf parser runs on a thread of the
//! caller by default; with [`Isolation::Process`] it runs in a child
//! process that is killed at the deadline and whose memory is capped (the
//! `tomtat` command and the desktop app do this).

use std::fmt;
use std::path::Path;
use std::time::Duration;

use crate::error::{Error, Result};

mod despeckle;
mod doc;
mod docx;
pub mod encoding;
pub mod furniture;
mod html;
pub mod legacy;
mod markdown;
pub mod marks;
pub mod ocr;
mod odt;
mod pdf;
pub mod reflow;
mod rtf;
mod tables;
mod worker;
mod zipped;

pub use encoding::{Detected, Encoding};
pub use markdown::strip_markdown;
pub use ocr::{Cancel, Ocr, OcrPage, PageDone, Progress};
pub use worker::{
    main_if_worker, resident_bound, Isolation, WorkerProcess, MEMORY_LIMIT, WORKER_ARG,
};

/// The largest file the reader accepts by default, in bytes (256 MiB).
pub const MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// The most text one document may carry, in bytes of UTF-8 (1 MiB, some
/// 175,000 words, a book of 350 pages; the longest real document we
/// test is 315 kB): a file whose text is longer is
/// refused with [`Error::TooMuchText`]. Counting a text's words and runs of
/// words takes up to 80 times the text in memory when nearly every word is
/// new (on running Vietnamese text, 4 to 5 times), and a small docx can
/// unpack to a long text: with this bound one document stays within
/// 4× its input plus 256 MiB (issue 19). It was 2 MiB until the hash
/// tables and the keyword stage grew that worst case past the bound:
/// make the counter's entries smaller to raise it again.
pub const MAX_TEXT: usize = 1 << 20;

/// The formats the reader knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Format {
    /// Plain text.
    Text,
    /// Markdown: read as text, then stripped of its markup.
    Markdown,
    /// An html page: its main article.
    Html,
    /// A Word document (Office Open XML).
    Docx,
    /// An OpenDocument text.
    Odt,
    /// Rich Text Format.
    Rtf,
    /// A pdf's text layer.
    Pdf,
    /// A Word 97–2003 document.
    Doc,
    /// A picture of a page (png, jpeg, tiff): read by OCR.
    Image,
}

impl Format {
    /// The format for a path, by its extension; `None` for an unknown one.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = match path.extension() {
            None => return Some(Format::Text),
            Some(ext) => ext.to_string_lossy().to_lowercase(),
        };
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "docx" => Some(Format::Docx),
            "odt" => Some(Format::Odt),
            "rtf" => Some(Format::Rtf),
            "pdf" => Some(Format::Pdf),
            "doc" => Some(Format::Doc),
            "png" | "jpg" | "jpeg" | "tif" | "tiff" => Some(Format::Image),
            _ => None,
        }
    }

    /// A short lowercase name: `"docx"`, `"text"`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Rtf => "rtf",
            Format::Pdf => "pdf",
            Format::Doc => "doc",
            Format::Image => "image",
        }
    }
}

impl Format {
    /// The format the bytes say they are, where their first bytes are a
    /// signature that no other format starts with; otherwise `declared`.
    ///
    /// Files travel under wrong names: Word saves rtf, html ("web page")
    /// and plain text as `.doc` when asked, a renamed docx keeps its zip,
    /// a download keeps `.txt` on a pdf. A `.doc` that is none of these and
    /// not a Word 97–2003 file is read as text (the text reader refuses
    /// binary).
    pub fn sniff(bytes: &[u8], declared: Format) -> Format {
        let head = &bytes[..bytes.len().min(1024)];
        let start = {
            // A byte order mark and leading space do not count.
            let mut h = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
            while let [b' ' | b'\t' | b'\r' | b'\n', rest @ ..] = h {
                h = rest;
            }
            h
        };
        if head.starts_with(b"%PDF-") {
            return Format::Pdf;
        }
        let image = [
            &b"\x89PNG\r\n\x1a\n"[..],
            b"\xFF\xD8\xFF",
            b"II*\0",
            b"MM\0*",
        ];
        if image.iter().any(|sig| head.starts_with(sig)) {
            return Format::Image;
        }
        if start.starts_with(b"{\\rtf") {
            return Format::Rtf;
        }
        // The compound file signature (its first half is enough to say a
        // cut-off Word file is one).
        if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Format::Doc;
        }
        if head.starts_with(b"PK\x03\x04") && !matches!(declared, Format::Docx | Format::Odt) {
            // The first entry of an OpenDocument file is its `mimetype`; a
            // docx names `word/document.xml` (in its central directory at
            // the end, if nowhere else). Other zips keep their name.
            let has = |b: &[u8], what: &[u8]| b.windows(what.len()).any(|w| w == what);
            if has(head, b"opendocument.text") {
                return Format::Odt;
            }
            let tail = &bytes[bytes.len().saturating_sub(64 << 10)..];
            if has(head, b"word/document.xml") || has(tail, b"word/document.xml") {
                return Format::Docx;
            }
        }
        if declared == Format::Doc {
            let lower: Vec<u8> = start.iter().take(256).map(u8::to_ascii_lowercase).collect();
            let html = [&b"<!doctype html"[..], &b"<html"[..], &b"<?xml"[..]]
                .iter()
                .any(|sig| lower.starts_with(sig))
                && lower.windows(5).any(|w| w == b"<html");
            return if html { Format::Html } else { Format::Text };
        }
        declared
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How to read a file: a forced encoding, and the limits that keep a bad
/// file from taking all memory or time.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct ReadOptions {
    /// Decode text (txt, md, html without a charset) in this encoding
    /// instead of detecting one. A byte order mark still wins. Default: none.
    pub encoding: Option<Encoding>,
    /// Refuse files larger than this many bytes. Default: [`MAX_FILE_SIZE`].
    pub max_file_size: u64,
    /// Refuse a docx or odt whose parts unpack to more than this many bytes
    /// in all, or one of whose parts unpacks to more than 250 times its packed size.
    /// Default: [`MAX_FILE_SIZE`], the most text a file may hold.
    pub max_unpacked_size: u64,
    /// Give up on a file whose parser runs longer than this (pdf). Default:
    /// 60 seconds.
    #[cfg_attr(feature = "serde", serde(with = "millis"))]
    pub time_limit: Duration,
    /// Where the pdf and doc parsers run: on a thread (default), or in a worker
    /// process that is killed at the time limit and whose memory is capped
    /// (see [`Isolation`]). Not serialized: a front end sets it for itself.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub isolation: Isolation,
    /// Read scanned pdf pages and image files by OCR (Tesseract must be
    /// installed). Off, a scan is [`Error::NoTextLayer`] and an image
    /// file is refused the same way. Default: true.
    pub ocr: bool,
    /// Told of each page OCR finishes. Not serialized. Default: none.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub progress: Progress,
    /// Stops the read when set: a front end's Cancel during a long OCR.
    /// Not serialized. Default: none.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub cancel: Cancel,
    /// The resident memory the read may take with the programs it starts,
    /// in bytes: OCR sends a page to Tesseract only while the pages in
    /// flight fit in it (a reader worker sets it to its file's
    /// [`resident_bound`]). Not serialized. Default: none, as many pages at
    /// once as there are cores.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub memory_bound: Option<u64>,
}

impl ReadOptions {
    /// The options of a front end (the `tomtat` command, the desktop app):
    /// the defaults, with every reader in a worker process of the current
    /// executable ([`Isolation::Process`]), killed at the time limit, its
    /// memory capped. The executable's `main` must call [`main_if_worker`]
    /// first. Where the executable cannot be found, the readers run on a
    /// thread.
    pub fn isolated() -> ReadOptions {
        ReadOptions {
            isolation: WorkerProcess::current_exe()
                .map(Isolation::Process)
                .unwrap_or_default(),
            ..ReadOptions::default()
        }
    }
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            encoding: None,
            max_file_size: MAX_FILE_SIZE,
            max_unpacked_size: MAX_FILE_SIZE,
            time_limit: Duration::from_secs(60),
            isolation: Isolation::Thread,
            ocr: true,
            progress: Progress::default(),
            cancel: Cancel::default(),
            memory_bound: None,
        }
    }
}

#[cfg(feature = "serde")]
mod millis {
    use std::time::Duration;

    pub fn serialize<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(d.as_millis().min(u64::MAX as u128) as u64)
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        <u64 as serde::Deserialize>::deserialize(d).map(Duration::from_millis)
    }
}

/// The raw text of a file, and how it was read.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Raw {
    /// The text, one paragraph per line (see the module docs).
    pub text: String,
    /// The format it was read as.
    pub format: Format,
    /// The encoding of a text file (txt, md, html), or of the legacy font
    /// runs of a document; `None` when the format fixes it.
    pub encoding: Option<Detected>,
    /// How the text was read by OCR; `None` when it was not.
    pub ocr: Option<Ocr>,
}

/// Why bytes could not be read, before a path is attached.
#[derive(Debug)]
pub(crate) enum Failure {
    NotText(String),
    Malformed(Malformed),
    NoTextLayer,
    TimedOut,
    /// The worker process ran out of its address space, this many bytes.
    OutOfMemory(u64),
    /// OCR was needed but Tesseract cannot run: how to install it.
    NoOcr(String),
    /// [`ReadOptions::cancel`] was set.
    Cancelled,
    /// The text read is longer than [`MAX_TEXT`], this many bytes.
    TooMuchText(u64),
}

impl Failure {
    fn at(self, path: &Path, format: Format, opts: &ReadOptions) -> Error {
        let path = path.to_path_buf();
        match self {
            Failure::NotText(reason) => Error::NotText { path, reason },
            Failure::Malformed(m) => Error::Malformed {
                path,
                format: format.name(),
                source: Box::new(m),
            },
            Failure::NoTextLayer => Error::NoTextLayer { path },
            Failure::TimedOut => Error::TimedOut {
                path,
                secs: opts.time_limit.as_secs_f32(),
            },
            Failure::OutOfMemory(limit) => Error::OutOfMemory { path, limit },
            Failure::NoOcr(reason) => Error::OcrUnavailable { path, reason },
            Failure::Cancelled => Error::Cancelled { path },
            Failure::TooMuchText(len) => Error::TooMuchText {
                path,
                len,
                limit: MAX_TEXT as u64,
            },
        }
    }
}

impl Failure {
    /// The bytes are not their format, for the reason `what`.
    pub(crate) fn malformed(what: impl Into<String>) -> Failure {
        Failure::Malformed(Malformed {
            what: what.into(),
            source: None,
        })
    }

    /// The bytes are not their format: `what` failed, and the parser said
    /// `source`.
    pub(crate) fn malformed_by(
        what: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Failure {
        Failure::Malformed(Malformed {
            what: what.into(),
            source: Some(Box::new(source)),
        })
    }
}

/// What was wrong with a damaged file ([`Error::Malformed`]'s source): what
/// the reader was doing, and the parser's own error, kept as its
/// [`source`](std::error::Error::source), where there is one.
#[derive(Debug)]
pub struct Malformed {
    what: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl Malformed {
    /// What was wrong and every cause after it, joined by `: `.
    pub(crate) fn chain(&self) -> String {
        let mut out = self.what.clone();
        let mut source = std::error::Error::source(self);
        while let Some(s) = source {
            out.push_str(": ");
            out.push_str(&s.to_string());
            source = s.source();
        }
        out
    }
}

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.what)
    }
}

impl std::error::Error for Malformed {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|s| s as &(dyn std::error::Error + 'static))
    }
}

pub(crate) type Outcome = std::result::Result<Raw, Failure>;

/// Reads the file at `path` into raw text.
pub fn read(path: &Path, opts: &ReadOptions) -> Result<Raw> {
    let format = Format::from_path(path).ok_or_else(|| Error::Unsupported {
        path: path.to_path_buf(),
        ext: path
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default(),
    })?;
    let read_err = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(read_err)?;
    if meta.is_dir() {
        return Err(read_err(std::io::Error::other("is a directory")));
    }
    // A FIFO would block `open` until a writer comes, a device would read
    // forever: only regular files are read (`metadata` follows links).
    if !meta.is_file() {
        return Err(read_err(std::io::Error::other(
            "not a regular file (a FIFO, a device or a socket)",
        )));
    }
    let size = meta.len();
    if size > opts.max_file_size {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size,
            limit: opts.max_file_size,
        });
    }
    // Read at most the limit, in case the file grows while we read it.
    let mut bytes = Vec::with_capacity(size as usize);
    {
        use std::io::Read;
        let file = std::fs::File::open(path).map_err(read_err)?;
        file.take(opts.max_file_size + 1)
            .read_to_end(&mut bytes)
            .map_err(read_err)?;
    }
    if bytes.len() as u64 > opts.max_file_size {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            limit: opts.max_file_size,
        });
    }
    let format = Format::sniff(&bytes, format);
    from_bytes_with(&bytes, format, opts).map_err(|f| f.at(path, format, opts))
}

/// Reads the bytes of a file of the given format; the error names `path`.
///
/// For bytes that are not on disk (a drop in the desktop app, a fuzzer).
pub fn read_bytes(bytes: &[u8], format: Format, path: &Path, opts: &ReadOptions) -> Result<Raw> {
    if bytes.len() as u64 > opts.max_file_size {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            limit: opts.max_file_size,
        });
    }
    let format = Format::sniff(bytes, format);
    from_bytes_with(bytes, format, opts).map_err(|f| f.at(path, format, opts))
}

/// Every reader runs where [`ReadOptions::isolation`] says, whatever the
/// format: a text, an html page or an rtf file can be made to take time
/// and memory too, and a file's name does not say which reader it gets
/// (an rtf named `.doc` is sniffed).
fn from_bytes_with(bytes: &[u8], format: Format, opts: &ReadOptions) -> Outcome {
    match &opts.isolation {
        Isolation::Process(w) => worker::read(bytes, format, w, opts),
        Isolation::Thread => in_this_process(bytes, format, opts).and_then(|raw| {
            // Checked where the text is made (in the worker, when there is
            // one), so that a long text is never sent or held.
            if raw.text.len() > MAX_TEXT {
                Err(Failure::TooMuchText(raw.text.len() as u64))
            } else {
                Ok(raw)
            }
        }),
    }
}

/// Reads on this process's thread (the worker's, or the caller's).
fn in_this_process(bytes: &[u8], format: Format, opts: &ReadOptions) -> Outcome {
    match format {
        Format::Text | Format::Markdown => {
            let (text, det) = encoding::decode(bytes, opts.encoding).map_err(Failure::NotText)?;
            let text = match format {
                Format::Markdown => strip_markdown(&text),
                _ => reflow::plain_text(text),
            };
            Ok(Raw {
                text,
                format,
                encoding: Some(det),
                ocr: None,
            })
        }
        Format::Html => html::read(bytes, opts),
        Format::Docx => docx::read(bytes, opts),
        Format::Odt => odt::read(bytes, opts),
        Format::Rtf => rtf::read(bytes, opts),
        Format::Pdf => read_pdf(bytes, opts),
        Format::Image => ocr::read_image(bytes, opts),
        Format::Doc => doc::read(bytes, opts),
    }
}

/// A pdf's text layer, or its pages by OCR when it has none: the pdf
/// reader's `usable_text_layer` also counts a layer of running headers and
/// stamps alone as none. A pdf with a usable text layer is never OCR'd.
fn read_pdf(bytes: &[u8], opts: &ReadOptions) -> Outcome {
    match pdf::read(bytes, opts) {
        Err(Failure::NoTextLayer) => ocr::read_pdf(bytes, opts),
        r => r,
    }
}

thread_local! {
    /// Set while [`catch_quietly`] runs a parser on this thread.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs a parser that may panic (`pdf-extract` panics on much it does not
/// expect), catching the panic so that it becomes an error for that file.
///
/// The reader keeps its own panics quiet: the first call wraps the panic
/// hook in place in one that says nothing for a panic inside this
/// function, and hands every other panic to the hook it wrapped. (A hook a
/// program sets after that replaces the wrapper, and is told of them all.)
pub(crate) fn catch_quietly<R>(f: impl FnOnce() -> R) -> std::thread::Result<R> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let outer = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                outer(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    r
}

/// Joins a title and a body the way every reader emits them: the title,
/// an empty line, the body.
fn with_title(title: Option<&str>, body: &str) -> String {
    let title = title.map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
    match title.filter(|t| !t.is_empty()) {
        // A body that already starts with its title (an h1, a docx Title
        // paragraph) keeps it once.
        Some(t) if body.trim_start().lines().next().map(str::trim) == Some(t.as_str()) => {
            body.trim_start().to_string()
        }
        Some(t) => format!("{t}\n\n{body}"),
        None => body.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of `bytes` read as `format`, or the error with its causes.
    fn text_of(bytes: &[u8], format: Format) -> std::result::Result<String, String> {
        read_bytes(bytes, format, Path::new("t"), &ReadOptions::default())
            .map(|r| r.text)
            .map_err(|e| {
                let mut s = e.to_string();
                let mut source = std::error::Error::source(&e);
                while let Some(c) = source {
                    s.push_str(&format!(": {c}"));
                    source = c.source();
                }
                s
            })
    }

    /// The text of the file at `path`, read with the default options.
    fn file_text(path: &Path) -> Result<String> {
        read(path, &ReadOptions::default()).map(|r| r.text)
    }

    #[test]
    fn encodings_with_and_without_bom() {
        let text = "Hà Nội, ngày 5/3";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        let mut bom8 = b"\xEF\xBB\xBF".to_vec();
        bom8.extend(text.as_bytes());
        for bytes in [text.as_bytes().to_vec(), bom8, le, be] {
            assert_eq!(text_of(&bytes, Format::Text).unwrap(), text);
        }
    }

    /// A panic the reader catches prints nothing; any other panic still
    /// reaches the hook in place. Run in a child process of this test
    /// binary, as the hook is global.
    #[test]
    fn caught_parser_panics_are_not_printed() {
        if std::env::var_os("TOMTAT_QUIET_CHILD").is_some() {
            assert!(catch_quietly(|| panic!("hidden-by-the-reader")).is_err());
            assert!(std::panic::catch_unwind(|| panic!("printed-as-usual")).is_err());
            return;
        }
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "read::tests::caught_parser_panics_are_not_printed",
                "--nocapture",
            ])
            .env("TOMTAT_QUIET_CHILD", "1")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{err}");
        assert!(!err.contains("hidden-by-the-reader"), "{err}");
        assert!(err.contains("printed-as-usual"), "{err}");
    }

    #[test]
    fn binary_and_broken_text_are_refused() {
        let e = text_of(b"PK\x03\x04\x00\x00", Format::Text).unwrap_err();
        assert!(e.contains("NUL"), "{e}");
        // Not UTF-8: read in a legacy encoding (Windows-1258 here).
        assert_eq!(text_of(b"H\xe0 N\xf4i", Format::Text).unwrap(), "Hà Nôi");
        // No NUL, but control characters all over: binary.
        let bin: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8 + 1).collect();
        let e = text_of(&bin, Format::Text).unwrap_err();
        assert!(e.contains("binary"), "{e}");
        let e = text_of(b"\xFF\xFEa", Format::Text).unwrap_err();
        assert!(e.contains("odd number"), "{e}");
    }

    #[test]
    fn title_first_once() {
        assert_eq!(
            with_title(Some(" Mùa  lũ "), "Thân bài\n"),
            "Mùa lũ\n\nThân bài\n"
        );
        assert_eq!(
            with_title(Some("Mùa lũ"), "Mùa lũ\nThân\n"),
            "Mùa lũ\nThân\n"
        );
        // A first line that only starts like the title keeps the title.
        assert_eq!(
            with_title(Some("Mùa lũ"), "Mùa lũ về sớm.\n"),
            "Mùa lũ\n\nMùa lũ về sớm.\n"
        );
        assert_eq!(with_title(None, "a\n"), "a\n");
        assert_eq!(with_title(Some("  "), "a\n"), "a\n");
    }

    #[test]
    fn a_signature_wins_over_the_extension() {
        let cfb = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        let odt = b"PK\x03\x04....mimetypeapplication/vnd.oasis.opendocument.text";
        let cases: &[(&[u8], Format, Format)] = &[
            (b"{\\rtf1\\ansi Xin ch\\'e0o}", Format::Doc, Format::Rtf),
            (b"\xEF\xBB\xBF\n {\\rtf1 x}", Format::Text, Format::Rtf),
            (b"%PDF-1.7\n...", Format::Text, Format::Pdf),
            (&cfb, Format::Docx, Format::Doc),
            (&cfb, Format::Doc, Format::Doc),
            (
                b"PK\x03\x04....word/document.xml",
                Format::Doc,
                Format::Docx,
            ),
            (odt, Format::Doc, Format::Odt),
            (odt, Format::Docx, Format::Docx),
            (
                b"<html><body><p>Xin chao</p></body></html>",
                Format::Doc,
                Format::Html,
            ),
            (
                b"<!DOCTYPE html>\n<html lang=vi>",
                Format::Doc,
                Format::Html,
            ),
            (
                "Xin chào, đây là văn bản.".as_bytes(),
                Format::Doc,
                Format::Text,
            ),
            // Only a .doc falls back to text; others keep their name.
            (b"<html><body>x</body></html>", Format::Text, Format::Text),
            ("Xin chào".as_bytes(), Format::Docx, Format::Docx),
            ("# Tiêu đề".as_bytes(), Format::Markdown, Format::Markdown),
        ];
        for (bytes, declared, want) in cases {
            assert_eq!(
                Format::sniff(bytes, *declared),
                *want,
                "{declared} {:?}",
                String::from_utf8_lossy(bytes)
            );
        }
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(Format::from_path(Path::new("a.TXT")), Some(Format::Text));
        assert_eq!(Format::from_path(Path::new("a.md")), Some(Format::Markdown));
        assert_eq!(Format::from_path(Path::new("README")), Some(Format::Text));
        assert_eq!(Format::from_path(Path::new("a.exe")), None);
    }
    #[test]
    fn markdown_by_extension() {
        let md = "# Tiêu đề\n\n**Đậm** [liên kết](https://example.vn)\n";
        assert_eq!(
            text_of(md.as_bytes(), Format::Markdown).unwrap(),
            "Tiêu đề\n\nĐậm liên kết\n"
        );
        assert_eq!(text_of(md.as_bytes(), Format::Text).unwrap(), md);
        let dir = std::env::temp_dir().join(format!("tomtat-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("bai.MD");
        std::fs::write(&path, md).unwrap();
        let got = file_text(&path);
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(got.unwrap(), "Tiêu đề\n\nĐậm liên kết\n");
    }

    #[test]
    fn utf32_is_named() {
        let e = text_of(b"\xFF\xFE\x00\x00a\x00\x00\x00", Format::Text).unwrap_err();
        assert!(e.contains("UTF-32"), "{e}");
        let e = text_of(b"\x00\x00\xFE\xFF\x00\x00\x00a", Format::Text).unwrap_err();
        assert!(e.contains("UTF-32"), "{e}");
    }

    #[test]
    fn bom_only_and_empty_files_are_empty_text() {
        for bytes in [&b""[..], b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF"] {
            assert_eq!(text_of(bytes, Format::Text).unwrap(), "", "{bytes:?}");
        }
    }

    #[test]
    fn utf16_errors_say_where() {
        // A lone high surrogate, then a NUL.
        let e = text_of(b"\xFF\xFEa\x00\x00\xD8b\x00", Format::Text).unwrap_err();
        assert!(e.contains("invalid UTF-16 at unit 1"), "{e}");
        let e = text_of(b"\xFE\xFF\x00a\x00\x00", Format::Text).unwrap_err();
        assert!(e.contains("NUL"), "{e}");
    }

    #[test]
    fn read_errors_name_the_file() {
        let missing = Path::new("khong-co-that.txt");
        let e = file_text(missing).unwrap_err();
        assert_eq!(e.path(), Some(missing));
        let e = file_text(Path::new("bang.xlsx")).unwrap_err();
        assert!(
            e.to_string().contains("bang.xlsx") && e.to_string().contains("xlsx"),
            "{e}"
        );
    }
}
