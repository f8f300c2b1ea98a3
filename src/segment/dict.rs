//! The word dictionary: canonical multi-syllable words from the shipped
//! lists, as a trie over syllable ids.
//!
//! # Design
//!
//! Two open-addressing tables, both flat arrays of integers:
//!
//! - **syllables**: canonical syllable bytes to a dense id (`0..S`). The
//!   slots hold ids; the bytes live back to back in one buffer. A text
//!   syllable is looked up once, by its folded key, with no allocation.
//! - **edges**: the trie. Node `s < S` is the one-syllable prefix `s`;
//!   longer prefixes get ids from `S` up. Each slot packs `(parent,
//!   syllable) -> (child, is a word)` into one `u64`, so extending a prefix
//!   by one syllable is one hash and, at the usual load, one probe.
//!
//! The lattice walks the trie from each syllable and stops at the first
//! prefix no word has, so a lookup never builds a key string.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::normalize::canonical;

const PYVI: &str = include_str!("../data/lexicon/words-pyvi.txt");
const RDR: &str = include_str!("../data/lexicon/vnvocab-rdrsegmenter.txt");

/// No syllable or node: an unknown syllable, or a prefix no word has.
pub(super) const NONE: u32 = u32::MAX;

/// Field width in an edge slot: syllable ids and node ids stay below
/// `2^21 - 1`, so an edge never equals [`EMPTY`].
const BITS: u32 = 21;
const FIELD: u64 = (1 << BITS) - 1;
const KEY: u64 = (1 << (2 * BITS)) - 1;
const WORD: u64 = 1 << 63;
const EMPTY: u64 = u64::MAX;

/// A set of words, each a sequence of syllables in canonical form.
#[derive(Clone, Debug)]
pub struct Dictionary {
    /// Syllable hash slots: an id, or [`NONE`].
    syl_slots: Cow<'static, [u32]>,
    /// `syl_bytes[syl_ends[id - 1]..syl_ends[id]]` is syllable `id`.
    syl_ends: Cow<'static, [u32]>,
    syl_bytes: Cow<'static, [u8]>,
    /// Syllables of at most 16 bytes by id, zero-padded, as two words; a
    /// longer one as [`LONG`] (bytes `0xFF` are never UTF-8).
    syl_short: Cow<'static, [[u64; 2]]>,
    /// Edge hash slots, packed as `word << 63 | child << 42 | parent << 21
    /// | syllable`, or [`EMPTY`].
    edges: Cow<'static, [u64]>,
    words: usize,
    max_syllables: usize,
}

/// One step down the trie.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Step {
    /// The longer prefix.
    pub(super) node: u32,
    /// Whether that prefix is a word.
    pub(super) word: bool,
}

impl Default for Dictionary {
    fn default() -> Dictionary {
        Dictionary::from_lines(std::iter::empty())
    }
}

impl Dictionary {
    /// The union of the word lists shipped in `src/data/lexicon/`.
    pub fn builtin() -> Dictionary {
        Dictionary::from_lines(PYVI.lines().chain(RDR.lines()))
    }

    /// A dictionary from one entry per line. Entries are cleaned: canonical
    /// form, single spaces; entries with digits or odd characters are
    /// skipped, and so are entries of one syllable.
    ///
    /// # Panics
    ///
    /// With two million distinct syllables or prefixes or more.
    pub fn from_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> Dictionary {
        let mut b = Builder::default();
        // The segmenter's rules ask about these syllables by id, so they
        // have one whether or not a word uses them.
        for (words, _) in super::RESERVED {
            for s in *words {
                b.syllable(s);
            }
        }
        let mut syls = Vec::new();
        for line in lines {
            let entry = line.trim();
            if entry.is_empty() || !entry.chars().all(|c| c.is_alphabetic() || c == ' ') {
                continue;
            }
            let key = canonical(&entry.split_whitespace().collect::<Vec<_>>().join(" "));
            syls.clear();
            syls.extend(key.split(' ').map(|s| b.syllable(s)));
            if syls.len() >= 2 {
                b.word(&syls);
            }
        }
        b.finish()
    }

    /// Whether the canonical `key` (syllables separated by one space) is a
    /// word.
    pub fn contains(&self, key: &str) -> bool {
        let mut syls = key.split(' ');
        let Some(mut node) = syls.next().map(|s| self.syllable(s.as_bytes())) else {
            return false;
        };
        let mut word = false;
        for s in syls {
            match self.step(node, self.syllable(s.as_bytes())) {
                Some(step) => (node, word) = (step.node, step.word),
                None => return false,
            }
        }
        word
    }

    /// The number of syllables of the longest word.
    pub fn max_syllables(&self) -> usize {
        self.max_syllables
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.words
    }

    /// True when it holds no word.
    pub fn is_empty(&self) -> bool {
        self.words == 0
    }

