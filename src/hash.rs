//! Hashing for the hot paths (word keys, word ids): one stable hash and
//! the tables over it.
//!
//! The maps keyed by a value ([`FxHashMap`], [`FxHashSet`]) are
//! rustc-hash's. The tables the analysis fills while counting
//! ([`StrMap`], [`HashIndex`]) are hashbrown's `HashTable`, fed the hash
//! the caller already has, so a word is hashed once for all its look-ups.
//! The tables sized once and kept (a thread's [`FormMemo`], the
//! [`Lexicon`](crate::Lexicon)'s keys) are a [`ProbeIndex`] of the same
//! use, cheaper to look up in, dearer to make.
//!
//! The hash itself, [`hash_bytes`] and [`hash_ids`], stays written here:
//! the tagger's shipped model (`src/data/tag-model.bin`) files its
//! weights by it, so it is part of that file's format (rustc-hash 2
//! hashes bytes another way, and would need `make train` and a new model).
//! It is the Fx hash of rustc and Firefox, one rotate, xor and multiply per
//! eight bytes. None of these tables is iterated, so no hash order can
//! reach the output.

use std::hash::Hasher;

use hashbrown::hash_table::HashTable;

pub(crate) use rustc_hash::{FxHashMap, FxHashSet};

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// The Fx hasher of [`hash_bytes`] (rustc-hash 1's word step).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("eight bytes")));
        }
        let mut rest = chunks.remainder();
        if rest.len() >= 4 {
            self.add(u64::from(u32::from_le_bytes(
                rest[..4].try_into().expect("four bytes"),
            )));
            rest = &rest[4..];
        }
        for &b in rest {
            self.add(u64::from(b));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// The Fx hash of a byte string, as one word.
#[inline]
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(bytes);
    h.finish()
}

/// A hash of `texts`, one after the other, with their line ends read as
/// `\n`: the sources of a prebuilt data file (`lexicon.bin`,
/// `tag-table.bin`), which a checkout that ends lines with `\r\n` loads
/// too.
pub(crate) fn hash_texts<'t>(texts: impl Iterator<Item = &'t str>) -> u64 {
    let mut h = FxHasher::default();
    for text in texts {
        if memchr::memchr(b'\r', text.as_bytes()).is_some() {
            h.write(text.replace("\r\n", "\n").as_bytes());
        } else {
            h.write(text.as_bytes());
        }
        h.write_u8(0xFF);
    }
    h.finish()
}

/// hashbrown takes a bucket from the low bits of the hash and a tag from
/// the top seven; the Fx hash mixes its top bits best, so they go low.
#[inline]
fn spread(hash: u64) -> u64 {
    hash.rotate_left(26)
}

/// A map from borrowed strings to values, for the word forms of a text:
/// each form is hashed once per look-up ([`hash_bytes`]), and the hash is
/// kept beside the key, so growing never hashes a key again.
#[derive(Clone, Debug)]
pub(crate) struct StrMap<'a, V> {
    table: HashTable<(u64, &'a str, V)>,
}

impl<V> Default for StrMap<'_, V> {
    fn default() -> Self {
        StrMap::with_capacity(0)
    }
}

impl<'a, V> StrMap<'a, V> {
    /// A map for about `n` keys.
    pub(crate) fn with_capacity(n: usize) -> Self {
        StrMap {
            table: HashTable::with_capacity(n),
        }
    }

    /// The number of keys.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.table.len()
    }

    /// The value of `key`, of [`hash_bytes`] `hash`.
    #[inline]
    pub(crate) fn get(&self, key: &str, hash: u64) -> Option<&V> {
        self.table
            .find(spread(hash), |&(h, k, _)| h == hash && k == key)
            .map(|(_, _, v)| v)
    }

    /// Files `value` under `key`, of [`hash_bytes`] `hash`, which has none.
    #[inline]
    pub(crate) fn insert(&mut self, key: &'a str, hash: u64, value: V) {
        self.table
            .insert_unique(spread(hash), (hash, key, value), |&(h, _, _)| spread(h));
    }
}

/// The Fx hash of a few ids.
#[inline]
pub(crate) fn hash_ids(ids: &[u32]) -> u64 {
    let mut h = FxHasher::default();
    for &id in ids {
        h.write_u32(id);
    }
    h.finish()
}

/// Positions of items by a 64-bit hash of their key, for items kept
/// elsewhere (term keys in the terms, lexicon keys in a vector): the
/// caller says which of the positions filed under a hash has its key, so
/// keys whose hashes are equal stay apart.
#[derive(Clone, Debug)]
pub(crate) struct HashIndex {
    /// (hash, position).
    table: HashTable<(u64, u32)>,
}

