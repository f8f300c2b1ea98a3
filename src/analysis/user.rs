//! The user's own terms ([`Options::dict`], [`Options::exclude`],
//! [`Options::boost`]), applied where the words are made and scored, not
//! to the finished keyword list.
//!
//! - **Kept whole.** After segmentation, a run of syllables spelling a
//!   term of two syllables or more becomes one word; a word the term cuts
//!   keeps its other syllables as a word of their own. Terms are matched
//!   left to right, the longest first, on canonical syllable keys (any
//!   case, either tone placement), never across a mark.
//! - **Excluded.** A term whose key is excluded is no keyword candidate,
//!   nor is a phrase holding an excluded key as whole words.
//! - **Boosted.** A boosted term is a candidate even when it is a stop
//!   word, and boosted candidates are ranked before the others (by their
//!   own scores among themselves).

use crate::document::{Document, Span};
use crate::hash::{FxHashMap, FxHashSet};
use crate::options::Options;
use crate::vi::canonical;

use super::Lexicon;

/// The user's terms, prepared once per request.
#[derive(Clone, Debug, Default)]
pub(crate) struct UserTerms {
    /// Terms to keep whole (two syllables or more), by the key of their
    /// first syllable: each the keys of its syllables, longest first.
    whole: FxHashMap<String, Vec<Vec<String>>>,
    /// Counting keys of excluded and boosted terms (each term keyed whole
    /// and syllable by syllable, which differ for English words).
    exclude: FxHashSet<String>,
    boost: FxHashSet<String>,
}

/// What the user said of a term or phrase.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Mark {
    #[default]
    None,
    Excluded,
    Boosted,
}

/// The syllables of a term: its pieces between spaces and `_`, marks
/// left out (a term never spans a mark).
fn syllables(term: &str) -> impl Iterator<Item = &str> {
    term.split([' ', '_', '\t'])
        .filter(|s| s.chars().any(char::is_alphanumeric))
}

impl UserTerms {
    /// The terms of `opts`, keyed by `lex`; `None` when there are none.
    pub(crate) fn new(opts: &Options, lex: &Lexicon) -> Option<UserTerms> {
        if opts.dict.is_empty() && opts.exclude.is_empty() && opts.boost.is_empty() {
            return None;
        }
        let mut u = UserTerms::default();
        for t in opts.dict.iter().chain(&opts.exclude).chain(&opts.boost) {
            let keys: Vec<String> = syllables(t).map(canonical).collect();
            if keys.len() >= 2 {
                let list = u.whole.entry(keys[0].clone()).or_default();
                if !list.contains(&keys) {
                    list.push(keys);
                }
            }
        }
        for list in u.whole.values_mut() {
            // Longest first; among equals, in a fixed order.
            list.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        }
        let keys = |terms: &[String]| -> FxHashSet<String> {
            let mut out = FxHashSet::default();
            let mut buf = String::new();
            for t in terms {
                let syl: Vec<&str> = syllables(t).collect();
                if syl.is_empty() {
                    continue;
                }
                lex.key_into(&syl.join(" "), &mut buf);
                out.insert(buf.clone());
                let each: Vec<String> = syl
                    .iter()
                    .map(|s| {
                        lex.key_into(s, &mut buf);
                        buf.clone()
                    })
                    .collect();
                out.insert(each.join(" "));
            }
            out
        };
        u.exclude = keys(&opts.exclude);
        u.boost = keys(&opts.boost);
        Some(u)
    }

    /// Are there terms to keep whole?
    pub(crate) fn keeps_whole(&self) -> bool {
        !self.whole.is_empty()
    }

    /// What the user said of the word or phrase with counting key `key`
    /// (syllables separated by one space): excluded when it is or holds an
    /// excluded term as whole syllables, else boosted when it is a boosted
    /// term.
    pub(crate) fn mark(&self, key: &str) -> Mark {
        if !self.exclude.is_empty() {
            // Every run of whole syllables: keys are short.
            let starts = std::iter::once(0).chain(key.match_indices(' ').map(|(i, _)| i + 1));
            for a in starts {
                let rest = &key[a..];
                let ends = rest
                    .match_indices(' ')
                    .map(|(i, _)| i)
                    .chain(std::iter::once(rest.len()));
                if ends.into_iter().any(|e| self.exclude.contains(&rest[..e])) {
                    return Mark::Excluded;
                }
            }
        }
        if self.boost.contains(key) {
            Mark::Boosted
        } else {
            Mark::None
        }
    }

    /// Is `key` (a word's counting key) a boosted term?
    pub(crate) fn boosted(&self, key: &str) -> bool {
        self.boost.contains(key)
    }

    /// `doc` with the terms kept whole in its words.
    pub(crate) fn apply(&self, doc: &Document) -> Document {
        let mut out = doc.clone();
        let mut scratch = Scratch::default();
        out.title_words = self.join(&doc.text, &doc.title_words, &mut scratch);
        for s in &mut out.sentences {
            s.words = self.join(&doc.text, &s.words, &mut scratch);
        }
        out
    }

