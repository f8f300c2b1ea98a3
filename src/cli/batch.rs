//! `tomtat batch`: JSON Lines in, JSON Lines out, one line out per line in,
//! in the same order.
//!
//! In: `{"id": any, "text": "..."}` or `{"id": any, "docs": ["...", ...]}`
//! (summarized together), with optional `"sentences"`, `"ratio"`,
//! `"keywords"` and `"outline": true` (adds `"outline": [{"heading",
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
//! Vietnamese text (two of five bytes are not ASCII). Input that is not
//! UTF-8 stops the run with an error, as before.

use std::io::{self, BufRead, BufWriter, Write};
use std::ops::Range;
use std::process::ExitCode;
use std::sync::mpsc::sync_channel;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tomtat::{Engine, Options};

use super::view::{OutlineView, SummaryView};

/// Lines per thread in one chunk.
const LINES_PER_THREAD: usize = 64;

#[derive(Deserialize)]
struct Request {
    #[serde(default)]
    id: Value,
    text: Option<String>,
    docs: Option<Vec<String>>,
    sentences: Option<usize>,
    ratio: Option<f64>,
    keywords: Option<usize>,
    #[serde(default)]
    outline: bool,
}

#[derive(Serialize)]
struct Reply<'a> {
    id: &'a Value,
    #[serde(flatten)]
    summary: SummaryView<'a>,
    /// Each document's outline, when asked for: one list for `"text"`, a
    /// list per document for `"docs"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    outline: Option<serde_json::Value>,
}

#[derive(Serialize)]
struct ErrorReply<'a> {
    id: &'a Value,
    error: String,
}

/// Some lines of input: their text one after the other, and where each
/// line is in it.
struct Chunk {
    text: String,
    lines: Vec<Range<usize>>,
}

pub fn run(base: &Options) -> anyhow::Result<ExitCode> {
    let chunk_len = LINES_PER_THREAD * rayon::current_num_threads();
    let (chunks, chunks_in) = sync_channel::<io::Result<Chunk>>(1);
    let (replies, replies_in) = sync_channel::<Vec<String>>(1);
    // Not joined: when printing fails (a closed pipe), the reader may be
    // waiting on stdin, and the process ends without it.
    std::thread::spawn(move || read_chunks(chunk_len, &chunks));
    let writer = std::thread::spawn(move || -> io::Result<()> {
        let mut out = BufWriter::new(io::stdout().lock());
        for chunk in replies_in {
            for reply in chunk {
                out.write_all(reply.as_bytes())?;
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
        let answers: Vec<String> = chunk
            .lines
            .par_iter()
            .map(|line| answer(&engine, base, &chunk.text[line.clone()]))
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

/// Sends the non-empty lines of stdin in chunks of `len`, then stops at
/// the end of input, at a read error or input that is not UTF-8 (sent
/// on), or when nobody listens.
fn read_chunks(len: usize, to: &std::sync::mpsc::SyncSender<io::Result<Chunk>>) {
    let mut stdin = io::stdin().lock();
    let mut bytes = Vec::new();
    loop {
        bytes.clear();
        let mut lines = Vec::with_capacity(len);
        while lines.len() < len {
            let start = bytes.len();
            match stdin.read_until(b'\n', &mut bytes) {
                Ok(0) => break,
                Ok(_) => {
                    let line = &bytes[start..];
                    let line = line.strip_suffix(b"\n").unwrap_or(line);
                    let line = line.strip_suffix(b"\r").unwrap_or(line);
                    if is_blank(line) {
                        bytes.truncate(start);
                    } else {
                        lines.push(start..start + line.len());
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
        // The error `BufRead::lines` gives.
        let Ok(text) = simdutf8::basic::from_utf8(&bytes) else {
            let e = io::Error::new(
                io::ErrorKind::InvalidData,
                "stream did not contain valid UTF-8",
            );
            let _ = to.send(Err(e));
            return;
        };
        let chunk = Chunk {
            text: text.to_owned(),
            lines,
        };
        if to.send(Ok(chunk)).is_err() {
            return;
        }
    }
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

/// The output line for one input line.
fn answer(engine: &Engine, base: &Options, line: &str) -> String {
    let req: Request = match serde_json::from_str(line) {
        Ok(r) => r,
        Err(e) => {
            // Keep the id when the line is JSON but not a valid request.
            let id = serde_json::from_str::<Value>(line)
                .ok()
                .and_then(|v| v.get("id").cloned())
                .unwrap_or(Value::Null);
            return error(&id, format!("bad input line: {e}"));
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
    let texts: Vec<&str> = match (&req.text, &req.docs) {
        (Some(t), None) => vec![t.as_str()],
        (None, Some(d)) => d.iter().map(String::as_str).collect(),
        _ => return error(&req.id, "give exactly one of \"text\" and \"docs\"".into()),
    };
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
            let reply = Reply {
                id: &req.id,
                summary: SummaryView::new(&docs, &summary),
                outline,
            };
            serde_json::to_string(&reply).expect("serializable")
        }
        Err(e) => error(&req.id, e.to_string()),
    }
}

fn error(id: &Value, msg: String) -> String {
    let reply = ErrorReply { id, error: msg };
    serde_json::to_string(&reply).expect("serializable")
}

#[cfg(test)]
mod tests {
    use super::*;

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
