//! Parts of speech: each word of a sentence gets one of the 17 universal
//! tags (UPOS: `NOUN`, `VERB`, `PROPN`, …), as the Vietnamese treebank
//! UD_Vietnamese-VTB tags its words.
//!
//! Input: the words of one sentence, as the [`segment`](crate::segment)
//! stage gives them (the syllables of a word separated by spaces, or by
//! `_` as `tomtat segment` writes them). Output: one [`Pos`] per word.
//!
//! # Model
//!
//! A greedy left-to-right averaged perceptron (Collins 2002; the tagger
//! of Honnibal's "A good part-of-speech tagger in about 200 lines of
//! Python"). Each word is scored by the sum of the weight rows of its
//! features, one weight per tag, and takes the best tag; the tags chosen
//! before it are features of the next words. The features:
//!
//! - the word (lower case, one tone placement), its first and last
//!   syllable, its length in syllables, its shape (lower case, a capital
//!   on every syllable, all capitals, digits, punctuation), and whether it
//!   opens the sentence;
//! - the two words before and after it, each alone, the pair it makes
//!   with its neighbour, and their shapes;
//! - the tags of the one and two words before it, and the previous tag
//!   with the word.
//!
//! Features are hashed and folded into a table of `2^bits` rows, so a
//! word costs a fixed number of row look-ups and no string compare; the
//! table is learned with its collisions. Known limits: the treebank is
//! 1,400 sentences of news, so words it lacks are tagged from their
//! shape, syllables and neighbours only.
//!
//! # File
//!
//! `src/data/tag-model.bin` (built by `make train`): `TTPT`, version,
//! `bits`, the number of non-zero weights, then `(index, weight)` pairs
//! in index order (index = row × tags + tag), weights as `f32`,
//! little-endian.

#[cfg(feature = "train")]
mod learn;

#[cfg(feature = "train")]
pub use learn::{cross_validate, read_conllu, train, CvFold, Params, Tagged};

use crate::hash::hash_bytes;
use crate::vi::{canonical_into, is_alphabetic};

/// Built by `make train` (`cargo run --release --example segment-data`).
const BUILTIN: &[u8] = include_bytes!("../data/tag-model.bin");

const MAGIC: &[u8; 4] = b"TTPT";
const VERSION: u32 = 1;

/// The number of tags.
pub const TAGS: usize = 17;

/// A universal part-of-speech tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
#[allow(missing_docs)]
pub enum Pos {
    Noun,
    Verb,
    Punct,
    Adv,
    Adp,
    Adj,
    Propn,
    Pron,
    Num,
    Sconj,
    Aux,
    Det,
    Cconj,
    Part,
    X,
    Sym,
    Intj,
}

impl Pos {
    /// Every tag, in the order of the model's weights.
    pub const ALL: [Pos; TAGS] = [
        Pos::Noun,
        Pos::Verb,
        Pos::Punct,
        Pos::Adv,
        Pos::Adp,
        Pos::Adj,
        Pos::Propn,
        Pos::Pron,
        Pos::Num,
        Pos::Sconj,
        Pos::Aux,
        Pos::Det,
        Pos::Cconj,
        Pos::Part,
        Pos::X,
        Pos::Sym,
        Pos::Intj,
    ];

    /// The UPOS name: `NOUN`, `PROPN`, ….
    pub fn as_str(self) -> &'static str {
        match self {
            Pos::Noun => "NOUN",
            Pos::Verb => "VERB",
            Pos::Punct => "PUNCT",
            Pos::Adv => "ADV",
            Pos::Adp => "ADP",
            Pos::Adj => "ADJ",
            Pos::Propn => "PROPN",
            Pos::Pron => "PRON",
            Pos::Num => "NUM",
            Pos::Sconj => "SCONJ",
            Pos::Aux => "AUX",
            Pos::Det => "DET",
            Pos::Cconj => "CCONJ",
            Pos::Part => "PART",
            Pos::X => "X",
            Pos::Sym => "SYM",
            Pos::Intj => "INTJ",
        }
    }

    /// The tag named `s` (a UPOS name), if there is one.
    pub fn from_upos(s: &str) -> Option<Pos> {
        Pos::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// Nouns and names: the heads of noun phrases.
    pub fn is_nominal(self) -> bool {
        matches!(self, Pos::Noun | Pos::Propn)
    }
}

