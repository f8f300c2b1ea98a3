//! How the segmenter's model (`model.rs`) is trained, and how a
//! segmentation is scored against the treebank. Built with the `train`
//! feature only.
//!
//! # Training
//!
//! A structured averaged perceptron (Collins 2002) over the runs the
//! rules leave to the [`Lattice`](super::lattice::Lattice). The weights start at the maximal-matching
//! prior scaled by [`Params::prior`] (each word costs that much); for each
//! training sentence the rules run as usual, and each lattice run whose
//! gold words are edges of the lattice is decoded with the current
//! weights; when the best path is not the gold one, the gold edges'
//! features gain 1 and the predicted ones' lose 1. The weights averaged
//! over all steps are the model. Words of two syllables or more of the
//! training sentences that the lists lack join the dictionary.
//!
//! Sentences are visited in an order fixed by the epoch number, so the
//! same sentences give the same bytes.

use super::dict::{list_lines, Dictionary, NONE};
use super::lattice::{apart, reduplicated, Costs};
use super::model::{
    len_class, prior_globals, Model, GLOBALS, G_LEARNED, G_REDUP, G_UNKNOWN, MAGIC, VERSION,
};
use super::{Run, Scratch, Segmenter, Syllables, Token};
use crate::document::Span;
use crate::vi::canonical;

/// How to train.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    /// Passes over the training sentences; 0 keeps the prior.
    pub epochs: usize,
    /// The weight of the maximal-matching prior: what a word costs before
    /// training. Updates are ±1, so this sets how far they can move.
    pub prior: f32,
    /// Whether the training sentences' words the lists lack join the
    /// dictionary.
    pub learned_words: bool,
    /// Whether those words may start with a capital (names, and common
    /// words at the start of a sentence).
    pub learned_names: bool,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            epochs: 8,
            prior: 1.0,
            learned_words: true,
            learned_names: true,
        }
    }
}

/// A trained segmenter: the dictionary and the model bytes.
#[derive(Clone, Debug)]
pub struct Trained {
    /// The lists and the learned words.
    pub dict: Dictionary,
    /// What `src/data/segment-model.bin` holds.
    pub model: Vec<u8>,
}

impl Trained {
    /// A segmenter with this dictionary and model.
    pub fn segmenter(&self) -> Segmenter {
        let model = Model::from_bytes(&self.model, &self.dict).expect("a model for its dictionary");
        Segmenter::with_model(self.dict.clone(), model)
    }
}

/// Trains on `gold`: treebank lines, words separated by spaces, the
/// syllables of a word joined by `_`.
pub fn train(gold: &[&str], p: &Params) -> Trained {
    let lists = Dictionary::builtin_from_lists();
    let mut learned = Vec::new();
    if p.learned_words {
        for line in gold {
            for w in line.split_whitespace().filter(|w| w.contains('_')) {
                if !p.learned_names && w.chars().next().is_some_and(char::is_uppercase) {
                    continue;
                }
                let key = canonical(&w.replace('_', " "));
                if !lists.contains(&key) {
                    learned.push(key);
                }
            }
        }
    }
    let mut lines: Vec<&str> = list_lines().collect();
    lines.extend(learned.iter().map(String::as_str));
    let built = Dictionary::from_lines(lines);
    // Node ids as loading the bytes gives them.
    let dict = Dictionary::from_bytes(&built.to_bytes()).expect("round trip");
    let lens = dict.node_lengths().to_vec();
    let mut is_learned = vec![false; lens.len()];
    for key in &learned {
        if let Some(node) = dict.word_node(key) {
            is_learned[node as usize] = true;
        }
    }
    let mut t = Trainer::new(lens, is_learned, p.prior);
    let seg = Segmenter::with_model(dict.clone(), Model::prior(&dict));
    let mut worker = seg.worker();
    let mut out = Vec::new();
    let mut order: Vec<usize> = (0..gold.len()).collect();
    let mut text = String::new();
    for epoch in 0..p.epochs {
        shuffle(&mut order, epoch as u64);
        for &i in &order {
            text.clear();
            text.push_str(&gold[i].replace('_', " "));
            t.gold_boundaries(gold[i]);
            out.clear();
            worker.words_with(
                &text,
                Span::new(0, text.len()),
                &mut out,
                None,
                &mut |cx, run, _| t.learn(cx, run),
            );
            t.clock += 1.0;
        }
    }
    Trained {
        model: t.to_bytes(),
        dict,
    }
}