impl Default for HashIndex {
    fn default() -> Self {
        HashIndex::with_capacity(0)
    }
}

impl HashIndex {
    /// An index for about `n` positions (it grows past that).
    pub(crate) fn with_capacity(n: usize) -> Self {
        HashIndex {
            table: HashTable::with_capacity(n),
        }
    }

    /// The first position filed under `hash` for which `is` holds.
    #[inline]
    pub(crate) fn find(&self, hash: u64, mut is: impl FnMut(u32) -> bool) -> Option<u32> {
        self.table
            .find(spread(hash), |&(h, pos)| h == hash && is(pos))
            .map(|&(_, pos)| pos)
    }

    /// Files `pos` under `hash`.
    #[inline]
    pub(crate) fn insert(&mut self, hash: u64, pos: u32) {
        self.table
            .insert_unique(spread(hash), (hash, pos), |&(h, _)| spread(h));
    }
}

/// [`HashIndex`] for a table that lives long and is sized once (a
/// thread's [`FormMemo`]): open addressing probed linearly, at most half
/// full. A look-up is a load and a comparison of the hash or two, where
/// hashbrown's probing of groups costs about twice the instructions on
/// these small values (the memo takes a look-up a word counted); filling
/// its slots costs more, which a table of each document's would pay.
#[derive(Clone, Debug)]
pub(crate) struct ProbeIndex {
    /// (hash, position plus one); `(0, 0)` is a free slot. A power of
    /// two long.
    slots: Vec<(u64, u32)>,
    /// The positions filed.
    len: usize,
}

impl Default for ProbeIndex {
    fn default() -> Self {
        ProbeIndex::with_capacity(0)
    }
}

impl ProbeIndex {
    /// An index for about `n` positions (it grows past that).
    pub(crate) fn with_capacity(n: usize) -> Self {
        ProbeIndex {
            slots: vec![(0, 0); (2 * n).next_power_of_two().max(8)],
            len: 0,
        }
    }