impl std::fmt::Display for Pos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the features see of one word.
#[derive(Clone, Copy, Debug, Default)]
struct Word {
    /// Hash of the word's key (syllables separated by one space).
    key: u64,
    /// Hashes of its first and last syllable's keys (0 for one syllable).
    first: u64,
    last: u64,
    /// [`shape`] and the number of syllables (1 to 4).
    shape: u8,
    syllables: u8,
}

// Shapes.
const LOWER: u8 = 0;
const CAP_FIRST: u8 = 1;
const CAP_ALL: u8 = 2;
const CAP_ONE: u8 = 3;
const UPPER: u8 = 4;
const DIGITS: u8 = 5;
const MIXED: u8 = 6;
const PUNCT: u8 = 7;
const SYMBOL: u8 = 8;
const OTHER: u8 = 9;

/// [`char::is_uppercase`], without a table search for ASCII.
#[inline]
fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        c.is_uppercase()
    }
}

/// The shape of a word: see the constants above.
fn shape(word: &str) -> u8 {
    let (mut letters, mut upper, mut digits, mut others) = (0u32, 0u32, 0u32, 0u32);
    let (mut syl_caps, mut syls, mut first_cap) = (0u32, 0u32, false);
    let mut at_start = true;
    for c in word.chars() {
        if c == ' ' || c == '_' {
            at_start = true;
            continue;
        }
        if at_start {
            syls += 1;
            if is_upper(c) {
                syl_caps += 1;
                if syls == 1 {
                    first_cap = true;
                }
            }
            at_start = false;
        }
        if is_alphabetic(c) {
            letters += 1;
            upper += u32::from(is_upper(c));
        } else if c.is_ascii_digit() {
            digits += 1;
        } else {
            others += 1;
        }
    }
    if letters == 0 && digits == 0 {
        let punct = word.chars().all(|c| {
            c.is_ascii_punctuation() || matches!(c, '“' | '”' | '‘' | '’' | '…' | '–' | '—')
        });
        return if punct { PUNCT } else { SYMBOL };
    }
    if letters == 0 {
        return DIGITS;
    }
    if digits > 0 {
        return MIXED;
    }
    if upper == letters && letters >= 2 {
        return UPPER;
    }
    if syl_caps == syls && syls > 1 {
        return CAP_ALL;
    }
    if syl_caps == syls {
        return CAP_ONE;
    }
    if first_cap {
        return CAP_FIRST;
    }
    if others > 0 {
        return OTHER;
    }
    LOWER
}

// Feature templates: each hashes with its own number.
const F_BIAS: u64 = 1;
const F_W0: u64 = 2;
const F_FIRST: u64 = 3;
const F_LAST: u64 = 4;
const F_SHAPE: u64 = 5;
const F_WM1: u64 = 6;
const F_WP1: u64 = 7;
const F_SM1_W0: u64 = 8;
const F_W0_SP1: u64 = 9;
const F_SHAPES: u64 = 12;
const F_T1: u64 = 20;
const F_T2T1: u64 = 21;
const F_T1W0: u64 = 22;

/// Static features per word.
const STATIC: usize = 10;
/// Features that depend on earlier tags.
const DYNAMIC: usize = 3;

/// The hash standing for the word before the first and after the last.
const EDGE: u64 = 0x2545_F491_4F6C_DD1D;

