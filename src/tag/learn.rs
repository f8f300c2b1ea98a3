//! Training the tagger: an averaged perceptron over the treebank's
//! sentences, and k-fold cross-validation.
//!
//! Each epoch visits the sentences in an order fixed by the epoch number
//! and tags each word greedily with the current weights, the tags it
//! chose before as history (as at run time); a wrong tag moves the gold
//! tag's weights of the word's features up by 1 and the chosen tag's down
//! by 1. The model is the weights averaged over every word of every
//! epoch (lazily: each weight remembers when it last changed). The same
//! sentences give the same bytes. `Params::learner` learns the final
//! model another way (passive-aggressive, softmax), with the same
//! features and decoding; the shipped final model is a softmax with L1
//! and L2 (`Learner::Softmax`), its first stages perceptrons.

use unicode_normalization::UnicodeNormalization;

use crate::segment::learn::shuffle;

use super::{
    all_rows, profile_code, syllable_profiles, Clusters, Pos, Tagger, Word, Words, TAGS, V_HEAD,
    V_NB_PROFILE, V_PROFILE, V_PROFILE2, V_SYL_PROFILE, V_TYPE,
};
use crate::hash::{hash_bytes, FxHashMap};

/// One sentence of the treebank: words (syllables joined by `_`) and
/// their tags.
pub type Tagged = Vec<(String, Pos)>;

/// Reads the sentences of a CoNLL-U file: the form (column 2, NFC, its
/// spaces made `_`) and the UPOS tag (column 4) of each word; multi-word
/// token ranges and empty nodes skipped, as `vi_eval.py pos` does. A word
/// whose tag is not a UPOS name is tagged `X`.
pub fn read_conllu(text: &str) -> Vec<Tagged> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 || cols[0].contains(['-', '.']) {
            continue;
        }
        let form: String = cols[1]
            .nfc()
            .map(|c| if c == ' ' { '_' } else { c })
            .collect();
        cur.push((form, Pos::from_upos(cols[3]).unwrap_or(Pos::X)));
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// How to train.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    /// Passes over the sentences.
    pub epochs: usize,
    /// The table has `2^bits` rows.
    pub bits: u32,
    /// Variant feature groups (`V_*` bits).
    pub features: u32,
    /// News sentences (the first of the corpus) that the model learned
    /// from the treebank tags, added to its training sentences (0: none).
    pub self_train: usize,
    /// How many times each treebank sentence is visited per epoch beside
    /// the self-tagged news.
    pub gold_weight: usize,
    /// A self-tagged sentence is kept only if every word's best tag leads
    /// the second by this much.
    pub min_margin: f32,
    /// Profile rounds: 1 learns the profiles from a model without them;
    /// each further round from the model the round before gave.
    pub profile_rounds: usize,
    /// Perceptrons trained alike but each visiting the sentences in
    /// orders of its own; the model is their weights averaged (for the
    /// first stage that learns the profiles too).
    pub models: usize,
    /// Parts the training sentences are cut in for their own profiles
    /// (0 or 1: none): each part's words get the profiles and types of a
    /// first stage that did not read that part.
    pub jackknife: usize,
    /// The words of a part that the other parts have fewer times than
    /// this take its jackknifed profiles (1: only those they lack; 2,
    /// shipped: those they have once too, 5-fold CV 91.37 -> 91.47; 3:
    /// 91.37).
    pub jackknife_below: usize,
    /// Shifts the orders every perceptron visits the sentences in (0,
    /// shipped: the orders the model was learned with); another seed
    /// measures how far the training's randomness moves the CV.
    pub seed: u64,
    /// The learner of the final model ([`Learner`]); the first stages
    /// (profiles, jackknife) keep the perceptron unless `learn_all`.
    pub learner: Learner,
    /// With `learner`, the first stages learn with it too.
    pub learn_all: bool,
    /// Weights of the final model nearer zero than this are made zero
    /// (a softmax moves every tag of every row it reads; 0: none; 0.02
    /// shipped, the weights of the softmax with L1 that few of the
    /// `models` keep).
    pub prune: f32,
}

/// How the weights are learned from each word (`tag-cv --learner`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Learner {
    /// The averaged perceptron: a wrong tag moves the gold tag's weights
    /// up by 1 and the chosen tag's down by 1 (the first stages; the
    /// final model until the eighteenth session).
    Perceptron,
    /// Passive-aggressive (PA-I, Crammer et al. 2006), averaged: when
    /// the gold tag does not lead the best other tag by 1, both move by
    /// the least step that makes it lead by 1, at most `c`.
    PassiveAggressive {
        /// The largest step.
        c: f32,
    },
    /// A multiclass logistic regression (softmax) learned by AdaGrad at
    /// rate `eta`, with L2 `lambda` on the rows a word reads and L1
    /// `l1`, averaged; the history is the model's own tags
    /// (`gold_history`: the gold tags). Shipped: rate 0.1, L2 1e-3, L1
    /// 1e-6, 10 epochs, the mean's weights under 0.02 dropped.
    Softmax {
        /// AdaGrad's rate.
        eta: f32,
        /// L2, on the rows a word reads when it reads them.
        lambda: f32,
        /// AdaGrad's sums of squared gradients start at this (0: plain
        /// AdaGrad, whose first step is `eta` whatever the gradient, so
        /// that every tag of every row read moves).
        start: f32,
        /// The tags before a word are the gold ones, not the model's.
        gold_history: bool,
        /// L1 (0: none), per word learned from and on every weight:
        /// each word shrinks each weight towards zero by `eta * l1` over
        /// the root of its AdaGrad sum, and a weight that would cross
        /// zero stops at zero (the proximal step of L1; lazily, when a
        /// word reads the weight's row, for every word since it last
        /// did). The weights of the final model are then the averaged
        /// ones where the last weights are not zero, zero elsewhere.
        l1: f32,
    },
}

impl Params {
    /// The parameters of a first stage (the model the profiles and the
    /// jackknife learn from) with the feature groups `features`: the
    /// perceptron, unless `learn_all` gives it this learner and pruning.
    fn first_stage(&self, features: u32) -> Params {
        let (learner, prune) = if self.learn_all {
            (self.learner, self.prune)
        } else {
            (Learner::Perceptron, 0.0)
        };
        Params {
            features,
            learner,
            prune,
            ..self.clone()
        }
    }
}

impl Default for Params {
    fn default() -> Params {
        Params {
            epochs: 10,
            bits: 18,
            features: super::SHIPPED,
            self_train: 0,
            gold_weight: 1,
            min_margin: 0.0,
            profile_rounds: 1,
            models: 5,
            jackknife: 5,
            jackknife_below: 2,
            seed: 0,
            learner: Learner::Softmax {
                eta: 0.1,
                lambda: 1e-3,
                start: 0.0,
                gold_history: false,
                l1: 1e-6,
            },
            learn_all: false,
            prune: 0.02,
        }
    }
}

/// The perceptron's state.
struct Trainer {
    bits: u32,
    w: Vec<f32>,
    /// The sum of each weight over the steps before `stamp`.
    total: Vec<f64>,
    stamp: Vec<u64>,
    clock: u64,
}

impl Trainer {
    fn update(&mut self, row: usize, tag: usize, delta: f32) {
        let i = row * TAGS + tag;
        self.total[i] += (self.clock - self.stamp[i]) as f64 * f64::from(self.w[i]);
        self.stamp[i] = self.clock;
        self.w[i] += delta;
    }

    /// L1's proximal steps of the words after `shrunk[i]` up to `clock`
    /// on weight `(row, tag)` (`i`), each by `step` over the root of its
    /// AdaGrad sum `g2[i]` (which no word between changed), stopping at
    /// zero.
    fn shrink(
        &mut self,
        row: usize,
        tag: usize,
        step: f32,
        g2: &[f32],
        shrunk: &mut [u64],
        clock: u64,
    ) {
        let i = row * TAGS + tag;
        let words = clock.saturating_sub(shrunk[i]);
        shrunk[i] = clock;
        let w = self.w[i];
        if w == 0.0 || words == 0 {
            return;
        }
        let by = words as f32 * step / (g2[i].sqrt() + 1e-8);
        let to = if w > 0.0 {
            (w - by).max(0.0)
        } else {
            (w + by).min(0.0)
        };
        self.update(row, tag, to - w);
        if to == 0.0 {
            // Exactly zero, whatever the rounding of `w + (to - w)`.
            self.w[i] = 0.0;
        }
    }

    fn scores(&self, rows: impl Iterator<Item = usize>) -> [f32; TAGS] {
        let mut s = [0.0; TAGS];
        for r in rows {
            for (t, s) in s.iter_mut().enumerate() {
                *s += self.w[r * TAGS + t];
            }
        }
        s
    }

    fn averaged_dense(&self) -> Vec<[f32; TAGS]> {
        let mut weights = vec![[0.0; TAGS]; 1 << self.bits];
        for (i, w) in weights.iter_mut().flatten().enumerate() {
            let total = self.total[i] + (self.clock - self.stamp[i]) as f64 * f64::from(self.w[i]);
            *w = (total / self.clock.max(1) as f64) as f32;
        }
        weights
    }
}

