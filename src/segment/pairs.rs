//! How often each two-syllable word of the dictionary stands in running
//! text, as the lattice's tie-breaker where two words overlap.
//!
//! # Why
//!
//! The model (`model.rs`) scores each edge alone: a word by its
//! identity, a single syllable by its own. Where two dictionary words
//! overlap on one syllable (`cao trình` and `trình độ` in `nâng cao trình
//! độ`), both paths hold one word and two single syllables, so the choice
//! falls to which single syllable the treebank left alone more often,
//! which says nothing about the two words. `cao` is mostly part of a
//! word in the treebank, `độ` less so, and the path `nâng | cao_trình |
//! độ` wins, and so do `nâng cao_tay nghề`, `kéo dài_hạn chót`, `nâng
//! cao_điểm số`: a verb and its complement, which the treebank writes as
//! two words (`nâng cao`, `làm rõ`), before a noun whose first syllable
//! makes a rare word with the complement.
//!
//! What tells the two readings apart is how common each word is: `trình
//! độ` stands in far more sentences than `cao trình`. The count of a word
//! here is the count of its two syllables side by side in the articles
//! of vietnews TRAIN, whatever the segmentation (every `nâng cao trình độ`
//! counts for both words), so the table does not learn from the
//! segmenter's own mistakes, and a word's count beyond its overlaps is
//! what decides. [`settle`] moves the shared syllable to the other word
//! when that word is [`MARGIN`] powers of two more frequent or more, and
//! the model's lead for its own reading is under [`PER_CLASS`] a power of
//! two: the model's single-syllable scores do know something
//! (`người` mostly stands alone, so `người | làm_chứng` stays).
//!
//! On the treebank's 5-fold cross-validation F1 goes from 97.81 to 97.85;
//! on the paragraphs of vietnews DEV it changes 372 words, nearly all
//! for the better (`trụ_sở tại`, `xảy_ra`, `phi hạt_nhân hoá`, `yêu_cầu
//! tự`, `cụ_thể nào`); the few for the worse are pairs of common words
//! (`giảm_giá thành`, `việc_làm phiền`).
//!
//! # File
//!
//! `src/data/segment-pairs.bin`, built by `make segment-pairs` (and `make
//! train`): `TTSP`, version, the number of entries, then the entries as
//! little-endian `u32`s in increasing order: the top 27 bits of the hash
//! of the word's key (`hash_bytes` of `a b`, canonical), and in the low 5
//! bits the count's class, `floor(log2(count))`, words seen twice or more
//! only. Keyed by the word's text, not by trie node, it fits every
//! dictionary the syllables come from (the folds of the cross-validation
//! too).

use super::dict::Dictionary;
use super::lattice::apart;
use super::Syllables;
use crate::hash::hash_bytes;

/// Built by `make segment-pairs` (`cargo run --release --features train
/// --example segment-pairs`).
pub(super) const BUILTIN: &[u8] = include_bytes!("../data/segment-pairs.bin");

const MAGIC: &[u8; 4] = b"TTSP";
const VERSION: u32 = 1;
const CLASS_BITS: u32 = 5;

/// How many powers of two more frequent the other word of an overlap must
/// be to take the shared syllable.
pub(super) const MARGIN: u8 = 2;

/// What one count class of difference is worth against the model's lead
/// of its reading: a reading the model holds by far keeps its word
/// (`người | làm_chứng`, where `người` stands alone most of the time).
pub(super) const PER_CLASS: f32 = 0.5;

/// The count classes of two-syllable words.
#[derive(Clone, Debug)]
pub(super) struct Pairs {
    entries: &'static [u8],
}

impl Pairs {
    /// The table shipped in `src/data/segment-pairs.bin`.
    pub(super) fn builtin() -> Pairs {
        Pairs::from_bytes(BUILTIN).expect("src/data/segment-pairs.bin is a table of pairs")
    }

    fn from_bytes(bytes: &'static [u8]) -> Option<Pairs> {
        let (head, entries) = bytes.split_at_checked(12)?;
        if &head[..4] != MAGIC || u32_at(&head[4..8]) != VERSION {
            return None;
        }
        let n = u32_at(&head[8..12]) as usize;
        (entries.len() == n * 4).then_some(Pairs { entries })
    }

    fn len(&self) -> usize {
        self.entries.len() / 4
    }

    fn entry(&self, k: usize) -> u32 {
        u32_at(&self.entries[k * 4..k * 4 + 4])
    }

    /// The count class of the word `a b` (canonical syllables): 0 when
    /// it was seen fewer than two times.
    pub(super) fn class(&self, a: &[u8], b: &[u8]) -> u8 {
        let want = key_bits(a, b);
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            let e = self.entry(mid);
            match (e >> CLASS_BITS).cmp(&want) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return (e & ((1 << CLASS_BITS) - 1)) as u8,
            }
        }
        0
    }
}

fn u32_at(b: &[u8]) -> u32 {
    u32::from_le_bytes(b.try_into().expect("four bytes"))
}