#[inline]
fn mix(a: u64, b: u64) -> u64 {
    (a.rotate_left(23) ^ b).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The row of feature `template` with value `h` in a table of `2^bits`.
#[inline]
fn row(bits: u32, template: u64, h: u64) -> usize {
    let x = (h ^ template.wrapping_mul(0xD6E8_FEB8_6659_FD93)).wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    let x = x ^ (x >> 29);
    (x.wrapping_mul(0xC4CE_B9FE_1A85_EC53) >> (64 - bits)) as usize
}

/// Fills `rows` with the static feature rows of word `i`.
fn static_rows(bits: u32, w: &[Word], i: usize, rows: &mut [usize; STATIC]) {
    let at = |j: isize| -> Option<&Word> { usize::try_from(j).ok().and_then(|j| w.get(j)) };
    let i_ = i as isize;
    let key = |j: isize| at(j).map_or(EDGE, |w| w.key);
    let shp = |j: isize| at(j).map_or(15, |w| w.shape);
    let me = &w[i];
    let f = |t, h| row(bits, t, h);
    let start = u64::from(i == 0);
    rows[0] = f(F_BIAS, 0);
    rows[1] = f(F_W0, me.key);
    // One syllable: its first and last are the word, already a feature;
    // these rows then stand for "one syllable".
    rows[2] = f(F_FIRST, me.first);
    rows[3] = f(F_LAST, me.last);
    rows[4] = f(
        F_SHAPE,
        u64::from(me.shape) | u64::from(me.syllables) << 8 | start << 16,
    );
    rows[5] = f(F_WM1, key(i_ - 1));
    rows[6] = f(F_WP1, key(i_ + 1));
    rows[7] = f(F_SM1_W0, mix(u64::from(shp(i_ - 1)), me.key));
    rows[8] = f(F_W0_SP1, mix(me.key, u64::from(shp(i_ + 1))));
    rows[9] = f(
        F_SHAPES,
        u64::from(shp(i_ - 1)) | u64::from(me.shape) << 8 | u64::from(shp(i_ + 1)) << 16,
    );
}

/// The rows of the features that depend on the tags before word `i`
/// (`t1` the one before, `t2` the one before that; [`TAGS`] where none).
#[inline]
fn dynamic_rows(bits: u32, w: &Word, t1: usize, t2: usize) -> [usize; DYNAMIC] {
    let key = w.key;
    [
        row(bits, F_T1, t1 as u64),
        row(bits, F_T2T1, (t2 * 32 + t1) as u64),
        row(bits, F_T1W0, mix(t1 as u64, key)),
    ]
}

/// Per-thread scratch for turning words into [`Word`]s.
#[derive(Debug, Default)]
struct Words {
    words: Vec<Word>,
    key: String,
    bytes: Vec<u8>,
}

impl Words {
    fn clear(&mut self) {
        self.words.clear();
    }

    fn push(&mut self, word: &str) {
        self.key.clear();
        canonical_into(word, &mut self.key);
        let (mut first, mut last, mut syllables) = (0, 0, 0u8);
        let bytes = self.key.as_bytes();
        let mut start = 0;
        let mut n = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if b == b' ' || b == b'_' {
                if i > start {
                    let h = hash_bytes(&bytes[start..i]);
                    if n == 0 {
                        first = h;
                    }
                    last = h;
                    n += 1;
                }
                start = i + 1;
            }
        }
        if n > 0 {
            if bytes.len() > start {
                last = hash_bytes(&bytes[start..]);
                n += 1;
            }
            syllables = n.min(4);
        }
        let key = if n > 0 {
            // One separator for both ways of writing a word.
            self.bytes.clear();
            self.bytes
                .extend(bytes.iter().map(|&b| if b == b'_' { b' ' } else { b }));
            hash_bytes(&self.bytes)
        } else {
            syllables = 1;
            hash_bytes(bytes)
        };
        self.words.push(Word {
            key,
            first,
            last,
            shape: shape(word),
            syllables,
        });
    }
}

/// The tagger: the weights, built once and shared by all threads.
#[derive(Clone)]
pub struct Tagger {
    bits: u32,
    /// For each of the `2^bits` rows, where its weights are in `rows`
    /// (0: all zero). Most rows of the folded table are empty: this keeps
    /// the table small and the rows in use close together.
    index: Vec<u32>,
    /// Row 0 is all zero.
    rows: Vec<Row>,
}

/// The weights of one feature, one per tag, padded to whole SIMD lanes
/// so adding a row is five vector additions rather than 17 scalar ones.
#[derive(Clone, Copy, Debug)]
#[repr(C, align(16))]
struct Row([f32; LANES]);

const LANES: usize = 20;
const ZERO: Row = Row([0.0; LANES]);