    /// The first position filed under `hash` for which `is` holds.
    #[inline]
    pub(crate) fn find(&self, hash: u64, mut is: impl FnMut(u32) -> bool) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut i = spread(hash) as usize & mask;
        loop {
            match self.slots[i] {
                (_, 0) => return None,
                (h, p) if h == hash && is(p - 1) => return Some(p - 1),
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// Files `pos` under `hash`.
    #[inline]
    pub(crate) fn insert(&mut self, hash: u64, pos: u32) {
        if 2 * (self.len + 1) > self.slots.len() {
            self.grow();
        }
        self.len += 1;
        self.file(hash, pos + 1);
    }

    /// Puts `(hash, filed)` in the first free slot from its own.
    #[inline]
    fn file(&mut self, hash: u64, filed: u32) {
        let mask = self.slots.len() - 1;
        let mut i = spread(hash) as usize & mask;
        while self.slots[i].1 != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = (hash, filed);
    }

    /// Twice the slots, every position filed again.
    #[cold]
    fn grow(&mut self) {
        let size = 2 * self.slots.len();
        let old = std::mem::replace(&mut self.slots, vec![(0, 0); size]);
        for (hash, filed) in old {
            if filed != 0 {
                self.file(hash, filed);
            }
        }
    }
}

/// A form of up to 16 bytes (nearly all) as two words that cover it:
/// its first and last eight bytes, four, or three single bytes. With the
/// form's length they tell it from every other form, so a [`FormMemo`]
/// compares them, not the bytes. `None` for a longer form.
#[inline]
fn cover(b: &[u8]) -> Option<(u64, u64)> {
    let n = b.len();
    let word = |at: usize| <[u8; 8]>::try_from(&b[at..at + 8]).map_or(0, u64::from_le_bytes);
    let half = |at: usize| {
        <[u8; 4]>::try_from(&b[at..at + 4]).map_or(0, |h| u64::from(u32::from_le_bytes(h)))
    };
    Some(match n {
        0 => (0, 0),
        1..=3 => (
            u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16,
            0,
        ),
        4..=7 => (half(0), half(n - 4)),
        8..=16 => (word(0), word(n - 8)),
        _ => return None,
    })
}

/// The hash a [`FormMemo`] files form `b` by, of [`cover`] `cover`: the
/// cover mixed with the length by one wide multiplication, cheaper than
/// [`hash_bytes`] on a short form, which a memo looks up at each word; a
/// longer form's [`hash_bytes`]. (Not [`hash_bytes`] throughout: that one
/// files the tagger's weights and the lexicon's keys, so it stays.)
#[inline]
fn memo_hash(b: &[u8], cover: Option<(u64, u64)>) -> u64 {
    let Some((x, y)) = cover else {
        return hash_bytes(b);
    };
    let m = u128::from(x ^ SEED) * u128::from(y ^ (b.len() as u64) ^ 0x9E37_79B9_7F4A_7C15);
    (m as u64) ^ (m >> 64) as u64
}

/// The most forms a [`FormMemo`] keeps: room for the vocabulary of a few
/// thousand news articles (28,000 forms in the 1,500 of vietnews DEV), so
/// that a batch of them does not empty it.
const MAX_MEMO_FORMS: usize = 1 << 15;
/// The longest form a [`FormMemo`] keeps, in bytes.
const MAX_MEMO_FORM: usize = 64;

/// Values kept by written form on one thread, for one owner (a tagger, a
/// tagger and a lexicon): the same forms (`của`, `,`, `Hà Nội`) come back
/// article after article. The forms sit one after the other in one string.
/// The memo keeps no form longer than [`MAX_MEMO_FORM`] bytes and is
/// emptied when it holds [`MAX_MEMO_FORMS`] or another owner uses it
/// ([`FormMemo::for_owner`]). Its users keep only what the form and the
/// owner decide, so it cannot change a result.
#[derive(Debug)]
pub(crate) struct FormMemo<O, T> {
    /// Whose values are kept.
    owner: O,
    /// The forms, one after the other.
    text: String,
    /// Where each form starts and ends in `text`, its [`cover`] (`(0, 0)`
    /// for a form without one), and its value.
    entries: Vec<(u32, u32, (u64, u64), T)>,
    index: ProbeIndex,
}

impl<O: Default, T> Default for FormMemo<O, T> {
    fn default() -> Self {
        FormMemo {
            owner: O::default(),
            text: String::new(),
            entries: Vec::new(),
            index: ProbeIndex::default(),
        }
    }
}

impl<O: Copy + PartialEq, T> FormMemo<O, T> {
    /// An empty memo for `owner`, sized for [`MAX_MEMO_FORMS`] forms.
    fn new(owner: O) -> Self {
        FormMemo {
            owner,
            text: String::with_capacity(MAX_MEMO_FORMS * 8),
            entries: Vec::with_capacity(MAX_MEMO_FORMS),
            index: ProbeIndex::with_capacity(MAX_MEMO_FORMS),
        }
    }

    /// This memo for `owner`: emptied first when it kept another's values.
    #[inline]
    pub(crate) fn for_owner(&mut self, owner: O) -> &mut Self {
        if self.owner != owner {
            *self = FormMemo::new(owner);
        }
        self
    }

    /// The value of `form`, when kept.
    #[inline]
    pub(crate) fn get(&self, form: &str) -> Option<&T> {
        let at = self.position(form.as_bytes())?;
        Some(self.at(at))
    }

    /// The position of `form` (its bytes), when kept: a
    /// number of its own until the memo is emptied.
    #[inline]
    pub(crate) fn position(&self, form: &[u8]) -> Option<u32> {
        let (text, entries) = (self.text.as_bytes(), &self.entries);
        let cover = cover(form);
        self.index.find(memo_hash(form, cover), |i| {
            let &(start, end, words, _) = &entries[i as usize];
            match cover {
                Some(c) => words == c && (end - start) as usize == form.len(),
                None => text.get(start as usize..end as usize) == Some(form),
            }
        })
    }

    /// The value kept at `position` (from [`FormMemo::position`] or
    /// [`FormMemo::push`]).
    #[inline]
    pub(crate) fn at(&self, position: u32) -> &T {
        &self.entries[position as usize].3
    }

    /// Keeps `value` for `form`, and gives its
    /// position; `None`, keeping nothing, when the form is too long or the
    /// memo full (it is never emptied here: positions given stay valid).
    pub(crate) fn push(&mut self, form: &str, value: T) -> Option<u32> {
        if form.len() > MAX_MEMO_FORM || self.is_full() {
            return None;
        }
        let at = self.entries.len() as u32;
        self.keep(form, value);
        Some(at)
    }

    /// The number of forms kept.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Does it hold [`MAX_MEMO_FORMS`] forms?
    pub(crate) fn is_full(&self) -> bool {
        self.entries.len() >= MAX_MEMO_FORMS
    }

    /// Empties it, for the same owner.
    pub(crate) fn clear(&mut self) {
        *self = FormMemo::new(self.owner);
    }

    /// Keeps `value` for `form`, unless the form is
    /// too long; emptied first when full.
    pub(crate) fn insert(&mut self, form: &str, value: T) {
        if form.len() > MAX_MEMO_FORM {
            return;
        }
        if self.entries.len() >= MAX_MEMO_FORMS {
            *self = FormMemo::new(self.owner);
        }
        self.keep(form, value);
    }

    /// Keeps `value` for `form`, new to the memo.
    fn keep(&mut self, form: &str, value: T) {
        let start = self.text.len() as u32;
        self.text.push_str(form);
        let cover = cover(form.as_bytes());
        let hash = memo_hash(form.as_bytes(), cover);
        self.index.insert(hash, self.entries.len() as u32);
        let words = cover.unwrap_or((0, 0));
        self.entries
            .push((start, self.text.len() as u32, words, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn str_map_agrees_with_a_hash_map() {
        // Small capacity, so that the index grows several times; keys with
        // shared prefixes, empty, non-ASCII.
        let mut words: Vec<String> = Vec::new();
        for i in 0..3000 {
            words.push(format!("từ{}", i % 700));
            words.push(["", "a", "ả", "Ả", "hòa bình", "hoà bình"][i % 6].to_string());
        }
        let mut fast: StrMap<usize> = StrMap::with_capacity(4);
        let mut slow: FxHashMap<&str, usize> = FxHashMap::default();
        for (n, w) in words.iter().enumerate() {
            let hash = hash_bytes(w.as_bytes());
            if fast.get(w, hash).is_none() {
                fast.insert(w, hash, n);
            }
            slow.entry(w).or_insert(n);
        }
        assert_eq!(fast.len(), slow.len());
        for w in &words {
            assert_eq!(
                fast.get(w, hash_bytes(w.as_bytes())),
                Some(&slow[w.as_str()]),
                "{w}"
            );
        }
        assert_eq!(
            fast.get("không có", hash_bytes("không có".as_bytes())),
            None
        );
    }

    /// Every key under one of three hashes, into an index made for two
    /// (it grows): positions are told apart by their keys only.
    macro_rules! keeps_equal_hashes_apart {
        ($index:ty) => {{
            let keys: Vec<String> = (0..500).map(|i| format!("k{i}")).collect();
            let hash = |i: usize| ((i % 3) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            let mut index = <$index>::with_capacity(2);
            for i in 0..keys.len() {
                assert_eq!(index.find(hash(i), |p| keys[p as usize] == keys[i]), None);
                index.insert(hash(i), i as u32);
            }
            for (i, k) in keys.iter().enumerate() {
                assert_eq!(
                    index.find(hash(i), |p| keys[p as usize] == *k),
                    Some(i as u32)
                );
                assert_eq!(
                    index.find(hash(i) ^ (1 << 63), |p| keys[p as usize] == *k),
                    None
                );
            }
        }};
    }

    #[test]
    fn a_cover_and_a_length_tell_every_short_form_apart() {
        // Forms of every length up to 16 that differ in one byte only, at
        // each place in turn: no two share a cover and a length.
        let mut seen = FxHashSet::default();
        for n in 0..=16 {
            let base = vec![b'a'; n];
            assert!(seen.insert((cover(&base), n)));
            for at in 0..n {
                let mut form = base.clone();
                form[at] = b'b';
                assert!(seen.insert((cover(&form), n)), "{n} {at}");
            }
        }
        assert_eq!(cover(&[b'a'; 17]), None);
        // The memo finds each form by it, and a longer one by its bytes.
        let mut memo = FormMemo::new(0u8);
        let forms = [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "Hà Nội",
            "thành phố Hồ",
            "Thành phố Hồ Chí Minh",
        ];
        for (i, f) in forms.iter().enumerate() {
            assert_eq!(memo.push(f, i), Some(i as u32));
        }
        for (i, f) in forms.iter().enumerate() {
            assert_eq!(memo.get(f), Some(&i));
        }
        assert_eq!(memo.get("abce"), None);
        assert_eq!(memo.get("Thành phố Hồ Chí Minh."), None);
    }

    #[test]
    fn hash_index_keeps_equal_hashes_apart() {
        keeps_equal_hashes_apart!(HashIndex);
    }

    #[test]
    fn probe_index_keeps_equal_hashes_apart() {
        keeps_equal_hashes_apart!(ProbeIndex);
    }

    #[test]
    fn maps_work_with_string_and_id_keys() {
        let mut m: FxHashMap<String, u32> = FxHashMap::default();
        for (i, w) in ["hòa", "bình", "hòa bình", "", "quân khu năm"]
            .iter()
            .enumerate()
        {
            m.insert(w.to_string(), i as u32);
        }
        assert_eq!(m.get("hòa bình"), Some(&2));
        assert_eq!(m.get(""), Some(&3));
        assert_eq!(m.get("hoa"), None);
        let s: FxHashSet<[u32; 3]> = [[1, 2, u32::MAX], [2, 1, u32::MAX]].into_iter().collect();
        assert_eq!(s.len(), 2);
    }
}
