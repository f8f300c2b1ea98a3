//! The read-only data of the word analysis: stop words, number words and
//! the background document frequencies, and each written word's counting
//! key (canonical form, or English stem for a Latin-script word).

use rust_stemmers::{Algorithm, Stemmer};

use crate::bytes::Reader;
use crate::hash::{hash_bytes, hash_texts, FxHashSet, HashIndex, ProbeIndex};
use crate::tag::Tagger;
use crate::vi::{canonical_into, is_alphabetic, is_ascii_syllable};
use std::borrow::Cow;
use std::sync::LazyLock;

pub(crate) const STOPWORDS: &str = include_str!("../data/lexicon/stopwords-vi.txt");
pub(crate) const DF_TABLE: &str = include_str!("../data/df.tsv");
/// Words every document of a kind says (`căn cứ`, `quy định chung`,
/// `đề tài`, `công báo`): never keywords, like stop words.
pub(crate) const GENERIC: &str = include_str!("../data/lexicon/generic-vi.txt");

/// English function words, for the Latin-script words of Vietnamese text
/// (`the`, `of`, `and` in names of films, songs and firms).
pub(crate) const ENGLISH_STOPWORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "all",
    "also",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "for",
    "from",
    "had",
    "has",
    "have",
    "he",
    "her",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "me",
    "more",
    "my",
    "no",
    "not",
    "of",
    "on",
    "or",
    "our",
    "out",
    "she",
    "so",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "to",
    "up",
    "was",
    "we",
    "were",
    "what",
    "when",
    "which",
    "who",
    "will",
    "with",
    "would",
    "you",
    "your",
    // The furniture of papers and manuals, and citations ("et al.").
    "et",
    "al",
    "off",
    "over",
    "figure",
    "fig",
    "table",
    "contents",
    "page",
    "chapter",
    "section",
    "appendix",
    "abstract",
    "references",
];

/// Read-only data for keywords: stop words, background document frequencies.
pub struct Lexicon {
    /// Every key the lexicon knows something of: a stop word, a number
    /// word, a key of the document-frequency table. One look-up gives all
    /// a new term needs.
    pub(crate) entries: Vec<Entry>,
    /// Where each key's bytes lie in `bytes`: read in place, no string
    /// made a key at each start.
    pub(crate) keys: Vec<(u32, u32)>,
    /// The lexicon as [`Lexicon::to_bytes`] writes it (the shipped file's
    /// bytes for [`Lexicon::builtin`], borrowed): the keys' bytes.
    pub(crate) bytes: Cow<'static, [u8]>,
    /// Positions in `entries` by [`hash_bytes`] of the key: the hash the
    /// counter computes once for a written form serves this look-up too.
    pub(crate) index: ProbeIndex,
    /// The idf of a key not in the table.
    pub(crate) unseen_idf: f64,
    pub(crate) stopwords: usize,
    pub(crate) df: usize,
    pub(crate) docs: u32,
    pub(crate) stemmer: Stemmer,
    /// The syllables of every key (see [`push_syllables`]), computed once:
    /// a term the lexicon knows copies them from here.
    pub(crate) syllables: Vec<u64>,
    /// Parts of speech: keywords are noun phrases.
    pub(crate) tagger: Tagger,
    /// Tells this lexicon from any other made in the process, for what is
    /// kept of it across documents (the counter's known forms).
    pub(crate) id: u64,
    /// Bit `i`: key `i` has a space (see [`Lexicon::spaced`]).
    pub(crate) spaced: Vec<u64>,
}

/// What the lexicon knows of one key.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Entry {
    pub(crate) df: u32,
    /// `ln((1 + N) / (1 + df)) + 1`, computed once.
    pub(crate) idf: f64,
    pub(crate) stop: bool,
    pub(crate) number: bool,
    /// Is the key its own counting key ([`Lexicon::key_into`] gives it
    /// back unchanged)? Then a written form equal to it needs no
    /// `key_into`: most words inside sentences are written so.
    pub(crate) own_key: bool,
    /// `eligible(key, stop || number)`, computed once.
    pub(crate) eligible: bool,
    /// Its key's syllables: a range of [`Lexicon::syllables`].
    pub(crate) syllables: (u32, u32),
}

impl Entry {
    const UNSEEN: Entry = Entry {
        df: 0,
        idf: 0.0,
        stop: false,
        number: false,
        own_key: false,
        eligible: false,
        syllables: (0, 0),
    };
}

/// A new [`Lexicon::id`].
fn next_id() -> u64 {
    static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

pub(crate) fn idf_of(docs: u32, df: u32) -> f64 {
    ((1.0 + docs as f64) / (1.0 + df as f64)).ln() + 1.0
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("stopwords", &self.stopwords)
            .field("df", &self.df)
            .field("docs", &self.docs)
            .finish()
    }
}

/// The lexicon of [`Lexicon::builtin`], prebuilt from the lists and the
/// table above (`make lexicon`, `cargo run --release --example
/// lexicon-data`): loaded with no key folded, stemmed or checked at each
/// start (the idf, one logarithm, is worked out from the df). A unit test
/// fails when it is stale.
const BUILTIN: &[u8] = include_bytes!("../data/lexicon.bin");

/// The header of [`Lexicon::to_bytes`].
const MAGIC: &[u8; 4] = b"TTLX";
const VERSION: u32 = 2;

