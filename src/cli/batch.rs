//! `tomtat batch`: JSON Lines in, JSON Lines out, one line out per line in,
//! in the same order.
//!
//! In: `{"id": any, "text": "..."}` or `{"id": any, "docs": ["...", ...]}`
//! (summarized together), with optional `"sentences"`, `"ratio"`,
//! `"keywords"`, the user's terms `"dict"`, `"exclude"` and `"boost"`
//! (lists of strings, added to the lists of `--dict`, `--exclude` and
//! `--boost`), and `"outline": true` (adds `"outline": [{"heading",
//! "level", "start", "end", "summary": [...]}]`, a list per document for
//! `"docs"`). Out: `{"id", "summary": [{"text", "doc", "start", "end",
//! "score"}], "keywords": [{"text", "score", "count"}]}`, or `{"id",
//! "error"}` for a line that cannot be summarized. Lines are read in chunks
//! and each chunk is processed in parallel, so memory is bounded by the
//! chunk, not the input.
//!
//! # Design
//!
//! Three stages overlap: a reader thread fills chunks of lines, the rayon
//! pool answers one chunk while the reader fills the next, and a writer
//! thread prints the previous one. Reading and printing are cheap, but
//! done between chunks by a pool thread they left the other threads idle.
//! The channels hold one chunk each, so at most four chunks are alive.
//!
//! The reader checks the UTF-8 of a whole chunk at once with `simdutf8`,
//! which is several times cheaper than `str::from_utf8` line by line on
//! Vietnamese text (two of five bytes are not ASCII); when a chunk is not
//! UTF-8, its lines are checked one by one and only the bad ones fail.
//! Every error reply names its line; a line longer than [`MAX_LINE`] is
//! one of them, read past without being held. Ids come back as they were
//! written (`RawValue`), whatever number or string they are.

use std::io::{self, BufRead, BufWriter, Write};
use std::ops::Range;
use std::process::ExitCode;
use std::sync::mpsc::sync_channel;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use tomtat::{Engine, Options};

use super::view::{json, OutlineView, SummaryView};

/// Lines per thread in one chunk.
const LINES_PER_THREAD: usize = 64;

/// The longest input line, in bytes: a longer one is answered with an
/// error, and is never held in memory whole.
pub const MAX_LINE: usize = 16 << 20;

/// A chunk stops taking lines past this many bytes, so that a run of long
/// lines is not held four chunks at a time.
const CHUNK_BYTES: usize = 64 << 20;

#[derive(Deserialize)]
struct Request<'a> {
    /// Kept as written, byte for byte: `1e400`, a 30-digit integer.
    #[serde(default, borrow)]
    id: Option<&'a RawValue>,
    text: Option<String>,
    docs: Option<Vec<String>>,
    sentences: Option<usize>,
    ratio: Option<f64>,
    keywords: Option<usize>,
    #[serde(default)]
    outline: bool,
    /// The user's terms, added to those of `--dict`, `--exclude` and
    /// `--boost`.
    #[serde(default)]
    dict: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    boost: Vec<String>,
}

/// The id of a line that is JSON but not a valid request.
#[derive(Deserialize)]
struct IdOnly<'a> {
    #[serde(default, borrow)]
    id: Option<&'a RawValue>,
}

/// A summarized line's reply, as [`reply`] writes it.
#[cfg(test)]
#[derive(Serialize)]
struct Reply<'a> {
    id: Option<&'a RawValue>,
    #[serde(flatten)]
    summary: SummaryView<'a>,
    /// Each document's outline, when asked for: one list for `"text"`, a
    /// list per document for `"docs"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    outline: Option<serde_json::Value>,
}

#[derive(Serialize)]
struct ErrorReply<'a> {
    id: Option<&'a RawValue>,
    error: String,
}

/// One line of input: where it is in its chunk's text, or why it cannot
/// be read (not UTF-8, too long); and its number, from 1.
struct Line {
    number: usize,
    text: Result<Range<usize>, Unread>,
}

/// Why a line cannot be read, and its id when that much of it can be.
#[derive(Clone)]
struct Unread {
    why: String,
    id: Option<Box<RawValue>>,
}

/// Some lines of input: their text one after the other, and the lines.
struct Chunk {
    text: String,
    lines: Vec<Line>,
}

