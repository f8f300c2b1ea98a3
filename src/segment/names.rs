//! Names a document spells out, put back together at sentence starts.
//!
//! Inside a sentence, a run of capitalized syllables is a name (`huyện Cẩm
//! Xuyên`). At its start a capital proves nothing, so the segmenter leaves
//! the first syllable to the lattice, and a name that opens a sentence or a
//! title comes out cut (`Cẩm | Xuyên tổng kết vụ lúa`): the title then gave
//! the keywords `cẩm` and `Xuyên`. The document itself says better: a name
//! it writes in mid-sentence is a name where a sentence opens with it too.
//! The segmenter reports those names as it finds them, so learning them
//! costs no pass over the words.

use super::Segmenter;
use crate::document::{Sentence, Span};
use crate::hash::FxHashSet;

/// The most words a sentence's opening name is put back together from.
const MAX_PARTS: usize = 3;

/// The names of a document: words of two syllables or more, each
/// syllable capitalized, found after the first word of a word list.
#[derive(Debug, Default)]
pub struct Names<'t> {
    names: FxHashSet<&'t str>,
}

impl<'t> Names<'t> {
    /// Adds the names the segmenter found past sentence starts
    /// ([`Worker::words_and_names`](super::Worker::words_and_names)).
    pub fn learn(&mut self, text: &'t str, found: &[Span]) {
        self.names.extend(found.iter().map(|s| s.of(text)));
    }

    /// Whether the document wrote no name.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Joins the first words of `words` (a sentence of `text`) into one
    /// when together they spell a name of the document.
    pub fn join_opening(&self, text: &str, words: &mut Vec<Span>) {
        if self.names.is_empty() || words.len() < 2 {
            return;
        }
        let first = words[0];
        // A name's parts are capitalized: so are its first two words.
        let capital = |w: Span| w.of(text).chars().next().is_some_and(char::is_uppercase);
        if !may_start_upper(words[1].of(text)) || !capital(first) || !capital(words[1]) {
            return;
        }
        // The longest run of words, one space apart, that is a name.
        let mut join = 0;
        for j in 1..words.len().min(MAX_PARTS) {
            if &text[words[j - 1].end..words[j].start] != " " {
                break;
            }
            if self.names.contains(&text[first.start..words[j].end]) {
                join = j;
            }
        }
        if join > 0 {
            words[0] = Span::new(first.start, words[join].end);
            words.drain(1..=join);
        }
    }
}

impl Segmenter {
    /// The words of a document: those of each body sentence go into its
    /// [`Sentence::words`]; those of the title lines, line after line, are
    /// returned. A name the document writes inside its sentences is whole
    /// where a sentence or a title line opens with it (see [`Names`]).
    // Inlined into `Engine::document`, its one caller, as the loop was
    // before it moved here: 0.723 M instructions per article apart, 0.716
    // M inlined.
    #[inline]
    pub fn document_words(
        &self,
        text: &str,
        titles: &[Span],
        sentences: &mut [Sentence],
    ) -> Vec<Span> {
        let mut worker = self.worker();
        let mut title_words = Vec::new();
        // Where each title line's words start: a sentence start, like a
        // sentence's first word.
        let mut title_starts = Vec::with_capacity(titles.len());
        // Names the segmenter found inside sentences.
        let mut found = Vec::new();
        for &line in titles {
            title_starts.push(title_words.len());
            worker.words_and_names(text, line, &mut title_words, &mut found);
        }
        // Words go to one growing buffer, then each sentence keeps an
        // exact-size copy.
        let mut buf = Vec::new();
        for s in sentences.iter_mut() {
            buf.clear();
            worker.words_and_names(text, s.span, &mut buf, &mut found);
            s.words = buf.as_slice().into();
        }
        let mut names = Names::default();
        names.learn(text, &found);
        for s in sentences.iter_mut() {
            names.join_opening(text, &mut s.words);
        }
        if title_starts.is_empty() || names.is_empty() {
            return title_words;
        }
        let mut joined = Vec::with_capacity(title_words.len());
        let mut line = Vec::new();
        for (i, &start) in title_starts.iter().enumerate() {
            let end = title_starts
                .get(i + 1)
                .copied()
                .unwrap_or(title_words.len());
            line.clear();
            line.extend_from_slice(&title_words[start..end]);
            names.join_opening(text, &mut line);
            joined.extend_from_slice(&line);
        }
        joined
    }
}

