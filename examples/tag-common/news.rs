//! The running text the tagger learns its tag profiles from, shared by
//! `tag-profile` and `tag-cv`.

use tomtat::tag::Corpus;

/// The articles of `$shared/data/vietnews/train.jsonl` (title and
/// paragraphs) as the shipped segmenter splits them, one line of words a
/// paragraph.
pub fn news(shared: &str) -> std::io::Result<Corpus> {
    let path = format!("{shared}/data/vietnews/train.jsonl");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| std::io::Error::new(e.kind(), format!("{path}: {e}")))?;
    let seg = tomtat::Segmenter::new();
    let mut worker = seg.worker();
    let mut corpus = Corpus::default();
    let mut out = String::new();
    for record in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(record)
            .map_err(|e| std::io::Error::other(format!("{path}: {e}")))?;
        let mut parts: Vec<&str> = vec![v["title"].as_str().unwrap_or("")];
        if let Some(docs) = v["docs"].as_array() {
            parts.extend(docs.iter().filter_map(|d| d.as_str()));
        }
        for line in parts.iter().flat_map(|p| p.lines()) {
            out.clear();
            worker.segment_line(line, &mut out);
            corpus.push(out.split(' ').filter(|w| !w.is_empty()));
        }
    }
    Ok(corpus)
}