pub fn run(base: &Options) -> anyhow::Result<ExitCode> {
    let chunk_len = LINES_PER_THREAD * rayon::current_num_threads();
    let (chunks, chunks_in) = sync_channel::<io::Result<Chunk>>(1);
    let (replies, replies_in) = sync_channel::<Vec<Vec<u8>>>(1);
    // Not joined: when printing fails (a closed pipe), the reader may be
    // waiting on stdin, and the process ends without it.
    std::thread::spawn(move || read_chunks(chunk_len, &chunks));
    let writer = std::thread::spawn(move || -> io::Result<()> {
        let mut out = BufWriter::new(io::stdout().lock());
        for chunk in replies_in {
            for reply in chunk {
                out.write_all(&reply)?;
                out.write_all(b"\n")?;
            }
            out.flush()?;
        }
        Ok(())
    });
    let engine = Engine::new();
    let mut failed = None;
    for chunk in chunks_in {
        let chunk = match chunk {
            Ok(c) => c,
            Err(e) => {
                failed = Some(e);
                break;
            }
        };
        let answers: Vec<Vec<u8>> = chunk
            .lines
            .par_iter()
            .map(|line| match &line.text {
                Ok(range) => answer(&engine, base, &chunk.text[range.clone()], line.number),
                Err(bad) => error(
                    bad.id.as_deref(),
                    format!("line {}: {}", line.number, bad.why),
                ),
            })
            .collect();
        if replies.send(answers).is_err() {
            break; // the writer failed; its error is reported below
        }
    }
    drop(replies);
    writer.join().expect("the writer does not panic")?;
    if let Some(e) = failed {
        return Err(e.into());
    }
    // A line that cannot be summarized is answered with an error object;
    // the exit status only reports failures of the stream itself.
    Ok(ExitCode::SUCCESS)
}

/// How [`read_line`] ended.
#[derive(Debug, PartialEq)]
pub enum LineEnd {
    /// No more input.
    Eof,
    /// A line, now at the end of the buffer.
    Line,
    /// A line longer than the limit: its first bytes are in the buffer, the
    /// rest was read past and dropped.
    TooLong,
}

/// Appends the next line of `input` to `buf`, without its `\n`, holding at
/// most `max` bytes of it: a longer line is read to its end and dropped.
pub fn read_line(input: &mut impl BufRead, buf: &mut Vec<u8>, max: usize) -> io::Result<LineEnd> {
    let mut len = 0;
    let mut any = false;
    loop {
        let available = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(match (any, len > max) {
                (false, _) => LineEnd::Eof,
                (true, true) => LineEnd::TooLong,
                (true, false) => LineEnd::Line,
            });
        }
        any = true;
        let (piece, used, done) = match memchr::memchr(b'\n', available) {
            Some(i) => (&available[..i], i + 1, true),
            None => (available, available.len(), false),
        };
        if len <= max {
            let keep = piece.len().min(max + 1 - len);
            buf.extend_from_slice(&piece[..keep]);
        }
        len += piece.len();
        input.consume(used);
        if done {
            return Ok(if len > max {
                LineEnd::TooLong
            } else {
                LineEnd::Line
            });
        }
    }
}

/// Sends the non-empty lines of stdin in chunks of `len` lines (fewer when
/// they are long), then stops at the end of input, at a read error (sent
/// on), or when nobody listens. A line that is too long or not UTF-8 is
/// sent as an error for that line alone.
fn read_chunks(len: usize, to: &std::sync::mpsc::SyncSender<io::Result<Chunk>>) {
    let mut stdin = io::stdin().lock();
    let mut bytes = Vec::new();
    let mut number = 0;
    loop {
        bytes.clear();
        let mut lines = Vec::with_capacity(len);
        while lines.len() < len && bytes.len() < CHUNK_BYTES {
            let start = bytes.len();
            number += 1;
            match read_line(&mut stdin, &mut bytes, MAX_LINE) {
                Ok(LineEnd::Eof) => break,
                Ok(LineEnd::TooLong) => {
                    bytes.truncate(start);
                    lines.push(Line {
                        number,
                        text: Err(Unread {
                            why: format!("longer than {MAX_LINE} bytes (the limit)"),
                            id: None,
                        }),
                    });
                }
                Ok(LineEnd::Line) => {
                    let line = &bytes[start..];
                    let line = line.strip_suffix(b"\r").unwrap_or(line);
                    if is_blank(line) {
                        bytes.truncate(start);
                    } else {
                        lines.push(Line {
                            number,
                            text: Ok(start..start + line.len()),
                        });
                    }
                }
                Err(e) => {
                    let _ = to.send(Err(e));
                    return;
                }
            }
        }
        if lines.is_empty() {
            return;
        }
        let text = match simdutf8::basic::from_utf8(&bytes) {
            Ok(text) => text.to_owned(),
            // Some line is not UTF-8: each is checked alone, and only the
            // bad ones fail.
            Err(_) => utf8_lines(&bytes, &mut lines),
        };
        if to.send(Ok(Chunk { text, lines })).is_err() {
            return;
        }
    }
}