/// The bytes of `src/data/segment-pairs.bin` (`pairs.rs`): how often
/// each two-syllable word of the shipped dictionary stands in `lines`
/// where it overlaps no other: its two syllables side by side in a run the
/// lattice segments, and neither the syllable before nor the one after
/// making a two-syllable word with its neighbour in it.
pub fn pair_table<'t>(lines: impl IntoIterator<Item = &'t str>) -> Vec<u8> {
    let seg = Segmenter::new();
    let mut worker = seg.worker();
    let mut counts: std::collections::HashMap<(u32, u32), u32> = Default::default();
    let mut out = Vec::new();
    for line in lines {
        out.clear();
        worker.words_with(
            line,
            Span::new(0, line.len()),
            &mut out,
            None,
            &mut |cx, run, _| {
                let syl = Run {
                    toks: run,
                    keys: cx.keys,
                    flags: cx.flags,
                };
                // Whether syllables `k` and `k + 1` make a word.
                let word = |k: usize| {
                    k + 1 < run.len()
                        && !apart(&syl, k, k + 1)
                        && cx
                            .dict
                            .step(syl.id(k), syl.id(k + 1))
                            .is_some_and(|s| s.word)
                };
                for k in 0..run.len() {
                    if word(k) && !(k > 0 && word(k - 1)) && !word(k + 1) {
                        *counts.entry((syl.id(k), syl.id(k + 1))).or_default() += 1;
                    }
                }
            },
        );
    }
    let dict = seg.dictionary();
    let keys: Vec<(String, u32)> = counts
        .into_iter()
        .map(|((a, b), n)| {
            let key = [dict.syllable_key(a), b" ", dict.syllable_key(b)].concat();
            (String::from_utf8(key).expect("canonical keys are UTF-8"), n)
        })
        .collect();
    super::pairs::to_bytes(keys.iter().map(|(k, n)| (k.as_str(), *n)))
}

/// [`pair_table`] over the titles and paragraphs of articles, one JSON
/// object a line with `title` and `docs` (`vietnews/train.jsonl`), line
/// by line: what `make segment-pairs` writes to
/// `src/data/segment-pairs.bin`.
pub fn pair_table_of_articles(jsonl: &str) -> Result<Vec<u8>, serde_json::Error> {
    let lines = article_lines(jsonl, &["title", "docs"])?;
    Ok(pair_table(lines.iter().map(String::as_str)))
}

/// The non-blank lines of articles, one JSON object a line
/// (`vietnews/train.jsonl`): of each article, the lines of each of
/// `fields` in turn, a field being a string (`title`) or an array of
/// strings (`docs`, `refs`). What the tables built from the articles
/// (`segment-pairs.bin`, `ocr-pairs.bin`) learn from.
pub(crate) fn article_lines(
    jsonl: &str,
    fields: &[&str],
) -> Result<Vec<String>, serde_json::Error> {
    let mut lines: Vec<String> = Vec::new();
    for record in jsonl.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(record)?;
        for field in fields {
            let parts: Vec<&str> = match &v[field] {
                serde_json::Value::Array(a) => a.iter().filter_map(|d| d.as_str()).collect(),
                x => x.as_str().into_iter().collect(),
            };
            lines.extend(
                parts
                    .iter()
                    .flat_map(|p| p.lines())
                    .filter(|l| !l.trim().is_empty())
                    .map(str::to_string),
            );
        }
    }
    Ok(lines)
}

/// A deterministic shuffle (xorshift), seeded by `seed`: the order of
/// the training sentences, here and in the tagger's training.
pub(crate) fn shuffle(v: &mut [usize], seed: u64) {
    let mut x = 0x9E37_79B9_7F4A_7C15u64 ^ seed.wrapping_mul(0xD6E8_FEB8_6659_FD93);
    for i in (1..v.len()).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        v.swap(i, (x % (i as u64 + 1)) as usize);
    }
}

/// One edge of a path, as the features see it.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Edge {
    Single(u32),
    Word(u32),
    Redup,
}

/// The perceptron's state.
struct Trainer {
    /// Weights: identity features by id, then [`GLOBALS`].
    w: Vec<f32>,
    /// For averaging: the sum of `clock * update` of each weight.
    u: Vec<f64>,
    clock: f64,
    lens: Vec<u8>,
    learned: Vec<bool>,
    /// Byte offsets where a gold word starts, and where one ends.
    starts: Vec<bool>,
    ends: Vec<bool>,
    gold: Vec<(usize, usize)>,
    pred: Vec<(usize, usize)>,
}

