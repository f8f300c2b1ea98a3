//! Writes `src/data/lexicon.bin`, the prebuilt lexicon that
//! `Lexicon::builtin` loads: the stop words, generic words, number words
//! and document-frequency table of `src/data/` with what each key needs
//! worked out (its flags, idf and syllables), so that no key is folded,
//! stemmed or checked at each start.
//!
//! Run by `make lexicon` (and by `make df` after the table changes):
//!
//! ```text
//! cargo run --release --example lexicon-data
//! ```
//!
//! Deterministic: the same lists give the same bytes, and a unit test
//! fails when the committed file is out of date.

fn main() -> std::io::Result<()> {
    let lex = tomtat::Lexicon::from_lists();
    let bytes = lex.to_bytes();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/data/lexicon.bin");
    std::fs::write(path, &bytes)?;
    println!("{path}: {} bytes", bytes.len());
    Ok(())
}
