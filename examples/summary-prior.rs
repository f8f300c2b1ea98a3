//! Writes `src/data/summary-prior.bin`, the summarizer's prior on each
//! syllable pair (`src/summarize/prior.rs`): how often the abstracts of
//! the 9,945 articles of `$TOMTAT_SHARED/data/vietnews/train.jsonl` keep
//! a pair their article holds. Statistics only: hashes of pairs and
//! small numbers, no sentence of any article.
//!
//! Run by `make summary-prior` (and `make train`):
//!
//! ```text
//! TOMTAT_SHARED=../shared cargo run --release --features train --example summary-prior
//! ```
//!
//! Deterministic: the same articles and pipeline give the same bytes, and
//! a unit test (`cargo test --features train`) fails when the committed
//! file is out of date.

fn main() -> std::io::Result<()> {
    let shared = std::env::var("TOMTAT_SHARED").unwrap_or_else(|_| "../shared".into());
    let path = format!("{shared}/data/vietnews/train.jsonl");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| std::io::Error::new(e.kind(), format!("{path}: {e}")))?;
    let bytes = tomtat::summarize::prior::table_of_articles(&text)
        .map_err(|e| std::io::Error::other(format!("{path}: {e}")))?;
    let out = concat!(env!("CARGO_MANIFEST_DIR"), "/src/data/summary-prior.bin");
    std::fs::write(out, &bytes)?;
    println!(
        "{out}: {} bytes, {} pairs",
        bytes.len(),
        (bytes.len() - 4) / 5
    );
    Ok(())
}