/// A hash of the texts [`Lexicon::from_lists`] builds from: a prebuilt
/// lexicon of other lists is not loaded.
fn sources_hash() -> u64 {
    hash_texts(
        [STOPWORDS, GENERIC, DF_TABLE]
            .into_iter()
            .chain(ENGLISH_STOPWORDS.iter().copied())
            .chain(NUMBER_WORDS.iter().copied()),
    )
}

/// [`Entry`] flags in [`Lexicon::to_bytes`].
const STOP: u8 = 1;
const NUMBER: u8 = 2;
const OWN_KEY: u8 = 4;
const ELIGIBLE: u8 = 8;
/// The key has a space ([`Lexicon::spaced`]).
const SPACED: u8 = 16;

impl Lexicon {
    /// The stop words and document-frequency table shipped with the crate,
    /// from their prebuilt form (`src/data/lexicon.bin`): what
    /// [`Lexicon::from_lists`] builds, without the work (18 M instructions
    /// at each start).
    pub fn builtin() -> Lexicon {
        Lexicon::from_bytes(BUILTIN, sources_hash()).unwrap_or_else(Lexicon::from_lists)
    }

    /// [`Lexicon::builtin`] built from the lists and the table: what
    /// `src/data/lexicon.bin` holds.
    #[doc(hidden)]
    pub fn from_lists() -> Lexicon {
        let mut stop = String::with_capacity(STOPWORDS.len() + GENERIC.len() + 1);
        stop.push_str(STOPWORDS);
        stop.push('\n');
        stop.extend(
            GENERIC
                .lines()
                .filter(|l| !l.starts_with('#'))
                .flat_map(|l| [l, "\n"]),
        );
        Lexicon::new(&stop, DF_TABLE)
    }