/// False when the first byte shows `word` starts with no capital: an ASCII
/// byte other than `A`–`Z`. Vietnamese capitals outside ASCII (`Đ`, `Ủ`)
/// start with a lead byte and are checked by their char.
#[inline]
fn may_start_upper(word: &str) -> bool {
    word.as_bytes()
        .first()
        .is_some_and(|&b| b.is_ascii_uppercase() || b >= 0x80)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Engine;

    fn words<'t>(engine: &Engine, text: &'t str) -> Vec<&'t str> {
        let mut w = Vec::new();
        engine
            .segmenter()
            .worker()
            .words(text, Span::new(0, text.len()), &mut w);
        w.iter().map(|s| s.of(text)).collect()
    }

    #[test]
    fn the_first_byte_never_rules_out_a_capital() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if c.is_uppercase() {
                assert!(may_start_upper(c.encode_utf8(&mut [0; 4])), "{c:?}");
            }
        }
        assert!(!may_start_upper("xã"));
        assert!(!may_start_upper(""));
    }

    #[test]
    fn a_name_written_in_mid_sentence_is_whole_at_a_sentence_start() {
        let engine = Engine::new();
        let opening = "Cẩm Xuyên tổng kết vụ lúa xuân";
        let inside = "Hội nông dân huyện Cẩm Xuyên họp sáng nay";
        // What the segmenter does alone.
        assert_eq!(words(&engine, opening)[..2], ["Cẩm", "Xuyên"]);
        assert!(words(&engine, inside).contains(&"Cẩm Xuyên"));
        let mut names = Names::default();
        let (mut spans, mut found) = (Vec::new(), Vec::new());
        let mut worker = engine.segmenter().worker();
        worker.words_and_names(inside, Span::new(0, inside.len()), &mut spans, &mut found);
        let found_text: Vec<&str> = found.iter().map(|s| s.of(inside)).collect();
        assert_eq!(found_text, ["Cẩm Xuyên"]);
        names.learn(inside, &found);
        // A name at the start is not reported: the start proves nothing.
        let mut at_start = Vec::new();
        worker.words_and_names(
            opening,
            Span::new(0, opening.len()),
            &mut spans,
            &mut at_start,
        );
        assert!(at_start.is_empty(), "{at_start:?}");
        let mut spans = Vec::new();
        worker.words(opening, Span::new(0, opening.len()), &mut spans);
        names.join_opening(opening, &mut spans);
        let got: Vec<&str> = spans.iter().map(|s| s.of(opening)).collect();
        assert_eq!(got[..2], ["Cẩm Xuyên", "tổng kết"]);
        // A document that never writes the name inside a sentence leaves
        // the opening as the segmenter cut it.
        let mut spans = Vec::new();
        worker.words(opening, Span::new(0, opening.len()), &mut spans);
        Names::default().join_opening(opening, &mut spans);
        assert_eq!(spans[0].of(opening), "Cẩm");
    }

    #[test]
    fn the_document_puts_its_names_back_in_titles_and_sentences() {
        let engine = Engine::new();
        let text = "Cẩm Xuyên tổng kết vụ lúa xuân\n\n\
                    Sáng nay, nông dân huyện Cẩm Xuyên đã gặt xong lúa xuân.\n\
                    Cẩm Xuyên có hơn chín nghìn héc-ta lúa.";
        let doc = engine.document(text, None);
        assert_eq!(doc.title_words[0].of(&doc.text), "Cẩm Xuyên");
        assert_eq!(doc.sentences[1].words[0].of(&doc.text), "Cẩm Xuyên");
        // Only whole names join: `Sáng` stays apart from `nay`.
        assert_eq!(doc.sentences[0].words[0].of(&doc.text), "Sáng");
    }
}
