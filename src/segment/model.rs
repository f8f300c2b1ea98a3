//! The learned scores of the lattice's edges, as the segmenter reads them
//! (training is in `learn.rs`, behind the `train` feature).
//!
//! # Model
//!
//! Every edge of the lattice is a word candidate: a dictionary word
//! (a trie node), a single syllable (a syllable id, or unknown), or a
//! syllable said twice. Its score is the sum of the weights of its
//! features:
//!
//! - its length: 1, 2, 3, or 4 syllables and more;
//! - its identity: the syllable id or trie node, so `người dân`, which
//!   the treebank mostly writes as two words, can learn to lose to
//!   `người` + `dân`;
//! - for a word the lists lack but the training sentences have
//!   (`vụ án`, `trở về`), a flag for that source;
//! - unknown single syllable, or reduplication.
//!
//! All of these depend on the edge alone, so the model is one `f32` per
//! syllable id and trie node, filled in at load time: the lattice looks
//! up one score per edge, as cheap as maximal matching.
//!
//!
//! # File
//!
//! `src/data/segment-model.bin` (built by `make train` with the
//! dictionary beside it): `TTSM`, version, the number of ids the
//! dictionary has (syllables and trie nodes), the global weights, then
//! the non-zero identity weights as `(id, weight)` pairs in id order,
//! little-endian.

use super::dict::Dictionary;
use super::lattice::{Costs, SINGLE};

/// Built by `make train` (`cargo run --release --features train --example segment-data`).
pub(super) const BUILTIN: &[u8] = include_bytes!("../data/segment-model.bin");

pub(super) const MAGIC: &[u8; 4] = b"TTSM";
pub(super) const VERSION: u32 = 1;

/// Global features, numbered after the identity features: the length
/// classes, then the rest.
const G_LEN: usize = 0; // 1, 2, 3, 4+ syllables: G_LEN..G_LEN + 4
pub(super) const G_UNKNOWN: usize = 4;
pub(super) const G_REDUP: usize = 5;
#[cfg_attr(not(feature = "train"), allow(dead_code))]
pub(super) const G_LEARNED: usize = 6;
pub(super) const GLOBALS: usize = 7;

/// The length class of a word of `len` syllables.
pub(super) fn len_class(len: u8) -> usize {
    G_LEN + usize::from(len.clamp(1, 4)) - 1
}

/// The scores the lattice uses at run time.
#[derive(Clone, Debug)]
pub(super) struct Model {
    /// By syllable id, that syllable as a word; by trie node, the word
    /// that ends there.
    scores: Vec<f32>,
    unknown: f32,
    redup: f32,
}

impl Costs for Model {
    #[inline]
    fn single(&self, id: u32) -> f32 {
        // `NONE` is past the end.
        self.scores
            .get(id as usize)
            .copied()
            .unwrap_or(self.unknown)
    }

    #[inline]
    fn word(&self, node: u32) -> f32 {
        self.scores[node as usize]
    }

    #[inline]
    fn reduplication(&self) -> f32 {
        self.redup
    }
}

impl Model {
    /// The model shipped in `src/data/segment-model.bin`, for the builtin
    /// dictionary.
    pub(super) fn builtin(dict: &Dictionary) -> Model {
        Model::from_bytes(BUILTIN, dict).expect("src/data/segment-model.bin fits the dictionary")
    }

    /// Maximal matching as a model: the fewest words, then the fewest
    /// single syllables.
    pub(super) fn prior(dict: &Dictionary) -> Model {
        let mut globals = [0.0; GLOBALS];
        prior_globals(&mut globals, 1.0);
        Model::from_parts(dict, &globals, std::iter::empty())
    }

    fn from_parts(
        dict: &Dictionary,
        globals: &[f32; GLOBALS],
        weights: impl Iterator<Item = (u32, f32)>,
    ) -> Model {
        let mut scores: Vec<f32> = dict
            .node_lengths()
            .iter()
            .map(|&len| globals[len_class(len)])
            .collect();
        for (id, w) in weights {
            scores[id as usize] += w;
        }
        Model {
            scores,
            unknown: globals[len_class(1)] + globals[G_UNKNOWN],
            redup: globals[len_class(2)] + globals[G_REDUP],
        }
    }

    /// The model written by [`Weights::to_bytes`] for `dict`, or `None`
    /// if `bytes` is not one or was trained for another dictionary.
    pub(super) fn from_bytes(bytes: &[u8], dict: &Dictionary) -> Option<Model> {
        let mut r = bytes;
        let mut take = |n: usize| -> Option<&[u8]> {
            let (a, b) = r.split_at_checked(n)?;
            r = b;
            Some(a)
        };
        if take(4)? != MAGIC || u32_at(take(4)?) != VERSION {
            return None;
        }
        let ids = u32_at(take(4)?) as usize;
        if ids != dict.syllables() + dict.nodes() {
            return None;
        }
        let mut globals = [0.0; GLOBALS];
        for g in &mut globals {
            *g = f32::from_bits(u32_at(take(4)?));
        }
        let n = u32_at(take(4)?) as usize;
        let pairs = take(n * 8)?;
        if !r.is_empty() {
            return None;
        }
        let weights = pairs.chunks_exact(8).map(|c| {
            (
                u32_at(&c[..4]).min(ids as u32 - 1),
                f32::from_bits(u32_at(&c[4..])),
            )
        });
        Some(Model::from_parts(dict, &globals, weights))
    }
}

fn u32_at(b: &[u8]) -> u32 {
    u32::from_le_bytes(b.try_into().expect("four bytes"))
}

/// The maximal-matching prior, scaled: each word costs `scale`, a single
/// syllable a little more.
pub(super) fn prior_globals(g: &mut [f32], scale: f32) {
    g[len_class(1)] = -scale * (1.0 + SINGLE);
    for len in 2..=4 {
        g[len_class(len)] = -scale;
    }
}
