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

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

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
    let engine = Engine::new();
    let chunk_len = LINES_PER_THREAD * rayon::current_num_threads();
    let mut lines = io::stdin().lock().lines();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut chunk = Vec::with_capacity(chunk_len);
    loop {
        chunk.clear();
        for line in lines.by_ref() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            chunk.push(line);
            if chunk.len() == chunk_len {
                break;
            }
        }
        if chunk.is_empty() {
            break;
        }
        let replies: Vec<String> = chunk
            .par_iter()
            .map(|line| answer(&engine, base, line))
            .collect();
        for reply in replies {
            out.write_all(reply.as_bytes())?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
    }
    // A line that cannot be summarized is answered with an error object;
    // the exit status only reports failures of the stream itself.
    Ok(ExitCode::SUCCESS)
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
