//! One pass over the words of the documents: terms, their forms, and the
//! phrases that repeat.

use super::forms::{FormStore, Forms, NONE};
use super::lexicon::{eligible, push_syllables, Lexicon};
use super::{Analysis, Phrase, Term, MAX_PHRASE_WORDS};
use crate::document::{Document, Span};
use crate::hash::{hash_bytes, hash_ids, HashIndex, StrMap};
use crate::vi::is_alphabetic;

/// How much a title occurrence counts, against 1 for a body occurrence.
pub(crate) const TITLE_WEIGHT: f64 = 8.0;
/// Sentences at the start of a document that, with the title, say what it
/// is about: news states its subject first.
pub(crate) const EARLY_SENTENCES: usize = 2;
/// A run of eligible words while counting. Most runs occur once and are
/// never phrases, so a seed allocates nothing until its second occurrence.
pub(crate) struct Seed {
    /// Word ids, padded with `u32::MAX`.
    pub(crate) ids: [u32; MAX_PHRASE_WORDS],
    pub(crate) tf: f64,
    pub(crate) count: usize,
    pub(crate) early: bool,
    /// The first written form (a range of the form store's text), and
    /// whether it started a sentence.
    pub(crate) first: (usize, usize, bool),
    /// All written forms, from the second occurrence on.
    pub(crate) forms: Option<Forms>,
}

/// A written form seen while counting: its term, and where it is in the
/// term's forms away from and at sentence starts (`NONE` until seen there).
/// A form belongs to one term only, so a form not yet in a list is added
/// without searching it.
pub(crate) struct FormSlot {
    pub(crate) id: u32,
    pub(crate) at: [u32; 2],
}

/// Counting state while analyzing.
pub(crate) struct Counter<'a> {
    pub(crate) lex: &'a Lexicon,
    pub(crate) a: Analysis,
    /// Term ids by written form: a form seen before skips `key_into`.
    pub(crate) form_ids: StrMap<'a, FormSlot>,
    /// Indices in `seeds` by [`hash_ids`] of their word ids (padded with
    /// `u32::MAX`).
    pub(crate) phrase_ids: HashIndex,
    /// Every run of two or three eligible words, in order of first sight.
    pub(crate) seeds: Vec<Seed>,
    pub(crate) key: String,
    /// Where the text of the document being counted starts in the form
    /// store's text.
    pub(crate) base: usize,
    /// Where the current sentence's words start in the analysis' `words`.
    pub(crate) word_at: usize,
    /// The current run of eligible words: (id, span, is it a figure).
    pub(crate) run: Vec<(u32, Span, bool)>,
}

/// Room for the key of a word: few are longer.
pub(crate) const KEY_CAPACITY: usize = 32;

/// Counts the words of `docs`.
pub fn analyze(docs: &[Document], lex: &Lexicon) -> Analysis {
    // Sized once for the words to count: no rehashing while counting.
    let body: usize = docs
        .iter()
        .map(|d| d.sentences.iter().map(|s| s.words.len()).sum::<usize>())
        .sum();
    let words = body + docs.iter().map(|d| d.title_words.len()).sum::<usize>();
    let text: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut c = Counter::new(lex, words, body, text);
    for doc in docs {
        // The document's text goes into the form store whole, once: a
        // written form is then a range of it, never a copy.
        c.base = c.a.forms.text.len();
        c.a.forms.text.push_str(&doc.text);
        let title_ids = c.count(&doc.text, &doc.title_words, true, true);
        let sent_ids = doc
            .sentences
            .iter()
            .enumerate()
            .map(|(i, s)| c.count(&doc.text, &s.words, false, i < EARLY_SENTENCES))
            .collect();
        c.a.sentence_terms.push(sent_ids);
        c.a.title_terms.push(title_ids);
    }
    let mut a = c.a;
    // The syllables of each term, for the summary: copied from the
    // lexicon where it knows the key, else cut from the key.
    a.syllables = Vec::with_capacity(2 * a.terms.len());
    a.syllable_starts = Vec::with_capacity(a.terms.len() + 1);
    for t in &a.terms {
        a.syllable_starts.push(a.syllables.len() as u32);
        if t.syllables.0 == NONE {
            push_syllables(a.forms.key(t), &mut a.syllables);
        } else {
            a.syllables.extend_from_slice(lex.syllables(t.syllables));
        }
    }
    a.syllable_starts.push(a.syllables.len() as u32);
    a.phrases = c
        .seeds
        .into_iter()
        .filter(|s| s.count >= 2)
        .map(|s| Phrase {
            ids: s
                .ids
                .iter()
                .copied()
                .take_while(|&i| i != u32::MAX)
                .collect(),
            tf: s.tf,
            count: s.count,
            early: s.early,
            forms: s.forms.expect("forms from the second occurrence"),
        })
        .collect();
    a
}