impl std::fmt::Debug for Tagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tagger")
            .field("bits", &self.bits)
            .field("rows", &self.rows.len())
            .finish()
    }
}

impl Default for Tagger {
    fn default() -> Tagger {
        Tagger::new()
    }
}

impl Tagger {
    /// The tagger learned from the treebank (`src/data/tag-model.bin`).
    pub fn new() -> Tagger {
        Tagger::from_bytes(BUILTIN).expect("src/data/tag-model.bin is a tagger model")
    }

    /// A tagger over a dense table of `2^bits` rows.
    #[cfg(feature = "train")]
    fn from_dense(bits: u32, dense: &[[f32; TAGS]]) -> Tagger {
        let mut t = Tagger {
            bits,
            index: vec![0; 1 << bits],
            rows: vec![ZERO],
        };
        for (r, w) in dense.iter().enumerate() {
            if w.iter().any(|&x| x != 0.0) {
                t.index[r] = t.rows.len() as u32;
                let mut row = ZERO;
                row.0[..TAGS].copy_from_slice(w);
                t.rows.push(row);
            }
        }
        t
    }

    /// The model written by [`Tagger::to_bytes`], or `None` if `bytes` is
    /// not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<Tagger> {
        let mut r = bytes;
        let mut take = |n: usize| -> Option<&[u8]> {
            let (a, b) = r.split_at_checked(n)?;
            r = b;
            Some(a)
        };
        let u32_at = |b: &[u8]| u32::from_le_bytes(b.try_into().expect("four bytes"));
        if take(4)? != MAGIC || u32_at(take(4)?) != VERSION {
            return None;
        }
        let bits = u32_at(take(4)?);
        if !(4..=24).contains(&bits) {
            return None;
        }
        let n = u32_at(take(4)?) as usize;
        let pairs = take(n.checked_mul(8)?)?;
        if !r.is_empty() {
            return None;
        }
        let mut t = Tagger {
            bits,
            index: vec![0; 1 << bits],
            rows: vec![ZERO],
        };
        let mut last = None;
        for c in pairs.chunks_exact(8) {
            let idx = u32_at(&c[..4]) as usize;
            // In increasing order, each once.
            if last.is_some_and(|l| idx <= l) {
                return None;
            }
            last = Some(idx);
            let w = f32::from_bits(u32_at(&c[4..]));
            let slot = t.index.get_mut(idx / TAGS)?;
            if *slot == 0 {
                *slot = t.rows.len() as u32;
                t.rows.push(ZERO);
            }
            t.rows[*slot as usize].0[idx % TAGS] = w;
        }
        Some(t)
    }

    /// The model as [`Tagger::from_bytes`] reads it: only the non-zero
    /// weights.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut nonzero: Vec<(u32, f32)> = Vec::new();
        for (r, &at) in self.index.iter().enumerate() {
            for (t, &w) in self.rows[at as usize].0[..TAGS].iter().enumerate() {
                if w != 0.0 {
                    nonzero.push(((r * TAGS + t) as u32, w));
                }
            }
        }
        let mut out = Vec::with_capacity(16 + nonzero.len() * 8);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&(nonzero.len() as u32).to_le_bytes());
        for (i, w) in nonzero {
            out.extend_from_slice(&i.to_le_bytes());
            out.extend_from_slice(&w.to_bits().to_le_bytes());
        }
        out
    }

    /// A worker with its own scratch space, for one thread.
    pub fn worker(&self) -> TagWorker<'_> {
        TagWorker {
            tagger: self,
            words: Words::default(),
        }
    }

    /// Tags one sentence's words: a convenience over [`TagWorker::tag`].
    pub fn tag<'a>(&self, words: impl IntoIterator<Item = &'a str>) -> Vec<Pos> {
        let mut out = Vec::new();
        self.worker().tag(words, &mut out);
        out
    }

    /// Adds row `r` into `scores`.
    #[inline]
    fn add(&self, scores: &mut Row, r: usize) {
        let w = &self.rows[self.index[r] as usize];
        for (s, w) in scores.0.iter_mut().zip(&w.0) {
            *s += w;
        }
    }

    /// Greedy decoding of the words in `w`, appending to `out`.
    fn decode(&self, w: &[Word], out: &mut Vec<Pos>) {
        let (mut t1, mut t2) = (TAGS, TAGS);
        let mut rows = [0; STATIC];
        for i in 0..w.len() {
            let mut scores = ZERO;
            static_rows(self.bits, w, i, &mut rows);
            for &r in &rows {
                self.add(&mut scores, r);
            }
            for r in dynamic_rows(self.bits, &w[i], t1, t2) {
                self.add(&mut scores, r);
            }
            let best = argmax(scores.0[..TAGS].try_into().expect("TAGS lanes"));
            out.push(Pos::ALL[best]);
            (t2, t1) = (t1, best);
        }
    }
}

