//! Writes `src/data/ocr-pairs.bin`, the syllable model that puts back the
//! marks OCR misreads (`src/read/marks.rs`): how often each syllable, and
//! each pair of syllables side by side, occurs in the titles, paragraphs
//! and abstracts of `$TOMTAT_SHARED/data/vietnews/train.jsonl`, and inside
//! the words of the word lists in `src/data/lexicon/`. Statistics only: no
//! sentence of any article.
//!
//! Run by `make ocr-pairs` (and `make train`):
//!
//! ```text
//! TOMTAT_SHARED=../shared cargo run --release --features train --example ocr-pairs
//! ```
//!
//! Deterministic: the same articles give the same bytes, and a unit test
//! (`cargo test --features train`) fails when the committed file is out of
//! date.

fn main() -> std::io::Result<()> {
    let shared = std::env::var("TOMTAT_SHARED").unwrap_or_else(|_| "../shared".into());
    let path = format!("{shared}/data/vietnews/train.jsonl");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| std::io::Error::new(e.kind(), format!("{path}: {e}")))?;
    let bytes = tomtat::read::marks::model_of_articles(&text)
        .map_err(|e| std::io::Error::other(format!("{path}: {e}")))?;
    let out = concat!(env!("CARGO_MANIFEST_DIR"), "/src/data/ocr-pairs.bin");
    std::fs::write(out, &bytes)?;
    println!("{out}: {} bytes", bytes.len());
    Ok(())
}