/// The trainer's current weights as lattice scores.
struct Current<'a>(&'a Trainer);

impl Costs for Current<'_> {
    fn single(&self, id: u32) -> f32 {
        self.0.features(Edge::Single(id)).map(|f| self.0.w[f]).sum()
    }
    fn word(&self, node: u32) -> f32 {
        self.0.features(Edge::Word(node)).map(|f| self.0.w[f]).sum()
    }
    fn reduplication(&self) -> f32 {
        self.0.features(Edge::Redup).map(|f| self.0.w[f]).sum()
    }
}

impl Trainer {
    fn new(lens: Vec<u8>, learned: Vec<bool>, prior: f32) -> Trainer {
        let ids = lens.len();
        let mut w = vec![0.0; ids + GLOBALS];
        prior_globals(&mut w[ids..], prior);
        Trainer {
            u: vec![0.0; w.len()],
            w,
            clock: 1.0,
            lens,
            learned,
            starts: Vec::new(),
            ends: Vec::new(),
            gold: Vec::new(),
            pred: Vec::new(),
        }
    }

    /// The feature indexes of an edge.
    fn features(&self, e: Edge) -> impl Iterator<Item = usize> {
        let g = self.lens.len();
        let (a, b, c) = match e {
            Edge::Single(id) if id == NONE => (g + len_class(1), g + G_UNKNOWN, None),
            Edge::Single(id) => (g + len_class(1), id as usize, None),
            Edge::Word(node) => {
                let n = node as usize;
                let learned = self.learned[n].then_some(g + G_LEARNED);
                (g + len_class(self.lens[n]), n, learned)
            }
            Edge::Redup => (g + len_class(2), g + G_REDUP, None),
        };
        [a, b].into_iter().chain(c)
    }

    fn update(&mut self, e: Edge, delta: f32) {
        let c = self.clock;
        let fs: [Option<usize>; 3] = {
            let mut it = self.features(e);
            [it.next(), it.next(), it.next()]
        };
        for f in fs.into_iter().flatten() {
            self.w[f] += delta;
            self.u[f] += c * f64::from(delta);
        }
    }

    /// Marks the gold word boundaries of a treebank line, as byte offsets
    /// into the line with `_` turned into spaces (same length).
    fn gold_boundaries(&mut self, line: &str) {
        self.starts.clear();
        self.starts.resize(line.len() + 1, false);
        self.ends.clear();
        self.ends.resize(line.len() + 1, false);
        let mut at = 0;
        for w in line.split(' ') {
            if !w.is_empty() {
                self.starts[at] = true;
                self.ends[at + w.len()] = true;
            }
            at += w.len() + 1;
        }
    }

    /// The edge `a..b` of a run, if the lattice has it.
    fn edge(cx: &Scratch<'_>, syl: &Run<'_>, a: usize, b: usize) -> Option<Edge> {
        if b - a == 1 {
            return Some(Edge::Single(syl.id(a)));
        }
        let mut node = syl.id(a);
        let mut word = false;
        for k in a + 1..b {
            if apart(syl, k - 1, k) {
                return None;
            }
            match cx.dict.step(node, syl.id(k)) {
                Some(s) => (node, word) = (s.node, s.word),
                None => {
                    node = NONE;
                    word = false;
                }
            }
        }
        if word {
            Some(Edge::Word(node))
        } else if b - a == 2 && reduplicated(syl, a, a + 1) {
            Some(Edge::Redup)
        } else {
            None
        }
    }

    /// One perceptron step on a lattice run, if its gold words are edges.
    fn learn(&mut self, cx: &mut Scratch<'_>, run: &[Token]) {
        let n = run.len();
        if n == 0 {
            return;
        }
        let syl = Run {
            toks: run,
            keys: cx.keys,
            flags: cx.flags,
        };
        // The gold path, if the run's tokens line up with gold words.
        self.gold.clear();
        if !self.starts[run[0].span.start] || !self.ends[run[n - 1].span.end] {
            return;
        }
        let mut a = 0;
        for (k, t) in run.iter().enumerate() {
            let inner = t.span.start + 1..t.span.end;
            if self.starts[inner.clone()].iter().any(|&x| x) || self.ends[inner].iter().any(|&x| x)
            {
                return;
            }
            if k > 0 && self.starts[t.span.start] {
                if !self.ends[run[k - 1].span.end] {
                    return;
                }
                self.gold.push((a, k));
                a = k;
            }
        }
        self.gold.push((a, n));
        let mut gold_edges = [Edge::Redup; 0].to_vec();
        for &(a, b) in &self.gold {
            match Trainer::edge(cx, &syl, a, b) {
                Some(e) => gold_edges.push(e),
                None => return,
            }
        }
        let mut pred = std::mem::take(&mut self.pred);
        pred.clear();
        cx.lattice
            .solve(cx.dict, &Current(self), &syl, n, |a, b| pred.push((a, b)));
        if pred != self.gold {
            for e in gold_edges {
                self.update(e, 1.0);
            }
            for &(a, b) in &pred {
                let e = Trainer::edge(cx, &syl, a, b).expect("a lattice edge");
                self.update(e, -1.0);
            }
        }
        self.pred = pred;
    }