/// The first index of the largest score.
#[inline]
fn argmax(scores: &[f32; TAGS]) -> usize {
    let mut best = 0;
    for (t, &s) in scores.iter().enumerate().skip(1) {
        if s > scores[best] {
            best = t;
        }
    }
    best
}

/// Per-thread scratch space over a shared [`Tagger`].
#[derive(Debug)]
pub struct TagWorker<'t> {
    tagger: &'t Tagger,
    words: Words,
}

impl TagWorker<'_> {
    /// Appends the tags of one sentence's `words` to `out`, one per word.
    pub fn tag<'a>(&mut self, words: impl IntoIterator<Item = &'a str>, out: &mut Vec<Pos>) {
        self.words.clear();
        for w in words {
            self.words.push(w);
        }
        self.tagger.decode(&self.words.words, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        for (w, s) in [
            ("nhà", LOWER),
            ("Hà_Nội", CAP_ALL),
            ("Bùi Văn Luyến", CAP_ALL),
            ("Chủ_trương", CAP_FIRST),
            ("Tôi", CAP_ONE),
            ("UBND", UPPER),
            ("2024", DIGITS),
            ("1.000", DIGITS),
            ("QH15", MIXED),
            (",", PUNCT),
            ("“", PUNCT),
            ("%", PUNCT),
            ("§", SYMBOL),
        ] {
            assert_eq!(shape(w), s, "{w}");
        }
    }

    #[test]
    fn both_ways_of_writing_a_word_are_one_word() {
        let mut a = Words::default();
        a.push("Hà_Nội");
        a.push("hà nội");
        a.push("hoà bình");
        a.push("hòa_bình");
        let w = &a.words;
        assert_eq!(w[0].key, w[1].key);
        assert_eq!((w[0].first, w[0].last), (w[1].first, w[1].last));
        assert_eq!(w[0].syllables, 2);
        assert_ne!(w[0].shape, w[1].shape);
        assert_eq!(w[2].key, w[3].key);
    }

    #[test]
    fn upos_names_round_trip() {
        for p in Pos::ALL {
            assert_eq!(Pos::from_upos(p.as_str()), Some(p));
            assert_eq!(Pos::ALL[p as usize], p);
        }
        assert_eq!(Pos::from_upos("N"), None);
    }

    #[test]
    fn the_model_round_trips_and_rejects_damage() {
        let t = Tagger::new();
        let bytes = t.to_bytes();
        assert_eq!(bytes, BUILTIN);
        assert!(Tagger::from_bytes(&bytes[..bytes.len() - 1]).is_none());
        let mut bad = bytes.clone();
        bad[0] = b'X';
        assert!(Tagger::from_bytes(&bad).is_none());
    }

    #[test]
    fn the_shipped_model_tags_a_plain_sentence() {
        // Written for this test: "Ông Nguyễn Văn An mua hai chiếc xe tại
        // Hà Nội ."
        let words = [
            "Ông",
            "Nguyễn_Văn_An",
            "mua",
            "hai",
            "chiếc",
            "xe",
            "tại",
            "Hà_Nội",
            ".",
        ];
        let tags: Vec<&str> = Tagger::new()
            .tag(words)
            .into_iter()
            .map(Pos::as_str)
            .collect();
        assert_eq!(
            tags,
            ["NOUN", "PROPN", "VERB", "NUM", "NOUN", "NOUN", "ADP", "PROPN", "PUNCT"]
        );
    }
}