/// Greedy decoding over dense weights, feature by feature.
fn tag_dense(
    bits: u32,
    features: u32,
    weights: &[[f32; TAGS]],
    w: &[super::Word],
    out: &mut Vec<Pos>,
) {
    tag_margin(bits, features, weights, w, out);
}

/// `tag_dense`, returning the smallest lead of a word's best tag over
/// its second.
fn tag_margin(
    bits: u32,
    features: u32,
    weights: &[[f32; TAGS]],
    w: &[super::Word],
    out: &mut Vec<Pos>,
) -> f32 {
    let (mut t1, mut t2) = (TAGS, TAGS);
    let mut rows = Vec::new();
    let mut margin = f32::INFINITY;
    for i in 0..w.len() {
        all_rows(bits, features, w, i, t1, t2, &mut rows);
        let mut s = [0.0f32; TAGS];
        for &r in &rows {
            for (s, x) in s.iter_mut().zip(&weights[r]) {
                *s += x;
            }
        }
        let best = super::argmax(&s);
        let second = s
            .iter()
            .enumerate()
            .filter(|&(t, _)| t != best)
            .map(|(_, &x)| x)
            .fold(f32::NEG_INFINITY, f32::max);
        margin = margin.min(s[best] - second);
        out.push(Pos::ALL[best]);
        (t2, t1) = (t1, best);
    }
    margin
}

/// Trains a tagger on `gold`.
///
/// With `p.jackknife`, the words of the treebank's parts take the
/// profiles of `src/data/tag-jackknife.tsv` (`make train`), as
/// `cross_validate` learns them for each fold.
pub fn train(gold: &[Tagged], p: &Params) -> Tagger {
    let mut sents = featurize(gold);
    if p.jackknife > 1 && p.features & PROFILE_FEATURES != 0 {
        apply_jackknife(&mut sents, &read_jackknife(JACKKNIFE, p.jackknife));
    }
    Tagger::from_dense(p.bits, p.features, &train_words(&sents, gold, p))
}

/// The jackknifed profiles of the treebank's words, built by `make
/// train` (`cargo run --example tag-profile`, `profile_table`): `part
/// TAB key TAB profile TAB first TAB last TAB head TAB tail TAB type` a
/// line, the codes of `Own`.
const JACKKNIFE: &str = include_str!("../data/tag-jackknife.tsv");

/// What `set_profiles` gives a word: its profile, its first and last
/// syllables' profiles, their head and tail profiles, and its type.
type Own = [u8; 6];

/// For each of the `Params::jackknife` contiguous parts of the
/// treebank's sentences, by key, the words of that part that the other
/// parts lack or have once (`Params::jackknife_below`), with the profiles (`Own`) a first stage learned on the
/// other parts only gives them.
type Jackknife = Vec<FxHashMap<u64, Own>>;

fn own(w: &Word) -> Own {
    [
        w.profile,
        w.first_profile,
        w.last_profile,
        w.head_profile,
        w.tail_profile,
        w.type_tag,
    ]
}

/// The words of each part of `gold` (whose words are `sents`, tags
/// `tags`) that the other parts have fewer than `p.jackknife_below`
/// times, with the profiles that the first
/// stage and the type classifier learned on the other parts give them.
///
/// A word the treebank lacks gets its profile from a first stage that
/// never saw it, a guess; the treebank's own words, from one that learned
/// them, nearly always right. Learned on those alone, the tagger trusts
/// the profile over the type and its other features even where it is a
/// guess. Here the words of the treebank that only one part has (most
/// of them seen once or twice) are tagged in training with profiles like
/// those of the words it lacks; the others keep theirs.
fn jackknife(
    gold: &[Tagged],
    sents: &[Vec<Word>],
    tags: &[Vec<Pos>],
    p: &Params,
    corpus: &Corpus,
) -> Jackknife {
    let n = gold.len();
    let parts = p.jackknife.min(n);
    let stage1 = p.features & !PROFILE_FEATURES;
    let mut out = Vec::new();
    for j in 0..parts {
        let (lo, hi) = (j * n / parts, (j + 1) * n / parts);
        let rest = |i: &usize| *i < lo || *i >= hi;
        let rest_gold: Vec<Tagged> = (0..n).filter(rest).map(|i| gold[i].clone()).collect();
        let rest_sents: Vec<Vec<Word>> = (0..n).filter(rest).map(|i| sents[i].clone()).collect();
        let rest_tags: Vec<Vec<Pos>> = (0..n).filter(rest).map(|i| tags[i].clone()).collect();
        let w = train_tagged(&rest_sents, &rest_tags, &[], &p.first_stage(stage1));
        let mut t = profiles(p.bits, stage1, &w, corpus, None);
        if p.features & V_TYPE != 0 {
            t.types = type_tags(&rest_gold, corpus, &t.neighbours);
        }
        let mut seen: FxHashMap<u64, usize> = FxHashMap::default();
        for w in rest_sents.iter().flatten() {
            *seen.entry(w.key).or_default() += 1;
        }
        let mut part: Vec<Vec<Word>> = sents[lo..hi].to_vec();
        set_profiles(&mut part, &t);
        out.push(
            part.iter()
                .flatten()
                .filter(|w| seen.get(&w.key).copied().unwrap_or(0) < p.jackknife_below)
                .map(|w| (w.key, own(w)))
                .collect(),
        );
    }
    out
}

/// Gives the words of each part of `sents` their profiles of `jk` (the
/// parts cut as `jackknife` cuts them).
fn apply_jackknife(sents: &mut [Vec<Word>], jk: &Jackknife) {
    let n = sents.len();
    let parts = jk.len();
    for (j, table) in jk.iter().enumerate() {
        for w in sents[j * n / parts..(j + 1) * n / parts]
            .iter_mut()
            .flatten()
        {
            if let Some(&[profile, first, last, head, tail, ty]) = table.get(&w.key) {
                w.profile = profile;
                w.first_profile = first;
                w.last_profile = last;
                w.head_profile = head;
                w.tail_profile = tail;
                w.type_tag = ty;
            }
        }
    }
}

/// `JACKKNIFE`'s lines as `parts` tables.
fn read_jackknife(text: &str, parts: usize) -> Jackknife {
    let mut jk: Jackknife = vec![FxHashMap::default(); parts];
    for line in text.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(part), Some(key)) = (
            cols.first().and_then(|c| c.parse::<usize>().ok()),
            cols.get(1),
        ) else {
            continue;
        };
        let codes: Vec<u8> = cols[2..].iter().filter_map(|c| c.parse().ok()).collect();
        if let (Some(table), Ok(codes)) = (jk.get_mut(part), Own::try_from(codes)) {
            table.insert(hash_bytes(key.as_bytes()), codes);
        }
    }
    jk
}

/// `jk` as `JACKKNIFE`'s lines, the keys from `gold` (by part, then
/// key).
fn jackknife_lines(gold: &[Tagged], jk: &Jackknife) -> String {
    let mut keys: FxHashMap<u64, String> = FxHashMap::default();
    for (word, _) in gold.iter().flatten() {
        let key = crate::vi::canonical(word).replace('_', " ");
        let h = hash_bytes(key.as_bytes());
        keys.entry(h).or_insert(key);
    }
    let mut lines = Vec::new();
    for (j, table) in jk.iter().enumerate() {
        let mut part: Vec<String> = table
            .iter()
            .filter_map(|(h, o)| {
                let key = keys.get(h)?;
                let codes: Vec<String> = o.iter().map(u8::to_string).collect();
                Some(format!("{j}\t{key}\t{}\n", codes.join("\t")))
            })
            .collect();
        part.sort();
        lines.extend(part);
    }
    lines.concat()
}

/// The words of each sentence, turned into features (with the shipped
/// profiles, which [`train`] learns the shipped model with).
fn featurize(gold: &[Tagged]) -> Vec<Vec<super::Word>> {
    let mut words = Words::default();
    gold.iter()
        .map(|s| {
            words.clear();
            for (w, _) in s {
                words.push(w);
            }
            words.words.clone()
        })
        .collect()
}

/// [`featurize`] without the shipped profiles ([`unprofiled`]): what
/// [`fit`], which learns its own, reads.
fn featurize_unprofiled(gold: &[Tagged]) -> Vec<Vec<super::Word>> {
    let mut sents = featurize(gold);
    for w in sents.iter_mut().flatten() {
        *w = unprofiled(w);
    }
    sents
}

/// `w` without the profiles and type `Words::push` gave it from the
/// shipped table ([`set_profiles`] gives the ones learned here). Those
/// were learned from the whole treebank, held-out blocks too: a first
/// stage that read them through a feature (a row of the profile with
/// how often news writes the word with a capital, once) would hand the
/// held-out tags to the profiles it learns, and scored a false 92.75 in
/// 5-fold CV.
fn unprofiled(w: &Word) -> Word {
    Word {
        profile: 0,
        first_profile: 0,
        last_profile: 0,
        head_profile: 0,
        tail_profile: 0,
        type_tag: 0,
        clusters: Clusters {
            fine: w.clusters.fine,
            coarse: w.clusters.coarse,
            ..Clusters::default()
        },
        ..*w
    }
}

