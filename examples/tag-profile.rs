//! Writes `src/data/tag-profile.tsv`, the tag profiles the
//! part-of-speech tagger reads (`src/tag/mod.rs`): a tagger trained on
//! the treebank (`$TOMTAT_SHARED/data/vtb_pos/dev.conllu`) without them
//! tags the articles of `$TOMTAT_SHARED/data/vietnews/train.jsonl`, and
//! each word seen three times or more gets the tag it was given most
//! often, how often, in tenths, and its type: the tag a classifier of
//! the words around it and of their tags gives it (`key TAB UPOS TAB
//! tenths TAB UPOS`, in key order). A word the treebank lacks is then
//! tagged with what its many contexts in news say, not only its one
//! context in the sentence.
//!
//! Also writes `src/data/tag-jackknife.tsv`: the words of each fifth of
//! the treebank that the other fifths lack, with the profiles a first
//! stage learned on those other fifths gives them; the tagger learns from
//! them how far to trust a profile that is a guess (`Params::jackknife`;
//! empty while it is 0).
//!
//! Run by `make train`, after `tag-clusters` and before the tagger is
//! trained (`segment-data`):
//!
//! ```text
//! TOMTAT_SHARED=../shared cargo run --release --features train --example tag-profile
//! ```
//!
//! Deterministic: the same files give the same bytes.

use tomtat::tag::{profile_table, read_conllu, Params};

#[path = "tag-common/news.rs"]
mod news;

fn main() -> std::io::Result<()> {
    let shared = std::env::var("TOMTAT_SHARED").unwrap_or_else(|_| "../shared".into());
    let path = format!("{shared}/data/vtb_pos/dev.conllu");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| std::io::Error::new(e.kind(), format!("{path}: {e}")))?;
    let gold = read_conllu(&text);
    let corpus = news::news(&shared)?;
    let (table, jackknife) = profile_table(&gold, &Params::default(), &corpus);
    let out = concat!(env!("CARGO_MANIFEST_DIR"), "/src/data/tag-profile.tsv");
    std::fs::write(out, &table)?;
    eprintln!(
        "{out}: {} words, from {} sentences and {} words of news",
        table.lines().count(),
        gold.len(),
        corpus.words()
    );
    let out = concat!(env!("CARGO_MANIFEST_DIR"), "/src/data/tag-jackknife.tsv");
    std::fs::write(out, &jackknife)?;
    eprintln!(
        "{out}: {} words of the treebank's parts",
        jackknife.lines().count()
    );
    Ok(())
}