    /// From a stop-word list (one per line) and a table in the format of
    /// `src/data/df.tsv`: a first line `#docs\tN`, then `key\tdf` lines.
    pub fn new(stopwords: &str, df_table: &str) -> Lexicon {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut key = String::new();
        let stopwords: FxHashSet<String> = stopwords
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| {
                key.clear();
                canonical_into(&l.replace('_', " "), &mut key);
                key.clone()
            })
            .chain(ENGLISH_STOPWORDS.iter().map(|w| w.to_string()))
            // Foreign words are counted by their stem: "does" as "doe".
            .chain(
                ENGLISH_STOPWORDS
                    .iter()
                    .map(|w| stemmer.stem(w).into_owned()),
            )
            .collect();
        // The entries go straight into their vector and its index (no map
        // to build and then take apart): this runs at every start, over
        // some 13 k lines.
        let mut entries: Vec<(String, Entry)> =
            Vec::with_capacity(df_table.len() / 8 + stopwords.len() + NUMBER_WORDS.len());
        let mut index = ProbeIndex::with_capacity(entries.capacity());
        // The entry of a key, a new one if it has none yet; whether new.
        fn entry<'e>(
            entries: &'e mut Vec<(String, Entry)>,
            index: &mut ProbeIndex,
            k: &str,
        ) -> (&'e mut Entry, bool) {
            let hash = hash_bytes(k.as_bytes());
            match index.find(hash, |i| entries[i as usize].0 == k) {
                Some(i) => (&mut entries[i as usize].1, false),
                None => {
                    index.insert(hash, entries.len() as u32);
                    entries.push((k.to_string(), Entry::UNSEEN));
                    (&mut entries.last_mut().expect("just pushed").1, true)
                }
            }
        }
        let mut docs = 0;
        let mut df = 0;
        for line in table_lines(df_table) {
            let Some(tab) = line.bytes().position(|b| b == b'\t') else {
                continue;
            };
            let (k, v) = (&line[..tab], &line[tab + 1..]);
            let Some(v) = parse_count(v) else {
                continue;
            };
            if k == "#docs" {
                docs = v;
            } else {
                let (e, new) = entry(&mut entries, &mut index, k);
                e.df = v;
                df += usize::from(new);
            }
        }
        let n_stop = stopwords.len();
        for w in &stopwords {
            entry(&mut entries, &mut index, w).0.stop = true;
        }
        for w in NUMBER_WORDS {
            entry(&mut entries, &mut index, w).0.number = true;
        }
        let mut syllables = Vec::with_capacity(2 * entries.len());
        for (k, e) in entries.iter_mut() {
            let at = syllables.len() as u32;
            push_syllables(k, &mut syllables);
            e.syllables = (at, syllables.len() as u32);
            e.idf = idf_of(docs, e.df);
            e.own_key = is_own_canonical(k, &mut key) && !is_foreign(k);
            e.eligible = eligible(k, e.stop || e.number);
        }
        // One form for every lexicon: the bytes [`Lexicon::builtin`] reads.
        let bytes = encode(
            [docs, n_stop as u32, df as u32],
            entries.iter().map(|(k, e)| (k.as_bytes(), e)),
            &syllables,
        );
        Lexicon::from_bytes(Cow::Owned(bytes), sources_hash()).expect("bytes just written")
    }

    /// The lexicon as bytes for [`Lexicon::builtin`]: a header (`TTLX`,
    /// version, [`sources_hash`], the counts), each entry (its key's
    /// length and bytes, df, flags, number of syllables) in order,
    /// then the syllables. The same lexicon always gives the same bytes.
    #[doc(hidden)]
    pub fn to_bytes(&self) -> Vec<u8> {
        self.bytes.to_vec()
    }

    /// The bytes of key number `i`.
    #[inline]
    pub(crate) fn key(&self, i: usize) -> &[u8] {
        let (a, b) = self.keys[i];
        &self.bytes[a as usize..b as usize]
    }

    /// The lexicon written by [`Lexicon::to_bytes`] from the texts of
    /// [`sources_hash`] `hash`, or `None` if `bytes` is not one. The keys
    /// stay where they are in `bytes` (no string made, no UTF-8 checked:
    /// they are only compared with the forms looked up), and each df's
    /// idf is worked out once.
    fn from_bytes(bytes: impl Into<Cow<'static, [u8]>>, hash: u64) -> Option<Lexicon> {
        let bytes: Cow<'static, [u8]> = bytes.into();
        let all: &[u8] = &bytes;
        let mut r = Reader(all);
        if r.take(4)? != MAGIC || r.u32()? != VERSION || r.u64()? != hash {
            return None;
        }
        let (docs, stopwords, df) = (r.u32()?, r.u32()? as usize, r.u32()? as usize);
        let (n, n_syl) = (r.u32()? as usize, r.u32()? as usize);
        let mut entries = Vec::with_capacity(n);
        let mut keys = Vec::with_capacity(n);
        let mut spaced = vec![0u64; n.div_ceil(64)];
        let mut index = ProbeIndex::with_capacity(n);
        // The idf by df (0.0: not worked out yet; an idf is never 0 but
        // where `ln` gives -1, and then it is only worked out again).
        let mut idfs = vec![0f64; (docs as usize + 1).min(1 << 16)];
        let mut at = 0;
        for i in 0..n {
            let len = usize::from(u16::from_le_bytes(r.array()?));
            let start = (all.len() - r.0.len()) as u32;
            let key = r.take(len)?;
            let df = r.u32()?;
            let [flags] = r.array()?;
            let [syllables] = r.array()?;
            let end = at + u32::from(syllables);
            index.insert(hash_bytes(key), i as u32);
            keys.push((start, start + len as u32));
            spaced[i / 64] |= u64::from(flags & SPACED != 0) << (i % 64);
            let idf = match idfs.get_mut(df as usize) {
                Some(m) if m.to_bits() != 0 => *m,
                Some(m) => {
                    *m = idf_of(docs, df);
                    *m
                }
                None => idf_of(docs, df),
            };
            entries.push(Entry {
                df,
                idf,
                stop: flags & STOP != 0,
                number: flags & NUMBER != 0,
                own_key: flags & OWN_KEY != 0,
                eligible: flags & ELIGIBLE != 0,
                syllables: (at, end),
            });
            at = end;
        }
        if at as usize != n_syl || r.0.len() != 8 * n_syl {
            return None;
        }
        let syllables =
            r.0.chunks_exact(8)
                .map(|c| u64::from_le_bytes(c.try_into().expect("eight bytes")))
                .collect();
        Some(Lexicon {
            id: next_id(),
            spaced,
            entries,
            keys,
            bytes,
            index,
            unseen_idf: idf_of(docs, 0),
            stopwords,
            df,
            docs,
            stemmer: Stemmer::create(Algorithm::English),
            syllables,
            tagger: Tagger::new(),
        })
    }

    /// The entry of a key whose [`hash_bytes`] is `hash`.
    pub(crate) fn entry(&self, key: &str, hash: u64) -> Option<&Entry> {
        self.numbered(key, hash).map(|(_, e)| e)
    }

    /// [`Lexicon::entry`], with the key's number: its position among the
    /// lexicon's keys, below [`Lexicon::keys`].
    pub(crate) fn numbered(&self, key: &str, hash: u64) -> Option<(u32, &Entry)> {
        let at = self
            .index
            .find(hash, |i| self.key(i as usize) == key.as_bytes())?;
        Some((at, &self.entries[at as usize]))
    }

    /// How many keys the lexicon has.
    pub(crate) fn keys(&self) -> usize {
        self.entries.len()
    }

    /// Whether key number `number` ([`Lexicon::numbered`]) has a space.
    #[inline]
    pub(crate) fn spaced(&self, number: u32) -> bool {
        let i = number as usize;
        self.spaced[i / 64] >> (i % 64) & 1 != 0
    }

    /// Whether the canonical key is a stop word.
    pub fn is_stopword(&self, key: &str) -> bool {
        self.entry(key, hash_bytes(key.as_bytes()))
            .is_some_and(|e| e.stop)
    }

    /// Inverse document frequency of a canonical key:
    /// `ln((1 + N) / (1 + df)) + 1`.
    pub fn idf(&self, key: &str) -> f64 {
        self.entry(key, hash_bytes(key.as_bytes()))
            .map_or(self.unseen_idf, |e| e.idf)
    }

    /// The syllables of an entry's key (a range of an [`Entry`]).
    pub(crate) fn syllables(&self, range: (u32, u32)) -> &[u64] {
        &self.syllables[range.0 as usize..range.1 as usize]
    }

    /// The lexicon's entry for a written form (of [`hash_bytes`] `hash`)
    /// that is its own counting key (`key_into(form) == form`); `None`
    /// when the form needs `key_into` or is unknown to the lexicon.
    #[cfg(test)]
    pub(crate) fn entry_of_key(&self, form: &str, hash: u64) -> Option<&Entry> {
        self.numbered_own_key(form, hash).map(|(_, e)| e)
    }

    /// [`Lexicon::entry_of_key`], with the key's number
    /// ([`Lexicon::numbered`]).
    pub(crate) fn numbered_own_key(&self, form: &str, hash: u64) -> Option<(u32, &Entry)> {
        self.numbered(form, hash).filter(|(_, e)| e.own_key)
    }

    /// The counting key of a written word, into `out` (cleared first):
    /// canonical form, or the English stem for a Latin-script word.
    pub fn key_into(&self, word: &str, out: &mut String) {
        self.key_of(word, hash_bytes(word.as_bytes()), out);
    }

    /// [`Lexicon::key_into`] for a word of [`hash_bytes`] `hash`.
    ///
    /// The keys are memoized per thread across analyses: the same written
    /// forms (`Theo`, `Hà Nội`, brand names) come back article after
    /// article, and a key costs hundreds of instructions (thousands where
    /// the stemmer runs). The key is a pure function of the word (the
    /// English stemmer is every lexicon's), so the memo cannot change a
    /// result; it is emptied when full, so its memory stays bounded on any
    /// stream.
    pub(crate) fn key_of(&self, word: &str, hash: u64, out: &mut String) {
        out.clear();
        KEYS.with_borrow_mut(|memo| {
            if let Some(key) = memo.get(word, hash) {
                out.push_str(key);
                return;
            }
            canonical_into(word, out);
            self.key_from_canonical(word, out);
            memo.insert(word, hash, out);
        });
    }

    /// [`Lexicon::key_into`] of `word` when `out` holds its canonical
    /// form already ([`canonical_into`]), as the tagger's features of a
    /// form new to the thread have it (`Counter::count`): not written
    /// again, and not kept in the memo of [`Lexicon::key_of`], since the
    /// counter's own memo keeps the key (issue 13: a form new to the
    /// thread was lower-cased twice and looked up and filed in two memos
    /// more).
    pub(crate) fn key_from_canonical(&self, word: &str, out: &mut String) {
        if is_foreign(out) {
            *out = self.stemmer.stem(out).into_owned();
        } else if stop_abbreviation(word) && self.is_stopword(out) {
            // `AI` is no `ai` (who): its own key, no stop word.
            out.clear();
            out.push_str(word);
        }
    }
}

