//! Writes `src/data/tag-table.bin`, the tagger's prebuilt table of word
//! clusters and tag profiles: `src/data/tag-clusters.tsv` and
//! `src/data/tag-profile.tsv` read, each key hashed and the syllables'
//! head and tail profiles worked out, so that no start does it again.
//!
//! Run by `make tag-table` (and by `make train` after the two files
//! change):
//!
//! ```text
//! cargo run --release --example tag-table
//! ```
//!
//! Deterministic: the same files give the same bytes, and a unit test
//! fails when the committed file is out of date.

fn main() -> std::io::Result<()> {
    let bytes = tomtat::tag::table_bytes();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/data/tag-table.bin");
    std::fs::write(path, &bytes)?;
    println!("{path}: {} bytes", bytes.len());
    Ok(())
}
