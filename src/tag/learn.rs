//! Training the tagger: an averaged perceptron over the treebank's
//! sentences, and k-fold cross-validation.
//!
//! Each epoch visits the sentences in an order fixed by the epoch number
//! and tags each word greedily with the current weights, the tags it
//! chose before as history (as at run time); a wrong tag moves the gold
//! tag's weights of the word's features up by 1 and the chosen tag's down
//! by 1. The model is the weights averaged over every word of every
//! epoch (lazily: each weight remembers when it last changed). The same
//! sentences give the same bytes.

use unicode_normalization::UnicodeNormalization;

use crate::segment::learn::shuffle;

use super::{
    all_rows, profile_code, Pos, Tagger, Word, Words, TAGS, V_NB_PROFILE, V_PROFILE, V_PROFILE2,
    V_SYL_PROFILE,
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
}

impl Default for Params {
    fn default() -> Params {
        Params {
            epochs: 10,
            bits: 18,
            features: super::SHIPPED,
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
    let (mut t1, mut t2) = (TAGS, TAGS);
    let mut rows = Vec::new();
    for i in 0..w.len() {
        all_rows(bits, features, w, i, t1, t2, &mut rows);
        let mut s = [0.0f32; TAGS];
        for &r in &rows {
            for (s, x) in s.iter_mut().zip(&weights[r]) {
                *s += x;
            }
        }
        let best = super::argmax(&s);
        out.push(Pos::ALL[best]);
        (t2, t1) = (t1, best);
    }
}

/// Trains a tagger on `gold`.
pub fn train(gold: &[Tagged], p: &Params) -> Tagger {
    Tagger::from_dense(p.bits, p.features, &train_dense(gold, p))
}

/// The words of each sentence, turned into features.
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

/// The tag profiles `weights` give the words of `corpus`: key hash to
/// (tag, tenths of the times it is that tag).
fn profiles(p: &Params, weights: &[[f32; TAGS]], corpus: &Corpus) -> FxHashMap<u64, (usize, u8)> {
    let mut counts: FxHashMap<u64, [u32; TAGS]> = FxHashMap::default();
    let mut tags = Vec::new();
    let features = p.features & !(V_PROFILE | V_PROFILE2 | V_SYL_PROFILE | V_NB_PROFILE);
    for s in &corpus.sents {
        tags.clear();
        tag_dense(p.bits, features, weights, s, &mut tags);
        for (w, t) in s.iter().zip(&tags) {
            counts.entry(w.key).or_insert([0; TAGS])[*t as usize] += 1;
        }
    }
    counts
        .into_iter()
        .filter_map(|(k, c)| {
            let total: u32 = c.iter().sum();
            let best = super::argmax(&c.map(|x| x as f32));
            (total >= PROFILE_MIN).then(|| (k, (best, (10 * c[best] / total) as u8)))
        })
        .collect()
}

/// Sets each word's profile from `table`.
fn set_profiles(sents: &mut [Vec<Word>], table: &FxHashMap<u64, (usize, u8)>) {
    let code = |h: u64| table.get(&h).map_or(0, |&(t, s)| profile_code(t, s));
    for w in sents.iter_mut().flatten() {
        w.profile = code(w.key);
        let many = w.syllables > 1;
        w.first_profile = if many { code(w.first) } else { 0 };
        w.last_profile = if many { code(w.last) } else { 0 };
    }
}

/// The tag profile table `src/data/tag-profile.tsv`: a model trained on
/// `gold` without profile features tags `corpus`; one line per word seen
/// [`PROFILE_MIN`] times, `key TAB UPOS TAB tenths`, in key order.
pub fn profile_table(gold: &[Tagged], p: &Params, corpus: &Corpus) -> String {
    let stage1 = Params {
        features: p.features & !(V_PROFILE | V_PROFILE2 | V_SYL_PROFILE | V_NB_PROFILE),
        ..p.clone()
    };
    let weights = train_dense(gold, &stage1);
    let table = profiles(p, &weights, corpus);
    let mut lines: Vec<String> = table
        .iter()
        .filter_map(|(k, &(t, s))| {
            let key = corpus.keys.get(k)?;
            (!key.is_empty() && !key.contains(['\t', '\n']) && hash_bytes(key.as_bytes()) == *k)
                .then(|| format!("{key}\t{}\t{s}\n", Pos::ALL[t].as_str()))
        })
        .collect();
    lines.sort();
    lines.concat()
}

/// The averaged weights learned from `gold`.
fn train_dense(gold: &[Tagged], p: &Params) -> Vec<[f32; TAGS]> {
    train_words(&featurize(gold), gold, p)
}

/// The averaged weights learned from `gold`, its words as `sents`.
fn train_words(sents: &[Vec<Word>], gold: &[Tagged], p: &Params) -> Vec<[f32; TAGS]> {
    let size = (1usize << p.bits) * TAGS;
    let mut t = Trainer {
        bits: p.bits,
        w: vec![0.0; size],
        total: vec![0.0; size],
        stamp: vec![0; size],
        clock: 0,
    };
    let mut order: Vec<usize> = (0..gold.len()).collect();
    let mut rows = Vec::new();
    for epoch in 0..p.epochs {
        shuffle(&mut order, epoch as u64);
        for &s in &order {
            let w = &sents[s];
            let (mut t1, mut t2) = (TAGS, TAGS);
            for (i, (_, tag)) in gold[s].iter().enumerate() {
                t.clock += 1;
                all_rows(p.bits, p.features, w, i, t1, t2, &mut rows);
                let scores = t.scores(rows.iter().copied());
                let guess = super::argmax(&scores);
                let gold_t = *tag as usize;
                if guess != gold_t {
                    for &r in &rows {
                        t.update(r, gold_t, 1.0);
                        t.update(r, guess, -1.0);
                    }
                }
                (t2, t1) = (t1, guess);
            }
        }
    }
    t.averaged_dense()
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
    let n = gold.len();
    predictions.clear();
    let mut folds = Vec::new();
    let mut tags = Vec::new();
    for f in 0..k {
        let (lo, hi) = (f * n / k, (f + 1) * n / k);
        let train_set: Vec<Tagged> = gold[..lo].iter().chain(&gold[hi..]).cloned().collect();
        let mut train_words_ = featurize(&train_set);
        let mut test = featurize(&gold[lo..hi]);
        if p.features & (V_PROFILE | V_PROFILE2 | V_SYL_PROFILE | V_NB_PROFILE) != 0 {
            // The profiles of this fold's own first-stage model, never the
            // shipped ones (learned with the held-out block).
            let corpus = corpus.expect("profile features need a corpus");
            let stage1 = Params {
                features: p.features & !(V_PROFILE | V_PROFILE2 | V_SYL_PROFILE | V_NB_PROFILE),
                ..p.clone()
            };
            let table = profiles(p, &train_dense(&train_set, &stage1), corpus);
            set_profiles(&mut train_words_, &table);
            set_profiles(&mut test, &table);
        }
        let weights = train_words(&train_words_, &train_set, p);
        let (mut right, mut words) = (0, 0);
        for (s, w) in gold[lo..hi].iter().zip(&test) {
            tags.clear();
            tag_dense(p.bits, p.features, &weights, w, &mut tags);
            let mut line = String::new();
            for ((w, g), t) in s.iter().zip(&tags) {
                right += usize::from(g == t);
                words += 1;
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(w);
                line.push('/');
                line.push_str(t.as_str());
            }
            predictions.push(line);
        }
        folds.push(CvFold {
            train: train_set.len(),
            test: hi - lo,
            right,
            words,
        });
    }
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
    fn reads_conllu_like_vi_eval() {
        let s = read_conllu(CONLLU);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0][2], ("Hà_Nội".to_string(), Pos::Propn));
        assert_eq!(s[1].len(), 2);
    }

