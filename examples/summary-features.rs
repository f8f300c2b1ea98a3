//! Dumps, for each item of a summary set (JSON Lines with `docs`), every
//! body sentence with the parts the summarizer scores it by, for fitting
//! and studying the sentence scorer (`tests/eval/summary_fit.py`).
//!
//! ```text
//! cargo run --release --example summary-features < set.jsonl > features.jsonl
//! ```

use std::io::{BufRead, Write};

use serde_json::{json, Value};
use tomtat::{keywords, summarize, Engine};

fn main() -> std::io::Result<()> {
    let engine = Engine::new();
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let item: Value = serde_json::from_str(&line).expect("a JSON object a line");
        let docs: Vec<_> = item["docs"]
            .as_array()
            .expect("docs")
            .iter()
            .map(|d| engine.document(d.as_str().unwrap_or(""), None))
            .collect();
        let analysis = keywords::analyze(&docs, engine.lexicon());
        let scores = summarize::score(&docs, &analysis);
        let mut sentences = Vec::new();
        for (d, doc) in docs.iter().enumerate() {
            for (i, s) in doc.sentences.iter().enumerate() {
                let sc = scores[d][i];
                let block = doc.blocks[s.block].span;
                sentences.push(json!({
                    "doc": d,
                    "i": i,
                    "n": doc.sentences.len(),
                    "text": doc.sentence_text(i),
                    "terms": analysis.sentence_terms[d][i],
                    "position": sc.position,
                    "content": sc.content,
                    "title": sc.title,
                    "block_start": block.start == s.span.start,
                    "whole_block": block == s.span,
                }));
            }
        }
        let rec = json!({
            "id": item["id"],
            "refs": item.get("refs").cloned().unwrap_or(Value::Null),
            "ndocs": docs.len(),
            "sentences": sentences,
        });
        serde_json::to_writer(&mut out, &rec)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