/// The bytes of [`Lexicon::to_bytes`] of a lexicon of `docs`, stop-word
/// and df-key counts `counts`, with these keys and entries in order and
/// these syllables.
fn encode<'k>(
    counts: [u32; 3],
    entries: impl ExactSizeIterator<Item = (&'k [u8], &'k Entry)>,
    syllables: &[u64],
) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&sources_hash().to_le_bytes());
    let n = entries.len() as u32;
    for n in counts.into_iter().chain([n, syllables.len() as u32]) {
        out.extend_from_slice(&n.to_le_bytes());
    }
    for (k, e) in entries {
        let len = u16::try_from(k.len()).expect("a key under 64 KiB");
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(k);
        out.extend_from_slice(&e.df.to_le_bytes());
        let flag = |yes: bool, f: u8| if yes { f } else { 0 };
        out.push(
            flag(e.stop, STOP)
                | flag(e.number, NUMBER)
                | flag(e.own_key, OWN_KEY)
                | flag(e.eligible, ELIGIBLE)
                | flag(k.contains(&b' '), SPACED),
        );
        let n = u8::try_from(e.syllables.1 - e.syllables.0).expect("under 256 syllables");
        out.push(n);
    }
    for s in syllables {
        out.extend_from_slice(&s.to_le_bytes());
    }
    out
}

/// Counting keys by written form, for [`Lexicon::key_of`]: the forms and
/// keys in one string, found by the hash the counter has computed for the
/// form already. No allocation per entry.
#[derive(Debug, Default)]
pub(crate) struct KeyMemo {
    /// Each form followed by its key.
    pub(crate) text: String,
    /// Where a form starts, where its key starts (and the form ends), where
    /// the key ends.
    pub(crate) entries: Vec<(u32, u32, u32)>,
    /// Positions in `entries` by the form's [`hash_bytes`].
    pub(crate) index: HashIndex,
}

/// The most keys a [`KeyMemo`] keeps.
pub(crate) const MAX_KEYS: usize = 1 << 14;

/// The longest form a [`KeyMemo`] keeps, in bytes: with [`MAX_KEYS`], its
/// text stays far below `u32::MAX` bytes.
pub(crate) const MAX_MEMO_FORM: usize = 64;

impl KeyMemo {
    /// The key of `form`, of [`hash_bytes`] `hash`, if kept.
    pub(crate) fn get(&self, form: &str, hash: u64) -> Option<&str> {
        let (text, entries) = (self.text.as_bytes(), &self.entries);
        let at = self.index.find(hash, |i| {
            let (f, k, _) = entries[i as usize];
            &text[f as usize..k as usize] == form.as_bytes()
        })?;
        let (_, k, e) = self.entries[at as usize];
        Some(&self.text[k as usize..e as usize])
    }

    /// Keeps the key of `form` (not kept yet), emptying the memo first when
    /// it is full.
    pub(crate) fn insert(&mut self, form: &str, hash: u64, key: &str) {
        if form.len() > MAX_MEMO_FORM || key.len() > 4 * MAX_MEMO_FORM {
            return;
        }
        if self.entries.len() >= MAX_KEYS {
            *self = KeyMemo::default();
        }
        let f = self.text.len() as u32;
        self.text.push_str(form);
        let k = self.text.len() as u32;
        self.text.push_str(key);
        self.index.insert(hash, self.entries.len() as u32);
        self.entries.push((f, k, self.text.len() as u32));
    }
}

