//! JSON shapes of the CLI's output. Offsets are in characters (Unicode
//! scalar values) of the document's display text, as Python counts them.

use serde::Serialize;
use tomtat::{Document, Summary};

/// One summary sentence.
#[derive(Debug, Serialize)]
pub struct SentenceView<'a> {
    pub text: &'a str,
    pub doc: usize,
    pub start: usize,
    pub end: usize,
    pub score: f64,
    /// Why it was chosen: position, content, title overlap, redundancy.
    pub parts: Parts,
}

/// The parts of a sentence's score, rounded.
#[derive(Debug, Serialize)]
pub struct Parts {
    pub position: f64,
    pub content: f64,
    pub title: f64,
    pub redundancy: f64,
}

/// One keyword.
#[derive(Debug, Serialize)]
pub struct KeywordView<'a> {
    pub text: &'a str,
    pub score: f64,
    pub count: usize,
}

/// The summary of one document or one set of documents.
#[derive(Debug, Serialize)]
pub struct SummaryView<'a> {
    pub summary: Vec<SentenceView<'a>>,
    pub keywords: Vec<KeywordView<'a>>,
}

impl<'a> SummaryView<'a> {
    /// The view of `summary`, whose offsets point into `docs`.
    pub fn new(docs: &[Document], summary: &'a Summary) -> SummaryView<'a> {
        SummaryView {
            summary: summary
                .sentences
                .iter()
                .map(|p| {
                    let text = &docs[p.doc].text;
                    let start = char_offset(text, p.span.start);
                    SentenceView {
                        text: &p.text,
                        doc: p.doc,
                        start,
                        end: start + p.text.chars().count(),
                        score: round(p.score),
                        parts: Parts {
                            position: round(p.parts.position),
                            content: round(p.parts.content),
                            title: round(p.parts.title),
                            redundancy: round(p.parts.redundancy),
                        },
                    }
                })
                .collect(),
            keywords: summary
                .keywords
                .iter()
                .map(|k| KeywordView {
                    text: &k.text,
                    score: round(k.score),
                    count: k.count,
                })
                .collect(),
        }
    }
}

/// The character offset of byte offset `byte` in `text`.
pub fn char_offset(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

/// Four decimals are plenty for a score and keep the output short.
fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
