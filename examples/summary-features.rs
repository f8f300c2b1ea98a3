//! Dumps, for each item of a summary set (JSON Lines with `docs`), every
//! body sentence with the parts the summarizer scores it by, for fitting
//! and studying the sentence scorer (`tests/eval/summary_fit.py`: the pair model's weights).
//!
//! ```text
//! cargo run --release --example summary-features < set.jsonl > features.jsonl
//! ```

use std::io::{BufRead, Write};

use serde_json::{json, Value};
use tomtat::{analysis, summarize, Engine};

fn main() -> std::io::Result<()> {
    let engine = Engine::new();
    let tagger = tomtat::tag::Tagger::new();
    let mut tag_worker = tagger.worker();
    let mut tags = Vec::new();
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
        let analysis = analysis::analyze(&docs, engine.lexicon());
        let scores = summarize::score(&docs, &analysis);
        let pairs = summarize::pairs(&docs, &analysis);
        let kinds = summarize::pair_kinds(&docs, &analysis);
        let mut sentences = Vec::new();
        for (d, doc) in docs.iter().enumerate() {
            for (i, s) in doc.sentences.iter().enumerate() {
                let sc = scores[d][i];
                let block = doc.blocks[s.block].span;
                // Each word in lower case and its tag in this sentence, as
                // the analysis tags it: what tells a verb here and, over
                // the body, in the document (`summary_fit.py` captions).
                let words: Vec<&str> = s.words.iter().map(|w| w.of(&doc.text)).collect();
                tags.clear();
                tag_worker.tag(words.iter().copied(), &mut tags);
                sentences.push(json!({
                    "doc": d,
                    "i": i,
                    "n": doc.sentences.len(),
                    "text": doc.sentence_text(i),
                    "terms": analysis.sentence_terms[d][i],
                    "keys": analysis.sentence_terms[d][i]
                        .iter()
                        .map(|&t| analysis.key(&analysis.terms[t as usize]))
                        .collect::<Vec<_>>(),
                    "idf": analysis.sentence_terms[d][i]
                        .iter()
                        .map(|&t| analysis.terms[t as usize].idf)
                        .collect::<Vec<_>>(),
                    "tokens": s.words.len(),
                    // JSON numbers hold 53 bits: the top 52 of each hash.
                    "pairs": pairs[d][i].0.iter().map(|h| h >> 12).collect::<Vec<_>>(),
                    // Per pair: 1 a name, 2 a number; its words' IDFs.
                    "kinds": kinds[d][i]
                        .iter()
                        .map(|k| u8::from(k.name) | u8::from(k.number) << 1)
                        .collect::<Vec<_>>(),
                    "pair_idf": kinds[d][i]
                        .iter()
                        .map(|k| [(k.idf.0 * 10.0).round() / 10.0, (k.idf.1 * 10.0).round() / 10.0])
                        .collect::<Vec<_>>(),
                    "syllables": pairs[d][i].1,
                    "words": words.iter().map(|w| w.to_lowercase()).collect::<Vec<_>>(),
                    "tags": tags.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
                    "needs_predecessor": summarize::needs_predecessor(doc, i),
                    "position": sc.position,
                    "content": sc.content,
                    "title": sc.title,
                    "block_start": block.start == s.span.start,
                    "whole_block": block == s.span,
                }));
            }
        }
        // The words of the references, under the same keys: what a
        // summary keeps of the documents' words.
        let refs: Vec<_> = item["refs"]
            .as_array()
            .map(|r| {
                r.iter()
                    .map(|t| {
                        engine.document(&format!("Tóm tắt\n\n{}", t.as_str().unwrap_or("")), None)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let ra = analysis::analyze(&refs, engine.lexicon());
        let ref_keys: Vec<&str> = ra.terms.iter().map(|t| ra.key(t)).collect();
        let ref_pairs: Vec<u64> = summarize::pairs(&refs, &ra)
            .iter()
            .flatten()
            .flat_map(|(p, _)| p.iter().map(|h| h >> 12))
            .collect();
        let rec = json!({
            "ref_keys": ref_keys,
            "ref_pairs": ref_pairs,
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