    /// The id of a canonical syllable, or [`NONE`].
    #[inline]
    pub(super) fn syllable(&self, key: &[u8]) -> u32 {
        if let Some(short) = short(key) {
            return self.short_syllable(short);
        }
        let mask = self.syl_slots.len() - 1;
        let mut i = slot_of_bytes(key, mask);
        loop {
            let id = self.syl_slots[i];
            if id == NONE || self.syllable_bytes(id) == key {
                return id;
            }
            i = (i + 1) & mask;
        }
    }

    /// The id of a canonical syllable of at most 16 bytes, given as by
    /// [`short`], or [`NONE`]: two word compares, no loop over bytes.
    #[inline(always)]
    pub(super) fn short_syllable(&self, key: [u64; 2]) -> u32 {
        let mask = self.syl_slots.len() - 1;
        let mut i = spread(hash_short(key), mask);
        loop {
            let id = self.syl_slots[i];
            if id == NONE || self.syl_short[id as usize] == key {
                return id;
            }
            i = (i + 1) & mask;
        }
    }

    /// The number of syllable ids.
    pub(super) fn syllables(&self) -> usize {
        self.syl_ends.len()
    }

    fn syllable_bytes(&self, id: u32) -> &[u8] {
        let id = id as usize;
        let start = if id == 0 { 0 } else { self.syl_ends[id - 1] };
        &self.syl_bytes[start as usize..self.syl_ends[id] as usize]
    }

    /// The prefix `node` followed by syllable `syl`, if some word starts
    /// so. `node` is a syllable id for a one-syllable prefix; either may be
    /// [`NONE`].
    #[inline]
    pub(super) fn step(&self, node: u32, syl: u32) -> Option<Step> {
        if node == NONE || syl == NONE {
            return None;
        }
        let key = u64::from(node) << BITS | u64::from(syl);
        let mask = self.edges.len() - 1;
        let mut i = slot_of_edge(key, mask);
        loop {
            let e = self.edges[i];
            if e & KEY == key {
                return Some(Step {
                    node: ((e >> (2 * BITS)) & FIELD) as u32,
                    word: e & WORD != 0,
                });
            }
            if e == EMPTY {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
}

/// A padded key for a marker of syllables longer than 16 bytes.
const LONG: [u64; 2] = [u64::MAX; 2];

/// A key of at most 16 bytes as two little-endian words, zero-padded.
#[inline]
pub(super) fn short(key: &[u8]) -> Option<[u64; 2]> {
    if key.len() > 16 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..key.len()].copy_from_slice(key);
    Some([
        u64::from_le_bytes(buf[..8].try_into().expect("8 bytes")),
        u64::from_le_bytes(buf[8..].try_into().expect("8 bytes")),
    ])
}

#[inline(always)]
fn hash_short([a, b]: [u64; 2]) -> u64 {
    (a.wrapping_mul(0x51_7c_c1_b7_27_22_0a_95).rotate_left(29) ^ b)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The slot where a search for syllable bytes starts: [`hash_short`] for
/// up to 16 bytes, else FxHash-style multiply-rotate over 8-byte chunks;
/// top bits.
#[inline]
fn slot_of_bytes(key: &[u8], mask: usize) -> usize {
    if let Some(s) = short(key) {
        return spread(hash_short(s), mask);
    }
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut h = key.len() as u64;
    let mut chunks = key.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(buf)).wrapping_mul(K);
    }
    spread(h, mask)
}

#[inline]
fn slot_of_edge(key: u64, mask: usize) -> usize {
    spread(key.wrapping_mul(0x9E37_79B9_7F4A_7C15), mask)
}

/// The top bits of a multiplied hash, as a slot below `mask + 1` (a power
/// of two).
#[inline]
fn spread(h: u64, mask: usize) -> usize {
    let bits = mask.count_ones();
    if bits == 0 {
        0
    } else {
        (h >> (64 - bits)) as usize
    }
}

/// Collects syllables and words, then lays out the tables.
#[derive(Default)]
struct Builder {
    syl_ids: HashMap<String, u32>,
    syl_list: Vec<String>,
    /// `(parent, syllable) -> child`, and which nodes are words.
    edges: HashMap<(u32, u32), u32>,
    is_word: Vec<bool>,
    words: usize,
    max_syllables: usize,
}

impl Builder {
    fn syllable(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.syl_ids.get(s) {
            return id;
        }
        let id = self.syl_list.len() as u32;
        assert!(u64::from(id) < FIELD, "too many syllables");
        self.syl_ids.insert(s.to_string(), id);
        self.syl_list.push(s.to_string());
        id
    }