impl<'a> Counter<'a> {
    /// A counter for about `words` words in `text` bytes.
    /// `body` is the number of words of the body's sentences.
    pub(crate) fn new(lex: &'a Lexicon, words: usize, body: usize, text: usize) -> Counter<'a> {
        Counter {
            lex,
            a: Analysis {
                terms: Vec::with_capacity(words),
                words: vec![NONE; body],
                // The documents' text, and the keys that are not a
                // written form (capitalized words, decomposed marks): far
                // fewer bytes than the text.
                forms: FormStore::with_capacity(text + text / 4, words),
                key_ids: HashIndex::with_capacity(words / 2),
                ..Analysis::default()
            },
            form_ids: StrMap::with_capacity(words),
            phrase_ids: HashIndex::with_capacity(words / 2),
            seeds: Vec::with_capacity(words),
            key: String::with_capacity(KEY_CAPACITY),
            base: 0,
            word_at: 0,
            run: Vec::new(),
        }
    }

    /// Counts the words of one sentence (or title); returns the ids of its
    /// eligible words.
    pub(crate) fn count(
        &mut self,
        text: &'a str,
        words: &[Span],
        title: bool,
        early: bool,
    ) -> Vec<u32> {
        let weight = if title { TITLE_WEIGHT } else { 1.0 };
        let mut out = Vec::with_capacity(words.len());
        let mut first = true;
        let mut run_initial = true;
        self.run.clear();
        // Out of `self` while counting, so that a new form is hashed once.
        let mut form_ids = std::mem::take(&mut self.form_ids);
        for (n, w) in words.iter().enumerate() {
            let form = w.of(text);
            // A figure ends a name ("Quân khu 5"), never starts one, and
            // a range ("2020-2025") is not cut after its first figure.
            let figure = is_figure(form)
                && !self.run.is_empty()
                && !words
                    .get(n + 1)
                    .is_some_and(|next| matches!(next.of(text), "-" | "–" | "—" | "/"));
            if !form.chars().any(is_alphabetic) && !figure {
                // Opening quotes and brackets do not end the sentence start.
                first &= !form.chars().any(char::is_alphanumeric);
                // After a colon a capital is a sentence's ("Nhiệm vụ:
                // Tăng cường ..."), not a name's.
                if form.contains(':') {
                    first = true;
                }
                self.flush(title, run_initial, early);
                run_initial = first;
                continue;
            }
            let slot = form_ids.get_or_insert_with(form, |hash| FormSlot {
                id: self.id(form, self.base + w.start, hash),
                at: [NONE; 2],
            });
            let id = slot.id;
            if !title {
                // An indexed store, not a push: the words of the body were
                // counted before, and those without a term keep `NONE`.
                self.a.words[self.word_at + n] = id;
            }
            let a = &mut self.a;
            let t = &mut a.terms[id as usize];
            t.tf += weight;
            t.count += 1;
            t.early |= early;
            let at = &mut slot.at[usize::from(first)];
            match a.forms.forms.get_mut(*at as usize) {
                Some(f) => f.count += 1,
                None => {
                    let start = self.base + w.start;
                    *at = t
                        .forms
                        .push_range(&mut a.forms, start, start + form.len(), first);
                }
            }
            if t.eligible {
                out.push(id);
                self.run.push((id, *w, false));
            } else if figure {
                // Never eligible: no letters.
                self.run.push((id, *w, true));
            } else {
                self.flush(title, run_initial, early);
                run_initial = false;
            }
            first = false;
        }
        self.flush(title, run_initial, early);
        self.form_ids = form_ids;
        if !title {
            self.word_at += words.len();
        }
        out
    }

    /// The id of a written form's key, a new term for a new key; `hash`
    /// is [`hash_bytes`] of the form, `start` where it is in the form
    /// store's text.
    pub(crate) fn id(&mut self, form: &str, start: usize, hash: u64) -> u32 {
        // A form the lexicon knows as a key is its own key: no `key_into`,
        // its hash serves every look-up, its entry gives all a new term
        // needs.
        let lex = self.lex;
        let known = lex.entry_of_key(form, hash);
        let (key, hash) = match known {
            Some(_) => (form, hash),
            None => {
                lex.key_of(form, hash, &mut self.key);
                (self.key.as_str(), hash_bytes(self.key.as_bytes()))
            }
        };
        if let Some(id) = self.a.term_id(key, hash) {
            return id;
        }
        let (idf, eligible, syllables) = match known {
            Some(e) => (e.idf, e.eligible, e.syllables),
            None => {
                let (idf, never, syllables) = lex.idf_and_never(key, hash);
                (idf, eligible(key, never), syllables.unwrap_or((NONE, NONE)))
            }
        };
        // A form that is its own key is its key's text already.
        let key = if known.is_some() {
            (start, start + key.len())
        } else {
            let text = &mut self.a.forms.text;
            let at = text.len();
            text.push_str(key);
            (at, text.len())
        };
        let id = self.a.terms.len() as u32;
        self.a.key_ids.insert(hash, id);
        self.a.terms.push(Term {
            key,
            tf: 0.0,
            count: 0,
            idf,
            eligible,
            early: false,
            forms: Forms::default(),
            syllables,
        });
        id
    }

    /// Counts the phrases of the current run and empties it.
    #[inline]
    pub(crate) fn flush(&mut self, title: bool, initial: bool, early: bool) {
        // Most runs are a word or none: no phrase to count, no call.
        if self.run.len() < 2 {
            self.run.clear();
            return;
        }
        self.flush_phrases(title, initial, early);
    }

    /// [`Counter::flush`] for a run of two words or more.
    #[inline(never)]
    pub(crate) fn flush_phrases(&mut self, title: bool, initial: bool, early: bool) {
        let weight = if title { TITLE_WEIGHT } else { 1.0 };
        let run = std::mem::take(&mut self.run);
        for n in 2..=MAX_PHRASE_WORDS.min(run.len()) {
            for (i, win) in run.windows(n).enumerate() {
                // A figure only ever ends a phrase.
                if win[..n - 1].iter().any(|w| w.2) {
                    continue;
                }
                let mut ids = [u32::MAX; MAX_PHRASE_WORDS];
                for (slot, &(id, _, _)) in ids.iter_mut().zip(win) {
                    *slot = id;
                }
                // The form, as a range of the form store's text.
                let form = (self.base + win[0].1.start, self.base + win[n - 1].1.end);
                let at_start = initial && i == 0;
                let hash = hash_ids(&ids);
                let seeds = &self.seeds;
                let p = match self.phrase_ids.find(hash, |p| seeds[p as usize].ids == ids) {
                    Some(p) => p as usize,
                    None => {
                        self.phrase_ids.insert(hash, self.seeds.len() as u32);
                        self.seeds.push(Seed {
                            ids,
                            tf: 0.0,
                            count: 0,
                            early: false,
                            first: (form.0, form.1, at_start),
                            forms: None,
                        });
                        self.seeds.len() - 1
                    }
                };
                let p = &mut self.seeds[p];
                p.tf += weight;
                p.count += 1;
                p.early |= early;
                if p.count >= 2 {
                    let text = &mut self.a.forms;
                    let forms = p.forms.get_or_insert_with(|| {
                        let mut f = Forms::default();
                        f.add_range(text, p.first.0, p.first.1, p.first.2);
                        f
                    });
                    forms.add_range(text, form.0, form.1, at_start);
                }
            }
        }
        self.run = run;
        self.run.clear();
    }
}

/// A number in figures: `5` in `Quân khu 5`, `2026` in `Tết 2026`.
pub(crate) fn is_figure(form: &str) -> bool {
    !form.is_empty() && form.bytes().all(|b| b.is_ascii_digit())
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_whose_hash_is_taken_is_still_its_own_term() {
        let lex = Lexicon::new("", "#docs\t1\n");
        let mut c = Counter::new(&lex, 8, 0, 64);
        // The form goes into the store's text first, as `analyze` puts
        // the document's.
        let id = |c: &mut Counter, form: &str| {
            let start = c.a.forms.text.len();
            c.a.forms.text.push_str(form);
            c.id(form, start, hash_bytes(form.as_bytes()))
        };
        let binh = id(&mut c, "bình");
        // Pretend "hòa" hashes like "bình".
        c.a.key_ids.insert(hash_bytes("hòa".as_bytes()), binh);
        let hoa = id(&mut c, "Hòa");
        assert_ne!(hoa, binh);
        assert_eq!(c.a.key(&c.a.terms[hoa as usize]), "hòa");
        assert_eq!(id(&mut c, "hoà"), hoa);
        assert_eq!(id(&mut c, "bình"), binh);
        assert_eq!(c.a.terms.len(), 2);
    }
}
