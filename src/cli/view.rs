//! JSON shapes of the CLI's output. Offsets are in characters (Unicode
//! scalar values) of the document's display text, as Python counts them.

use serde::Serialize;
use tomtat::{Document, OutlineItem, Summary};

/// One summary sentence.
#[derive(Debug, Serialize)]
pub struct SentenceView<'a> {
    pub text: &'a str,
    pub doc: usize,
    pub start: usize,
    pub end: usize,
    pub score: f64,
    /// Why it was chosen: position, content, title overlap, salience,
    /// redundancy.
    pub parts: Parts,
}

/// The parts of a sentence's score, rounded.
#[derive(Debug, Serialize)]
pub struct Parts {
    pub position: f64,
    pub content: f64,
    pub title: f64,
    pub salience: f64,
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
    pub names: &'a [tomtat::Name],
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
                            salience: round(p.parts.salience),
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
            names: &summary.names,
        }
    }
}

/// One entry of an outline (Dàn ý): a heading, its level, its section's
/// offsets and the texts of its one or two sentences.
#[derive(Debug, Serialize)]
pub struct OutlineView<'a> {
    pub heading: &'a str,
    pub level: u8,
    pub start: usize,
    pub end: usize,
    pub summary: Vec<&'a str>,
}

impl<'a> OutlineView<'a> {
    /// The views of `items`, whose offsets point into `doc`'s text.
    pub fn list(doc: &Document, items: &'a [OutlineItem]) -> Vec<OutlineView<'a>> {
        // Offsets ascend: characters are counted once over the text.
        let mut offsets = Offsets::new(&doc.text);
        items
            .iter()
            .map(|it| OutlineView {
                heading: &it.heading,
                level: it.level,
                start: offsets.at(it.span.start),
                end: char_offset(&doc.text, it.span.end),
                summary: it.summary.iter().map(|p| p.text.as_str()).collect(),
            })
            .collect()
    }
}

/// Character offsets of ascending byte offsets, counted incrementally.
struct Offsets<'t> {
    text: &'t str,
    byte: usize,
    chars: usize,
}

impl<'t> Offsets<'t> {
    fn new(text: &'t str) -> Offsets<'t> {
        Offsets {
            text,
            byte: 0,
            chars: 0,
        }
    }

    fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            return char_offset(self.text, byte);
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
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