thread_local! {
    /// The keys of written forms seen on this thread (see
    /// [`Lexicon::key_of`]).
    static KEYS: std::cell::RefCell<KeyMemo> = std::cell::RefCell::new(KeyMemo::default());
}

/// Two capital letters of ASCII (`AI`, `EM`): an abbreviation, whose
/// lower case may be a stop word it is not.
fn stop_abbreviation(word: &str) -> bool {
    word.len() == 2 && word.bytes().all(|b| b.is_ascii_uppercase())
}

/// The lines of a table, as [`str::lines`] gives them (split at `\n`, a
/// `\r` before it dropped), by a byte loop: the table's lines are short,
/// and `lines` costs more per line than the loop per byte.
pub(crate) fn table_lines(table: &str) -> impl Iterator<Item = &str> {
    let mut rest = table;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let line = match rest.bytes().position(|b| b == b'\n') {
            Some(n) => {
                let line = &rest[..n];
                rest = &rest[n + 1..];
                line.strip_suffix('\r').unwrap_or(line)
            }
            None => std::mem::take(&mut rest),
        };
        Some(line)
    })
}

/// A count of the document-frequency table: `v.trim().parse::<u32>()`,
/// with a loop for plain digits first (every line of the shipped table).
/// Nine digits at most, so that the loop cannot overflow.
pub(crate) fn parse_count(v: &str) -> Option<u32> {
    let b = v.as_bytes();
    if !b.is_empty() && b.len() <= 9 && b.iter().all(u8::is_ascii_digit) {
        return Some(b.iter().fold(0, |n, &d| n * 10 + u32::from(d - b'0')));
    }
    v.trim().parse().ok()
}

/// Is `k` its own canonical form (`canonical(k) == k`)? An ASCII key is
/// when it has no capital (the canonical form of ASCII is its lower case),
/// which most keys of the table decide without building anything; `buf`
/// is room for the others.
pub(crate) fn is_own_canonical(k: &str, buf: &mut String) -> bool {
    if k.is_ascii() {
        return !k.bytes().any(|b| b.is_ascii_uppercase());
    }
    buf.clear();
    canonical_into(k, buf);
    buf == k
}

/// A word that is not made of Vietnamese syllables: ASCII letters only and
/// some syllable that Vietnamese spelling does not allow.
pub(crate) fn is_foreign(key: &str) -> bool {
    key.bytes().all(|b| b.is_ascii_lowercase() || b == b' ')
        && key.split(' ').any(|s| !is_ascii_syllable(s))
}

/// The syllables of a key, or of a word without a letter: the hashes of
/// its runs of letters and digits (`is_alphabetic || is_numeric`),
/// appended to `out`.
///
/// A byte loop: the letters of Vietnamese text (ASCII, U+00C0..U+023F,
/// U+1E00..U+1EFF) are told by their bytes, any other character by `std`
/// (the test `syllables_by_bytes_match_the_split` checks them all).
/// The summary's content score reads these; they are kept per key in
/// the lexicon and per term in the analysis.
pub(crate) fn push_syllables(key: &str, out: &mut Vec<u64>) {
    let b = key.as_bytes();
    // Where the current run started, or `usize::MAX` between runs.
    let mut start = usize::MAX;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        let (alnum, len) = if x < 0x80 {
            (x.is_ascii_alphanumeric(), 1)
        } else if (0xC3..=0xC8).contains(&x) {
            // U+00C0..U+023F: letters all but `×` and `÷`.
            (!(x == 0xC3 && matches!(b[i + 1], 0x97 | 0xB7)), 2)
        } else if x == 0xE1 && b[i + 1] & 0xFC == 0xB8 {
            // U+1E00..U+1EFF, Latin Extended Additional: letters.
            (true, 3)
        } else {
            let c = key[i..].chars().next().expect("i is on a char boundary");
            (is_alphabetic(c) || c.is_numeric(), c.len_utf8())
        };
        if alnum {
            if start == usize::MAX {
                start = i;
            }
        } else if start != usize::MAX {
            out.push(hash_bytes(&b[start..i]));
            start = usize::MAX;
        }
        i += len;
    }
    if start != usize::MAX {
        out.push(hash_bytes(&b[start..]));
    }
}

/// Vietnamese number words: numbers are never keywords, in figures or not.
pub(crate) const NUMBER_WORDS: &[&str] = &[
    "một", "hai", "ba", "bốn", "tư", "năm", "lăm", "sáu", "bảy", "tám", "chín", "mười", "mươi",
    "mốt", "trăm", "nghìn", "ngàn", "vạn", "triệu", "tỷ", "tỉ", "linh", "lẻ", "rưỡi", "nửa",
];

/// Is this key a generic word of a document's kind (`generic-vi.txt`)?
/// Asked of every capitalized stop word inside a sentence (`Bộ`, `Anh`):
/// one look-up in a set of the list's lines, not a walk down its 51
/// lines.
pub(crate) fn is_generic(key: &str) -> bool {
    static LINES: LazyLock<FxHashSet<&str>> = LazyLock::new(|| GENERIC.lines().collect());
    LINES.contains(key)
}

/// Can a word with this key ever be a keyword? `never` for a stop word or
/// a number word.
pub(crate) fn eligible(key: &str, never: bool) -> bool {
    !never && key.chars().filter(|&c| is_alphabetic(c)).nth(1).is_some() && !is_code(key)
}

