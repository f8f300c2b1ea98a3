//! Stage 6: the words of documents, counted once for keywords and summary.
//!
//! Every word of the body and title is counted under its canonical key
//! (lower case, one tone placement, see [`normalize`](crate::normalize));
//! Latin-script words that are not Vietnamese syllables (`esports`,
//! `streaming`) are counted by their English stem. Runs of two or three
//! eligible words seen twice or more are counted as phrases, and so is
//! `X và Y` seen in lower case and capitalized in a name (`khoa học và
//! công nghệ`, `Sở Khoa học và Công nghệ`). Each written
//! form is kept, apart at sentence starts, so that a keyword is shown as
//! the text writes it.
//!
//! - `lexicon.rs`: [`Lexicon`], stop words, number words, idf, counting keys;
//! - `forms.rs`: the written forms of a word or phrase;
//! - `counter.rs`: [`analyze`], one pass over the documents' words;
//! - `user.rs`: the user's terms (kept whole, excluded, boosted).
//!
//! [`keywords`](crate::keywords) and [`summarize`](crate::summarize) read
//! the [`Analysis`]; it reads only the [`Document`](crate::Document).

mod counter;
mod forms;
mod lexicon;
mod user;

pub use counter::analyze;
pub(crate) use counter::analyze_with;
pub(crate) use counter::is_figure;
pub(crate) use forms::{FormStore, Forms, NONE};
pub use lexicon::Lexicon;
#[cfg(test)]
pub(crate) use lexicon::NUMBER_WORDS;
pub(crate) use lexicon::{is_dotted_abbreviation, is_foreign, is_generic, push_syllables};
pub(crate) use user::{Mark, UserTerms};

use crate::hash::HashIndex;

/// One distinct word of the documents under analysis.
#[derive(Clone, Debug)]
pub struct Term {
    /// Its counting key (see [`Analysis::key`]): a byte range of the form
    /// store's text, the written form itself where that is its own key,
    /// else a copy there of the key. No allocation of its own.
    pub(crate) key: (usize, usize),
    /// Weighted count: body occurrences, plus title occurrences times
    /// `TITLE_WEIGHT`.
    pub tf: f64,
    /// Occurrences, all spellings together.
    pub count: usize,
    /// Inverse document frequency.
    pub idf: f64,
    /// May it be a keyword at all?
    pub eligible: bool,
    /// Does it occur in a title or the first sentences of a document?
    pub early: bool,
    /// The part of `tf` where it was tagged a noun or a name.
    pub nominal: f64,
    /// The part of `tf` where it was tagged a word that modifies or
    /// links others (an adverb, an adposition, an auxiliary, a
    /// determiner, a particle): `hằng` of `hằng tháng`.
    pub function: f64,
    /// The part of `tf` where it was tagged a verb.
    pub verbal: f64,
    /// The part of `tf` where it was tagged an adjective.
    pub adjectival: f64,
    pub(crate) forms: Forms,
    /// Its key's syllables in the lexicon, `(NONE, NONE)` for a key the
    /// lexicon does not know.
    pub(crate) syllables: (u32, u32),
}

impl Term {
    /// Its TF-IDF weight.
    pub fn weight(&self) -> f64 {
        self.tf * self.idf
    }

    /// Was it tagged so (`part`: [`function`](Term::function),
    /// [`verbal`](Term::verbal), [`adjectival`](Term::adjectival)) in more
    /// than half of its uses?
    pub(crate) fn mostly(&self, part: f64) -> bool {
        2.0 * part > self.tf
    }
}

/// A run of two or more eligible words that occurs more than once.
#[derive(Clone, Debug)]
pub(crate) struct Phrase {
    pub(crate) ids: Vec<u32>,
    pub(crate) tf: f64,
    /// The part of `tf` where it was a whole noun phrase.
    pub(crate) whole: f64,
    pub(crate) count: usize,
    pub(crate) early: bool,
    pub(crate) forms: Forms,
}

/// The words of a set of documents, counted once for keywords and summary.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// Every distinct word, by id.
    pub terms: Vec<Term>,
    /// For each document, for each sentence: the ids of its eligible words.
    pub sentence_terms: Vec<Vec<Vec<u32>>>,
    /// For each document: the ids of the eligible words of its title.
    pub title_terms: Vec<Vec<u32>>,
    /// The term of every word of every body sentence, in order (document,
    /// sentence, then [`Sentence::words`](crate::Sentence::words)); `NONE`
    /// for a word without a letter (a number, a mark) that is no term.
    pub(crate) words: Vec<u32>,
    /// The syllables of every term's key (see [`push_syllables`]), and
    /// where each term's start, one more at the end.
    pub(crate) syllables: Vec<u64>,
    pub(crate) syllable_starts: Vec<u32>,
    pub(crate) phrases: Vec<Phrase>,
    /// Every distinct written form (see `Forms`).
    pub(crate) forms: FormStore,
    /// Term ids by [`hash_bytes`] of their key, as counting left them
    /// (the key itself is stored once, in the term): `extract` finds the
    /// word spelled like a phrase here. Only the terms of keys with a
    /// space or outside the lexicon: counting finds a key of the lexicon
    /// by its number.
    pub(crate) key_ids: HashIndex,
}

impl Analysis {
    /// The syllables of term `id`'s key.
    pub(crate) fn syllables(&self, id: u32) -> &[u64] {
        let i = id as usize;
        &self.syllables[self.syllable_starts[i] as usize..self.syllable_starts[i + 1] as usize]
    }

    /// The counting key of a term of this analysis.
    pub fn key(&self, t: &Term) -> &str {
        self.forms.key(t)
    }

    /// The id of the term with this key (its bytes), of [`hash_bytes`]
    /// `hash`, for a key with a space (as a phrase's key) or one the
    /// lexicon lacks (see [`Analysis::key_ids`]).
    pub(crate) fn term_id(&self, key: &[u8], hash: u64) -> Option<u32> {
        let (terms, forms) = (&self.terms, &self.forms);
        self.key_ids.find(hash, |id| {
            terms
                .get(id as usize)
                .is_some_and(|t| forms.key_bytes(t) == key)
        })
    }
}
/// The longest phrase counted, in words.
pub(crate) const MAX_PHRASE_WORDS: usize = 3;