/// The text of the lines of `bytes` that are UTF-8; the others become
/// errors that say where.
fn utf8_lines(bytes: &[u8], lines: &mut [Line]) -> String {
    let mut text = String::with_capacity(bytes.len());
    for line in lines {
        let Ok(range) = line.text.clone() else {
            continue;
        };
        line.text = match std::str::from_utf8(&bytes[range.clone()]) {
            Ok(s) => {
                let start = text.len();
                text.push_str(s);
                Ok(start..text.len())
            }
            Err(e) => Err(Unread {
                why: format!(
                    "not UTF-8 (a bad byte at byte {} of the line)",
                    e.valid_up_to() + 1
                ),
                // The id is most often ASCII, before the text.
                id: serde_json::from_str::<IdOnly>(&String::from_utf8_lossy(&bytes[range.clone()]))
                    .ok()
                    .and_then(|v| v.id)
                    .map(|id| id.to_owned()),
            }),
        };
    }
    text
}

/// `line.trim().is_empty()` for a line of UTF-8, without decoding lines
/// that start (after ASCII spaces) with ASCII, as every JSON object does.
/// Bytes that are not UTF-8 are not blank: the chunk check finds them.
fn is_blank(line: &[u8]) -> bool {
    // The ASCII White_Space characters: `u8::is_ascii_whitespace` misses
    // the vertical tab, which `str::trim` removes.
    let first = line
        .iter()
        .find(|&&b| !(b == b' ' || (b'\t'..=b'\r').contains(&b)));
    match first {
        None => true,
        Some(b) if b.is_ascii() => false,
        Some(_) => std::str::from_utf8(line).is_ok_and(|s| s.trim().is_empty()),
    }
}

/// The output line for input line number `number`.
fn answer(engine: &Engine, base: &Options, line: &str, number: usize) -> Vec<u8> {
    let req: Request = match serde_json::from_str(line) {
        Ok(r) => r,
        Err(e) => {
            // Keep the id when the line is JSON but not a valid request.
            let id = serde_json::from_str::<IdOnly>(line).ok().and_then(|v| v.id);
            return error(id, format!("line {number}: bad input line: {e}"));
        }
    };
    let mut opts = base.clone();
    if req.sentences.is_some() || req.ratio.is_some() {
        opts.sentences = req.sentences;
        opts.ratio = req.ratio;
    }
    if let Some(k) = req.keywords {
        opts.keywords = k;
    }
    opts.dict.extend(req.dict);
    opts.exclude.extend(req.exclude);
    opts.boost.extend(req.boost);
    let texts: Vec<&str> = match (&req.text, &req.docs) {
        (Some(t), None) => vec![t.as_str()],
        (None, Some(d)) => d.iter().map(String::as_str).collect(),
        _ => {
            return error(
                req.id,
                format!("line {number}: give exactly one of \"text\" and \"docs\""),
            )
        }
    };
    // The same bound as a file's (see `tomtat::read::MAX_TEXT`).
    let len: usize = texts.iter().map(|t| t.len()).sum();
    if len > tomtat::read::MAX_TEXT {
        return error(
            req.id,
            format!(
                "line {number}: văn bản quá dài để tóm tắt ({} MiB chữ, tối đa {} MiB một dòng): hãy tách thành nhiều dòng",
                len.div_ceil(1 << 20),
                tomtat::read::MAX_TEXT >> 20
            ),
        );
    }
    // The lines of a chunk are answered in parallel: their texts in
    // analysis share the engine's budget (`MAX_TEXT` in all).
    let _permit = engine.admit(len);
    let docs: Vec<_> = texts.iter().map(|t| engine.document(t, None)).collect();
    match engine.summarize(&docs, &opts) {
        Ok(summary) => {
            let outline = req.outline.then(|| {
                let lists: Vec<serde_json::Value> = docs
                    .iter()
                    .map(|d| {
                        let items = engine.outline(d);
                        serde_json::to_value(OutlineView::list(d, &items)).expect("serializable")
                    })
                    .collect();
                match (req.text.is_some(), lists.len()) {
                    (true, 1) => lists.into_iter().next().expect("one"),
                    _ => serde_json::Value::Array(lists),
                }
            });
            reply(req.id, &SummaryView::new(&docs, &summary), outline.as_ref())
        }
        Err(e) => error(req.id, format!("line {number}: {e}")),
    }
}

