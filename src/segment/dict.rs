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

use crate::bytes::Reader;
use crate::vi::canonical;

const PYVI: &str = include_str!("../data/lexicon/words-pyvi.txt");
const RDR: &str = include_str!("../data/lexicon/vnvocab-rdrsegmenter.txt");
/// Built by `make train` (`cargo run --release --features train --example segment-data`)
/// with the model (`learn.rs`).
pub(super) const BUILTIN: &[u8] = include_bytes!("../data/segment-dict.bin");

/// The lines of the two shipped word lists.
pub(crate) fn list_lines() -> impl Iterator<Item = &'static str> {
    PYVI.lines().chain(RDR.lines())
}

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
    /// The number of syllables of every id: 1 for a syllable id, the
    /// prefix length for a trie node (at most 255).
    lens: Vec<u8>,
    words: usize,
    max_syllables: usize,
    /// Inner trie nodes, one per edge: kept, not counted over the table.
    nodes: usize,
    /// What [`spread`] shifts a hash by for each table, kept so that a
    /// lookup does not work it out again.
    syl_shift: u32,
    edge_shift: u32,
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
    /// The union of the word lists shipped in `src/data/lexicon/` and the
    /// words the model learned from the treebank, loaded from the prebuilt
    /// `src/data/segment-dict.bin` (about a millisecond, where cleaning
    /// the lists takes some 70).
    pub fn builtin() -> Dictionary {
        Dictionary::from_bytes(BUILTIN).expect("src/data/segment-dict.bin is valid")
    }

    /// The union of the word lists shipped in `src/data/lexicon/`, cleaned
    /// and built from their text: what `src/data/segment-dict.bin` holds.
    #[doc(hidden)]
    pub fn builtin_from_lists() -> Dictionary {
        Dictionary::from_lines(list_lines())
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
                b.words.push(syls.len() as u32);
                b.words.extend_from_slice(&syls);
            }
        }
        let syllables: Vec<&[u8]> = b.syl_list.iter().map(|s| s.as_bytes()).collect();
        assemble(&syllables, Words(&b.words))
    }

    /// The dictionary written by [`Dictionary::to_bytes`], or `None` if
    /// `bytes` is not one. The trie comes node by node, each with its
    /// parent and syllable, so loading it is one insert a node: no word
    /// is walked down from its first syllable.
    pub fn from_bytes(bytes: &[u8]) -> Option<Dictionary> {
        let mut r = Reader(bytes);
        if r.take(4)? != MAGIC || r.u32()? != VERSION {
            return None;
        }
        let n_syl = r.u32()? as usize;
        let n_nodes = r.u32()? as usize;
        let ids = n_syl.checked_add(n_nodes)?;
        if ids as u64 >= FIELD {
            return None;
        }
        let width = if wide(ids) { 4 } else { 2 };
        let lens = r.take(n_syl)?;
        let mut syllables = Vec::with_capacity(n_syl);
        for &len in lens {
            syllables.push(r.take(usize::from(len))?);
        }
        let nodes = r.take(n_nodes.checked_mul(2 * width)?)?;
        let word_bits = r.take(n_nodes.div_ceil(8))?;
        if !r.0.is_empty() {
            return None;
        }
        let mut d = syllable_tables(&syllables, table_size(2 * n_nodes));
        let mut lens = vec![1u8; ids];
        let edges = d.edges.to_mut();
        let mask = edges.len() - 1;
        let field = |b: &[u8]| match *b {
            [a, b] => usize::from(u16::from_le_bytes([a, b])),
            [a, b, c, d] => u32::from_le_bytes([a, b, c, d]) as usize,
            _ => usize::MAX,
        };
        for (k, node) in nodes.chunks_exact(2 * width).enumerate() {
            let id = n_syl + k;
            let (parent, syl) = (field(&node[..width]), field(&node[width..]));
            // Parents come first, and no word is 256 syllables long.
            if parent >= id || syl >= n_syl || lens[parent] == u8::MAX {
                return None;
            }
            let key = (parent as u64) << BITS | syl as u64;
            let mut i = slot_of_edge(key, mask);
            while edges[i] != EMPTY {
                if edges[i] & KEY == key {
                    return None;
                }
                i = (i + 1) & mask;
            }
            lens[id] = lens[parent] + 1;
            edges[i] = (id as u64) << (2 * BITS) | key;
            if word_bits[k / 8] >> (k % 8) & 1 != 0 {
                edges[i] |= WORD;
                d.words += 1;
                d.max_syllables = d.max_syllables.max(usize::from(lens[id]));
            }
        }
        d.lens = lens;
        d.nodes = n_nodes;
        d.edge_shift = shift(d.edges.len());
        Some(d)
    }

    /// The dictionary as bytes for [`Dictionary::from_bytes`]: a header
    /// (`TTSD`, version, syllable and trie node counts), the syllables in
    /// id order (lengths, then bytes), then every trie node as its parent
    /// and its last syllable (two bytes each, four past 65,536 ids), then
    /// a bit a node, whether it is a word. Nodes come depth first, each
    /// node's children by syllable id, and are numbered in that order:
    /// the same words always give the same bytes, and the ids of a
    /// dictionary loaded from them.
    pub fn to_bytes(&self) -> Vec<u8> {
        let n_syl = self.syllables();
        // Children of each node, by syllable id, from the edge table.
        let mut children: Vec<Vec<(u32, u32, bool)>> = vec![Vec::new(); n_syl + self.nodes()];
        for &e in self.edges.iter().filter(|&&e| e != EMPTY) {
            let parent = ((e >> BITS) & FIELD) as usize;
            let child = ((e >> (2 * BITS)) & FIELD) as u32;
            children[parent].push(((e & FIELD) as u32, child, e & WORD != 0));
        }
        for c in &mut children {
            c.sort_unstable();
        }
        let mut nodes = Vec::with_capacity(self.nodes());
        for root in 0..n_syl as u32 {
            preorder(&children, root, root, n_syl, &mut nodes);
        }
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(n_syl as u32).to_le_bytes());
        out.extend_from_slice(&(nodes.len() as u32).to_le_bytes());
        for id in 0..n_syl as u32 {
            let len = self.syllable_bytes(id).len();
            out.push(u8::try_from(len).expect("a syllable under 256 bytes"));
        }
        for id in 0..n_syl as u32 {
            out.extend_from_slice(self.syllable_bytes(id));
        }
        // Ids in two bytes while they fit.
        let wide = wide(n_syl + nodes.len());
        for &(parent, syl, _) in &nodes {
            for id in [parent, syl] {
                if wide {
                    out.extend_from_slice(&id.to_le_bytes());
                } else {
                    out.extend_from_slice(&(id as u16).to_le_bytes());
                }
            }
        }
        let mut bits = vec![0u8; nodes.len().div_ceil(8)];
        for (k, &(_, _, word)) in nodes.iter().enumerate() {
            bits[k / 8] |= u8::from(word) << (k % 8);
        }
        out.extend_from_slice(&bits);
        out
    }

    /// The number of inner trie nodes (prefixes of two syllables or more).
    pub(super) fn nodes(&self) -> usize {
        self.nodes
    }

    /// The number of syllables of every id: 1 for a syllable id, the
    /// prefix length for a trie node (at most 255).
    pub(super) fn node_lengths(&self) -> &[u8] {
        &self.lens
    }

    /// [`Dictionary::node_lengths`] from the edges: a node's id is above
    /// its parent's.
    fn count_lengths(&self) -> Vec<u8> {
        let n_syl = self.syllables();
        let mut parent = vec![0u32; self.nodes()];
        for &e in self.edges.iter().filter(|&&e| e != EMPTY) {
            let child = ((e >> (2 * BITS)) & FIELD) as usize;
            parent[child - n_syl] = ((e >> BITS) & FIELD) as u32;
        }
        let mut len = vec![1u8; n_syl + parent.len()];
        for (k, &p) in parent.iter().enumerate() {
            len[n_syl + k] = len[p as usize].saturating_add(1);
        }
        len
    }

    /// Whether the canonical `key` (syllables separated by one space) is a
    /// word.
    pub fn contains(&self, key: &str) -> bool {
        self.word_node(key).is_some()
    }

    /// The trie node of the word `key` (canonical, syllables separated by
    /// one space), if it is a word of two syllables or more.
    pub(super) fn word_node(&self, key: &str) -> Option<u32> {
        let mut syls = key.split(' ');
        let mut node = syls.next().map(|s| self.syllable(s.as_bytes()))?;
        let mut word = false;
        for s in syls {
            let step = self.step(node, self.syllable(s.as_bytes()))?;
            (node, word) = (step.node, step.word);
        }
        word.then_some(node)
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
        let mut i = (hash_short(key) >> self.syl_shift) as usize;
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

    /// The canonical bytes of syllable `id`.
    pub(super) fn syllable_key(&self, id: u32) -> &[u8] {
        self.syllable_bytes(id)
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
        let mut i = (edge_hash(key) >> self.edge_shift) as usize;
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

#[inline(always)]
fn slot_of_edge(key: u64, mask: usize) -> usize {
    spread(edge_hash(key), mask)
}

#[inline(always)]
fn edge_hash(key: u64) -> u64 {
    key.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The top bits of a multiplied hash, as a slot below `mask + 1` (a power
/// of two).
#[inline(always)]
fn spread(h: u64, mask: usize) -> usize {
    // `trailing_zeros` is one instruction on every x86-64, `count_ones`
    // is not without `popcnt`. Tables have two slots or more.
    (h >> shift(mask + 1)) as usize
}

/// The header of [`Dictionary::to_bytes`].
const MAGIC: &[u8; 4] = b"TTSD";
const VERSION: u32 = 2;

/// The trie nodes under `old` (`new` as numbered in the output), depth
/// first, by syllable id: each as its parent's new id, its syllable and
/// whether it is a word.
fn preorder(
    children: &[Vec<(u32, u32, bool)>],
    old: u32,
    new: u32,
    n_syl: usize,
    out: &mut Vec<(u32, u32, bool)>,
) {
    for &(syl, child, word) in &children[old as usize] {
        let id = (n_syl + out.len()) as u32;
        out.push((new, syl, word));
        preorder(children, child, id, n_syl, out);
    }
}

/// Whether ids below `ids` take four bytes in the file, not two.
fn wide(ids: usize) -> bool {
    ids > usize::from(u16::MAX) + 1
}

/// Syllables met while reading word lists, and the words as ids.
#[derive(Default)]
struct Builder {
    syl_ids: HashMap<String, u32>,
    syl_list: Vec<String>,
    /// Each word as its length, then its syllable ids.
    words: Vec<u32>,
}

impl Builder {
    fn syllable(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.syl_ids.get(s) {
            return id;
        }
        let id = self.syl_list.len() as u32;
        self.syl_ids.insert(s.to_string(), id);
        self.syl_list.push(s.to_string());
        id
    }
}

/// Words as a flat list: each a length, then that many syllable ids.
#[derive(Clone, Copy)]
struct Words<'a>(&'a [u32]);

impl<'a> Iterator for Words<'a> {
    type Item = &'a [u32];

    fn next(&mut self) -> Option<&'a [u32]> {
        let (&n, rest) = self.0.split_first()?;
        let (w, rest) = rest.split_at(n as usize);
        self.0 = rest;
        Some(w)
    }
}

/// Lays out the tables for `syllables` (by id, distinct) and `words`.
///
/// # Panics
///
/// With two million distinct syllables or prefixes or more.
fn assemble(syllables: &[&[u8]], words: Words<'_>) -> Dictionary {
    // At most one new edge per syllable after the first of each word.
    let most: usize = words.map(|w| w.len().saturating_sub(1)).sum();
    // Load at most 3/8: most steps the lattice takes miss (no word goes
    // on), and a miss probes to an empty slot.
    let mut d = syllable_tables(syllables, table_size(2 * most));
    let n_syl = syllables.len();
    let mut next = n_syl as u64;
    for w in words.filter(|w| w.len() >= 2) {
        let mut node = w[0];
        for (k, &syl) in w.iter().enumerate().skip(1) {
            let last = k + 1 == w.len();
            let slot = d.find(node, syl);
            let edges = d.edges.to_mut();
            if edges[slot] == EMPTY {
                assert!(
                    next < FIELD && u64::from(syl) < FIELD,
                    "dictionary too large"
                );
                edges[slot] = next << (2 * BITS) | u64::from(node) << BITS | u64::from(syl);
                next += 1;
            }
            if last && edges[slot] & WORD == 0 {
                edges[slot] |= WORD;
                d.words += 1;
                d.max_syllables = d.max_syllables.max(w.len());
            }
            node = ((edges[slot] >> (2 * BITS)) & FIELD) as u32;
        }
    }
    d.nodes = next as usize - n_syl;
    d.edge_shift = shift(d.edges.len());
    d.lens = d.count_lengths();
    d
}

/// A dictionary of `syllables` (by id, distinct) and no word yet, with
/// an empty edge table of `edge_slots` (a power of two).
fn syllable_tables(syllables: &[&[u8]], edge_slots: usize) -> Dictionary {
    let n_syl = syllables.len();
    let mut syl_ends = Vec::with_capacity(n_syl);
    let mut syl_bytes = Vec::new();
    for s in syllables {
        syl_bytes.extend_from_slice(s);
        syl_ends.push(syl_bytes.len() as u32);
    }
    let syl_short = syllables.iter().map(|s| short(s).unwrap_or(LONG)).collect();
    let mut syl_slots = vec![NONE; table_size(n_syl)];
    let mask = syl_slots.len() - 1;
    for (id, s) in syllables.iter().enumerate() {
        let mut i = slot_of_bytes(s, mask);
        while syl_slots[i] != NONE {
            i = (i + 1) & mask;
        }
        syl_slots[i] = id as u32;
    }
    let syl_shift = shift(syl_slots.len());
    Dictionary {
        syl_slots: Cow::Owned(syl_slots),
        syl_ends: Cow::Owned(syl_ends),
        syl_bytes: Cow::Owned(syl_bytes),
        syl_short: Cow::Owned(syl_short),
        edges: Cow::Owned(vec![EMPTY; edge_slots]),
        lens: vec![1; n_syl],
        words: 0,
        max_syllables: 0,
        nodes: 0,
        syl_shift,
        edge_shift: shift(edge_slots),
    }
}

/// The shift of [`spread`] for a table of `len` slots.
fn shift(len: usize) -> u32 {
    64 - len.trailing_zeros()
}

impl Dictionary {
    /// The slot of edge `(node, syl)`, or the empty slot where it would go.
    fn find(&self, node: u32, syl: u32) -> usize {
        let key = u64::from(node) << BITS | u64::from(syl);
        let mask = self.edges.len() - 1;
        let mut i = slot_of_edge(key, mask);
        while self.edges[i] != EMPTY && self.edges[i] & KEY != key {
            i = (i + 1) & mask;
        }
        i
    }
}

/// A power of two over `4n/3` (load at most three quarters).
fn table_size(n: usize) -> usize {
    (n + n / 3 + 1).next_power_of_two().max(2)
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
    fn bytes_round_trip() {
        let d = Dictionary::from_lines(["quân khu", "bộ tư lệnh", "bộ tư", "hòa bình"]);
        let bytes = d.to_bytes();
        let e = Dictionary::from_bytes(&bytes).expect("valid");
        assert_eq!(e.to_bytes(), bytes);
        assert_eq!((e.len(), e.max_syllables()), (4, 3));
        for w in ["quân khu", "bộ tư lệnh", "bộ tư", "hòa bình"] {
            assert!(e.contains(w), "{w}");
        }
        assert!(!e.contains("tư lệnh"));
        assert_eq!(e.node_lengths(), e.count_lengths());
        assert_eq!(d.node_lengths(), d.count_lengths());
        // The same syllables and words, the trie built in another order:
        // `to_bytes` numbers the nodes depth first all the same.
        let mut lines = vec!["quân", "khu", "bộ", "tư", "lệnh", "hòa", "bình"];
        lines.extend(["hòa bình", "bộ tư lệnh", "quân khu", "bộ tư"]);
        let again = Dictionary::from_lines(lines);
        assert_ne!(again.edges, d.edges);
        assert_eq!(again.to_bytes(), bytes);
        assert!(Dictionary::from_bytes(&bytes[..bytes.len() - 1]).is_none());
        // A node that comes before its parent, or twice.
        let header = 16 + d.syllables() + d.syl_bytes.len();
        let mut bad = bytes.clone();
        bad[header..header + 2].copy_from_slice(&60_000u16.to_le_bytes());
        assert!(Dictionary::from_bytes(&bad).is_none());
        let mut twice = bytes.clone();
        twice.copy_within(header..header + 4, header + 4);
        assert!(Dictionary::from_bytes(&twice).is_none());
        assert!(Dictionary::from_bytes(b"TTSD").is_none());
        assert!(Dictionary::from_bytes(b"").is_none());
    }

    #[test]
    fn ids_past_two_bytes_round_trip() {
        // 300 syllables and 90,000 words of two: ids take four bytes.
        let letters = |k: usize| {
            let a = char::from(b'a' + (k / 26) as u8);
            let b = char::from(b'a' + (k % 26) as u8);
            format!("{a}{b}")
        };
        let lines: Vec<String> = (0..90_000)
            .map(|k| format!("{} {}", letters(k / 300), letters(k % 300)))
            .collect();
        let d = Dictionary::from_lines(lines.iter().map(String::as_str));
        assert!(wide(d.syllables() + d.nodes()));
        let bytes = d.to_bytes();
        let e = Dictionary::from_bytes(&bytes).expect("valid");
        assert_eq!(e.to_bytes(), bytes);
        assert_eq!((e.len(), e.max_syllables()), (90_000, 2));
        assert!(e.contains(&lines[89_999]) && e.contains(&lines[12_345]));
        assert!(!e.contains("aa") && !e.contains("aa ab ac"));
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
        let edges = d.edges.iter().filter(|&&e| e != EMPTY).count();
        assert_eq!(d.nodes(), edges, "one node per edge");
        assert_eq!(d.syllable(b"zzz"), NONE);
        assert_eq!(d.syllable("nghiêng".repeat(3).as_bytes()), NONE);
        let long = Dictionary::from_lines(["nghiêngnghiêngnghiêng a"]);
        assert!(long.contains("nghiêngnghiêngnghiêng a"));
    }
}