/// The hash bits an entry keeps for the word `a b`.
fn key_bits(a: &[u8], b: &[u8]) -> u32 {
    let mut buf = [0u8; 96];
    let n = a.len() + 1 + b.len();
    let h = if n <= buf.len() {
        buf[..a.len()].copy_from_slice(a);
        buf[a.len()] = b' ';
        buf[a.len() + 1..n].copy_from_slice(b);
        hash_bytes(&buf[..n])
    } else {
        hash_bytes(&[a, b" ", b].concat())
    };
    (h >> (64 - (32 - CLASS_BITS))) as u32
}

/// The class of a count seen twice or more.
#[cfg(any(test, feature = "train"))]
fn class_of(count: u32) -> u32 {
    (31 - count.leading_zeros()).min((1 << CLASS_BITS) - 1)
}

/// The table's bytes for `counts`: each two-syllable word's key
/// (canonical, `a b`) with how often it was seen.
#[cfg(any(test, feature = "train"))]
pub(super) fn to_bytes<'k>(counts: impl IntoIterator<Item = (&'k str, u32)>) -> Vec<u8> {
    let mut entries: Vec<u32> = Vec::new();
    for (key, count) in counts {
        if count < 2 {
            continue;
        }
        let Some((a, b)) = key.split_once(' ') else {
            continue;
        };
        entries.push(key_bits(a.as_bytes(), b.as_bytes()) << CLASS_BITS | class_of(count));
    }
    entries.sort_unstable();
    // Two words under the same hash bits: the more frequent one's class.
    entries.dedup_by(|later, kept| {
        let same = *later >> CLASS_BITS == *kept >> CLASS_BITS;
        if same {
            *kept = (*kept).max(*later);
        }
        same
    });
    let mut out = Vec::with_capacity(12 + entries.len() * 4);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    for e in entries {
        out.extend_from_slice(&e.to_le_bytes());
    }
    out
}

/// The two-syllable word `k k+1` of a run, if the dictionary has it.
fn word_at(dict: &Dictionary, syl: &impl Syllables, k: usize) -> bool {
    !apart(syl, k, k + 1) && dict.step(syl.id(k), syl.id(k + 1)).is_some_and(|s| s.word)
}

/// The count class of the two-syllable word `k k+1` of a run.
fn class_at(dict: &Dictionary, pairs: &Pairs, syl: &impl Syllables, k: usize) -> u8 {
    pairs.class(
        dict.syllable_key(syl.id(k)),
        dict.syllable_key(syl.id(k + 1)),
    )
}

/// Settles the overlaps of a best path (`(start, end)` syllable indexes):
/// where a two-syllable word and a single syllable beside it could be a
/// single syllable and a two-syllable word instead (`cao_trình | độ` or
/// `cao | trình_độ`), the shared syllable goes to the word that is at
/// least [`MARGIN`] classes more frequent. The model's scores cannot tell
/// these apart (see the module's documentation).
pub(super) fn settle(
    dict: &Dictionary,
    costs: &impl super::lattice::Costs,
    pairs: &Pairs,
    syl: &impl Syllables,
    path: &mut [(u32, u32)],
) {
    for i in 1..path.len() {
        let (a, b) = (path[i - 1].0 as usize, path[i - 1].1 as usize);
        let c = path[i].1 as usize;
        // `[y z][w]` against `[y][z w]`, and `[y][z w]` against `[y z][w]`.
        let (chosen, other) = match (b - a, c - b) {
            (2, 1) => (a, a + 1),
            (1, 2) => (b, a),
            _ => continue,
        };
        // The other reading is seldom a word: asked first.
        if !word_at(dict, syl, other) || !word_at(dict, syl, chosen) {
            continue;
        }
        let theirs = class_at(dict, pairs, syl, other);
        let ours = class_at(dict, pairs, syl, chosen);
        if theirs < ours.saturating_add(MARGIN) {
            continue;
        }
        // The two readings of `a..a + 3`, as the model scores them.
        let edge = |s: usize, e: usize| match e - s {
            1 => costs.single(syl.id(s)),
            _ => dict
                .step(syl.id(s), syl.id(s + 1))
                .map_or(f32::NEG_INFINITY, |st| costs.word(st.node)),
        };
        let left = edge(a, a + 2) + edge(a + 2, a + 3);
        let right = edge(a, a + 1) + edge(a + 1, a + 3);
        let lead = if other == a {
            right - left
        } else {
            left - right
        };
        if lead < PER_CLASS * f32::from(theirs - ours) {
            let mid = if other == a { a + 2 } else { a + 1 };
            path[i - 1].1 = mid as u32;
            path[i].0 = mid as u32;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_round_trip() {
        let bytes = to_bytes([("trình độ", 900), ("cao trình", 3), ("độ cao", 1)]);
        let pairs = Pairs::from_bytes(Box::leak(bytes.into_boxed_slice())).expect("a table");
        assert_eq!(pairs.class("trình độ".as_bytes(), "".as_bytes()), 0);
        assert_eq!(pairs.class("trình".as_bytes(), "độ".as_bytes()), 9);
        assert_eq!(pairs.class("cao".as_bytes(), "trình".as_bytes()), 1);
        assert_eq!(
            pairs.class("độ".as_bytes(), "cao".as_bytes()),
            0,
            "seen once"
        );
        assert!(Pairs::from_bytes(b"TTSP\x01\0\0\0\x05\0\0\0").is_none());
    }
}
