//! The data that flows through the pipeline: a [`Document`] with its
//! display text, and the spans each stage adds to it.

use std::path::PathBuf;

/// A half-open range of byte offsets into a [`Document::text`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Its length in bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when it covers no byte.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The text it covers.
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// Why a block of text is left out of summaries and keywords.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Noise {
    /// A photo caption (`Chú thích ảnh…`, `Ảnh: …`, a line that repeats).
    Caption,
    /// A web address or a `Nguồn:` line.
    Link,
    /// A date, a time, a phone number, a view counter: a line of figures.
    Figures,
    /// Site names, menus, breadcrumbs, share and print buttons.
    Navigation,
    /// A comment box and everything after it.
    Comments,
    /// A byline or an author's signature.
    Byline,
    /// A token soup that is no language (`cctvnnnbnnvakknfjcn11`).
    Junk,
    /// A line that repeats an earlier one.
    Repeat,
    /// A short line with no sentence shape (a heading-less label).
    Fragment,
    /// The letterhead or signature of an official document: issuing body,
    /// state name and motto, number, date, addressees, distribution list.
    Letterhead,
}

/// What a block (one line of the display text) is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum BlockKind {
    /// The document's title: used for scoring and display, never summarized.
    Title,
    /// Running text: its sentences may be summarized.
    Body,
    /// Not part of the article.
    Noise(Noise),
}

/// One non-empty line of the display text, and what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    /// The line, without its line break and surrounding spaces.
    pub span: Span,
    /// What it is.
    pub kind: BlockKind,
}

/// One sentence of the body, with its words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence in the display text.
    pub span: Span,
    /// Index of the [`Block`] it belongs to.
    pub block: usize,
    /// Word spans, in order, covering the sentence's non-space text without
    /// overlap; punctuation marks are words of their own.
    pub words: Vec<Span>,
}

impl Sentence {
    /// A sentence of block `block`, its words not found yet.
    pub fn new(span: Span, block: usize) -> Sentence {
        Sentence {
            span,
            block,
            words: Vec::new(),
        }
    }
}

/// One document and what each stage learned about it.
///
/// `text` is written once, by the normalize stage; later stages only add
/// spans, so every span stays valid for highlighting.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    /// Where it was read from, if from a file.
    pub source: Option<PathBuf>,
    /// Display text: NFC, spaces cleaned, otherwise as the author wrote it.
    pub text: String,
    /// The lines of `text`, classified.
    pub blocks: Vec<Block>,
    /// The body's sentences, in reading order.
    pub sentences: Vec<Sentence>,
    /// Words of the title, for scoring.
    pub title_words: Vec<Span>,
    /// How the text was read by OCR (a scan, a photo): the mean confidence
    /// and each page's, low ones flagged; `None` for a text layer.
    pub ocr: Option<crate::read::Ocr>,
}

impl Document {
    /// The title block, when one was recognized.
    pub fn title(&self) -> Option<&str> {
        self.blocks
            .iter()
            .find(|b| b.kind == BlockKind::Title)
            .map(|b| b.span.of(&self.text))
    }

    /// The text of sentence `i`.
    pub fn sentence_text(&self, i: usize) -> &str {
        self.sentences[i].span.of(&self.text)
    }
}

/// One chosen sentence of a summary.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Picked {
    /// Which document of the input it comes from (0 for a single document).
    pub doc: usize,
    /// Index of the sentence in that document's `sentences`.
    pub index: usize,
    /// Its span in that document's display text (bytes).
    pub span: Span,
    /// Its text.
    pub text: String,
    /// Its score, higher is better.
    pub score: f64,
    /// The parts of its score: why it was chosen.
    pub parts: Score,
}

/// The parts of one sentence's score: why it was chosen.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Score {
    /// Position prior, in (0, 1].
    pub position: f64,
    /// Its syllable pairs that other sentences repeat, per length, against
    /// the strongest sentence of its document, in [0, 1].
    pub content: f64,
    /// Share of the title's words it contains, in [0, 1].
    pub title: f64,
    /// The largest share of its words that an already chosen sentence
    /// holds, in [0, 1]; above the summary's limit it would not
    /// have been chosen.
    pub redundancy: f64,
}

/// One keyword with its score.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Keyword {
    /// The keyword as it is most often written in the text (`Quân khu`).
    pub text: String,
    /// Its TF-IDF score, higher is better.
    pub score: f64,
    /// How many times it occurs, all spellings together.
    pub count: usize,
}

/// The result of summarizing one document or several together.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Summary {
    /// The chosen sentences, in reading order (by document, then position).
    pub sentences: Vec<Picked>,
    /// The keywords, best first.
    pub keywords: Vec<Keyword>,
}