    #[test]
    fn training_learns_and_is_deterministic() {
        // Written for this test: "bay" is a verb after a noun and a noun
        // after "máy".
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
        let p = Params {
            epochs: 5,
            bits: 12,
            features: 0,
        };
        let t = train(&gold, &p);
        assert_eq!(
            t.tag(["chim", "bay", "."]),
            [Pos::Noun, Pos::Verb, Pos::Punct]
        );
        assert_eq!(
            t.tag(["máy", "bay", "đến"]),
            [Pos::Noun, Pos::Noun, Pos::Verb]
        );
        assert_eq!(t.to_bytes(), train(&gold, &p).to_bytes());
        let untrained = train(&gold, &Params { epochs: 0, ..p });
        assert_ne!(
            untrained.tag(["máy", "bay", "đến"]),
            [Pos::Noun, Pos::Noun, Pos::Verb]
        );
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
        let p = Params {
            epochs: 5,
            bits: 12,
            features: V_PROFILE,
        };
        // "bơi" and "hiếm" are seen once: no profile.
        assert_eq!(
            profile_table(&gold, &p, &corpus),
            "bay\tVERB\t10\ncò\tNOUN\t10\n"
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
        set_profiles(&mut train, &map);
        let unknown = featurize(&[vec![("zuf".to_string(), Pos::X)]]);
        let tag = |p: &Params, profile: Pos| {
            let weights = train_words(&train, &gold, p);
            let mut words = unknown.clone();
            let key = words[0][0].key;
            set_profiles(
                &mut words,
                &[(key, (profile as usize, 10))].into_iter().collect(),
            );
            let mut tags = Vec::new();
            tag_dense(p.bits, p.features, &weights, &words[0], &mut tags);
            tags[0]
        };
        let p = Params {
            epochs: 5,
            bits: 12,
            features: V_PROFILE,
        };
        assert_eq!(tag(&p, Pos::Noun), Pos::Noun);
        assert_eq!(tag(&p, Pos::Verb), Pos::Verb);
        let without = Params { features: 0, ..p };
        assert_eq!(tag(&without, Pos::Noun), tag(&without, Pos::Verb));
    }

    /// `src/data/tag-model.bin` must be what the treebank and this code
    /// give; rebuild it with `make train`.
    #[test]
    fn the_shipped_model_is_up_to_date() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/vtb_pos/dev.conllu"
        );
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("{path}: {e}: the treebank is needed to check the model"));
        let t = train(&read_conllu(&text), &Params::default());
        assert!(
            t.to_bytes() == super::super::BUILTIN,
            "src/data/tag-model.bin is stale: run make train"
        );
    }
}
