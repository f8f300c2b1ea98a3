//! `tomtat FILE...`: each file's title, summary and keywords.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;
use serde::Serialize;
use tomtat::{Document, Engine, Error, ErrorKind, Options, OutlineItem, Summary};

use super::args::Args;
use super::view::{OutlineView, SummaryView};

/// Files analyzed at once: enough to keep every thread busy, few enough that
/// memory does not grow with the number of files.
const CHUNK: usize = 64;

#[derive(Serialize)]
struct FileView<'a> {
    file: &'a Path,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    /// Present when the text was read by OCR: its confidence, each page's.
    #[serde(skip_serializing_if = "Option::is_none")]
    ocr: Option<&'a tomtat::read::Ocr>,
    #[serde(flatten)]
    summary: SummaryView<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    outline: Option<Vec<OutlineView<'a>>>,
}

#[derive(Serialize)]
struct FileError<'a> {
    file: &'a Path,
    error: String,
}

#[derive(Serialize)]
struct SetView<'a> {
    files: &'a [PathBuf],
    titles: Vec<Option<String>>,
    #[serde(flatten)]
    summary: SummaryView<'a>,
}

/// What went wrong, over all files.
#[derive(Default)]
struct Outcome {
    failed: bool,
    empty: bool,
}

impl Outcome {
    fn note(&mut self, err: &Error) {
        if err.kind() == ErrorKind::Empty {
            self.empty = true;
        } else {
            self.failed = true;
        }
    }

