//! The word dictionary: canonical multi-syllable words from the shipped lists.

use std::collections::HashSet;

use crate::normalize::canonical;

const PYVI: &str = include_str!("../data/lexicon/words-pyvi.txt");
const RDR: &str = include_str!("../data/lexicon/vnvocab-rdrsegmenter.txt");

/// A set of words, each a sequence of syllables in canonical form.
#[derive(Debug, Default)]
pub struct Dictionary {
    words: HashSet<String>,
    max_syllables: usize,
}

impl Dictionary {
    /// The union of the word lists shipped in `src/data/lexicon/`.
    pub fn builtin() -> Dictionary {
        Dictionary::from_lines(PYVI.lines().chain(RDR.lines()))
    }

    /// A dictionary from one entry per line. Entries are cleaned: canonical
    /// form, single spaces; entries with digits or odd characters are
    /// skipped.
    pub fn from_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> Dictionary {
        let mut d = Dictionary::default();
        for line in lines {
            let entry = line.trim();
            if entry.is_empty() || !entry.chars().all(|c| c.is_alphabetic() || c == ' ') {
                continue;
            }
            let key = canonical(&entry.split_whitespace().collect::<Vec<_>>().join(" "));
            let n = key.split(' ').count();
            if n < 2 {
                continue;
            }
            d.max_syllables = d.max_syllables.max(n);
            d.words.insert(key);
        }
        d
    }

    /// Whether the canonical `key` is a word.
    pub fn contains(&self, key: &str) -> bool {
        self.words.contains(key)
    }

    /// The number of syllables of the longest word.
    pub fn max_syllables(&self) -> usize {
        self.max_syllables
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when it holds no word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}
