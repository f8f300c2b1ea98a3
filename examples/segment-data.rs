//! Writes the segmenter's prebuilt data, which `Segmenter::new` loads:
//!
//! - `src/data/segment-dict.bin`: the dictionary, the word lists in
//!   `src/data/lexicon/` plus the words the treebank adds;
//! - `src/data/segment-model.bin`: the learned scores of the lattice
//!   (`src/segment/learn.rs`), trained on all of the word-segmented
//!   treebank `$TOMTAT_SHARED/data/vtb_ws/dev.txt` (CC BY-SA 4.0);
//! - `src/data/tag-model.bin`: the part-of-speech tagger's weights
//!   (`src/tag/learn.rs`), trained on the same sentences with their
//!   tags, `$TOMTAT_SHARED/data/vtb_pos/dev.conllu` (CC BY-SA 4.0).
//!
//! Run by `make train`:
//!
//! ```text
//! TOMTAT_SHARED=../shared cargo run --release --features train --example segment-data
//! ```
//!
//! Deterministic: the same inputs give the same bytes, and a unit test
//! fails when the committed files are out of date.

use tomtat::segment::{train, Params};
use tomtat::tag;

fn main() -> std::io::Result<()> {
    let shared = std::env::var("TOMTAT_SHARED").unwrap_or_else(|_| "../shared".into());
    let path = format!("{shared}/data/vtb_ws/dev.txt");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| std::io::Error::new(e.kind(), format!("{path}: {e}")))?;
    let lines: Vec<&str> = text.lines().collect();
    let t = train(&lines, &Params::default());
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/data");
    let dict = t.dict.to_bytes();
    std::fs::write(format!("{dir}/segment-dict.bin"), &dict)?;
    std::fs::write(format!("{dir}/segment-model.bin"), &t.model)?;
    println!(
        "{dir}/segment-dict.bin: {} words, {} bytes; segment-model.bin: {} bytes, from {} sentences",
        t.dict.len(),
        dict.len(),
        t.model.len(),
        lines.len()
    );
    let path = format!("{shared}/data/vtb_pos/dev.conllu");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| std::io::Error::new(e.kind(), format!("{path}: {e}")))?;
    let gold = tag::read_conllu(&text);
    let model = tag::train(&gold, &tag::Params::default()).to_bytes();
    std::fs::write(format!("{dir}/tag-model.bin"), &model)?;
    println!(
        "{dir}/tag-model.bin: {} bytes, from {} sentences",
        model.len(),
        gold.len()
    );
    Ok(())
}
