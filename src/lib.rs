//! Extractive summaries and keywords for Vietnamese documents.
//!
//! `tomtat` reads a document, cleans it, splits it into sentences and words,
//! and returns the sentences that best summarize it and its keywords. It is
//! built for real input: web scrapes with photo captions, phone numbers,
//! source links and comment boxes; one word spelled two ways (`uỷ`/`ủy`).
//!
//! # The pipeline
//!
//! One module per stage, a [`Document`] flowing through:
//!
//! 1. [`read`]: a file to raw text (txt, md, html, docx, doc, odt, rtf, pdf; UTF-8,
//!    UTF-16, Windows-1258, VISCII, TCVN3, VNI);
//! 2. [`normalize`]: NFC, spaces cleaned; the display text every span points into;
//! 3. [`boilerplate`]: each line classified as title, body or noise;
//! 4. [`sentences`]: body lines split into sentences;
//! 5. [`segment`]: sentences split into words (`Bộ Tư lệnh`, `quân khu`);
//! 6. [`analysis`]: words counted under one key, with a shipped
//!    background table (stop words, idf);
//! 7. [`keywords`]: TF-IDF over the counted words;
//! 8. [`summarize`]: sentences scored and chosen, without repeats;
//! 9. [`names`]: people, organizations and places, with their counts.
//!
//! An [`Engine`] holds the read-only data (dictionary, stop words, IDF
//! table); [`Options`] holds the knobs of one request.
//!
//! # Example
//!
//! ```
//! use tomtat::{Engine, Options};
//!
//! let engine = Engine::new();
//! let text = "Quân khu 5 tổ chức hội nghị phối hợp công tác văn phòng\n\n\
//!     Sáng 10/5, Bộ Tư lệnh Quân khu 5 tổ chức hội nghị phối hợp công tác văn phòng với 11 tỉnh, thành phố. \
//!     Hội nghị đánh giá kết quả phối hợp trong thời gian qua. \
//!     Các văn phòng cần chủ động trao đổi thông tin, tham mưu kịp thời cho lãnh đạo. \
//!     Trời hôm đó nắng đẹp.\n\n\
//!     Ảnh: Nguyễn Văn A";
//! let doc = engine.document(text, None);
//! assert_eq!(doc.title(), Some("Quân khu 5 tổ chức hội nghị phối hợp công tác văn phòng"));
//! let opts = Options { sentences: Some(2), ..Options::default() };
//! let summary = engine.summarize(&[doc], &opts)?;
//! assert_eq!(summary.sentences.len(), 2);
//! assert!(summary.sentences[0].text.starts_with("Sáng 10/5"));
//! assert!(summary.keywords.iter().any(|k| k.text == "văn phòng"));
//! # Ok::<(), tomtat::Error>(())
//! ```

#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

pub mod analysis;
pub mod boilerplate;
pub mod budget;
mod bytes;
mod document;
mod error;
mod hash;
pub mod keywords;
mod letterhead;
mod lines;
pub mod names;
pub mod normalize;
mod options;
pub mod read;
pub mod segment;
pub mod sentences;
#[cfg(test)]
mod shipped;
mod structure;
pub mod summarize;
pub mod tag;
pub mod vi;

use std::path::{Path, PathBuf};

pub use crate::analysis::Lexicon;
pub use crate::document::{
    Block, BlockKind, Document, Keyword, Noise, OutlineItem, Picked, Score, Section, Sentence,
    Span, Summary,
};
pub use crate::error::{Error, ErrorKind, Result};
pub use crate::names::{Name, NameKind};
pub use crate::options::{Options, MAX_TERMS};
pub use crate::segment::Segmenter;

/// The read-only data of the pipeline, built once and shared by threads.
#[derive(Debug)]
pub struct Engine {
    segmenter: Segmenter,
    lexicon: Lexicon,
    budget: budget::Budget,
}

impl Default for Engine {
    fn default() -> Engine {
        Engine::new()
    }
}

impl Engine {
    /// An engine over the dictionary, stop words and IDF table shipped with
    /// the crate.
    pub fn new() -> Engine {
        // The two halves are independent: built side by side, a batch
        // starts sooner on two cores (one does nothing else meanwhile).
        let (segmenter, lexicon) = rayon::join(Segmenter::new, Lexicon::builtin);
        Engine {
            segmenter,
            lexicon,
            budget: budget::Budget::new(read::MAX_TEXT),
        }
    }