    /// The averaged weights as a model file.
    fn to_bytes(&self) -> Vec<u8> {
        let avg = |f: usize| (f64::from(self.w[f]) - self.u[f] / self.clock) as f32;
        let ids = self.lens.len();
        let globals: Vec<f32> = (ids..ids + GLOBALS).map(avg).collect();
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(ids as u32).to_le_bytes());
        for g in &globals {
            out.extend_from_slice(&g.to_bits().to_le_bytes());
        }
        let weights: Vec<(u32, f32)> = (0..ids)
            .map(|id| {
                let learned = if self.learned[id] {
                    globals[G_LEARNED]
                } else {
                    0.0
                };
                (id as u32, avg(id) + learned)
            })
            .filter(|&(_, w)| w != 0.0)
            .collect();
        out.extend_from_slice(&(weights.len() as u32).to_le_bytes());
        for (id, w) in weights {
            out.extend_from_slice(&id.to_le_bytes());
            out.extend_from_slice(&w.to_bits().to_le_bytes());
        }
        out
    }
}

/// Word-span counts, as `vi_eval.py ws` defines them: a word is the
/// range of non-space characters it covers; a line whose characters
/// differ from the gold line's has no true positives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Accuracy {
    /// Predicted words that are gold words.
    pub tp: usize,
    /// Predicted words.
    pub pred: usize,
    /// Gold words.
    pub gold: usize,
}

impl Accuracy {
    /// Precision, in percent.
    pub fn p(&self) -> f64 {
        100.0 * self.tp as f64 / self.pred.max(1) as f64
    }
    /// Recall, in percent.
    pub fn r(&self) -> f64 {
        100.0 * self.tp as f64 / self.gold.max(1) as f64
    }
    /// F1, in percent.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// The counts of both.
    pub fn add(&mut self, o: Accuracy) {
        self.tp += o.tp;
        self.pred += o.pred;
        self.gold += o.gold;
    }
}

/// Scores one predicted line against its gold line (both with `_` inside
/// words and spaces between them).
pub fn score_line(gold: &str, pred: &str) -> Accuracy {
    fn spans(line: &str) -> Vec<(usize, usize)> {
        let mut at = 0;
        line.split_whitespace()
            .map(|w| {
                let n = w.chars().filter(|&c| c != '_').count();
                at += n;
                (at - n, at)
            })
            .collect()
    }
    let text = |l: &str| -> String {
        l.chars()
            .filter(|&c| c != '_' && !c.is_whitespace())
            .collect()
    };
    let g = spans(gold);
    let p = spans(pred);
    let mut s = Accuracy {
        tp: 0,
        pred: p.len(),
        gold: g.len(),
    };
    if text(gold) == text(pred) {
        // Both in order and without overlap: merge.
        let (mut i, mut j) = (0, 0);
        while i < g.len() && j < p.len() {
            match g[i].cmp(&p[j]) {
                std::cmp::Ordering::Equal => {
                    s.tp += 1;
                    i += 1;
                    j += 1;
                }
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
            }
        }
    }
    s
}

/// One fold of a cross-validation.
#[derive(Clone, Debug)]
pub struct CvFold {
    /// Training sentences.
    pub train: usize,
    /// Held-out sentences.
    pub test: usize,
    /// The held-out score.
    pub score: Accuracy,
}

