//! Writes `src/data/segment-dict.bin`, the segmenter's dictionary built
//! from the word lists in `src/data/lexicon/`, which `Segmenter::new`
//! loads instead of cleaning the lists at start-up. Run by `make train`:
//!
//! ```text
//! cargo run --release --example segment-data
//! ```
//!
//! Deterministic: the same lists give the same bytes, and a unit test
//! fails when the committed file is out of date.

fn main() -> std::io::Result<()> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/data/segment-dict.bin");
    let dict = tomtat::segment::Dictionary::builtin_from_lists();
    let bytes = dict.to_bytes();
    std::fs::write(path, &bytes)?;
    println!("{path}: {} words, {} bytes", dict.len(), bytes.len());
    Ok(())
}
