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

use super::{dynamic_rows, static_rows, Pos, Tagger, Words, DYNAMIC, STATIC, TAGS};

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
}

impl Default for Params {
    fn default() -> Params {
        Params {
            epochs: 10,
            bits: 18,
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

    fn averaged(&self) -> Tagger {
        let mut weights = vec![[0.0; TAGS]; 1 << self.bits];
        for (i, w) in weights.iter_mut().flatten().enumerate() {
            let total = self.total[i] + (self.clock - self.stamp[i]) as f64 * f64::from(self.w[i]);
            *w = (total / self.clock.max(1) as f64) as f32;
        }
        Tagger::from_dense(self.bits, &weights)
    }
}

/// Trains a tagger on `gold`.
pub fn train(gold: &[Tagged], p: &Params) -> Tagger {
    let size = (1usize << p.bits) * TAGS;
    let mut t = Trainer {
        bits: p.bits,
        w: vec![0.0; size],
        total: vec![0.0; size],
        stamp: vec![0; size],
        clock: 0,
    };
    // Each sentence's words, turned into features once.
    let mut words = Words::default();
    let sents: Vec<Vec<super::Word>> = gold
        .iter()
        .map(|s| {
            words.clear();
            for (w, _) in s {
                words.push(w);
            }
            words.words.clone()
        })
        .collect();
    let mut order: Vec<usize> = (0..gold.len()).collect();
    let mut rows = [0; STATIC];
    for epoch in 0..p.epochs {
        shuffle(&mut order, epoch as u64);
        for &s in &order {
            let w = &sents[s];
            let (mut t1, mut t2) = (TAGS, TAGS);
            for (i, (_, tag)) in gold[s].iter().enumerate() {
                t.clock += 1;
                static_rows(p.bits, w, i, &mut rows);
                let dynamic: [usize; DYNAMIC] = dynamic_rows(p.bits, &w[i], t1, t2);
                let scores = t.scores(rows.iter().chain(&dynamic).copied());
                let guess = super::argmax(&scores);
                let gold_t = *tag as usize;
                if guess != gold_t {
                    for &r in rows.iter().chain(&dynamic) {
                        t.update(r, gold_t, 1.0);
                        t.update(r, guess, -1.0);
                    }
                }
                (t2, t1) = (t1, guess);
            }
        }
    }
    t.averaged()
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
    predictions: &mut Vec<String>,
) -> Vec<CvFold> {
    let n = gold.len();
    predictions.clear();
    let mut folds = Vec::new();
    let mut tags = Vec::new();
    for f in 0..k {
        let (lo, hi) = (f * n / k, (f + 1) * n / k);
        let train_set: Vec<Tagged> = gold[..lo].iter().chain(&gold[hi..]).cloned().collect();
        let tagger = train(&train_set, p);
        let mut worker = tagger.worker();
        let (mut right, mut words) = (0, 0);
        for s in &gold[lo..hi] {
            tags.clear();
            worker.tag(s.iter().map(|(w, _)| w.as_str()), &mut tags);
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