/// `k`-fold cross-validation on treebank lines: fold `f` holds out the
/// `f`-th of `k` contiguous blocks of lines (neighbouring lines come from
/// the same article, and some repeat), trains on the rest, and segments
/// the held-out lines. `predictions` gets every line as segmented by the
/// model that did not see it.
pub fn cross_validate(
    gold: &[&str],
    k: usize,
    p: &Params,
    predictions: &mut Vec<String>,
) -> Vec<CvFold> {
    let n = gold.len();
    predictions.clear();
    let mut folds = Vec::new();
    for f in 0..k {
        let (lo, hi) = (f * n / k, (f + 1) * n / k);
        let train_lines: Vec<&str> = gold[..lo].iter().chain(&gold[hi..]).copied().collect();
        let seg = train(&train_lines, p).segmenter();
        let mut score = Accuracy::default();
        for g in &gold[lo..hi] {
            let pred = seg.segment_line(&g.replace('_', " "));
            score.add(score_line(g, &pred));
            predictions.push(pred);
        }
        folds.push(CvFold {
            train: train_lines.len(),
            test: hi - lo,
            score,
        });
    }
    folds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_counts_spans_like_vi_eval() {
        let s = score_line("a_b c d_e_f g", "a_b c d e_f g");
        assert_eq!(
            s,
            Accuracy {
                tp: 3,
                pred: 5,
                gold: 4
            }
        );
        // Changed characters: nothing counts.
        let s = score_line("a_b c", "a_b d");
        assert_eq!((s.tp, s.pred, s.gold), (0, 2, 2));
        assert!((score_line("a b", "a b").f1() - 100.0).abs() < 1e-9);
    }

    #[test]
    fn training_learns_a_split_and_a_new_word() {
        // The lists hold `người dân` and `con trai`; these sentences
        // never join them, and join `vụ án`, which the lists lack.
        let gold = [
            "người dân ở đây có vụ_án .",
            "con trai của người dân .",
            "người dân và vụ_án kia .",
            "con trai nhà bên .",
        ];
        let before = Segmenter::with_dictionary(Dictionary::builtin_from_lists());
        assert_eq!(
            before.segment_line("người dân xem vụ án của con trai ."),
            "người_dân xem vụ án của con_trai ."
        );
        let p = Params::default();
        let seg = train(&gold, &p).segmenter();
        assert_eq!(
            seg.segment_line("người dân xem vụ án của con trai ."),
            "người dân xem vụ_án của con trai ."
        );
    }

    #[test]
    fn training_is_deterministic_and_round_trips() {
        let gold = ["người dân ở đây có vụ_án .", "con trai nhà bên ."];
        let a = train(&gold, &Params::default());
        let b = train(&gold, &Params::default());
        assert_eq!(a.model, b.model);
        assert_eq!(a.dict.to_bytes(), b.dict.to_bytes());
        assert!(Model::from_bytes(&a.model, &a.dict).is_some());
        assert!(Model::from_bytes(&a.model[..a.model.len() - 1], &a.dict).is_none());
        assert!(Model::from_bytes(&a.model, &Dictionary::builtin_from_lists()).is_none());
    }

    #[test]
    fn no_epochs_is_maximal_matching() {
        let gold = ["con trai nhà bên ."];
        let p = Params {
            epochs: 0,
            learned_words: false,
            ..Params::default()
        };
        let seg = train(&gold, &p).segmenter();
        let mm = Segmenter::with_dictionary(Dictionary::builtin_from_lists());
        for line in ["người dân xem vụ án của con trai .", "cuộc chiến tranh"] {
            assert_eq!(seg.segment_line(line), mm.segment_line(line));
        }
    }

    /// `src/data/segment-pairs.bin` must be what the articles and the
    /// shipped dictionary give; rebuild it with `make segment-pairs`.
    #[test]
    fn the_shipped_pair_table_is_up_to_date() {
        let text = crate::shipped::shared_text("data/vietnews/train.jsonl");
        let bytes = pair_table_of_articles(&text).expect("one article a line");
        crate::shipped::assert_shipped(
            "segment-pairs.bin",
            &bytes,
            super::super::pairs::BUILTIN,
            "make segment-pairs",
        );
    }

    /// `src/data/segment-dict.bin` and `segment-model.bin` must be what
    /// the lists, the treebank and this code give; rebuild them with
    /// `make train`.
    #[test]
    fn the_shipped_model_is_up_to_date() {
        let text = crate::shipped::shared_text("data/vtb_ws/dev.txt");
        let lines: Vec<&str> = text.lines().collect();
        let t = train(&lines, &Params::default());
        let shipped = [
            (
                "segment-dict.bin",
                t.dict.to_bytes(),
                super::super::dict::BUILTIN,
            ),
            ("segment-model.bin", t.model, super::super::model::BUILTIN),
        ];
        for (file, rebuilt, builtin) in shipped {
            crate::shipped::assert_shipped(file, &rebuilt, builtin, "make train");
        }
    }
}