/// A Vietnamese word with a capital after a small letter inside it
/// (`hếP`, `tổChức`): a scan's speck read as a letter, or two words read
/// as one; never a keyword. A Latin brand keeps its inner capital
/// (`iPhone`, `YouTube`): only a word with a letter outside ASCII is
/// taken for a misreading, word by word (`Siêu MacBook` is none).
pub(crate) fn misread_case(form: &str) -> bool {
    !form.is_ascii()
        && form.split([' ', '_']).any(|word| {
            !word.is_ascii()
                && word
                    .chars()
                    .zip(word.chars().skip(1))
                    .any(|(a, b)| crate::vi::is_lowercase(a) && crate::vi::is_uppercase(b))
        })
}

/// An address or a code, never a keyword: an e-mail or web address
/// (`gmail.com`, `a@b.vn`, `https://…`).
pub(crate) fn is_code(key: &str) -> bool {
    // One pass over the bytes for `@`, `://` and a dot between letters:
    // substring searches cost more than the loop on these short keys.
    let b = key.as_bytes();
    let mut dotted = false;
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'@' => return true,
            b':' if b[i + 1..].starts_with(b"//") => return true,
            // A dot between letters: a domain (`gmail.com`), not an initial.
            b'.' => {
                dotted |= i > 0
                    && b[i - 1].is_ascii_alphabetic()
                    && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic);
            }
            _ => {}
        }
    }
    if key.starts_with("www") {
        return true;
    }
    dotted
        && key.rsplit('.').next().is_some_and(|tld| {
            (2..=4).contains(&tld.len()) && tld.bytes().all(|c| c.is_ascii_lowercase())
        })
}

/// A dotted abbreviation that [`is_code`] takes for an address (`TP.HCM`,
/// Thành phố Hồ Chí Minh: `hcm` looks like a domain's ending): letters
/// between the dots, the last part of three letters or more and no
/// common domain ending (`com`, `net`, `info`). Never eligible, for the
/// summary's sake, but a keyword candidate.
pub(crate) fn is_dotted_abbreviation(key: &str) -> bool {
    let mut parts = key.split('.');
    let last = parts.next_back().unwrap_or_default();
    key.contains('.')
        && !key.starts_with("www")
        && parts.all(|p| !p.is_empty() && p.chars().all(is_alphabetic))
        && last.len() >= 3
        && last.bytes().all(|c| c.is_ascii_lowercase())
        && !GENERIC_DOMAINS.contains(&last)
}