    /// The word segmenter.
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// The stop words and IDF table.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Waits until `len` bytes of text may be analyzed beside what other
    /// threads analyze with this engine, and holds them until the permit
    /// is dropped: all together at most [`read::MAX_TEXT`], the most one
    /// document may carry, so that documents analyzed in parallel stay
    /// within the memory bound of one (see [`budget`]). A front end that
    /// works on several documents at once takes one around each
    /// document's (or request's) [`document`](Engine::document),
    /// [`summarize`](Engine::summarize) and [`outline`](Engine::outline)
    /// calls, for the length of its raw text, and keeps no [`Document`]
    /// past it. One permit per thread at a time.
    pub fn admit(&self, len: usize) -> budget::Permit<'_> {
        self.budget.take(len)
    }

    /// Reads the file at `path` (see [`read::read`] and
    /// [`read::ReadOptions`]: `ReadOptions::default()` reads on threads of
    /// this process, [`ReadOptions::isolated`](read::ReadOptions::isolated)
    /// in worker processes) and analyzes it.
    pub fn read(&self, path: &Path, opts: &read::ReadOptions) -> Result<Document> {
        let raw = read::read(path, opts)?;
        let mut doc = self.document(&raw.text, Some(path.to_path_buf()));
        doc.ocr = raw.ocr;
        Ok(doc)
    }

    /// Analyzes raw text: normalize, classify lines, split sentences, segment.
    pub fn document(&self, raw: &str, source: Option<PathBuf>) -> Document {
        let (text, blocks) = boilerplate::blocks_joined(normalize::normalize(raw));
        let mut titles = Vec::new();
        let mut sentences = Vec::new();
        // Each body block's sentences, in one buffer for them all.
        let mut spans = Vec::new();
        for (b, block) in blocks.iter().enumerate() {
            match block.kind {
                BlockKind::Title => titles.push(block.span),
                BlockKind::Body => {
                    sentences::split_into(&text, block.span, &mut spans);
                    sentences.extend(
                        spans
                            .iter()
                            .enumerate()
                            .map(|(i, &span)| match i {
                                0 => structure::without_label(&text, span),
                                _ => span,
                            })
                            .map(|span| Sentence::new(span, b)),
                    );
                }
                BlockKind::Heading(_) | BlockKind::Noise(_) => {}
            }
        }
        let title_words = self
            .segmenter
            .document_words(&text, &titles, &mut sentences);
        Document {
            source,
            text,
            blocks,
            sentences,
            title_words,
            ocr: None,
        }
    }

    /// Summarizes `docs` together: one document, or several as one cluster.
    ///
    /// Fails with [`Error::Empty`] when no document has a sentence, and
    /// with [`Error::TooMuchTogether`] when several hold more than
    /// [`read::MAX_TEXT`] bytes of text in all (one analysis for them all,
    /// bounded as one document's is).
    pub fn summarize(&self, docs: &[Document], opts: &Options) -> Result<Summary> {
        opts.validate()?;
        let len: usize = docs.iter().map(|d| d.text.len()).sum();
        if docs.len() > 1 && len > read::MAX_TEXT {
            return Err(Error::TooMuchTogether {
                len: len as u64,
                limit: read::MAX_TEXT as u64,
            });
        }
        if docs.iter().all(|d| d.sentences.is_empty()) {
            return Err(Error::Empty);
        }
        // The user's terms: kept whole in copies of the documents' words,
        // weighed where keywords are scored.
        let user = analysis::UserTerms::new(opts, &self.lexicon);
        let joined: Vec<Document>;
        let docs = match &user {
            Some(u) if u.keeps_whole() => {
                joined = docs.iter().map(|d| u.apply(d)).collect();
                &joined[..]
            }
            _ => docs,
        };
        let analysis = analysis::analyze_with(docs, &self.lexicon, user.as_ref());
        Ok(Summary {
            sentences: summarize::select(docs, &analysis, opts),
            keywords: keywords::extract_with(docs, &analysis, opts, user.as_ref()),
            names: names::find_with(docs, Some(&analysis)),
        })
    }

    /// The outline (Dàn ý) of `doc`: its headings in reading order, each
    /// with one or two of the sentences of its own text that best say what
    /// it holds. Empty when the document has no headings.
    pub fn outline(&self, doc: &Document) -> Vec<OutlineItem> {
        if !doc
            .blocks
            .iter()
            .any(|b| matches!(b.kind, BlockKind::Heading(_)))
        {
            return Vec::new();
        }
        let docs = std::slice::from_ref(doc);
        let analysis = analysis::analyze(docs, &self.lexicon);
        let scores = summarize::score(docs, &analysis);
        structure::outline(doc, &analysis, &scores[0])
    }

    /// Reads, analyzes and summarizes one text.
    pub fn summarize_text(&self, raw: &str, opts: &Options) -> Result<(Document, Summary)> {
        let doc = self.document(raw, None);
        let summary = self.summarize(std::slice::from_ref(&doc), opts)?;
        Ok((doc, summary))
    }
}
