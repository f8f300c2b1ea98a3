//! A fast hash for the small keys of the hot paths (word keys, word ids).
//!
//! The standard library's SipHash resists flooding attacks on a server,
//! and costs a fifth of the keyword stage on words of five bytes. This is
//! the Fx hash of rustc and Firefox: one rotate, xor and multiply per
//! eight bytes. The maps that use it are never iterated, so their order
//! cannot reach the output.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with the Fx hash.
pub(crate) type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
/// A `HashSet` with the Fx hash.
pub(crate) type FxHashSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// The Fx hasher.
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

/// Marks a free slot of [`StrMap`]'s index.
const FREE: u32 = u32::MAX;

/// A map from borrowed strings to values, for the word forms of a text:
/// each form is hashed once per look-up, and a form found costs one probe
/// of a flat index and one comparison, without the generic entry API of
/// `HashMap` (which hashes `str` with a trailing byte and calls out of line).
/// Values live in insertion order; the index holds their positions.
#[derive(Clone, Debug)]
pub(crate) struct StrMap<'a, V> {
    /// Positions in `entries`, `FREE` where none; a power of two long, at
    /// most half full, probed linearly from the hash's top bits.
    index: Vec<u32>,
    shift: u32,
    entries: Vec<(u64, &'a str, V)>,
}

impl<V> Default for StrMap<'_, V> {
    fn default() -> Self {
        StrMap::with_capacity(0)
    }
}

impl<'a, V> StrMap<'a, V> {
    /// A map for about `n` keys.
    pub(crate) fn with_capacity(n: usize) -> Self {
        let slots = (2 * n).next_power_of_two().max(16);
        StrMap {
            index: vec![FREE; slots],
            shift: 64 - slots.trailing_zeros(),
            entries: Vec::with_capacity(n),
        }
    }

    /// The number of keys.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// The key's hash and value at `position` (as
    /// [`StrMap::position_or_insert_with`] gives it).
    #[inline]
    pub(crate) fn at_mut(&mut self, position: usize) -> (u64, &mut V) {
        let (hash, _, v) = &mut self.entries[position];
        (*hash, v)
    }

    /// The position of `key`'s value, `new(hash)` inserted first if it
    /// has none; `hash` is [`hash_bytes`] of the key. Values keep their
    /// positions while the map grows.
    #[inline]
    pub(crate) fn position_or_insert_with(
        &mut self,
        key: &'a str,
        new: impl FnOnce(u64) -> V,
    ) -> usize {
        let hash = hash_bytes(key.as_bytes());
        let mask = self.index.len() - 1;
        let mut i = (hash >> self.shift) as usize;
        loop {
            let e = self.index[i];
            if e == FREE {
                break;
            }
            let (h, k, _) = &self.entries[e as usize];
            if *h == hash && *k == key {
                return e as usize;
            }
            i = (i + 1) & mask;
        }
        if 2 * (self.entries.len() + 1) > self.index.len() {
            self.grow();
            i = self.free_slot(hash);
        }
        self.index[i] = self.entries.len() as u32;
        self.entries.push((hash, key, new(hash)));
        self.entries.len() - 1
    }

    /// The first free slot on the probe path of `hash`.
    fn free_slot(&self, hash: u64) -> usize {
        let mask = self.index.len() - 1;
        let mut i = (hash >> self.shift) as usize;
        while self.index[i] != FREE {
            i = (i + 1) & mask;
        }
        i
    }

    /// Doubles the index and files every key again.
    #[cold]
    fn grow(&mut self) {
        let slots = 2 * self.index.len();
        self.index.clear();
        self.index.resize(slots, FREE);
        self.shift -= 1;
        for e in 0..self.entries.len() {
            let i = self.free_slot(self.entries[e].0);
            self.index[i] = e as u32;
        }
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
    /// (top half of the hash, position), position `FREE` where none; a
    /// power of two long (at most 2^32), at most half full, probed
    /// linearly from the hash's top bits. Eight bytes a slot keep a new
    /// index small and quick to fill. (Free as zero would make it zeroed
    /// memory: a `memset`, slower here than the loop of stores.)
    slots: Vec<(u32, u32)>,
    /// 64 minus the number of bits of a slot number.
    shift: u32,
    len: usize,
}

impl Default for HashIndex {
    fn default() -> Self {
        HashIndex::with_capacity(0)
    }
}

impl HashIndex {
    /// An index for about `n` positions (it grows past that).
    pub(crate) fn with_capacity(n: usize) -> Self {
        let slots = (2 * n).next_power_of_two().max(16);
        HashIndex {
            slots: vec![(0, FREE); slots],
            shift: 64 - slots.trailing_zeros(),
            len: 0,
        }
    }

    /// The first slot of `top`'s probe path.
    #[inline]
    fn start(&self, top: u32) -> usize {
        (u64::from(top) >> (self.shift - 32)) as usize
    }

    /// The first position filed under `hash` for which `is` holds.
    #[inline]
    pub(crate) fn find(&self, hash: u64, mut is: impl FnMut(u32) -> bool) -> Option<u32> {
        let top = (hash >> 32) as u32;
        let mask = self.slots.len() - 1;
        let mut i = self.start(top);
        loop {
            let (h, pos) = self.slots[i];
            if pos == FREE {
                return None;
            }
            if h == top && is(pos) {
                return Some(pos);
            }
            i = (i + 1) & mask;
        }
    }

    /// Files `pos` (below `u32::MAX`) under `hash`.
    #[inline]
    pub(crate) fn insert(&mut self, hash: u64, pos: u32) {
        if 2 * (self.len + 1) > self.slots.len() {
            self.grow();
        }
        self.put((hash >> 32) as u32, pos);
        self.len += 1;
    }

    /// Files `pos` under the hash's `top` half.
    fn put(&mut self, top: u32, pos: u32) {
        let mask = self.slots.len() - 1;
        let mut i = self.start(top);
        while self.slots[i].1 != FREE {
            i = (i + 1) & mask;
        }
        self.slots[i] = (top, pos);
    }

    /// Doubles the slots and files every position again.
    #[cold]
    fn grow(&mut self) {
        let slots = vec![(0, FREE); 2 * self.slots.len()];
        let old = std::mem::replace(&mut self.slots, slots);
        self.shift -= 1;
        for (top, pos) in old {
            if pos != FREE {
                self.put(top, pos);
            }
        }
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
            let at = fast.position_or_insert_with(w, |h| {
                assert_eq!(h, hash_bytes(w.as_bytes()));
                n
            });
            *fast.at_mut(at).1 += 1;
            *slow.entry(w).or_insert(n) += 1;
        }
        assert_eq!(fast.len(), slow.len());
        for w in &words {
            let at = fast.position_or_insert_with(w, |_| usize::MAX);
            assert_eq!(*fast.at_mut(at).1, slow[w.as_str()], "{w}");
        }
        assert_eq!(fast.len(), slow.len());
    }

    #[test]
    fn hash_index_keeps_equal_hashes_apart() {
        // Every key under one of three hashes: positions are told apart by
        // their keys only.
        let keys: Vec<String> = (0..500).map(|i| format!("k{i}")).collect();
        let hash = |i: usize| ((i % 3) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut index = HashIndex::with_capacity(2);
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
