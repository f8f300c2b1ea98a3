//! The running text the tagger learns from without tags, shared by
//! `tag-clusters` (word clusters), `tag-profile` and `tag-cv` (tag
//! profiles): one reader, so that both learn from the same lines.

use tomtat::tag::Corpus;

/// Calls `line` with each non-blank line of the articles of
/// `$shared/data/vietnews/train.jsonl` (title and paragraphs, in order) as
/// the shipped segmenter splits it: words separated by spaces, the
/// syllables of a word joined by `_`.
pub fn for_each_line(shared: &str, mut line: impl FnMut(&str)) -> std::io::Result<()> {
    let path = format!("{shared}/data/vietnews/train.jsonl");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| std::io::Error::new(e.kind(), format!("{path}: {e}")))?;
    let seg = tomtat::Segmenter::new();
    let mut worker = seg.worker();
    let mut out = String::new();
    for record in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(record)
            .map_err(|e| std::io::Error::other(format!("{path}: {e}")))?;
        let mut parts: Vec<&str> = vec![v["title"].as_str().unwrap_or("")];
        if let Some(docs) = v["docs"].as_array() {
            parts.extend(docs.iter().filter_map(|d| d.as_str()));
        }
        for text in parts.iter().flat_map(|p| p.lines()) {
            if text.trim().is_empty() {
                continue;
            }
            out.clear();
            worker.segment_line(text, &mut out);
            line(&out);
        }
    }
    Ok(())
}

/// The lines of [`for_each_line`] as a [`Corpus`], for tag profiles.
#[allow(dead_code)] // `tag-clusters` reads the lines only
pub fn news(shared: &str) -> std::io::Result<Corpus> {
    let mut corpus = Corpus::default();
    for_each_line(shared, |line| {
        corpus.push(line.split(' ').filter(|w| !w.is_empty()))
    })?;
    Ok(corpus)
}