/// Running text without tags, one sentence (or line) of words at a time,
/// for learning tag profiles: the tag a trained model gives each frequent
/// word most often.
#[derive(Debug, Default)]
pub struct Corpus {
    sents: Vec<Vec<Word>>,
    /// The key of each word, by its hash.
    keys: FxHashMap<u64, String>,
}

impl Corpus {
    /// Adds one line of words (syllables joined by `_` or spaces).
    pub fn push<'a>(&mut self, words: impl IntoIterator<Item = &'a str>) {
        let mut w = Words::default();
        for word in words {
            w.push(word);
            if let Some(x) = w.words.last_mut() {
                *x = unprofiled(x);
            }
            let h = w.words.last().map_or(0, |x| x.key);
            self.keys
                .entry(h)
                .or_insert_with(|| crate::vi::canonical(word).replace('_', " "));
        }
        if !w.words.is_empty() {
            self.sents.push(w.words);
        }
    }

    /// Words in all.
    pub fn words(&self) -> usize {
        self.sents.iter().map(Vec::len).sum()
    }
}

/// Words seen fewer times than this in the corpus get no tag profile.
const PROFILE_MIN: u32 = 3;

/// Tag profiles of words and syllables.
#[derive(Debug, Default)]
struct Profiles {
    /// By key hash: (tag, tenths of the times it is that tag).
    words: FxHashMap<u64, (usize, u8)>,
    /// By syllable hash: the head and tail profile codes.
    syllables: FxHashMap<u64, (u8, u8)>,
    /// By key hash: 1 + the tag the context classifier gives the word.
    types: FxHashMap<u64, u8>,
    /// By key hash: how often the first stage gave each tag to the word
    /// before it (the last: none), then to the word after it.
    neighbours: FxHashMap<u64, [u32; NEIGHBOUR_TAGS]>,
}

/// [`Profiles::neighbours`] per word: the tags before it and after it,
/// each with one for none.
const NEIGHBOUR_TAGS: usize = 2 * (TAGS + 1);

/// The profile features.
const PROFILE_FEATURES: u32 =
    V_PROFILE | V_PROFILE2 | V_SYL_PROFILE | V_NB_PROFILE | V_HEAD | V_TYPE;

/// Tags the first `limit` sentences of `corpus` with `weights` under
/// `features`, their words' profiles from `table`, and calls `f` with
/// each sentence, its tags and its smallest margin.
fn tag_corpus(
    bits: u32,
    features: u32,
    weights: &[[f32; TAGS]],
    corpus: &Corpus,
    table: Option<&Profiles>,
    limit: usize,
    mut f: impl FnMut(&[Word], &[Pos], f32),
) {
    let mut tags = Vec::new();
    let mut scratch = Vec::new();
    for s in corpus.sents.iter().take(limit) {
        tags.clear();
        let words: &[Word] = match table {
            Some(t) => {
                scratch.clear();
                scratch.extend_from_slice(s);
                set_profiles(std::slice::from_mut(&mut scratch), t);
                &scratch
            }
            None => s,
        };
        let m = tag_margin(bits, features, weights, words, &mut tags);
        f(words, &tags, m);
    }
}

/// The tag profiles `weights` (of `features`, the words' own profiles
/// from `table`) give the words of `corpus`.
fn profiles(
    bits: u32,
    features: u32,
    weights: &[[f32; TAGS]],
    corpus: &Corpus,
    table: Option<&Profiles>,
) -> Profiles {
    let mut counts: FxHashMap<u64, [u32; TAGS]> = FxHashMap::default();
    let mut neighbours: FxHashMap<u64, [u32; NEIGHBOUR_TAGS]> = FxHashMap::default();
    tag_corpus(
        bits,
        features,
        weights,
        corpus,
        table,
        usize::MAX,
        |s, tags, _| {
            for (i, (w, t)) in s.iter().zip(tags).enumerate() {
                counts.entry(w.key).or_insert([0; TAGS])[*t as usize] += 1;
                let before = i.checked_sub(1).map_or(TAGS, |j| tags[j] as usize);
                let after = tags.get(i + 1).map_or(TAGS, |&t| t as usize);
                let n = neighbours.entry(w.key).or_insert([0; NEIGHBOUR_TAGS]);
                n[before] += 1;
                n[TAGS + 1 + after] += 1;
            }
        },
    );
    let words: FxHashMap<u64, (usize, u8)> = counts
        .into_iter()
        .filter_map(|(k, c)| {
            let total: u32 = c.iter().sum();
            let best = super::argmax(&c.map(|x| x as f32));
            (total >= PROFILE_MIN).then(|| (k, (best, (10 * c[best] / total) as u8)))
        })
        .collect();
    let syllables = syllable_profiles(
        words
            .iter()
            .filter_map(|(k, &(t, _))| Some((corpus.keys.get(k)?.as_str(), t))),
    );
    Profiles {
        words,
        syllables,
        types: FxHashMap::default(),
        neighbours,
    }
}

/// A word of news for the context classifier: its context vector
/// (dimension, value; dimensions increasing: the words before and after
/// it, then the tags the first stage gave them), first and last
/// syllable, and number of syllables.
type TypeVector = (Vec<(u32, f32)>, u64, u64, u8);

/// Context dimensions: the most frequent words of the corpus.
const TYPE_CONTEXTS: usize = 1000;
/// Words seen fewer times than this get no context vector.
const TYPE_MIN: u32 = 3;