/// Domain endings of three letters or more: a dotted word ending so is an
/// address (`gmail.com`).
const GENERIC_DOMAINS: &[&str] = &[
    "com", "net", "org", "edu", "gov", "info", "biz", "int", "mil", "pro", "name", "mobi", "asia",
    "app", "dev", "xyz", "site", "online", "store", "shop", "blog", "news", "tech", "top", "club",
    "live", "link", "html", "htm", "php", "aspx", "pdf",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_capital_inside_a_vietnamese_word_is_a_misreading() {
        assert!(misread_case("hếP"));
        assert!(misread_case("tổChức"));
        assert!(!misread_case("iPhone"));
        assert!(!misread_case("YouTube"));
        assert!(!misread_case("Đà Nẵng"));
        assert!(!misread_case("ĐÀ NẴNG"));
        assert!(
            !misread_case("Siêu MacBook"),
            "the inner capital is in a Latin word"
        );
    }

    #[test]
    fn the_prebuilt_lexicon_is_the_one_the_lists_make() {
        let built = Lexicon::from_lists();
        let loaded = Lexicon::from_bytes(BUILTIN, sources_hash())
            .expect("src/data/lexicon.bin is out of date: `make lexicon`");
        assert!(
            loaded.to_bytes() == built.to_bytes(),
            "src/data/lexicon.bin is out of date: `make lexicon`"
        );
        // The loaded lexicon finds each key where the built one does.
        for (i, e) in built.entries.iter().enumerate() {
            let k = std::str::from_utf8(built.key(i)).expect("a key is text");
            assert_eq!(loaded.key(i), built.key(i));
            assert_eq!(loaded.spaced(i as u32), k.contains(' '));
            let f = loaded
                .entry(k, hash_bytes(k.as_bytes()))
                .expect("every key");
            assert_eq!(
                (
                    f.df,
                    f.idf.to_bits(),
                    f.stop,
                    f.number,
                    f.own_key,
                    f.eligible
                ),
                (
                    e.df,
                    e.idf.to_bits(),
                    e.stop,
                    e.number,
                    e.own_key,
                    e.eligible
                ),
                "{k}"
            );
            assert_eq!(loaded.syllables(f.syllables), built.syllables(e.syllables));
        }
        assert_eq!(loaded.unseen_idf.to_bits(), built.unseen_idf.to_bits());
        assert_ne!(loaded.id, built.id, "two lexicons, two ids");
        // Other lists, or bytes cut short, are not loaded.
        assert!(Lexicon::from_bytes(BUILTIN, sources_hash() ^ 1).is_none());
        assert!(Lexicon::from_bytes(&BUILTIN[..BUILTIN.len() - 1], sources_hash()).is_none());
        assert!(Lexicon::from_bytes(&b""[..], sources_hash()).is_none());
        // Lists checked out with `\r\n` line ends are the same lists.
        let crlf = STOPWORDS.replace('\n', "\r\n");
        assert_eq!(
            hash_texts([STOPWORDS, "a"].into_iter()),
            hash_texts([crlf.as_str(), "a"].into_iter())
        );
        assert_ne!(
            hash_texts([STOPWORDS, "a"].into_iter()),
            hash_texts([STOPWORDS, "b"].into_iter())
        );
    }

    #[test]
    fn is_generic_agrees_with_a_walk_down_the_list() {
        let walk = |key: &str| GENERIC.lines().any(|l| l == key);
        let mut keys: Vec<String> = GENERIC.lines().map(str::to_string).collect();
        keys.extend(GENERIC.lines().map(|l| format!("{l} ")));
        keys.extend(["", "bộ", "anh", "điều", "Điều", "chương x"].map(String::from));
        assert!(keys.iter().any(|k| walk(k)));
        for k in &keys {
            assert_eq!(is_generic(k), walk(k), "{k:?}");
        }
    }

    #[test]
    fn a_dotted_abbreviation_is_no_address() {
        assert!(is_dotted_abbreviation("tp.hcm") && is_code("tp.hcm"));
        for k in [
            "gmail.com",
            "tuoitre.vn",
            "vnexpress.net",
            "a@b.vn",
            "www.abc",
            "thuvien.info",
            "tp",
            "x.y.com",
            "3.hcm",
        ] {
            assert!(!is_dotted_abbreviation(k), "{k}");
        }
    }

    #[test]
    fn a_form_known_as_its_own_key_skips_nothing() {
        let lex = Lexicon::builtin();
        let mut key = String::new();
        let mut own = 0;
        for (i, e) in lex.entries.iter().enumerate() {
            let k = std::str::from_utf8(lex.key(i)).expect("a key is text");
            if e.own_key {
                own += 1;
                lex.key_into(k, &mut key);
                assert_eq!(&key, k);
            }
        }
        assert!(
            own > lex.entries.len() / 2,
            "{own} of {}",
            lex.entries.len()
        );
        // Forms whose key differs are never taken as their own key.
        for form in [
            "Trong",
            "TRONG",
            "hoà",
            "Hoà",
            "ho\u{300}a",
            "thuý",
            "streaming",
            "Hà Nội",
            "Đà Nẵng",
            "ĐẢNG",
            "esports",
            "Quân khu",
            "\u{a0}",
            "",
            "2024",
            "Москва",
        ] {
            lex.key_into(form, &mut key);
            if lex
                .entry_of_key(form, hash_bytes(form.as_bytes()))
                .is_some()
            {
                assert_eq!(key, form);
            }
        }
        for form in ["trong", "hòa", "quân khu", "học sinh"] {
            let e = lex.entry_of_key(form, hash_bytes(form.as_bytes()));
            assert!(
                e.is_some_and(|e| e.eligible == eligible(form, e.stop || e.number)),
                "{form}"
            );
        }
    }

    #[test]
    fn idf_rewards_rare_words() {
        let lex = Lexicon::new("và\n", "#docs\t100\nquân khu\t2\nhội nghị\t60\n");
        assert!(lex.idf("quân khu") > lex.idf("hội nghị"));
        assert!(lex.idf("chưa thấy bao giờ") > lex.idf("quân khu"));
        assert!(lex.is_stopword("và"));
    }

    #[test]
    fn two_capitals_are_no_stop_word() {
        let lex = Lexicon::builtin();
        assert!(lex.is_stopword("ai"));
        let mut k = String::new();
        for (form, key) in [
            ("AI", "AI"),
            ("ai", "ai"),
            ("Ai", "ai"),
            ("OK", "ok"),
            ("VÀ", "và"),
        ] {
            lex.key_into(form, &mut k);
            assert_eq!(k, key, "{form}");
        }
    }

    #[test]
    fn latin_words_are_counted_by_their_stem() {
        let lex = Lexicon::builtin();
        let (mut a, mut b) = (String::new(), String::new());
        lex.key_into("streaming", &mut a);
        lex.key_into("Stream", &mut b);
        assert_eq!(a, b);
        // Vietnamese syllables are never stemmed.
        lex.key_into("trong", &mut a);
        assert_eq!(a, "trong");
    }

    #[test]
    fn table_parsing_fast_paths_agree_with_the_std_ones() {
        for table in [
            "",
            "\n",
            "a\t1",
            "a\t1\n",
            "a\t1\r\nb\t2\r\n",
            "a\t1\r",
            "\r\n\r\n",
            "a\t1\n\nb\t2\n\n",
            "hà nội\t12\nx\r\ry\n",
        ] {
            let fast: Vec<&str> = table_lines(table).collect();
            let std: Vec<&str> = table.lines().collect();
            assert_eq!(fast, std, "{table:?}");
        }
        for v in [
            "",
            "0",
            "7",
            "0012",
            "123456789",
            "999999999",
            "1234567890",
            "4294967295",
            "4294967296",
            "99999999999",
            " 12",
            "12 ",
            "12\r",
            "\u{a0}12",
            "+12",
            "-1",
            "1_000",
            "1.000",
            "1,000",
            "١٢",
            "x",
            "12\t3",
        ] {
            assert_eq!(parse_count(v), v.trim().parse::<u32>().ok(), "{v:?}");
        }
    }

    #[test]
    fn a_table_with_odd_lines_reads_as_before() {
        let table = "#docs\t99\r\nhà nội\t3\r\nbad line\n\nx\tnot a count\n\
            hà nội\t5\ncủa\t90\n hai \t 7 \n#docs\t100";
        let lex = Lexicon::new("của\nvà_nữa\n", table);
        assert_eq!(lex.docs, 100);
        // "hà nội" once (its last count), "của", " hai ".
        assert_eq!(lex.df, 3);
        assert_eq!(lex.idf("hà nội"), idf_of(100, 5));
        assert_eq!(lex.idf(" hai "), idf_of(100, 7));
        assert_eq!(lex.idf("x"), idf_of(100, 0));
        assert!(lex.is_stopword("của") && lex.is_stopword("và nữa"));
        assert!(lex.is_stopword("the") && lex.is_stopword("doe"));
        assert!(!lex.is_stopword("hà nội"));
        let e = lex.entry_of_key("hai", hash_bytes(b"hai"));
        assert!(e.is_some_and(|e| e.number && !e.eligible));
    }

    #[test]
    fn own_canonical_agrees_with_canonical() {
        let mut buf = String::new();
        for k in [
            "",
            "a",
            "A",
            "hà nội",
            "Hà Nội",
            "HÀ NỘI",
            "hoà",
            "hòa",
            "ho\u{300}a",
            "thuý",
            "thúy",
            "\u{a0}",
            "1.000",
            "covid-19",
            "COVID-19",
            "iphone",
            "iPhone",
            "москва",
            "Москва",
            "ǅ",
            "ß",
            "İ",
            "x y",
            "đảng",
            "ĐẢNG",
        ] {
            let want = crate::vi::canonical(k) == k;
            assert_eq!(is_own_canonical(k, &mut buf), want, "{k:?}");
        }
        // And on every key of the shipped lexicon.
        let lex = Lexicon::builtin();
        for (i, e) in lex.entries.iter().enumerate() {
            let k = std::str::from_utf8(lex.key(i)).expect("a key is text");
            let want = crate::vi::canonical(k) == k && !is_foreign(k);
            assert_eq!(e.own_key, want, "{k:?}");
        }
    }

    #[test]
    fn key_memo_keeps_forms_of_one_hash_apart() {
        let mut m = KeyMemo::default();
        m.insert("Hoà", 7, "hòa");
        m.insert("hoà", 7, "hòa");
        m.insert("Video", 7, "video");
        m.insert(&"a".repeat(MAX_MEMO_FORM + 1), 7, "a");
        assert_eq!(m.get("Hoà", 7), Some("hòa"));
        assert_eq!(m.get("Video", 7), Some("video"));
        assert_eq!(m.get("video", 7), None);
        assert_eq!(m.get(&"a".repeat(MAX_MEMO_FORM + 1), 7), None);
        assert_eq!(m.entries.len(), 3);
    }

    #[test]
    fn memoized_keys_are_the_computed_ones() {
        let lex = Lexicon::builtin();
        let stemmer = Stemmer::create(Algorithm::English);
        let long = "Rất".repeat(40);
        let words = [
            "streaming",
            "Streaming",
            "STREAMS",
            "esports",
            "online",
            "happiness",
            "video",
            "generalizations",
            "x",
            "running runners",
            "",
            "Hà Nội",
            "HÀ NỘI",
            "hoà",
            "Hoà",
            "ho\u{300}a",
            "thuý",
            "\u{a0}",
            "1.000",
            "2.500,75",
            "COVID-19",
            "Москва",
            "北京",
            "ĐẢNG",
            "iPhone",
            &long,
        ];
        let mut key = String::new();
        let mut want = String::new();
        // Twice: a miss, then a hit of the memo; then past its bound, so
        // that it is emptied on the way.
        for round in 0..3 {
            if round == 2 {
                for i in 0..MAX_KEYS + 10 {
                    // "zz" and four letters of `i`: a foreign word.
                    let w: String = std::iter::once("zz".to_string())
                        .chain(
                            (0..4)
                                .map(|d| char::from(b'a' + (i >> (4 * d) & 15) as u8).to_string()),
                        )
                        .collect();
                    lex.key_into(&w, &mut key);
                    assert!(is_foreign(&w), "{w}");
                }
                // Emptied once on the way: only the last words are left.
                assert!(KEYS.with_borrow(|m| m.entries.len()) < 100);
            }
            for w in words {
                lex.key_into(w, &mut key);
                want.clear();
                canonical_into(w, &mut want);
                if is_foreign(&want) {
                    want = stemmer.stem(&want).into_owned();
                }
                assert_eq!(key, want, "{w}");
            }
        }
        assert!(KEYS.with_borrow(|m| m.entries.len()) <= MAX_KEYS);
    }

    /// Every character, alone, inside a run and after one: the byte loop
    /// agrees with the split on all of Unicode.
    #[test]
    fn syllables_by_bytes_match_the_split() {
        let by_split = |t: &str| -> Vec<u64> {
            t.split(|c: char| !(crate::vi::is_alphabetic(c) || c.is_numeric()))
                .filter(|r| !r.is_empty())
                .map(|r| hash_bytes(r.as_bytes()))
                .collect()
        };
        let (mut t, mut out) = (String::new(), Vec::new());
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            t.clear();
            t.extend(['A', c, 'b', ' ', c, '1', c, ' ', c]);
            out.clear();
            push_syllables(&t, &mut out);
            assert_eq!(out, by_split(&t), "{c:?}");
        }
    }
}
