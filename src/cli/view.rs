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

/// The JSON that `serde_json` writes for a view, written straight into a
/// buffer: the field names as fixed bytes, a string with nothing to
/// escape (almost every one) copied whole, numbers and the rest written by
/// `serde_json` itself. The serde path spent about 130 instructions a
/// string on vietnews DEV (the field names are strings too, each escaped
/// byte by byte), for a quarter of the output's cost (issue 13); the
/// bytes are the same (see the tests).
pub mod json {
    use super::{KeywordView, SentenceView, SummaryView};
    use serde::Serialize;

    /// Appends `s` as a JSON string.
    pub fn string(out: &mut Vec<u8>, s: &str) {
        if needs_escape(s.as_bytes()) {
            value(out, s);
        } else {
            out.reserve(s.len() + 2);
            out.push(b'"');
            out.extend_from_slice(s.as_bytes());
            out.push(b'"');
        }
    }

    /// Whether a byte of `b` is one JSON escapes: a control character
    /// below U+0020, `"` or `\`. Sixteen bytes a step, without an early
    /// exit, so that the compiler makes it vector code.
    fn needs_escape(b: &[u8]) -> bool {
        let bad = |acc: bool, &c: &u8| acc | (c < 0x20) | (c == b'"') | (c == b'\\');
        let mut chunks = b.chunks_exact(16);
        for c in &mut chunks {
            if c.iter().fold(false, bad) {
                return true;
            }
        }
        chunks.remainder().iter().fold(false, bad)
    }

    /// Appends `v` as `serde_json` writes it.
    pub fn value<T: Serialize + ?Sized>(out: &mut Vec<u8>, v: &T) {
        serde_json::to_writer(&mut *out, v).expect("a Vec takes every write");
    }

    /// Appends `name` (the bytes before a member's value: its comma, its
    /// quoted name and the colon), then `v` as `serde_json` writes it.
    fn field<T: Serialize + ?Sized>(out: &mut Vec<u8>, name: &[u8], v: &T) {
        out.extend_from_slice(name);
        value(out, v);
    }

    fn sentence(out: &mut Vec<u8>, s: &SentenceView<'_>) {
        out.extend_from_slice(b"{\"text\":");
        string(out, s.text);
        field(out, b",\"doc\":", &s.doc);
        field(out, b",\"start\":", &s.start);
        field(out, b",\"end\":", &s.end);
        field(out, b",\"score\":", &s.score);
        let p = &s.parts;
        field(out, b",\"parts\":{\"position\":", &p.position);
        field(out, b",\"content\":", &p.content);
        field(out, b",\"title\":", &p.title);
        field(out, b",\"salience\":", &p.salience);
        field(out, b",\"redundancy\":", &p.redundancy);
        out.extend_from_slice(b"}}");
    }

    fn keyword(out: &mut Vec<u8>, k: &KeywordView<'_>) {
        out.extend_from_slice(b"{\"text\":");
        string(out, k.text);
        field(out, b",\"score\":", &k.score);
        field(out, b",\"count\":", &k.count);
        out.push(b'}');
    }

    fn name(out: &mut Vec<u8>, n: &tomtat::Name) {
        out.extend_from_slice(b"{\"text\":");
        string(out, &n.text);
        field(out, b",\"kind\":", &n.kind);
        field(out, b",\"count\":", &n.count);
        out.push(b'}');
    }

    /// Appends `items`, each by `write`, as a JSON array.
    fn list<T>(out: &mut Vec<u8>, items: &[T], write: impl Fn(&mut Vec<u8>, &T)) {
        out.push(b'[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            write(out, item);
        }
        out.push(b']');
    }

    /// Appends the fields of `view` as an object's members, without the
    /// braces: what `#[serde(flatten)]` of it writes.
    pub fn summary_fields(out: &mut Vec<u8>, view: &SummaryView<'_>) {
        out.extend_from_slice(b"\"summary\":");
        list(out, &view.summary, sentence);
        out.extend_from_slice(b",\"keywords\":");
        list(out, &view.keywords, keyword);
        out.extend_from_slice(b",\"names\":");
        list(out, view.names, name);
    }
}