    fn code(&self) -> ExitCode {
        if self.failed {
            ExitCode::from(2)
        } else if self.empty {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    if args.files.is_empty() {
        anyhow::bail!("no input files (see `tomtat --help`)");
    }
    let opts = args.options()?;
    opts.validate()?;
    let read_opts = args.read_options();
    let engine = Engine::new();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut outcome = Outcome::default();
    if args.together {
        together(&engine, args, &opts, &mut out, &mut outcome)?;
    } else {
        for chunk in args.files.chunks(CHUNK) {
            // Each file is printed to a buffer where it is analyzed, under
            // a permit of the engine's budget (the texts in analysis on all
            // threads hold at most `MAX_TEXT` together), and only the
            // buffer is kept until the chunk is printed.
            let results: Vec<_> = chunk
                .par_iter()
                .map(|path| {
                    let raw = read_raw(path, &args.read_options_for(&read_opts, path))?;
                    let _permit = engine.admit(raw.text.len());
                    let doc = document(&engine, path, raw);
                    let summary = engine.summarize(std::slice::from_ref(&doc), &opts)?;
                    let outline = args.outline.then(|| engine.outline(&doc));
                    let mut shown = Vec::new();
                    print_one(
                        &mut shown,
                        args.json,
                        path,
                        &doc,
                        &summary,
                        outline.as_deref(),
                    )
                    .expect("printing to memory does not fail");
                    Ok::<_, Error>(shown)
                })
                .collect();
            for (path, result) in chunk.iter().zip(&results) {
                match result {
                    Ok(shown) => out.write_all(shown)?,
                    Err(err) => {
                        outcome.note(err);
                        report(&mut out, args.json, path, err)?;
                    }
                }
            }
            out.flush()?;
        }
    }
    out.flush()?;
    Ok(outcome.code())
}

/// Reads and analyzes one file (see [`read_raw`]), under a permit of the
/// engine's budget.
fn read(
    engine: &Engine,
    path: &Path,
    opts: &tomtat::read::ReadOptions,
) -> tomtat::Result<Document> {
    let raw = read_raw(path, opts)?;
    let _permit = engine.admit(raw.text.len());
    Ok(document(engine, path, raw))
}

/// Reads one file; warns on stderr when its bytes were not all text of
/// their encoding (UTF-8 with bad bytes, replaced).
fn read_raw(path: &Path, opts: &tomtat::read::ReadOptions) -> tomtat::Result<tomtat::read::Raw> {
    let raw = tomtat::read::read(path, opts)?;
    if let Some(det) = raw.encoding.filter(|d| d.confidence < 1.0) {
        if det.encoding == tomtat::read::Encoding::Utf8 {
            let bad = raw.text.matches('\u{fffd}').count();
            let _ = writeln!(
                io::stderr(),
                "tomtat: {}: warning: not valid UTF-8 throughout; {bad} bad byte sequence(s) replaced by U+FFFD",
                shown(path)
            );
        }
    }
    Ok(raw)
}

/// Analyzes the text of the file at `path`.
fn document(engine: &Engine, path: &Path, raw: tomtat::read::Raw) -> Document {
    let mut doc = engine.document(&raw.text, Some(path.to_path_buf()));
    doc.ocr = raw.ocr;
    doc
}

fn together(
    engine: &Engine,
    args: &Args,
    opts: &Options,
    out: &mut impl Write,
    outcome: &mut Outcome,
) -> anyhow::Result<()> {
    let read_opts = args.read_options();
    let read: Vec<_> = args
        .files
        .par_iter()
        .map(|p| read(engine, p, &args.read_options_for(&read_opts, p)))
        .collect();
    let mut docs = Vec::new();
    let mut paths = Vec::new();
    for (path, r) in args.files.iter().zip(read) {
        match r {
            Ok(doc) => {
                docs.push(doc);
                paths.push(path.clone());
            }
            Err(err) => {
                outcome.note(&err);
                report(out, args.json, path, &err)?;
            }
        }
    }
    if docs.is_empty() {
        return Ok(());
    }
    match engine.summarize(&docs, opts) {
        Ok(summary) => {
            if args.json {
                let view = SetView {
                    files: &paths,
                    titles: docs.iter().map(Document::full_title).collect(),
                    summary: SummaryView::new(&docs, &summary),
                };
                serde_json::to_writer(&mut *out, &view)?;
                writeln!(out)?;
            } else {
                for (path, doc) in paths.iter().zip(&docs) {
                    writeln!(out, "== {}", shown(path))?;
                    if let Some(t) = doc.full_title() {
                        writeln!(out, "Tiêu đề: {t}")?;
                    }
                }
                print_summary(out, &summary, &paths)?;
            }
        }
        Err(err) => {
            outcome.note(&err);
            writeln!(io::stderr(), "tomtat: {err}")?;
        }
    }
    Ok(())
}

fn print_one(
    out: &mut impl Write,
    json: bool,
    path: &Path,
    doc: &Document,
    summary: &Summary,
    outline: Option<&[OutlineItem]>,
) -> anyhow::Result<()> {
    if json {
        let view = FileView {
            file: path,
            title: doc.full_title(),
            ocr: doc.ocr.as_ref(),
            summary: SummaryView::new(std::slice::from_ref(doc), summary),
            outline: outline.map(|o| OutlineView::list(doc, o)),
        };
        serde_json::to_writer(&mut *out, &view)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "== {}", shown(path))?;
    if let Some(ocr) = &doc.ocr {
        let low: Vec<String> = ocr.low_pages().map(|p| p.page.to_string()).collect();
        write!(out, "Đọc bằng OCR: độ tin cậy {:.0}%", ocr.confidence)?;
        if !low.is_empty() {
            write!(out, " (trang đọc kém: {})", low.join(", "))?;
        }
        writeln!(out)?;
    }
    if let Some(t) = doc.full_title() {
        writeln!(out, "Tiêu đề: {t}")?;
    }
    print_summary(out, summary, &[])?;
    if let Some(items) = outline {
        print_outline(out, items)?;
    }
    Ok(())
}

/// The outline, one heading a line, indented by level, each followed by
/// its sentences.
fn print_outline(out: &mut impl Write, items: &[OutlineItem]) -> io::Result<()> {
    writeln!(out, "Dàn ý:")?;
    if items.is_empty() {
        writeln!(out, "  (không có đề mục)")?;
    }
    for it in items {
        let indent = "  ".repeat(it.level as usize);
        writeln!(out, "{indent}{}", it.heading)?;
        for p in &it.summary {
            writeln!(out, "{indent}  – {}", p.text)?;
        }
    }
    writeln!(out)
}

fn print_summary(out: &mut impl Write, summary: &Summary, paths: &[PathBuf]) -> io::Result<()> {
    writeln!(out, "Tóm tắt:")?;
    for p in &summary.sentences {
        match paths.get(p.doc) {
            Some(_) if paths.len() > 1 => writeln!(out, "  [{}] {}", p.doc + 1, p.text)?,
            _ => writeln!(out, "  - {}", p.text)?,
        }
    }
    let kws: Vec<&str> = summary.keywords.iter().map(|k| k.text.as_str()).collect();
    writeln!(out, "Từ khóa: {}", kws.join(", "))?;
    writeln!(out)
}

/// What went wrong with a file, in plain Vietnamese, and the technical
/// cause after it (the messages that are Vietnamese already as they are).
pub(super) fn in_vietnamese(path: &Path, err: &Error) -> String {
    let what = match err {
        Error::TooMuchText { .. } | Error::TooMuchTogether { .. } => return err.to_string(),
        _ => match err.kind() {
            ErrorKind::Read => "không mở được tệp",
            ErrorKind::NotText => "không phải tệp văn bản",
            ErrorKind::Unsupported => "chưa đọc được loại tệp này",
            ErrorKind::TooLarge => "tệp quá lớn",
            ErrorKind::Malformed => "tệp bị hỏng hoặc không đúng định dạng",
            ErrorKind::NoTextLayer => "tệp pdf không có lớp chữ (có thể là bản quét)",
            ErrorKind::OcrUnavailable => "cần OCR nhưng chưa cài Tesseract",
            ErrorKind::TimedOut => "đọc quá lâu nên đã dừng",
            ErrorKind::OutOfMemory => "cần quá nhiều bộ nhớ nên đã dừng",
            ErrorKind::Cancelled => "đã dừng theo yêu cầu",
            ErrorKind::Empty => "không có chữ nào để tóm tắt",
            _ => "không đọc được tệp",
        },
    };
    let mut cause = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        cause.push_str(&format!(": {s}"));
        source = s.source();
    }
    let cause = cause
        .strip_prefix(&format!("{}: ", path.display()))
        .unwrap_or(&cause)
        .to_string();
    format!("{}: {what} ({cause})", path.display())
}

/// One error line on stderr naming the file, in Vietnamese with the cause
/// after it; in JSON mode also an error object on stdout (its message in
/// English, for scripts), so the output keeps one line per file.
fn report(out: &mut impl Write, json: bool, path: &Path, err: &Error) -> anyhow::Result<()> {
    let mut msg = match err.path() {
        Some(_) => err.to_string(),
        None => format!("{}: {err}", path.display()),
    };
    // The cause says why: "No such file or directory", "Is a directory".
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        msg.push_str(&format!(": {s}"));
        source = s.source();
    }
    writeln!(
        io::stderr(),
        "tomtat: {}",
        escape_controls(&in_vietnamese(path, err))
    )?;
    if json {
        serde_json::to_writer(
            &mut *out,
            &FileError {
                file: path,
                error: msg,
            },
        )?;
        writeln!(out)?;
    }
    Ok(())
}

/// A path as the terminal may show it: its control characters escaped.
fn shown(path: &Path) -> String {
    escape_controls(&path.display().to_string()).into_owned()
}

/// `s` with its control characters written as escapes (`\u{1b}`), so that
/// a file name cannot move the cursor, clear the screen or retitle the
/// terminal when printed.
pub(super) fn escape_controls(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return s.into();
    }
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escape_controls("a\x1b[2Jb\n"), "a\\u{1b}[2Jb\\u{a}");
        assert_eq!(escape_controls("Hà Nội.txt"), "Hà Nội.txt");
    }
}