    /// Adds a word of two syllables or more.
    fn word(&mut self, syls: &[u32]) {
        // Inner nodes are numbered after all syllables, which are only
        // known at the end: number them from 0 here and shift in `finish`.
        let mut node = Inner::Syllable(syls[0]);
        for &s in &syls[1..] {
            let parent = node.key();
            let next = self.edges.len() as u32;
            let child = *self.edges.entry((parent, s)).or_insert(next);
            if child == next {
                self.is_word.push(false);
            }
            node = Inner::Node(child);
        }
        let Inner::Node(last) = node else {
            unreachable!("two syllables or more")
        };
        if !self.is_word[last as usize] {
            self.is_word[last as usize] = true;
            self.words += 1;
            self.max_syllables = self.max_syllables.max(syls.len());
        }
    }

    fn finish(self) -> Dictionary {
        let n_syl = self.syl_list.len();
        let mut syl_ends = Vec::with_capacity(n_syl);
        let mut syl_bytes = Vec::new();
        for s in &self.syl_list {
            syl_bytes.extend_from_slice(s.as_bytes());
            syl_ends.push(syl_bytes.len() as u32);
        }
        let syl_short = self
            .syl_list
            .iter()
            .map(|s| short(s.as_bytes()).unwrap_or(LONG))
            .collect();
        let mut syl_slots = vec![NONE; table_size(n_syl)];
        let mask = syl_slots.len() - 1;
        for (id, s) in self.syl_list.iter().enumerate() {
            let mut i = slot_of_bytes(s.as_bytes(), mask);
            while syl_slots[i] != NONE {
                i = (i + 1) & mask;
            }
            syl_slots[i] = id as u32;
        }
        // Node ids: syllables first, then inner nodes in creation order.
        let shift = |k: u32| -> u32 {
            if k & INNER != 0 {
                (k & !INNER) + n_syl as u32
            } else {
                k
            }
        };
        assert!(
            ((n_syl + self.edges.len()) as u64) < FIELD,
            "too many dictionary prefixes"
        );
        let mut packed: Vec<u64> = self
            .edges
            .iter()
            .map(|(&(parent, syl), &child)| {
                let word = if self.is_word[child as usize] {
                    WORD
                } else {
                    0
                };
                word | u64::from(child + n_syl as u32) << (2 * BITS)
                    | u64::from(shift(parent)) << BITS
                    | u64::from(syl)
            })
            .collect();
        // A fixed insertion order makes a fixed layout.
        packed.sort_unstable();
        let mut edges = vec![EMPTY; table_size(packed.len())];
        let mask = edges.len() - 1;
        for e in packed {
            let mut i = slot_of_edge(e & KEY, mask);
            while edges[i] != EMPTY {
                i = (i + 1) & mask;
            }
            edges[i] = e;
        }
        Dictionary {
            syl_slots: Cow::Owned(syl_slots),
            syl_ends: Cow::Owned(syl_ends),
            syl_bytes: Cow::Owned(syl_bytes),
            syl_short: Cow::Owned(syl_short),
            edges: Cow::Owned(edges),
            words: self.words,
            max_syllables: self.max_syllables,
        }
    }
}

/// Marks an inner node (not a syllable) in the builder's edge keys.
const INNER: u32 = 1 << 31;

enum Inner {
    Syllable(u32),
    Node(u32),
}

impl Inner {
    fn key(&self) -> u32 {
        match *self {
            Inner::Syllable(s) => s,
            Inner::Node(n) => n | INNER,
        }
    }
}

/// A power of two at least twice `n` (load at most one half).
fn table_size(n: usize) -> usize {
    (2 * n).next_power_of_two().max(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contains_words_not_prefixes() {
        let d = Dictionary::from_lines(["quân khu", "bộ tư lệnh", "Hoà bình", "x", "a1 b", ""]);
        assert_eq!(d.len(), 3);
        assert_eq!(d.max_syllables(), 3);
        assert!(d.contains("quân khu"));
        assert!(d.contains("bộ tư lệnh"));
        assert!(d.contains("hòa bình"), "canonical keys on both sides");
        assert!(!d.contains("bộ tư"), "a prefix is not a word");
        assert!(!d.contains("x"));
        assert!(!d.contains("quân"));
        assert!(!d.contains(""));
        assert!(!Dictionary::default().contains("quân khu"));
    }

    #[test]
    fn the_builtin_dictionary_holds_the_lists() {
        let d = Dictionary::builtin();
        assert!(d.len() > 30_000, "{}", d.len());
        for w in ["quân khu", "bộ tư lệnh", "hòa bình", "chiến tranh"] {
            assert!(d.contains(w), "{w}");
        }
        for id in 0..d.syllables() as u32 {
            assert_eq!(d.syllable(d.syllable_bytes(id)), id);
        }
        assert_eq!(d.syllable(b"zzz"), NONE);
        assert_eq!(d.syllable("nghiêng".repeat(3).as_bytes()), NONE);
        let long = Dictionary::from_lines(["nghiêngnghiêngnghiêng a"]);
        assert!(long.contains("nghiêngnghiêngnghiêng a"));
    }
}