/// The reply of a summarized line: `{"id", "summary", "keywords",
/// "names"[, "outline"]}`, the bytes `serde_json` writes for [`Reply`],
/// written by [`json`] (the test `replies_are_what_serde_writes` compares
/// them).
fn reply(
    id: Option<&RawValue>,
    summary: &SummaryView<'_>,
    outline: Option<&serde_json::Value>,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(2048);
    out.extend_from_slice(b"{\"id\":");
    json::value(&mut out, &id);
    out.push(b',');
    json::summary_fields(&mut out, summary);
    if let Some(outline) = outline {
        out.extend_from_slice(b",\"outline\":");
        json::value(&mut out, outline);
    }
    out.push(b'}');
    out
}

fn error(id: Option<&RawValue>, msg: String) -> Vec<u8> {
    let reply = ErrorReply { id, error: msg };
    serde_json::to_vec(&reply).expect("serializable")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_what_serde_writes() {
        let long = "ấ".repeat(20);
        let mut cases: Vec<String> = [
            "",
            "a",
            "\"",
            "\\",
            "\u{1f}",
            "\u{7f}",
            "\t\n\r\u{8}\u{c}\u{0}",
            "Hà Nội",
            "“ngoặc kép” và \"ngoặc\" \\ thẳng",
            "\u{2028}\u{a0}",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // A byte to escape at each place around the 16-byte steps.
        for at in 0..40 {
            for bad in ['"', '\\', '\n', '\u{1}'] {
                let mut s: String = "x".repeat(40);
                s.replace_range(at..at + 1, &bad.to_string());
                cases.push(s);
            }
        }
        cases.push(long);
        for s in &cases {
            let mut out = Vec::new();
            json::string(&mut out, s);
            assert_eq!(out, serde_json::to_vec(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn replies_are_what_serde_writes() {
        let engine = Engine::new();
        let texts = [
            "Hà Nội mở rộng đường Vành đai 4\n\n\
             Sáng 10/5, UBND TP Hà Nội họp bàn việc mở rộng đường Vành đai 4 qua huyện Mê Linh. \
             Ông Nguyễn Văn An, Giám đốc Sở Giao thông vận tải, cho biết dự án \"Vành đai 4\" cần thêm 2.000 tỷ đồng. \
             Theo kế hoạch, đường Vành đai 4 sẽ thông xe vào năm 2027 \\ đúng hạn.\n\
             Bộ Giao thông vận tải đề nghị Hà Nội sớm giải phóng mặt bằng cho đường Vành đai 4.\tMột ô.",
            "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\n\
             Luật này quy định về việc trồng và chăm sóc cây xanh trong đô thị Việt Nam.\n\
             Điều 2. Giải thích từ ngữ\nCây xanh đô thị là cây trồng trên đất công cộng.",
        ];
        let id_number = RawValue::from_string("12".into()).unwrap();
        let id_string = RawValue::from_string("\"a\\\"b\"".into()).unwrap();
        for text in texts {
            let docs = [engine.document(text, None)];
            let summary = engine
                .summarize(&docs, &Options::default())
                .expect("a summary");
            assert!(!summary.sentences.is_empty() && !summary.keywords.is_empty());
            assert!(!summary.names.is_empty());
            let items = engine.outline(&docs[0]);
            let outline = serde_json::to_value(OutlineView::list(&docs[0], &items)).unwrap();
            for id in [None, Some(&*id_number), Some(&*id_string)] {
                for outline in [None, Some(&outline)] {
                    let view = SummaryView::new(&docs, &summary);
                    let want = serde_json::to_vec(&Reply {
                        id,
                        summary: SummaryView::new(&docs, &summary),
                        outline: outline.cloned(),
                    })
                    .unwrap();
                    let got = reply(id, &view, outline);
                    assert_eq!(
                        String::from_utf8(got).unwrap(),
                        String::from_utf8(want).unwrap()
                    );
                }
            }
        }
    }

    #[test]
    fn blank_lines_are_those_that_trim_to_nothing() {
        for line in [
            "",
            " ",
            "\t \u{b}",
            "\u{b}\u{c}\r",
            "\u{a0}",
            " \u{3000}\u{2028} ",
            "{}",
            " {\"text\": \"\u{a0}\"}",
            "\u{a0}x",
            "ấ",
            "\u{200b}",
        ] {
            assert_eq!(
                is_blank(line.as_bytes()),
                line.trim().is_empty(),
                "{line:?}"
            );
        }
        // Not UTF-8: not skipped, so that the chunk check sees it.
        assert!(!is_blank(b"\xa0"));
        assert!(!is_blank(b" \xff{}"));
    }
}
