//! Writes `src/data/segment-pairs.bin`, how often each two-syllable word
//! of the shipped dictionary stands in running text where it overlaps no
//! other (`src/segment/pairs.rs`: where two words overlap, the far more
//! frequent one takes the shared syllable unless the model holds its
//! reading by far). Counted over the titles and paragraphs of the articles
//! of `$TOMTAT_SHARED/data/vietnews/train.jsonl`
//! (`tomtat::segment::pair_table_of_articles`).
//!
//! Run by `make segment-pairs`, and by `make train` after the dictionary:
//!
//! ```text
//! TOMTAT_SHARED=../shared cargo run --release --features train --example segment-pairs
//! ```
//!
//! Deterministic: the same articles and dictionary give the same bytes,
//! and a unit test fails when the committed file is out of date.

fn main() -> std::io::Result<()> {
    let shared = std::env::var("TOMTAT_SHARED").unwrap_or_else(|_| "../shared".into());
    let path = format!("{shared}/data/vietnews/train.jsonl");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| std::io::Error::new(e.kind(), format!("{path}: {e}")))?;
    let bytes = tomtat::segment::pair_table_of_articles(&text)
        .map_err(|e| std::io::Error::other(format!("{path}: {e}")))?;
    let out = concat!(env!("CARGO_MANIFEST_DIR"), "/src/data/segment-pairs.bin");
    std::fs::write(out, &bytes)?;
    println!(
        "{out}: {} words, {} bytes",
        (bytes.len() - 12) / 4,
        bytes.len()
    );
    Ok(())
}