/// Each frequent word of `corpus` as the counts of the words before and
/// after it (square roots, scaled to length one), and its first and last
/// syllable.
fn context_vectors(corpus: &Corpus) -> FxHashMap<u64, TypeVector> {
    let mut count: FxHashMap<u64, u32> = FxHashMap::default();
    for w in corpus.sents.iter().flatten() {
        *count.entry(w.key).or_default() += 1;
    }
    let mut ranked: Vec<(u64, u32)> = count.iter().map(|(&k, &c)| (k, c)).collect();
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let dim: FxHashMap<u64, u32> = ranked
        .iter()
        .take(TYPE_CONTEXTS)
        .enumerate()
        .map(|(i, &(k, _))| (k, i as u32))
        .collect();
    let edge = TYPE_CONTEXTS as u32;
    let mut counts: FxHashMap<u64, FxHashMap<u32, u32>> = FxHashMap::default();
    let mut info: FxHashMap<u64, (u64, u64, u8)> = FxHashMap::default();
    for s in &corpus.sents {
        for (i, w) in s.iter().enumerate() {
            if count[&w.key] < TYPE_MIN {
                continue;
            }
            info.entry(w.key).or_insert((w.first, w.last, w.syllables));
            let c = counts.entry(w.key).or_default();
            let before = if i == 0 {
                Some(edge)
            } else {
                dim.get(&s[i - 1].key).copied()
            };
            let after = s
                .get(i + 1)
                .map_or(Some(edge), |n| dim.get(&n.key).copied());
            if let Some(b) = before {
                *c.entry(b).or_default() += 1;
            }
            if let Some(a) = after {
                *c.entry(edge + 1 + a).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .map(|(k, c)| {
            let mut v: Vec<(u32, f32)> =
                c.into_iter().map(|(d, n)| (d, (n as f32).sqrt())).collect();
            v.sort_unstable_by_key(|&(d, _)| d);
            let norm = v.iter().map(|&(_, x)| x * x).sum::<f32>().sqrt().max(1e-9);
            for (_, x) in &mut v {
                *x /= norm;
            }
            let (first, last, syl) = info[&k];
            (k, (v, first, last, syl))
        })
        .collect()
}

/// Rows of the type classifier: context words, hashed syllables, then
/// the neighbours' tags.
const TYPE_ROWS: usize = TYPE_TAGS + NEIGHBOUR_TAGS;
/// The first row of the neighbours' tags.
const TYPE_TAGS: usize = 2 * (TYPE_CONTEXTS + 1) + (1 << 16);

/// The type classifier's features of one word: (row, value).
fn type_features(v: &TypeVector, out: &mut Vec<(usize, f32)>) {
    out.clear();
    out.extend(v.0.iter().map(|&(d, x)| (d as usize, x)));
    let base = 2 * (TYPE_CONTEXTS + 1);
    let h = |x: u64| base + (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize;
    out.push((h(1), 1.0));
    if v.3 > 1 {
        out.push((h(v.1 ^ 0x1111), 1.0));
        out.push((h(v.2 ^ 0x2222), 1.0));
    }
    out.push((h(u64::from(v.3) ^ 0x3333), 1.0));
}

/// An averaged perceptron over word types: `examples` (vector, tag).
fn train_types(examples: &[(&TypeVector, usize)]) -> Vec<[f32; TAGS]> {
    let mut w = vec![[0f32; TAGS]; TYPE_ROWS];
    let mut total = vec![[0f64; TAGS]; TYPE_ROWS];
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut f = Vec::new();
    let mut c = 0f64;
    let epochs = 10;
    let n = (epochs * examples.len()) as f64;
    for epoch in 0..epochs {
        shuffle(&mut order, epoch as u64 + 99);
        for &i in &order {
            let (v, gold) = examples[i];
            type_features(v, &mut f);
            let mut s = [0f32; TAGS];
            for &(r, x) in &f {
                for t in 0..TAGS {
                    s[t] += x * w[r][t];
                }
            }
            let guess = super::argmax(&s);
            // Weight of an update in the average: the steps left.
            let left = n - c;
            c += 1.0;
            if guess != gold {
                for &(r, x) in &f {
                    w[r][gold] += x;
                    w[r][guess] -= x;
                    total[r][gold] += f64::from(x) * left;
                    total[r][guess] -= f64::from(x) * left;
                }
            }
        }
    }
    total.iter().map(|r| r.map(|x| (x / n) as f32)).collect()
}

fn predict_type(w: &[[f32; TAGS]], v: &TypeVector, f: &mut Vec<(usize, f32)>) -> usize {
    type_features(v, f);
    let mut s = [0f32; TAGS];
    for &(r, x) in f.iter() {
        for t in 0..TAGS {
            s[t] += x * w[r][t];
        }
    }
    super::argmax(&s)
}

/// The context classifier's tags of the words of `corpus`, learned from
/// the majority tags of the words of `gold` (each of those from a
/// classifier that did not learn it: five parts). A word's context is
/// the words before and after it, and the tags the first stage gave
/// them (`neighbours`): those are mostly function words, which the first
/// stage tags as well for a word the treebank lacks as for one it has,
/// where the word's own tags in news are the treebank's for the one and
/// guesses for the other.
fn type_tags(
    gold: &[Tagged],
    corpus: &Corpus,
    neighbours: &FxHashMap<u64, [u32; NEIGHBOUR_TAGS]>,
) -> FxHashMap<u64, u8> {
    let mut vectors = context_vectors(corpus);
    for (k, v) in vectors.iter_mut() {
        let Some(c) = neighbours.get(k) else {
            continue;
        };
        // Shares of both sides' counts, square roots: the words' part is
        // of length one.
        let total = c.iter().sum::<u32>().max(1) as f32;
        for (d, &x) in c.iter().enumerate() {
            if x > 0 {
                v.0.push(((TYPE_TAGS + d) as u32, (x as f32 / total).sqrt()));
            }
        }
    }
    let mut tagcount: FxHashMap<u64, [u32; TAGS]> = FxHashMap::default();
    let mut w = Words::default();
    for s in gold {
        w.clear();
        for (word, _) in s {
            w.push(word);
        }
        for (x, (_, t)) in w.words.iter().zip(s) {
            tagcount.entry(x.key).or_insert([0; TAGS])[*t as usize] += 1;
        }
    }
    let mut known: Vec<(u64, usize)> = tagcount
        .iter()
        .filter(|(k, _)| vectors.contains_key(k))
        .map(|(&k, c)| (k, super::argmax(&c.map(|x| x as f32))))
        .collect();
    known.sort_unstable();
    let examples: Vec<(&TypeVector, usize)> =
        known.iter().map(|(k, t)| (&vectors[k], *t)).collect();
    let all = train_types(&examples);
    let mut f = Vec::new();
    let mut out: FxHashMap<u64, u8> = vectors
        .iter()
        .map(|(&k, v)| (k, 1 + predict_type(&all, v, &mut f) as u8))
        .collect();
    let parts = 5;
    for p in 0..parts {
        let rest: Vec<_> = examples
            .iter()
            .enumerate()
            .filter(|(i, _)| i % parts != p)
            .map(|(_, e)| *e)
            .collect();
        let wp = train_types(&rest);
        for (i, (k, _)) in known.iter().enumerate() {
            if i % parts == p {
                out.insert(*k, 1 + predict_type(&wp, &vectors[k], &mut f) as u8);
            }
        }
    }
    out
}

/// The weights learned from `gold` under `p`, and the profiles they read
/// (learned from `corpus`, which profile features and self-training
/// need): the profiles from a first model without them (and each further
/// round from the model the round before gave), then the model with
/// them, then, with self-training, that model's tags of news added to
/// the treebank.
fn fit(
    gold: &[Tagged],
    p: &Params,
    corpus: Option<&Corpus>,
) -> (Vec<[f32; TAGS]>, Option<Profiles>, Jackknife) {
    let mut sents = featurize_unprofiled(gold);
    let mut tags: Vec<Vec<Pos>> = gold
        .iter()
        .map(|s| s.iter().map(|w| w.1).collect())
        .collect();
    let mut table = None;
    let mut jk = Vec::new();
    if p.features & PROFILE_FEATURES != 0 {
        let corpus = corpus.expect("profile features need a corpus");
        let stage1 = p.features & !PROFILE_FEATURES;
        let w = train_tagged(&sents, &tags, &[], &p.first_stage(stage1));
        let mut t = profiles(p.bits, stage1, &w, corpus, None);
        for _ in 1..p.profile_rounds {
            set_profiles(&mut sents, &t);
            let w = train_tagged(&sents, &tags, &[], p);
            t = profiles(p.bits, p.features, &w, corpus, Some(&t));
        }
        if p.features & V_TYPE != 0 {
            t.types = type_tags(gold, corpus, &t.neighbours);
        }
        set_profiles(&mut sents, &t);
        if p.jackknife > 1 {
            jk = jackknife(gold, &sents, &tags, p, corpus);
            apply_jackknife(&mut sents, &jk);
        }
        table = Some(t);
    }
    let mut weights = train_tagged(&sents, &tags, &[], p);
    if p.self_train > 0 {
        let corpus = corpus.expect("self-training needs a corpus");
        let mut auto = Vec::new();
        let n = gold.len();
        tag_corpus(
            p.bits,
            p.features,
            &weights,
            corpus,
            table.as_ref(),
            p.self_train,
            |s, t, m| {
                if m >= p.min_margin {
                    sents.push(s.to_vec());
                    tags.push(t.to_vec());
                }
            },
        );
        for i in n..sents.len() {
            auto.push(i);
        }
        let mut order: Vec<usize> = Vec::new();
        for _ in 0..p.gold_weight {
            order.extend(0..n);
        }
        order.extend(auto);
        weights = train_tagged(&sents, &tags, &order, p);
    }
    (weights, table, jk)
}

/// Sets each word's profile from `table`.
fn set_profiles(sents: &mut [Vec<Word>], table: &Profiles) {
    let code = |h: u64| table.words.get(&h).map_or(0, |&(t, s)| profile_code(t, s));
    let syl = |h: u64| table.syllables.get(&h).copied().unwrap_or_default();
    for w in sents.iter_mut().flatten() {
        w.profile = code(w.key);
        let many = w.syllables > 1;
        w.first_profile = if many { code(w.first) } else { 0 };
        w.last_profile = if many { code(w.last) } else { 0 };
        w.head_profile = if many { syl(w.first).0 } else { 0 };
        w.tail_profile = if many { syl(w.last).1 } else { 0 };
        w.type_tag = table.types.get(&w.key).copied().unwrap_or(0);
    }
}

/// The tag profile table `src/data/tag-profile.tsv`: a model trained on
/// `gold` without profile features tags `corpus`; one line per word seen
/// `PROFILE_MIN` times, `key TAB UPOS TAB tenths TAB type`, in key
/// order, where `type` is the context classifier's tag (`type_tags`; `-`
/// without `V_TYPE`).
pub fn profile_table(gold: &[Tagged], p: &Params, corpus: &Corpus) -> (String, String) {
    let (_, table, jk) = fit(gold, p, Some(corpus));
    let table = table.unwrap_or_default();
    let mut lines: Vec<String> = table
        .words
        .iter()
        .filter_map(|(k, &(t, s))| {
            let key = corpus.keys.get(k)?;
            let ty = table
                .types
                .get(k)
                .map_or("-", |&y| Pos::ALL[usize::from(y) - 1].as_str());
            (!key.is_empty() && !key.contains(['\t', '\n']) && hash_bytes(key.as_bytes()) == *k)
                .then(|| format!("{key}\t{}\t{s}\t{ty}\n", Pos::ALL[t].as_str()))
        })
        .collect();
    lines.sort();
    (lines.concat(), jackknife_lines(gold, &jk))
}

/// The averaged weights learned from `gold`, its words as `sents`.
fn train_words(sents: &[Vec<Word>], gold: &[Tagged], p: &Params) -> Vec<[f32; TAGS]> {
    let tags: Vec<Vec<Pos>> = gold
        .iter()
        .map(|s| s.iter().map(|w| w.1).collect())
        .collect();
    train_tagged(sents, &tags, &[], p)
}

/// The averaged weights learned from the sentences `sents` tagged `tags`,
/// visiting those of `order` each epoch (all once if it is empty): the
/// mean of the weights of `p.models` perceptrons that differ only in the
/// orders they visit the sentences in. One perceptron's weights depend
/// on its order (5-fold CV folds move by ±0.5 from one order to
/// another); their mean does less.
fn train_tagged(
    sents: &[Vec<Word>],
    tags: &[Vec<Pos>],
    order: &[usize],
    p: &Params,
) -> Vec<[f32; TAGS]> {
    let mut sum = train_one(sents, tags, order, p, 0);
    for m in 1..p.models {
        let w = train_one(sents, tags, order, p, m);
        for (a, b) in sum.iter_mut().flatten().zip(w.iter().flatten()) {
            *a += b;
        }
    }
    if p.models > 1 {
        let n = p.models as f32;
        for x in sum.iter_mut().flatten() {
            *x /= n;
        }
    }
    if p.prune > 0.0 {
        for x in sum.iter_mut().flatten() {
            if x.abs() < p.prune {
                *x = 0.0;
            }
        }
    }
    sum
}

/// One averaged perceptron ([`train_tagged`]), the `m`-th: its order in
/// epoch `e` is shuffled with seed `e + 1000 m` (plus `1000003 p.seed`),
/// so the first is the single perceptron trained before.
fn train_one(
    sents: &[Vec<Word>],
    tags: &[Vec<Pos>],
    order: &[usize],
    p: &Params,
    m: usize,
) -> Vec<[f32; TAGS]> {
    let size = (1usize << p.bits) * TAGS;
    let mut t = Trainer {
        bits: p.bits,
        w: vec![0.0; size],
        total: vec![0.0; size],
        stamp: vec![0; size],
        clock: 0,
    };
    let mut order: Vec<usize> = if order.is_empty() {
        (0..tags.len()).collect()
    } else {
        order.to_vec()
    };
    let mut rows = Vec::new();
    // AdaGrad's sums of squared gradients (softmax only).
    let mut g2: Vec<f32> = match p.learner {
        Learner::Softmax { start, .. } => vec![start; size],
        _ => Vec::new(),
    };
    // With L1: the word (clock) up to which each weight has been shrunk.
    let l1 = match p.learner {
        Learner::Softmax { eta, l1, .. } if l1 > 0.0 => eta * l1,
        _ => 0.0,
    };
    let mut shrunk: Vec<u64> = if l1 > 0.0 { vec![0; size] } else { Vec::new() };
    for epoch in 0..p.epochs {
        shuffle(
            &mut order,
            (epoch + 1000 * m) as u64 + p.seed.wrapping_mul(1_000_003),
        );
        for &s in &order {
            let w = &sents[s];
            let (mut t1, mut t2) = (TAGS, TAGS);
            for (i, tag) in tags[s].iter().enumerate() {
                t.clock += 1;
                all_rows(p.bits, p.features, w, i, t1, t2, &mut rows);
                if l1 > 0.0 {
                    // The words since each weight was last shrunk, but
                    // this one, whose step follows its gradient's.
                    for &r in &rows {
                        for k in 0..TAGS {
                            t.shrink(r, k, l1, &g2, &mut shrunk, t.clock - 1);
                        }
                    }
                }
                let scores = t.scores(rows.iter().copied());
                let guess = super::argmax(&scores);
                let gold_t = *tag as usize;
                match p.learner {
                    Learner::Perceptron => {
                        if guess != gold_t {
                            for &r in &rows {
                                t.update(r, gold_t, 1.0);
                                t.update(r, guess, -1.0);
                            }
                        }
                    }
                    Learner::PassiveAggressive { c } => {
                        let (mut other, mut best) = (0, f32::NEG_INFINITY);
                        for (k, &x) in scores.iter().enumerate() {
                            if k != gold_t && x > best {
                                (other, best) = (k, x);
                            }
                        }
                        let loss = 1.0 - (scores[gold_t] - best);
                        if loss > 0.0 {
                            let tau = (loss / (2.0 * rows.len().max(1) as f32)).min(c);
                            for &r in &rows {
                                t.update(r, gold_t, tau);
                                t.update(r, other, -tau);
                            }
                        }
                    }
                    Learner::Softmax { eta, lambda, .. } => {
                        let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                        let mut prob = [0.0f32; TAGS];
                        let mut z = 0.0;
                        for (q, &x) in prob.iter_mut().zip(&scores) {
                            *q = (x - max).exp();
                            z += *q;
                        }
                        for q in &mut prob {
                            *q /= z;
                        }
                        prob[gold_t] -= 1.0;
                        for &r in &rows {
                            for (k, &d) in prob.iter().enumerate() {
                                let at = r * TAGS + k;
                                let g = d + lambda * t.w[at];
                                if g == 0.0 {
                                    continue;
                                }
                                g2[at] += g * g;
                                t.update(r, k, -eta * g / (g2[at].sqrt() + 1e-8));
                                if l1 > 0.0 {
                                    t.shrink(r, k, l1, &g2, &mut shrunk, t.clock);
                                }
                            }
                        }
                    }
                }
                let history = match p.learner {
                    Learner::Softmax {
                        gold_history: true, ..
                    } => gold_t,
                    _ => guess,
                };
                (t2, t1) = (t1, history);
            }
        }
    }
    if l1 > 0.0 {
        let clock = t.clock;
        for r in 0..1usize << p.bits {
            for k in 0..TAGS {
                t.shrink(r, k, l1, &g2, &mut shrunk, clock);
            }
        }
        let mut avg = t.averaged_dense();
        for (a, &w) in avg.iter_mut().flatten().zip(&t.w) {
            if w == 0.0 {
                *a = 0.0;
            }
        }
        return avg;
    }
    t.averaged_dense()
}

/// A word's context vector for [`spherical_kmeans`]: (dimension,
/// value), dimensions increasing, of length one.
pub type Sparse = Vec<(u32, f32)>;

/// Spherical k-means of unit `vectors` of `width` dimensions into `k`
/// groups: each vector's group, and how many vectors the last round
/// moved (0: converged).
///
/// `start` gives each vector its group to begin with (`None` for a
/// vector new to it): each group starts as the mean of its vectors, so a
/// clustering learned before is kept where the vectors still fit it, and
/// its groups keep their numbers. A small change in the text then moves
/// a few words, not the whole table (the word clusters of the tagger
/// once moved almost all of their numbers, and its 5-fold CV by 0.2, for
/// a segmenter change that kept hyphenated names whole). A group
/// without such a vector, and every group when no vector has one, starts
/// as one of the vectors at evenly spaced places among the first `20 k`
/// (the most frequent words, when they come in order of frequency).
///
/// Rounds go on until none moves, or `rounds`: a converged clustering
/// given as `start` comes back unchanged, so rebuilding from the same
/// text gives the same bytes.
pub fn spherical_kmeans(
    vectors: &[Sparse],
    width: usize,
    k: usize,
    start: &[Option<usize>],
    rounds: usize,
) -> (Vec<usize>, usize) {
    if vectors.is_empty() {
        return (Vec::new(), 0);
    }
    let k = k.min(vectors.len()).max(1);
    let mut group: Vec<usize> = (0..vectors.len())
        .map(|i| {
            start
                .get(i)
                .copied()
                .flatten()
                .filter(|&g| g < k)
                .unwrap_or(usize::MAX)
        })
        .collect();
    // Centroids transposed: dimension by dimension, `k` values each.
    let mut ct = vec![0f32; width * k];
    let seeds = vectors.len().min(20 * k);
    for c in 0..k {
        for &(d, x) in &vectors[c * seeds / k] {
            ct[d as usize * k + c] = x;
        }
    }
    let centroids = |ct: &mut [f32], group: &[usize]| {
        // The members' sum, scaled to length one; a group left empty
        // keeps its centroid.
        let mut sum = vec![0f32; width * k];
        let mut members = vec![0usize; k];
        for (v, &g) in vectors.iter().zip(group) {
            if g == usize::MAX {
                continue;
            }
            members[g] += 1;
            for &(d, x) in v {
                sum[d as usize * k + g] += x;
            }
        }
        for c in 0..k {
            if members[c] == 0 {
                continue;
            }
            let norm = (0..width)
                .map(|d| sum[d * k + c] * sum[d * k + c])
                .sum::<f32>()
                .sqrt()
                .max(1e-9);
            for d in 0..width {
                ct[d * k + c] = sum[d * k + c] / norm;
            }
        }
    };
    centroids(&mut ct, &group);
    let mut scores = vec![0f32; k];
    let mut moved = vectors.len();
    for _ in 0..rounds {
        moved = 0;
        for (i, v) in vectors.iter().enumerate() {
            scores.fill(0.0);
            for &(d, x) in v {
                let col = &ct[d as usize * k..(d as usize + 1) * k];
                for (s, c) in scores.iter_mut().zip(col) {
                    *s += x * c;
                }
            }
            // The first best, or the group it is in if that ties: a
            // converged clustering stays as it is.
            let mut best = 0;
            for (c, &s) in scores.iter().enumerate() {
                if s > scores[best] {
                    best = c;
                }
            }
            if group[i] != usize::MAX && scores[group[i]] >= scores[best] {
                best = group[i];
            }
            moved += usize::from(group[i] != best);
            group[i] = best;
        }
        if moved == 0 {
            break;
        }
        centroids(&mut ct, &group);
    }
    (group, moved)
}

/// One fold of a cross-validation.
#[derive(Clone, Debug)]
pub struct CvFold {
    /// Training sentences.
    pub train: usize,
    /// Held-out sentences.
    pub test: usize,
    /// Held-out words tagged right.
    pub right: usize,
    /// Held-out words.
    pub words: usize,
    /// Held-out words the training part lacks (by key).
    pub unknown: usize,
    /// Those of them tagged right.
    pub unknown_right: usize,
}

/// `k`-fold cross-validation: fold `f` holds out the `f`-th of `k`
/// contiguous blocks of sentences (neighbours come from one article),
/// trains on the rest and tags the held-out block. `predictions` gets
/// every sentence as `word/TAG` words, tagged by the model that did not
/// see it.
pub fn cross_validate(
    gold: &[Tagged],
    k: usize,
    p: &Params,
    corpus: Option<&Corpus>,
    predictions: &mut Vec<String>,
) -> Vec<CvFold> {
    cross_validate_split(gold, k, false, p, corpus, predictions)
}

/// [`cross_validate`], or with `interleaved` fold `f` holding out the
/// sentences whose number is `f` modulo `k` (a second split of the same
/// sentences, to tell a gain from the noise of one split; each held-out
/// sentence's neighbours are then in the training part, so fewer words
/// are new to it and the figure is higher); `predictions` in the
/// sentences' order either way.
pub fn cross_validate_split(
    gold: &[Tagged],
    k: usize,
    interleaved: bool,
    p: &Params,
    corpus: Option<&Corpus>,
    predictions: &mut Vec<String>,
) -> Vec<CvFold> {
    let n = gold.len();
    predictions.clear();
    let mut lines = vec![String::new(); n];
    let mut folds = Vec::new();
    let mut tags = Vec::new();
    for f in 0..k {
        let (lo, hi) = (f * n / k, (f + 1) * n / k);
        let is_held = |i: usize| {
            if interleaved {
                i % k == f
            } else {
                (lo..hi).contains(&i)
            }
        };
        let held: Vec<usize> = (0..n).filter(|&i| is_held(i)).collect();
        let train_set: Vec<Tagged> = (0..n)
            .filter(|&i| !is_held(i))
            .map(|i| gold[i].clone())
            .collect();
        let held_gold: Vec<Tagged> = held.iter().map(|&i| gold[i].clone()).collect();
        let mut test = featurize_unprofiled(&held_gold);
        // The profiles of this fold's own models, never the shipped ones
        // (learned with the held-out block).
        let (weights, table, _) = fit(&train_set, p, corpus);
        if let Some(table) = &table {
            set_profiles(&mut test, table);
        }
        let seen: std::collections::HashSet<u64> = featurize(&train_set)
            .iter()
            .flatten()
            .map(|w| w.key)
            .collect();
        let (mut right, mut words, mut unknown, mut unknown_right) = (0, 0, 0, 0);
        for ((s, w), &at) in held_gold.iter().zip(&test).zip(&held) {
            tags.clear();
            tag_dense(p.bits, p.features, &weights, w, &mut tags);
            let line = &mut lines[at];
            for (((w, g), t), x) in s.iter().zip(&tags).zip(w) {
                right += usize::from(g == t);
                words += 1;
                if !seen.contains(&x.key) {
                    unknown += 1;
                    unknown_right += usize::from(g == t);
                }
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(w);
                line.push('/');
                line.push_str(t.as_str());
            }
        }
        folds.push(CvFold {
            train: train_set.len(),
            test: held.len(),
            right,
            words,
            unknown,
            unknown_right,
        });
    }
    predictions.extend(lines);
    folds
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONLLU: &str = "# sent_id = 1\n\
        1\tBà\tbà\tNOUN\tNc\t_\t2\tnsubj\t_\t_\n\
        2\tđi\tđi\tVERB\tV\t_\t0\troot\t_\t_\n\
        3\tHà Nội\tHà Nội\tPROPN\tNp\t_\t2\tobj\t_\t_\n\
        4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\
        \n\
        1-2\tx\t_\t_\t_\t_\t_\t_\t_\t_\n\
        1\tmèo\tmèo\tNOUN\tN\t_\t2\tnsubj\t_\t_\n\
        2\tngủ\tngủ\tVERB\tV\t_\t0\troot\t_\t_\n";

    #[test]
    fn the_words_learned_from_come_without_the_shipped_profiles() {
        // `Words::push` gives a word its profile and type from the
        // shipped table, learned with every sentence of the treebank;
        // what the learner and the cross-validation read must not have
        // them (a first-stage feature would hand them on), the words of
        // the treebank and of news alike.
        let mut w = Words::default();
        w.push("nhà");
        w.push("bác sĩ");
        assert!(w.words.iter().all(|x| x.profile != 0 && x.type_tag != 0));
        assert_ne!(w.words[1].head_profile, 0, "bác starts profiled words");
        let gold = vec![vec![
            ("nhà".to_string(), Pos::Noun),
            ("bác_sĩ".to_string(), Pos::Noun),
        ]];
        let mut corpus = Corpus::default();
        corpus.push(["nhà", "bác_sĩ"]);
        for words in [&featurize_unprofiled(&gold)[0], &corpus.sents[0]] {
            for (x, shipped) in words.iter().zip(&w.words) {
                assert_eq!(x.key, shipped.key);
                let groups = |c: &Clusters| (c.fine, c.coarse);
                assert_eq!(groups(&x.clusters), groups(&shipped.clusters));
                assert_eq!(x.clusters.profile, 0);
                assert_eq!(own(x), [0; 6]);
            }
        }
    }

    #[test]
    fn reads_conllu_like_vi_eval() {
        let s = read_conllu(CONLLU);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0][2], ("Hà_Nội".to_string(), Pos::Propn));
        assert_eq!(s[1].len(), 2);
    }

    /// Sentences written for the tests: "bay" is a verb after a noun and
    /// a noun after "máy".
    fn bay_sentences() -> Vec<Vec<(String, Pos)>> {
        let mut gold = Vec::new();
        for (a, b) in [("chim", "bay"), ("cá", "bơi"), ("chim", "hót")] {
            gold.push(vec![
                (a.to_string(), Pos::Noun),
                (b.to_string(), Pos::Verb),
                (".".to_string(), Pos::Punct),
            ]);
        }
        gold.push(vec![
            ("máy".to_string(), Pos::Noun),
            ("bay".to_string(), Pos::Noun),
            ("đến".to_string(), Pos::Verb),
        ]);
        gold
    }

    /// Asserts that `t` tags the two contexts of "bay" in
    /// [`bay_sentences`] as they are written there (`what`: the model).
    fn tags_bay_right(t: &Tagger, what: &str) {
        assert_eq!(
            t.tag(["chim", "bay", "."]),
            [Pos::Noun, Pos::Verb, Pos::Punct],
            "{what}"
        );
        assert_eq!(
            t.tag(["máy", "bay", "đến"]),
            [Pos::Noun, Pos::Noun, Pos::Verb],
            "{what}"
        );
    }

    /// The softmax of the tests: rate 0.1, L2 1e-3.
    fn softmax(start: f32, gold_history: bool, l1: f32) -> Learner {
        Learner::Softmax {
            eta: 0.1,
            lambda: 0.001,
            start,
            gold_history,
            l1,
        }
    }

    #[test]
    fn training_learns_and_is_deterministic() {
        let gold = bay_sentences();
        let p = small(0);
        let t = train(&gold, &p);
        tags_bay_right(&t, "perceptron");
        assert_eq!(t.to_bytes(), train(&gold, &p).to_bytes());
        let untrained = train(&gold, &Params { epochs: 0, ..p });
        assert_ne!(
            untrained.tag(["máy", "bay", "đến"]),
            [Pos::Noun, Pos::Noun, Pos::Verb]
        );
    }

    #[test]
    fn every_learner_learns_the_same_contexts() {
        let gold = bay_sentences();
        for learner in [
            Learner::PassiveAggressive { c: 1.0 },
            softmax(0.0, false, 0.0),
            softmax(1.0, true, 0.0),
            softmax(0.0, false, 1e-3),
        ] {
            let p = Params {
                learner,
                ..small(0)
            };
            let t = train(&gold, &p);
            tags_bay_right(&t, &format!("{learner:?}"));
            assert_eq!(t.to_bytes(), train(&gold, &p).to_bytes());
            // Another learner gives other weights.
            assert_ne!(t.to_bytes(), train(&gold, &small(0)).to_bytes());
        }
    }

    #[test]
    fn l1_makes_the_softmax_keep_fewer_weights() {
        // The bytes of a model are 8 a non-zero weight: with L1 the
        // softmax keeps fewer, and still learns the fixture.
        let gold = bay_sentences();
        let model = |l1| {
            let p = Params {
                learner: softmax(0.0, false, l1),
                ..small(0)
            };
            train(&gold, &p)
        };
        let (plain, sparse) = (model(0.0), model(1e-2));
        tags_bay_right(&sparse, "softmax with L1");
        let (a, b) = (plain.to_bytes().len(), sparse.to_bytes().len());
        assert!(b < a / 2, "{b} bytes with L1, {a} without");
    }

    #[test]
    fn the_model_is_the_mean_of_perceptrons_trained_in_their_own_orders() {
        // Written for this test: "bay" is a verb after a noun, a noun
        // after "máy"; eight sentences, so that orders differ.
        let mut gold = Vec::new();
        for (a, b) in [
            ("chim", "bay"),
            ("cá", "bơi"),
            ("máy", "bay"),
            ("cò", "bay"),
        ] {
            let t = if a == "máy" { Pos::Noun } else { Pos::Verb };
            for _ in 0..2 {
                gold.push(vec![(a.to_string(), Pos::Noun), (b.to_string(), t)]);
            }
        }
        let sents = featurize(&gold);
        let tags: Vec<Vec<Pos>> = gold
            .iter()
            .map(|s| s.iter().map(|w| w.1).collect())
            .collect();
        // The shipped learner, its small weights kept (the mean's
        // pruning is its own step).
        let p = Params {
            models: 3,
            prune: 0.0,
            ..small(0)
        };
        let each: Vec<_> = (0..3)
            .map(|m| train_one(&sents, &tags, &[], &p, m))
            .collect();
        assert_ne!(each[0], each[1]);
        let mean = train_tagged(&sents, &tags, &[], &p);
        for (r, row) in mean.iter().enumerate() {
            for (t, &x) in row.iter().enumerate() {
                let want = (each[0][r][t] + each[1][r][t] + each[2][r][t]) / 3.0;
                assert!((x - want).abs() <= 1e-6 * want.abs().max(1.0), "{r} {t}");
            }
        }
        let one = Params { models: 1, ..p };
        assert_eq!(train_tagged(&sents, &tags, &[], &one), each[0]);
    }

    #[test]
    fn a_profile_is_the_tag_news_contexts_give_a_word() {
        // Written for this test: the treebank knows "chim" and "cá" as
        // nouns before a verb; news has "cò" (which the treebank lacks)
        // before "bay".
        let s = |ws: &[(&str, Pos)]| -> Tagged {
            ws.iter().map(|&(w, t)| (w.to_string(), t)).collect()
        };
        let mut gold = Vec::new();
        for _ in 0..3 {
            gold.push(s(&[("chim", Pos::Noun), ("bay", Pos::Verb)]));
            gold.push(s(&[("cá", Pos::Noun), ("bơi", Pos::Verb)]));
        }
        let mut corpus = Corpus::default();
        for _ in 0..3 {
            corpus.push(["cò", "bay"]);
        }
        corpus.push(["cò", "bơi"]);
        corpus.push(["hiếm"]);
        let p = small(V_PROFILE);
        // "bơi" and "hiếm" are seen once: no profile.
        assert_eq!(
            profile_table(&gold, &p, &corpus).0,
            "bay\tVERB\t10\t-\ncò\tNOUN\t10\t-\n"
        );
    }

    #[test]
    fn the_profile_tags_a_word_the_treebank_lacks() {
        // Written for this test: one-word sentences of made-up words (no
        // clusters), each word with its profile. A word the treebank
        // lacks, alone, is a noun with a noun's profile and a verb with a
        // verb's: without the feature, both would get one tag.
        let mut gold = Vec::new();
        for _ in 0..2 {
            for (w, t) in [
                ("zom", Pos::Noun),
                ("zep", Pos::Noun),
                ("kux", Pos::Verb),
                ("kaq", Pos::Verb),
            ] {
                gold.push(vec![(w.to_string(), t)]);
            }
        }
        let mut map = FxHashMap::default();
        let mut train = featurize(&gold);
        for w in train.iter().flatten() {
            let t = if w.key == train[0][0].key || w.key == train[1][0].key {
                Pos::Noun
            } else {
                Pos::Verb
            };
            map.insert(w.key, (t as usize, 10));
        }
        let table = Profiles {
            words: map,
            ..Profiles::default()
        };
        set_profiles(&mut train, &table);
        let unknown = featurize(&[vec![("zuf".to_string(), Pos::X)]]);
        let tag = |p: &Params, profile: Pos| {
            let weights = train_words(&train, &gold, p);
            let mut words = unknown.clone();
            let key = words[0][0].key;
            let table = Profiles {
                words: [(key, (profile as usize, 10))].into_iter().collect(),
                ..Profiles::default()
            };
            set_profiles(&mut words, &table);
            let mut tags = Vec::new();
            tag_dense(p.bits, p.features, &weights, &words[0], &mut tags);
            tags[0]
        };
        let p = small(V_PROFILE);
        assert_eq!(tag(&p, Pos::Noun), Pos::Noun);
        assert_eq!(tag(&p, Pos::Verb), Pos::Verb);
        let without = Params { features: 0, ..p };
        assert_eq!(tag(&without, Pos::Noun), tag(&without, Pos::Verb));
    }

    #[test]
    fn both_splits_tag_every_sentence_once_in_its_place() {
        // Written for this test: ten two-word sentences, each opening
        // with a word of its own; the second is "bay", but "cò" in the
        // first and the sixth, which the interleaved split's first fold
        // holds out together and the contiguous split's does not.
        let gold: Vec<Tagged> = (0..10)
            .map(|i| {
                let second = if i % 5 == 0 { "cò" } else { "bay" };
                vec![
                    (format!("chim{i}"), Pos::Noun),
                    (second.to_string(), Pos::Verb),
                ]
            })
            .collect();
        let p = small(0);
        for (interleaved, unknown) in [(false, [2, 2, 2, 2, 2]), (true, [4, 2, 2, 2, 2])] {
            let mut pred = Vec::new();
            let folds = cross_validate_split(&gold, 5, interleaved, &p, None, &mut pred);
            assert_eq!(pred.len(), gold.len());
            for (line, s) in pred.iter().zip(&gold) {
                assert!(line.starts_with(&format!("{}/", s[0].0)), "{line}");
            }
            assert!(folds.iter().all(|f| (f.train, f.test) == (8, 2)));
            assert_eq!(
                folds.iter().map(|f| f.unknown).collect::<Vec<_>>(),
                unknown,
                "interleaved {interleaved}"
            );
        }
    }

    /// Params for the small tests: five epochs, `2^12` rows, `features`.
    fn small(features: u32) -> Params {
        Params {
            epochs: 5,
            bits: 12,
            features,
            ..Params::default()
        }
    }

    #[test]
    fn the_head_profile_tags_a_compound_the_treebank_lacks() {
        // Written for this test: one-word sentences of made-up compounds
        // whose first syllables the treebank has once each; news says
        // `zom` and `zep` start nouns, `kux` and `kaq` verbs. A compound
        // the treebank lacks, of a first syllable it lacks too, is a noun
        // when news says its first syllable starts nouns, a verb when
        // verbs; without the feature it gets one tag either way.
        let gold: Vec<Tagged> = [
            ("zom_a", Pos::Noun),
            ("zep_b", Pos::Noun),
            ("kux_a", Pos::Verb),
            ("kaq_b", Pos::Verb),
        ]
        .iter()
        .map(|&(w, t)| vec![(w.to_string(), t)])
        .collect();
        let mut train = featurize(&gold);
        let head = |t: Pos| (profile_code(t as usize, 10), 0);
        let mut table = Profiles::default();
        for (i, s) in train.iter().enumerate() {
            let t = if i < 2 { Pos::Noun } else { Pos::Verb };
            table.syllables.insert(s[0].first, head(t));
        }
        set_profiles(&mut train, &table);
        let unknown = featurize(&[vec![("zuf_c".to_string(), Pos::X)]]);
        let tag = |p: &Params, t: Pos| {
            first_tag(&train, &gold, &unknown, p, |w, table| {
                table.syllables.insert(w[0].first, head(t));
            })
        };
        assert_eq!(tag(&small(V_HEAD), Pos::Noun), Pos::Noun);
        assert_eq!(tag(&small(V_HEAD), Pos::Verb), Pos::Verb);
        assert_eq!(tag(&small(0), Pos::Noun), tag(&small(0), Pos::Verb));
    }

    /// The tag of the first word of `unknown`'s sentence by weights
    /// learned from `train` with `p`, its profiles the ones `fill` puts in
    /// a table of its own.
    fn first_tag(
        train: &[Vec<Word>],
        gold: &[Tagged],
        unknown: &[Vec<Word>],
        p: &Params,
        fill: impl Fn(&[Word], &mut Profiles),
    ) -> Pos {
        let weights = train_words(train, gold, p);
        let mut words = unknown.to_vec();
        let mut table = Profiles::default();
        fill(&words[0], &mut table);
        set_profiles(&mut words, &table);
        let mut tags = Vec::new();
        tag_dense(p.bits, p.features, &weights, &words[0], &mut tags);
        tags[0]
    }

    #[test]
    fn the_profile_of_the_word_after_tags_the_one_before() {
        // Written for this test: "bay" is a verb before a word news calls
        // a noun and a noun before one news calls a verb. Before a word
        // the treebank lacks, that word's profile decides; without the
        // feature "bay" gets one tag either way.
        let gold: Vec<Tagged> = [
            ("zom", Pos::Noun, Pos::Verb),
            ("zep", Pos::Noun, Pos::Verb),
            ("kux", Pos::Verb, Pos::Noun),
            ("kaq", Pos::Verb, Pos::Noun),
        ]
        .iter()
        .map(|&(w, t, b)| vec![("bay".to_string(), b), (w.to_string(), t)])
        .collect();
        let mut train = featurize(&gold);
        let mut table = Profiles::default();
        for (s, g) in train.iter().zip(&gold) {
            table.words.insert(s[1].key, (g[1].1 as usize, 10));
        }
        set_profiles(&mut train, &table);
        let unknown = featurize(&[vec![
            ("bay".to_string(), Pos::X),
            ("zuf".to_string(), Pos::X),
        ]]);
        let tag = |p: &Params, t: Pos| {
            first_tag(&train, &gold, &unknown, p, |w, table| {
                table.words.insert(w[1].key, (t as usize, 10));
            })
        };
        assert_eq!(tag(&small(V_NB_PROFILE), Pos::Noun), Pos::Verb);
        assert_eq!(tag(&small(V_NB_PROFILE), Pos::Verb), Pos::Noun);
        assert_eq!(tag(&small(0), Pos::Noun), tag(&small(0), Pos::Verb));
    }

    #[test]
    fn the_type_classifier_reads_the_tags_around_a_word() {
        // Written for this test: every word of news stands between the
        // same two words, so that only the tags the first stage gave its
        // neighbours tell the words apart. The treebank's nouns follow a
        // determiner and its verbs an auxiliary; "zuf", which the
        // treebank lacks, is a noun after determiners and a verb after
        // auxiliaries.
        let gold: Vec<Tagged> = [
            ("zom", Pos::Noun),
            ("zep", Pos::Noun),
            ("zin", Pos::Noun),
            ("kux", Pos::Verb),
            ("kaq", Pos::Verb),
            ("kol", Pos::Verb),
        ]
        .iter()
        .map(|&(w, t)| vec![(w.to_string(), t)])
        .collect();
        let mut corpus = Corpus::default();
        for w in ["zom", "zep", "zin", "kux", "kaq", "kol", "zuf"] {
            for _ in 0..3 {
                corpus.push(["a", w, "b"]);
            }
        }
        let key = |w: &str| featurize(&[vec![(w.to_string(), Pos::X)]])[0][0].key;
        let before = |t: Pos| {
            let mut n = [0; NEIGHBOUR_TAGS];
            n[t as usize] = 3;
            n[TAGS + 1 + Pos::Noun as usize] = 3;
            n
        };
        let zuf = |t: Pos| {
            let mut nb = FxHashMap::default();
            for (s, t) in gold.iter().map(|s| (&s[0].0, s[0].1)) {
                let b = if t == Pos::Noun { Pos::Det } else { Pos::Aux };
                nb.insert(key(s), before(b));
            }
            nb.insert(key("zuf"), before(t));
            type_tags(&gold, &corpus, &nb)[&key("zuf")]
        };
        assert_eq!(zuf(Pos::Det), 1 + Pos::Noun as u8);
        assert_eq!(zuf(Pos::Aux), 1 + Pos::Verb as u8);
    }

    #[test]
    fn the_type_tags_a_word_the_treebank_lacks() {
        // Written for this test: one-word sentences of made-up words of
        // one profile, each with its type; a word the treebank lacks,
        // of that profile, takes its type's tag, and one tag either way
        // without the feature.
        let gold: Vec<Tagged> = [
            ("zom", Pos::Noun),
            ("zep", Pos::Noun),
            ("kux", Pos::Verb),
            ("kaq", Pos::Verb),
        ]
        .iter()
        .map(|&(w, t)| vec![(w.to_string(), t)])
        .collect();
        let mut train = featurize(&gold);
        let mut table = Profiles::default();
        for (s, g) in train.iter().zip(&gold) {
            table.words.insert(s[0].key, (Pos::Noun as usize, 7));
            table.types.insert(s[0].key, 1 + g[0].1 as u8);
        }
        set_profiles(&mut train, &table);
        let unknown = featurize(&[vec![("zuf".to_string(), Pos::X)]]);
        let tag = |p: &Params, t: Pos| {
            first_tag(&train, &gold, &unknown, p, |w, table| {
                table.words.insert(w[0].key, (Pos::Noun as usize, 7));
                table.types.insert(w[0].key, 1 + t as u8);
            })
        };
        assert_eq!(tag(&small(V_TYPE), Pos::Noun), Pos::Noun);
        assert_eq!(tag(&small(V_TYPE), Pos::Verb), Pos::Verb);
        assert_eq!(tag(&small(0), Pos::Noun), tag(&small(0), Pos::Verb));
    }

    #[test]
    fn k_means_keeps_the_groups_it_starts_from_and_their_numbers() {
        // Written for this test: three tight groups of four unit vectors,
        // in order, each group near an axis of its own.
        let near = |g: usize, i: usize| -> Sparse {
            let g = 3 * g as u32;
            vec![(g, 0.96), (g + 1 + (i % 2) as u32, 0.28)]
        };
        let mut v: Vec<Sparse> = (0..12).map(|i| near(i / 4, i)).collect();
        let (fresh, moved) = spherical_kmeans(&v, 9, 3, &[], 50);
        assert_eq!(moved, 0);
        assert_eq!(fresh, [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
        // Given as the start, renumbered, it comes back as given.
        let renumbered: Vec<usize> = fresh.iter().map(|&g| 2 - g).collect();
        let start: Vec<Option<usize>> = renumbered.iter().map(|&g| Some(g)).collect();
        assert_eq!(spherical_kmeans(&v, 9, 3, &start, 50), (renumbered, 0));
        // A new most frequent word moves the first seeds, and a fresh
        // start numbers every group anew; from the groups before, no
        // word moves and the new one joins its group.
        v.insert(0, near(2, 0));
        let (again, _) = spherical_kmeans(&v, 9, 3, &[], 50);
        assert_ne!(again[1..], fresh[..]);
        let start: Vec<Option<usize>> = std::iter::once(None)
            .chain(fresh.iter().map(|&g| Some(g)))
            .collect();
        let (kept, moved) = spherical_kmeans(&v, 9, 3, &start, 50);
        assert_eq!(moved, 0);
        assert_eq!(kept[1..], fresh[..]);
        assert_eq!(kept[0], 2);
    }

    #[test]
    fn the_words_one_part_alone_has_take_profiles_learned_without_it() {
        // Written for this test: both halves of the treebank have "chim"
        // and "bay", only the first has "cò"; news has both birds.
        let s = |a: &str| -> Tagged { vec![(a.to_string(), Pos::Noun), ("bay".into(), Pos::Verb)] };
        let gold = vec![s("cò"), s("cò"), s("chim"), s("chim"), s("chim"), s("chim")];
        let mut corpus = Corpus::default();
        for _ in 0..3 {
            corpus.push(["cò", "bay"]);
            corpus.push(["chim", "bay"]);
        }
        let p = Params {
            jackknife: 2,
            jackknife_below: 1,
            ..small(V_PROFILE | V_TYPE)
        };
        let sents = featurize(&gold);
        let tags: Vec<Vec<Pos>> = gold
            .iter()
            .map(|s| s.iter().map(|w| w.1).collect())
            .collect();
        let jk = jackknife(&gold, &sents, &tags, &p, &corpus);
        let co = sents[0][0].key;
        assert_eq!(jk.len(), 2);
        assert_eq!(jk[0].keys().collect::<Vec<_>>(), [&co]);
        assert_ne!(jk[0][&co][0], 0, "cò has a profile");
        assert!(jk[1].is_empty());
        // Written out and read back, the same; only the first half's "cò"
        // takes it.
        let text = jackknife_lines(&gold, &jk);
        assert!(text.starts_with("0\tcò\t"), "{text}");
        assert_eq!(read_jackknife(&text, 2), jk);
        let mut applied = sents.clone();
        for w in applied.iter_mut().flatten() {
            w.profile = 99;
        }
        apply_jackknife(&mut applied, &jk);
        assert_eq!(applied[0][0].profile, jk[0][&co][0]);
        assert_eq!(applied[0][1].profile, 99);
        assert_eq!(applied[2][0].profile, 99);
        // The second half's "chim", which the first has once, takes one
        // too when a word seen once counts as rare.
        let p = Params {
            jackknife_below: 2,
            ..p
        };
        let jk = jackknife(&gold, &sents, &tags, &p, &corpus);
        let chim = sents[2][0].key;
        assert_eq!(jk[0].keys().collect::<Vec<_>>(), [&co]);
        assert_eq!(jk[1].keys().collect::<Vec<_>>(), [&chim]);
    }

    /// `src/data/tag-model.bin` must be what the treebank and this code
    /// give; rebuild it with `make train`.
    #[test]
    fn the_shipped_model_is_up_to_date() {
        let text = crate::shipped::shared_text("data/vtb_pos/dev.conllu");
        let t = train(&read_conllu(&text), &Params::default());
        crate::shipped::assert_shipped(
            "tag-model.bin",
            &t.to_bytes(),
            super::super::BUILTIN,
            "make train",
        );
    }
}