    /// The words of one sentence with the terms kept whole.
    fn join(&self, text: &str, words: &[Span], cx: &mut Scratch) -> Vec<Span> {
        // The syllables, each with the word it came from.
        cx.syl.clear();
        cx.keys.clear();
        for (w, span) in words.iter().enumerate() {
            let mut at = span.start;
            for piece in span.of(text).split(' ') {
                if !piece.is_empty() {
                    cx.syl.push((Span::new(at, at + piece.len()), w));
                    cx.keys.push(canonical(piece));
                }
                at += piece.len() + 1;
            }
        }
        let mut out = Vec::with_capacity(words.len());
        let mut i = 0;
        while i < cx.syl.len() {
            let found = self.whole.get(&cx.keys[i]).and_then(|list| {
                list.iter()
                    .find(|t| cx.keys[i..].starts_with(t))
                    .map(Vec::len)
            });
            if let Some(n) = found {
                out.push(Span::new(cx.syl[i].0.start, cx.syl[i + n - 1].0.end));
                i += n;
                continue;
            }
            // The rest of this syllable's word, up to a term that starts
            // inside it.
            let w = cx.syl[i].1;
            let start = cx.syl[i].0.start;
            let mut end = cx.syl[i].0.end;
            i += 1;
            while i < cx.syl.len() && cx.syl[i].1 == w && !self.starts_here(&cx.keys[i..]) {
                end = cx.syl[i].0.end;
                i += 1;
            }
            out.push(Span::new(start, end));
        }
        out
    }

    /// Does a term start at the first of `keys`?
    fn starts_here(&self, keys: &[String]) -> bool {
        self.whole
            .get(&keys[0])
            .is_some_and(|list| list.iter().any(|t| keys.starts_with(t)))
    }
}

/// Room for one sentence's syllables.
#[derive(Default)]
struct Scratch {
    syl: Vec<(Span, usize)>,
    keys: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exclusion_holds_whole_syllables_only() {
        let engine = crate::Engine::new();
        let opts = Options {
            exclude: vec!["Hà Nội".into(), "tỉnh".into()],
            boost: vec!["chuyển đổi số".into()],
            ..Options::default()
        };
        let u = UserTerms::new(&opts, engine.lexicon()).expect("terms");
        assert_eq!(u.mark("ubnd hà nội"), Mark::Excluded);
        assert_eq!(u.mark("hà nội"), Mark::Excluded);
        assert_eq!(u.mark("hà nội mới"), Mark::Excluded);
        assert_eq!(u.mark("ủy ban nhân dân tỉnh"), Mark::Excluded);
        assert_eq!(u.mark("nội"), Mark::None);
        assert_eq!(u.mark("chà nội"), Mark::None);
        assert_eq!(u.mark("tỉnh uỷ"), Mark::Excluded);
        assert_eq!(u.mark("chuyển đổi số"), Mark::Boosted);
        assert_eq!(u.mark("chuyển đổi"), Mark::None);
    }

    /// The words of `text` (one sentence) with `dict` kept whole.
    fn words(text: &str, dict: &[&str]) -> Vec<String> {
        let engine = crate::Engine::new();
        let opts = Options {
            dict: dict.iter().map(|s| s.to_string()).collect(),
            ..Options::default()
        };
        let u = UserTerms::new(&opts, engine.lexicon()).expect("terms");
        let doc = u.apply(&engine.document(text, None));
        doc.sentences
            .iter()
            .flat_map(|s| s.words.iter().map(|w| w.of(&doc.text).to_string()))
            .collect()
    }

    #[test]
    fn a_term_is_one_word_and_cut_words_keep_their_rest() {
        let text = "Tỉnh đẩy mạnh chuyển đổi số trong các cơ quan nhà nước.";
        let plain = words(text, &["không có ở đây"]);
        assert!(
            !plain.iter().any(|w| w == "chuyển đổi số"),
            "the segmenter alone must cut it for this test: {plain:?}"
        );
        let w = words(text, &["Chuyển Đổi Số"]);
        assert!(w.iter().any(|w| w == "chuyển đổi số"), "{w:?}");
        // Every other syllable is still there, in order, once.
        let joined = |ws: &[String]| ws.join(" ");
        assert_eq!(joined(&w), joined(&plain));
        // A term that cuts a word: "cơ quan nhà" takes "nhà" from "nhà
        // nước", which keeps "nước".
        let w = words(text, &["quan nhà"]);
        assert!(w.iter().any(|w| w == "quan nhà"), "{w:?}");
        assert!(w.iter().any(|w| w == "nước"), "{w:?}");
        assert!(w.iter().any(|w| w == "cơ"), "{w:?}");
        // Never across a mark.
        let w = words("Họ đến, rồi đi.", &["đến , rồi", "đến rồi"]);
        assert!(
            !w.iter().any(|w| w.contains("đến") && w.contains("rồi")),
            "{w:?}"
        );
        assert!(w.iter().any(|w| w == ","), "{w:?}");
    }
}
