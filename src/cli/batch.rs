//! `tomtat batch`: JSON Lines in, JSON Lines out, one line out per line in,
//! in the same order.
//!
//! In: `{"id": any, "text": "..."}` or `{"id": any, "docs": ["...", ...]}`
//! (summarized together), with optional `"sentences"`, `"ratio"` and
//! `"keywords"`. Out: `{"id", "summary": [{"text", "doc", "start", "end",
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

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;
use std::sync::mpsc::sync_channel;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tomtat::{Engine, Options};

use super::view::SummaryView;

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
}

#[derive(Serialize)]
struct Reply<'a> {
    id: &'a Value,
    #[serde(flatten)]
    summary: SummaryView<'a>,
}

#[derive(Serialize)]
struct ErrorReply<'a> {
    id: &'a Value,
    error: String,
}

pub fn run(base: &Options) -> anyhow::Result<ExitCode> {
    let chunk_len = LINES_PER_THREAD * rayon::current_num_threads();
    let (chunks, chunks_in) = sync_channel::<io::Result<Vec<String>>>(1);
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
            .par_iter()
            .map(|line| answer(&engine, base, line))
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
/// the end of input, at a read error (sent on), or when nobody listens.
fn read_chunks(len: usize, to: &std::sync::mpsc::SyncSender<io::Result<Vec<String>>>) {
    let mut lines = io::stdin().lock().lines();
    loop {
        let mut chunk = Vec::with_capacity(len);
        for line in lines.by_ref() {
            match line {
                Ok(l) if l.trim().is_empty() => {}
                Ok(l) => {
                    chunk.push(l);
                    if chunk.len() == len {
                        break;
                    }
                }
                Err(e) => {
                    let _ = to.send(Err(e));
                    return;
                }
            }
        }
        if chunk.is_empty() || to.send(Ok(chunk)).is_err() {
            return;
        }
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
            let reply = Reply {
                id: &req.id,
                summary: SummaryView::new(&docs, &summary),
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
