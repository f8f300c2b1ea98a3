//! Stage 6: documents to ranked keywords (TF-IDF over words).
//!
//! Every word of the body and title is counted under its canonical key
//! (lower case, one tone placement, see [`normalize`](crate::normalize));
//! Latin-script words that are not Vietnamese syllables (`esports`,
//! `streaming`) are counted by their English stem. Stop words, numbers,
//! dates, single letters and anything in a noise block are never keywords;
//! a figure may only end a name (`Quân khu 5`, `Tết 2026`).
//! Inverse document frequency comes from the background table shipped in
//! `src/data/df.tsv` (see its README). A keyword is shown in its most common
//! written form away from the start of a sentence (`Quân khu`, `Nguyễn Đình
//! Trung`), one keyword per spelling variant.

use rust_stemmers::{Algorithm, Stemmer};

use crate::document::{Document, Keyword, Span};
use crate::hash::{hash_bytes, hash_ids, FxHashMap, FxHashSet, HashIndex, StrMap};
use crate::normalize::{canonical_into, is_alphabetic};
use crate::options::Options;

const STOPWORDS: &str = include_str!("data/lexicon/stopwords-vi.txt");
const DF_TABLE: &str = include_str!("data/df.tsv");

/// English function words, for the Latin-script words of Vietnamese text
/// (`the`, `of`, `and` in names of films, songs and firms).
const ENGLISH_STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he",
    "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "me", "more", "my",
    "no", "not", "of", "on", "or", "our", "out", "she", "so", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "to", "up", "was", "we", "were", "what",
    "when", "which", "who", "will", "with", "would", "you", "your",
];

/// How much a title occurrence counts, against 1 for a body occurrence.
const TITLE_WEIGHT: f64 = 8.0;

/// Read-only data for keywords: stop words, background document frequencies.
pub struct Lexicon {
    /// Every key the lexicon knows something of: a stop word, a number
    /// word, a key of the document-frequency table. One look-up gives all
    /// a new term needs.
    entries: Vec<(String, Entry)>,
    /// Positions in `entries` by [`hash_bytes`] of the key: the hash the
    /// counter computes once for a written form serves this look-up too.
    index: HashIndex,
    /// The idf of a key not in the table.
    unseen_idf: f64,
    stopwords: usize,
    df: usize,
    docs: u32,
    stemmer: Stemmer,
}

/// What the lexicon knows of one key.
#[derive(Clone, Copy, Debug)]
struct Entry {
    df: u32,
    /// `ln((1 + N) / (1 + df)) + 1`, computed once.
    idf: f64,
    stop: bool,
    number: bool,
    /// Is the key its own counting key ([`Lexicon::key_into`] gives it
    /// back unchanged)? Then a written form equal to it needs no
    /// `key_into`: most words inside sentences are written so.
    own_key: bool,
    /// `eligible(key, stop || number)`, computed once.
    eligible: bool,
}

impl Entry {
    const UNSEEN: Entry = Entry {
        df: 0,
        idf: 0.0,
        stop: false,
        number: false,
        own_key: false,
        eligible: false,
    };
}

fn idf_of(docs: u32, df: u32) -> f64 {
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

impl Lexicon {
    /// The stop words and document-frequency table shipped with the crate.
    pub fn builtin() -> Lexicon {
        Lexicon::new(STOPWORDS, DF_TABLE)
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
        let mut index = HashIndex::with_capacity(entries.capacity());
        // The entry of a key, a new one if it has none yet; whether new.
        fn entry<'e>(
            entries: &'e mut Vec<(String, Entry)>,
            index: &mut HashIndex,
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
        for (k, e) in entries.iter_mut() {
            e.idf = idf_of(docs, e.df);
            e.own_key = is_own_canonical(k, &mut key) && !is_foreign(k);
            e.eligible = eligible(k, e.stop || e.number);
        }
        Lexicon {
            entries,
            index,
            unseen_idf: idf_of(docs, 0),
            stopwords: n_stop,
            df,
            docs,
            stemmer,
        }
    }

    /// The entry of a key whose [`hash_bytes`] is `hash`.
    fn entry(&self, key: &str, hash: u64) -> Option<&Entry> {
        let at = self
            .index
            .find(hash, |i| self.entries[i as usize].0 == key)?;
        Some(&self.entries[at as usize].1)
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

    /// The idf of a canonical key (of [`hash_bytes`] `hash`), and whether
    /// it is a stop word or a number word: one look-up.
    fn idf_and_never(&self, key: &str, hash: u64) -> (f64, bool) {
        match self.entry(key, hash) {
            Some(e) => (e.idf, e.stop || e.number),
            None => (self.unseen_idf, false),
        }
    }

    /// The lexicon's entry for a written form (of [`hash_bytes`] `hash`)
    /// that is its own counting key (`key_into(form) == form`); `None`
    /// when the form needs `key_into` or is unknown to the lexicon.
    fn entry_of_key(&self, form: &str, hash: u64) -> Option<&Entry> {
        self.entry(form, hash).filter(|e| e.own_key)
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
    fn key_of(&self, word: &str, hash: u64, out: &mut String) {
        out.clear();
        KEYS.with_borrow_mut(|memo| {
            if let Some(key) = memo.get(word, hash) {
                out.push_str(key);
                return;
            }
            canonical_into(word, out);
            if is_foreign(out) {
                *out = self.stemmer.stem(out).into_owned();
            }
            memo.insert(word, hash, out);
        });
    }
}

/// Counting keys by written form, for [`Lexicon::key_of`]: the forms and
/// keys in one string, found by the hash the counter has computed for the
/// form already. No allocation per entry.
#[derive(Debug, Default)]
struct KeyMemo {
    /// Each form followed by its key.
    text: String,
    /// Where a form starts, where its key starts (and the form ends), where
    /// the key ends.
    entries: Vec<(u32, u32, u32)>,
    /// Positions in `entries` by the form's [`hash_bytes`].
    index: HashIndex,
}

/// The most keys a [`KeyMemo`] keeps.
const MAX_KEYS: usize = 1 << 14;

/// The longest form a [`KeyMemo`] keeps, in bytes: with [`MAX_KEYS`], its
/// text stays far below `u32::MAX` bytes.
const MAX_MEMO_FORM: usize = 64;

impl KeyMemo {
    /// The key of `form`, of [`hash_bytes`] `hash`, if kept.
    fn get(&self, form: &str, hash: u64) -> Option<&str> {
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
    fn insert(&mut self, form: &str, hash: u64, key: &str) {
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

/// The lines of a table, as [`str::lines`] gives them (split at `\n`, a
/// `\r` before it dropped), by a byte loop: the table's lines are short,
/// and `lines` costs more per line than the loop per byte.
fn table_lines(table: &str) -> impl Iterator<Item = &str> {
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
fn parse_count(v: &str) -> Option<u32> {
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
fn is_own_canonical(k: &str, buf: &mut String) -> bool {
    if k.is_ascii() {
        return !k.bytes().any(|b| b.is_ascii_uppercase());
    }
    buf.clear();
    canonical_into(k, buf);
    buf == k
}

/// A word that is not made of Vietnamese syllables: ASCII letters only and
/// some syllable that Vietnamese spelling does not allow.
fn is_foreign(key: &str) -> bool {
    key.bytes().all(|b| b.is_ascii_lowercase() || b == b' ')
        && key.split(' ').any(|s| !is_vietnamese_syllable(s))
}

/// A rough check of Vietnamese syllable shape for plain ASCII syllables:
/// an allowed initial, a vowel nucleus, an allowed final.
///
/// Every initial that opens the syllable is tried (`ngh`, `ng`, `n` and
/// none all open `nghe`), by byte comparisons rather than a search of the
/// lists of initials and finals: this runs for every ASCII key. A test
/// checks it against that search on every short string.
fn is_vietnamese_syllable(s: &str) -> bool {
    let s = s.as_bytes();
    let one = matches!(
        s.first(),
        Some(
            b'b' | b'c'
                | b'd'
                | b'g'
                | b'h'
                | b'k'
                | b'l'
                | b'm'
                | b'n'
                | b'p'
                | b'r'
                | b's'
                | b't'
                | b'v'
                | b'x'
        )
    );
    let two = s.len() >= 2
        && matches!(
            &s[..2],
            b"ch" | b"gh" | b"gi" | b"kh" | b"ng" | b"nh" | b"ph" | b"qu" | b"th" | b"tr"
        );
    let three = s.starts_with(b"ngh");
    nucleus_and_final(s)
        || (one && nucleus_and_final(&s[1..]))
        || (two && nucleus_and_final(&s[2..]))
        || (three && nucleus_and_final(&s[3..]))
}

/// What follows the initial of a syllable: a nucleus of one to three
/// vowels (no longer than the vowels that open `rest`), then one of the
/// finals `ch ng nh c m n p t i y o u`, or none.
fn nucleus_and_final(rest: &[u8]) -> bool {
    let vowels = rest
        .iter()
        .take_while(|b| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y'))
        .count()
        .min(3);
    let n = rest.len();
    (n >= 1 && n <= vowels)
        || (n > 1
            && n - 1 <= vowels
            && matches!(
                rest[n - 1],
                b'c' | b'm' | b'n' | b'p' | b't' | b'i' | b'y' | b'o' | b'u'
            ))
        || (n > 2 && n - 2 <= vowels && matches!(&rest[n - 2..], b"ch" | b"ng" | b"nh"))
}

/// The written forms of a word or phrase, with their counts, apart for
/// sentence starts (where case says nothing). The forms live in one
/// [`FormStore`] for the whole analysis: two lists of it, in order of
/// first sight, and no allocation of their own.
#[derive(Clone, Copy, Debug, Default)]
struct Forms {
    mid: FormList,
    initial: FormList,
}

/// A list of forms in a [`FormStore`]: its first and last, `NONE` when empty.
#[derive(Clone, Copy, Debug)]
struct FormList {
    head: u32,
    tail: u32,
}

impl Default for FormList {
    fn default() -> FormList {
        FormList {
            head: NONE,
            tail: NONE,
        }
    }
}

const NONE: u32 = u32::MAX;

/// The forms of an analysis: their text in one string, their counts in one
/// vector, each form linked to the next of its list.
#[derive(Clone, Debug, Default)]
struct FormStore {
    text: String,
    forms: Vec<Form>,
}

/// One written form: a byte range of the store's text, its count, and the
/// next form of its list.
#[derive(Clone, Copy, Debug)]
struct Form {
    start: usize,
    end: usize,
    count: usize,
    next: u32,
}

impl FormStore {
    fn with_capacity(text: usize, forms: usize) -> FormStore {
        FormStore {
            text: String::with_capacity(text),
            forms: Vec::with_capacity(forms),
        }
    }

    fn text(&self, f: &Form) -> &str {
        &self.text[f.start..f.end]
    }

    /// The counting key of a term.
    fn key(&self, t: &Term) -> &str {
        &self.text[t.key.0..t.key.1]
    }

    /// [`FormStore::key`] as bytes: for the hot compares, which need no
    /// check that the range falls on character boundaries.
    fn key_bytes(&self, t: &Term) -> &[u8] {
        &self.text.as_bytes()[t.key.0..t.key.1]
    }

    /// The forms of a list, in order of first sight.
    fn iter(&self, list: FormList) -> impl Iterator<Item = &Form> {
        let mut at = list.head;
        std::iter::from_fn(move || {
            let f = self.forms.get(at as usize)?;
            at = f.next;
            Some(f)
        })
    }

    /// The most common form of a list; ties go to the form seen first, so
    /// output does not depend on hashing.
    fn most_common(&self, list: FormList) -> Option<&Form> {
        self.iter(list)
            .fold(None, |best: Option<&Form>, f| match best {
                Some(b) if b.count >= f.count => Some(b),
                _ => Some(f),
            })
    }
}

impl Forms {
    /// Counts a form already in the store's text at `start..end`: one
    /// more of an equal form in its list, else a new form.
    fn add_range(&mut self, store: &mut FormStore, start: usize, end: usize, initial: bool) {
        let list = if initial {
            &mut self.initial
        } else {
            &mut self.mid
        };
        let mut at = list.head;
        while let Some(f) = store.forms.get(at as usize) {
            if store.text[f.start..f.end] == store.text[start..end] {
                store.forms[at as usize].count += 1;
                return;
            }
            at = f.next;
        }
        self.push_range(store, start, end, initial);
    }

    /// Counts a form given as text (copied into the store).
    #[cfg(test)]
    fn add(&mut self, store: &mut FormStore, form: &str, initial: bool) {
        let start = store.text.len();
        store.text.push_str(form);
        self.add_range(store, start, store.text.len(), initial);
    }

    /// Adds a form not yet in its list, already in the store's text at
    /// `start..end`; returns its index in the store.
    fn push_range(
        &mut self,
        store: &mut FormStore,
        start: usize,
        end: usize,
        initial: bool,
    ) -> u32 {
        let list = if initial {
            &mut self.initial
        } else {
            &mut self.mid
        };
        let new = store.forms.len() as u32;
        store.forms.push(Form {
            start,
            end,
            count: 1,
            next: NONE,
        });
        match store.forms.get_mut(list.tail as usize) {
            Some(last) => last.next = new,
            None => list.head = new,
        }
        list.tail = new;
        new
    }

    /// The form to show, and whether its first letter is to be lowered:
    /// the most common form away from sentence starts as it is; else the
    /// sentence-start form, lower-cased at its first letter unless it has
    /// another capital (a name, an abbreviation).
    fn choice<'t>(&self, store: &'t FormStore) -> (&'t str, bool) {
        if let Some(f) = store.most_common(self.mid) {
            return (store.text(f), false);
        }
        let f = store.text(store.most_common(self.initial).expect("a term has a form"));
        let all_caps_syllables = f
            .split(' ')
            .all(|s| s.chars().next().is_some_and(char::is_uppercase));
        // "iPhone", "UBND", or a capital after the first letter anywhere:
        // "Cục Chính trị" is a name even where a sentence starts with it.
        let upper_inside = f.chars().skip(1).any(char::is_uppercase);
        (
            f,
            !((all_caps_syllables && f.contains(' ')) || upper_inside),
        )
    }

    /// The form to show (see [`Forms::choice`]).
    fn display(&self, store: &FormStore) -> String {
        let (f, lower) = self.choice(store);
        if !lower {
            return f.to_string();
        }
        let mut c = f.chars();
        let first = c.next().expect("non-empty form");
        first.to_lowercase().chain(c).collect()
    }

    /// `display().chars().next().is_some_and(char::is_lowercase)`, without
    /// building the string.
    fn display_starts_lower(&self, store: &FormStore) -> bool {
        let (f, lower) = self.choice(store);
        let first = f.chars().next().expect("non-empty form");
        if lower {
            first.to_lowercase().next().is_some_and(char::is_lowercase)
        } else {
            first.is_lowercase()
        }
    }
}

/// One distinct word of the documents under analysis.
#[derive(Clone, Debug)]
pub struct Term {
    /// Its counting key (see [`Analysis::key`]): a byte range of the form
    /// store's text, the written form itself where that is its own key,
    /// else a copy there of the key. No allocation of its own.
    key: (usize, usize),
    /// Weighted count: body occurrences, plus title occurrences times
    /// `TITLE_WEIGHT`.
    pub tf: f64,
    /// Occurrences, all spellings together.
    pub count: usize,
    /// Inverse document frequency.
    pub idf: f64,
    /// May it be a keyword at all?
    pub eligible: bool,
    /// Does it occur in a title or the first sentences of a document?
    pub early: bool,
    forms: Forms,
}

impl Term {
    /// Its TF-IDF weight.
    pub fn weight(&self) -> f64 {
        self.tf * self.idf
    }
}

/// A run of two or more eligible words that occurs more than once.
#[derive(Clone, Debug)]
struct Phrase {
    ids: Vec<u32>,
    tf: f64,
    count: usize,
    early: bool,
    forms: Forms,
}

/// The words of a set of documents, counted once for keywords and summary.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// Every distinct word, by id.
    pub terms: Vec<Term>,
    /// For each document, for each sentence: the ids of its eligible words.
    pub sentence_terms: Vec<Vec<Vec<u32>>>,
    /// For each document: the ids of the eligible words of its title.
    pub title_terms: Vec<Vec<u32>>,
    phrases: Vec<Phrase>,
    /// Every distinct written form (see `Forms`).
    forms: FormStore,
    /// Term ids by [`hash_bytes`] of their key, as counting left them
    /// (the key itself is stored once, in the term): `extract` finds the
    /// word spelled like a phrase here.
    key_ids: HashIndex,
}

impl Analysis {
    /// The counting key of a term of this analysis.
    pub fn key(&self, t: &Term) -> &str {
        self.forms.key(t)
    }

    /// The id of the term with this key, of [`hash_bytes`] `hash`.
    fn term_id(&self, key: &str, hash: u64) -> Option<u32> {
        let (terms, forms) = (&self.terms, &self.forms);
        self.key_ids.find(hash, |id| {
            terms
                .get(id as usize)
                .is_some_and(|t| forms.key_bytes(t) == key.as_bytes())
        })
    }
}

/// The longest phrase counted, in words.
const MAX_PHRASE_WORDS: usize = 3;

/// A run of eligible words while counting. Most runs occur once and are
/// never phrases, so a seed allocates nothing until its second occurrence.
struct Seed {
    /// Word ids, padded with `u32::MAX`.
    ids: [u32; MAX_PHRASE_WORDS],
    tf: f64,
    count: usize,
    early: bool,
    /// The first written form (a range of the form store's text), and
    /// whether it started a sentence.
    first: (usize, usize, bool),
    /// All written forms, from the second occurrence on.
    forms: Option<Forms>,
}

/// A written form seen while counting: its term, and where it is in the
/// term's forms away from and at sentence starts (`NONE` until seen there).
/// A form belongs to one term only, so a form not yet in a list is added
/// without searching it.
struct FormSlot {
    id: u32,
    at: [u32; 2],
}

/// Counting state while analyzing.
struct Counter<'a> {
    lex: &'a Lexicon,
    a: Analysis,
    /// Term ids by written form: a form seen before skips `key_into`.
    form_ids: StrMap<'a, FormSlot>,
    /// Indices in `seeds` by [`hash_ids`] of their word ids (padded with
    /// `u32::MAX`).
    phrase_ids: HashIndex,
    /// Every run of two or three eligible words, in order of first sight.
    seeds: Vec<Seed>,
    key: String,
    /// Where the text of the document being counted starts in the form
    /// store's text.
    base: usize,
    /// The current run of eligible words: (id, span, is it a figure).
    run: Vec<(u32, Span, bool)>,
}

/// Room for the key of a word: few are longer.
const KEY_CAPACITY: usize = 32;

/// Counts the words of `docs`.
pub fn analyze(docs: &[Document], lex: &Lexicon) -> Analysis {
    // Sized once for the words to count: no rehashing while counting.
    let words: usize = docs
        .iter()
        .map(|d| d.title_words.len() + d.sentences.iter().map(|s| s.words.len()).sum::<usize>())
        .sum();
    let text: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut c = Counter::new(lex, words, text);
    for doc in docs {
        // The document's text goes into the form store whole, once: a
        // written form is then a range of it, never a copy.
        c.base = c.a.forms.text.len();
        c.a.forms.text.push_str(&doc.text);
        let title_ids = c.count(&doc.text, &doc.title_words, true, true);
        let sent_ids = doc
            .sentences
            .iter()
            .enumerate()
            .map(|(i, s)| c.count(&doc.text, &s.words, false, i < EARLY_SENTENCES))
            .collect();
        c.a.sentence_terms.push(sent_ids);
        c.a.title_terms.push(title_ids);
    }
    let mut a = c.a;
    a.phrases = c
        .seeds
        .into_iter()
        .filter(|s| s.count >= 2)
        .map(|s| Phrase {
            ids: s
                .ids
                .iter()
                .copied()
                .take_while(|&i| i != u32::MAX)
                .collect(),
            tf: s.tf,
            count: s.count,
            early: s.early,
            forms: s.forms.expect("forms from the second occurrence"),
        })
        .collect();
    a
}

impl<'a> Counter<'a> {
    /// A counter for about `words` words in `text` bytes.
    fn new(lex: &'a Lexicon, words: usize, text: usize) -> Counter<'a> {
        Counter {
            lex,
            a: Analysis {
                terms: Vec::with_capacity(words),
                // The documents' text, and the keys that are not a
                // written form (capitalized words, decomposed marks): far
                // fewer bytes than the text.
                forms: FormStore::with_capacity(text + text / 4, words),
                key_ids: HashIndex::with_capacity(words / 2),
                ..Analysis::default()
            },
            form_ids: StrMap::with_capacity(words),
            phrase_ids: HashIndex::with_capacity(words / 2),
            seeds: Vec::with_capacity(words),
            key: String::with_capacity(KEY_CAPACITY),
            base: 0,
            run: Vec::new(),
        }
    }

    /// Counts the words of one sentence (or title); returns the ids of its
    /// eligible words.
    fn count(&mut self, text: &'a str, words: &[Span], title: bool, early: bool) -> Vec<u32> {
        let weight = if title { TITLE_WEIGHT } else { 1.0 };
        let mut out = Vec::with_capacity(words.len());
        let mut first = true;
        let mut run_initial = true;
        self.run.clear();
        // Out of `self` while counting, so that a new form is hashed once.
        let mut form_ids = std::mem::take(&mut self.form_ids);
        for (n, w) in words.iter().enumerate() {
            let form = w.of(text);
            // A figure ends a name ("Quân khu 5"), never starts one, and
            // a range ("2020-2025") is not cut after its first figure.
            let figure = is_figure(form)
                && !self.run.is_empty()
                && !words
                    .get(n + 1)
                    .is_some_and(|next| matches!(next.of(text), "-" | "–" | "—" | "/"));
            if !form.chars().any(is_alphabetic) && !figure {
                // Opening quotes and brackets do not end the sentence start.
                first &= !form.chars().any(char::is_alphanumeric);
                // After a colon a capital is a sentence's ("Nhiệm vụ:
                // Tăng cường ..."), not a name's.
                if form.contains(':') {
                    first = true;
                }
                self.flush(title, run_initial, early);
                run_initial = first;
                continue;
            }
            let slot = form_ids.get_or_insert_with(form, |hash| FormSlot {
                id: self.id(form, self.base + w.start, hash),
                at: [NONE; 2],
            });
            let id = slot.id;
            let a = &mut self.a;
            let t = &mut a.terms[id as usize];
            t.tf += weight;
            t.count += 1;
            t.early |= early;
            let at = &mut slot.at[usize::from(first)];
            match a.forms.forms.get_mut(*at as usize) {
                Some(f) => f.count += 1,
                None => {
                    let start = self.base + w.start;
                    *at = t
                        .forms
                        .push_range(&mut a.forms, start, start + form.len(), first);
                }
            }
            if t.eligible {
                out.push(id);
                self.run.push((id, *w, false));
            } else if figure {
                // Never eligible: no letters.
                self.run.push((id, *w, true));
            } else {
                self.flush(title, run_initial, early);
                run_initial = false;
            }
            first = false;
        }
        self.flush(title, run_initial, early);
        self.form_ids = form_ids;
        out
    }

    /// The id of a written form's key, a new term for a new key; `hash`
    /// is [`hash_bytes`] of the form, `start` where it is in the form
    /// store's text.
    fn id(&mut self, form: &str, start: usize, hash: u64) -> u32 {
        // A form the lexicon knows as a key is its own key: no `key_into`,
        // its hash serves every look-up, its entry gives all a new term
        // needs.
        let lex = self.lex;
        let known = lex.entry_of_key(form, hash);
        let (key, hash) = match known {
            Some(_) => (form, hash),
            None => {
                lex.key_of(form, hash, &mut self.key);
                (self.key.as_str(), hash_bytes(self.key.as_bytes()))
            }
        };
        if let Some(id) = self.a.term_id(key, hash) {
            return id;
        }
        let (idf, eligible) = match known {
            Some(e) => (e.idf, e.eligible),
            None => {
                let (idf, never) = lex.idf_and_never(key, hash);
                (idf, eligible(key, never))
            }
        };
        // A form that is its own key is its key's text already.
        let key = if known.is_some() {
            (start, start + key.len())
        } else {
            let text = &mut self.a.forms.text;
            let at = text.len();
            text.push_str(key);
            (at, text.len())
        };
        let id = self.a.terms.len() as u32;
        self.a.key_ids.insert(hash, id);
        self.a.terms.push(Term {
            key,
            tf: 0.0,
            count: 0,
            idf,
            eligible,
            early: false,
            forms: Forms::default(),
        });
        id
    }

    /// Counts the phrases of the current run and empties it.
    #[inline]
    fn flush(&mut self, title: bool, initial: bool, early: bool) {
        // Most runs are a word or none: no phrase to count, no call.
        if self.run.len() < 2 {
            self.run.clear();
            return;
        }
        self.flush_phrases(title, initial, early);
    }

    /// [`Counter::flush`] for a run of two words or more.
    #[inline(never)]
    fn flush_phrases(&mut self, title: bool, initial: bool, early: bool) {
        let weight = if title { TITLE_WEIGHT } else { 1.0 };
        let run = std::mem::take(&mut self.run);
        for n in 2..=MAX_PHRASE_WORDS.min(run.len()) {
            for (i, win) in run.windows(n).enumerate() {
                // A figure only ever ends a phrase.
                if win[..n - 1].iter().any(|w| w.2) {
                    continue;
                }
                let mut ids = [u32::MAX; MAX_PHRASE_WORDS];
                for (slot, &(id, _, _)) in ids.iter_mut().zip(win) {
                    *slot = id;
                }
                // The form, as a range of the form store's text.
                let form = (self.base + win[0].1.start, self.base + win[n - 1].1.end);
                let at_start = initial && i == 0;
                let hash = hash_ids(&ids);
                let seeds = &self.seeds;
                let p = match self.phrase_ids.find(hash, |p| seeds[p as usize].ids == ids) {
                    Some(p) => p as usize,
                    None => {
                        self.phrase_ids.insert(hash, self.seeds.len() as u32);
                        self.seeds.push(Seed {
                            ids,
                            tf: 0.0,
                            count: 0,
                            early: false,
                            first: (form.0, form.1, at_start),
                            forms: None,
                        });
                        self.seeds.len() - 1
                    }
                };
                let p = &mut self.seeds[p];
                p.tf += weight;
                p.count += 1;
                p.early |= early;
                if p.count >= 2 {
                    let text = &mut self.a.forms;
                    let forms = p.forms.get_or_insert_with(|| {
                        let mut f = Forms::default();
                        f.add_range(text, p.first.0, p.first.1, p.first.2);
                        f
                    });
                    forms.add_range(text, form.0, form.1, at_start);
                }
            }
        }
        self.run = run;
        self.run.clear();
    }
}

/// A number in figures: `5` in `Quân khu 5`, `2026` in `Tết 2026`.
fn is_figure(form: &str) -> bool {
    !form.is_empty() && form.bytes().all(|b| b.is_ascii_digit())
}

/// Vietnamese number words: numbers are never keywords, in figures or not.
const NUMBER_WORDS: &[&str] = &[
    "một", "hai", "ba", "bốn", "tư", "năm", "lăm", "sáu", "bảy", "tám", "chín", "mười", "mươi",
    "mốt", "trăm", "nghìn", "ngàn", "vạn", "triệu", "tỷ", "tỉ", "linh", "lẻ", "rưỡi", "nửa",
];

/// Can a word with this key ever be a keyword? `never` for a stop word or
/// a number word.
fn eligible(key: &str, never: bool) -> bool {
    !never && key.chars().filter(|&c| is_alphabetic(c)).nth(1).is_some()
}

/// A keyword candidate: a word or a phrase (word ids), its score, its
/// count, and where its written forms are.
struct Candidate {
    /// Word ids: `len` of them, padded with `u32::MAX`.
    ids: [u32; MAX_PHRASE_WORDS],
    len: usize,
    score: f64,
    count: usize,
    /// `None` for a word, `Some(phrase index)` for a phrase.
    phrase: Option<usize>,
}

impl Candidate {
    fn ids(&self) -> &[u32] {
        &self.ids[..self.len]
    }
}

/// The best `opts.keywords` keywords of an analysis.
///
/// Candidates are the eligible words, scored `tf × idf`, and the phrases of
/// two or three eligible words in a row seen at least twice, scored `tf ×`
/// the sum of their words' idf (a phrase is as rare as its words together);
/// the last word of a phrase may be a figure (`Quân khu 5`). Lowercase
/// one-syllable words, alone or at the head of a phrase, weigh less.
/// Candidates that spell the same (`Cục Chính trị` segmented as one word
/// here, as two there) are one keyword. A candidate inside an already
/// chosen phrase is skipped; a chosen one's numbered form replaces it.
pub fn extract(a: &Analysis, opts: &Options) -> Vec<Keyword> {
    // Sized for every word and phrase: no growing while filling.
    let mut cands: Vec<Candidate> = Vec::with_capacity(a.terms.len() + a.phrases.len());
    // The candidate of each eligible word, by term id: a phrase spelled
    // like a word is found by the counter's key index, not a map of all
    // the words' keys built again here.
    let mut word_cand: Vec<u32> = vec![NONE; a.terms.len()];
    for (i, t) in a.terms.iter().enumerate() {
        if t.eligible {
            word_cand[i] = cands.len() as u32;
            cands.push(Candidate {
                ids: [i as u32, u32::MAX, u32::MAX],
                len: 1,
                score: t.weight() * syllable_factor(t, &a.forms) * early_factor(t.early),
                count: t.count,
                phrase: None,
            });
        }
    }
    // Phrase candidates by key.
    let mut by_key: FxHashMap<String, usize> =
        FxHashMap::with_capacity_and_hasher(a.phrases.len(), Default::default());
    let mut key = String::new();
    for (j, p) in a.phrases.iter().enumerate() {
        key.clear();
        for (n, &i) in p.ids.iter().enumerate() {
            if n > 0 {
                key.push(' ');
            }
            key.push_str(a.key(&a.terms[i as usize]));
        }
        let word = a
            .term_id(&key, hash_bytes(key.as_bytes()))
            .map(|id| word_cand[id as usize])
            .filter(|&c| c != NONE)
            .map(|c| c as usize);
        if let Some(c) = word.or_else(|| by_key.get(key.as_str()).copied()) {
            // The same keyword segmented otherwise: more occurrences of it.
            let per = cands[c].score / cands[c].count.max(1) as f64;
            cands[c].score += per * p.count as f64;
            cands[c].count += p.count;
            continue;
        }
        let idf: f64 = p
            .ids
            .iter()
            .map(|&i| {
                let t = &a.terms[i as usize];
                t.idf
            })
            .sum::<f64>();
        by_key.insert(key.clone(), cands.len());
        let mut ids = [u32::MAX; MAX_PHRASE_WORDS];
        ids[..p.ids.len()].copy_from_slice(&p.ids);
        cands.push(Candidate {
            ids,
            len: p.ids.len(),
            score: p.tf * idf * early_factor(p.early) * phrase_factor(a, &p.ids),
            count: p.count,
            phrase: Some(j),
        });
    }
    // Best first: score down (`f64::total_cmp`), then ids up. No two
    // candidates have the same ids, so the order is total: sorting only as
    // far as the loop below reads (a few times the keywords asked for,
    // more if many are skipped) gives the same sequence as sorting
    // everything. The score's order is an integer beside the candidate's
    // index, so that most comparisons read neither the candidate nor its
    // ids.
    let mut order: Vec<(u64, usize)> = cands
        .iter()
        .enumerate()
        .map(|(i, c)| (best_first(c.score), i))
        .collect();
    let better = |x: &(u64, usize), y: &(u64, usize)| {
        x.0.cmp(&y.0)
            .then_with(|| cands[x.1].ids().cmp(cands[y.1].ids()))
    };
    let mut sorted = 0;
    let mut batch = (4 * opts.keywords).max(16);
    let mut out: Vec<Keyword> = Vec::with_capacity(opts.keywords);
    let mut chosen: Vec<usize> = Vec::with_capacity(opts.keywords);
    let mut next = 0;
    while next < order.len() {
        if out.len() == opts.keywords {
            break;
        }
        if next == sorted {
            let end = (sorted + batch).min(order.len());
            if end < order.len() {
                order[sorted..].select_nth_unstable_by(end - sorted - 1, better);
            }
            order[sorted..end].sort_unstable_by(better);
            sorted = end;
            batch *= 2;
        }
        let i = order[next].1;
        next += 1;
        let c = &cands[i];
        // A candidate inside a chosen phrase says the same again, and so
        // does a phrase that is a shifted window over a chosen one
        // ("mùa lúa đông xuân" after "trúng mùa lúa đông").
        if chosen.iter().any(|&j| repeats(cands[j].ids(), c.ids())) {
            continue;
        }
        // A chosen phrase with a common verb before it ("thực hiện" +
        // "nhiệm vụ quân sự") says nothing more.
        if c.len > 1
            && common_head(a, c.ids()[0])
            && chosen.iter().any(|&j| cands[j].ids() == &c.ids()[1..])
        {
            continue;
        }
        let text = match c.phrase {
            None => a.terms[c.ids()[0] as usize].forms.display(&a.forms),
            Some(j) => a.phrases[j].forms.display(&a.forms),
        };
        // The numbered form of a chosen keyword ("Quân khu 5" after
        // "Quân khu") names it better: it takes its place.
        let numbered = chosen.iter().position(|&j| {
            let (outer, inner) = (c.ids(), cands[j].ids());
            outer.len() == inner.len() + 1
                && outer.starts_with(inner)
                && is_figure(a.key(&a.terms[outer[inner.len()] as usize]))
        });
        if let Some(k) = numbered {
            out[k].text = text;
            chosen[k] = i;
            continue;
        }
        out.push(Keyword {
            text,
            score: c.score,
            count: c.count,
        });
        chosen.push(i);
    }
    out
}

/// An integer in the order of scores best first: `best_first(x) <
/// best_first(y)` exactly when `x.total_cmp(&y)` is `Greater`.
fn best_first(score: f64) -> u64 {
    // `total_cmp`'s own key: negative scores' magnitude bits flipped, so
    // that the bits compare as a signed integer...
    let mut bits = score.to_bits() as i64;
    bits ^= (((bits >> 63) as u64) >> 1) as i64;
    // ... then as an unsigned one (sign bit flipped), then reversed.
    !((bits as u64) ^ (1 << 63))
}

/// Sentences at the start of a document that, with the title, say what it
/// is about: news states its subject first.
const EARLY_SENTENCES: usize = 2;

/// Extra weight of a candidate seen in the title or the first sentences
/// (kw24h DEV F1@10: 18.57 without, 19.09 with 1.0 and two sentences;
/// 0.5 gave 18.92, 1.5 19.13, 2.0 18.85; one sentence 18.50, four 18.80).
const EARLY_BONUS: f64 = 1.0;

fn early_factor(early: bool) -> f64 {
    if early {
        1.0 + EARLY_BONUS
    } else {
        1.0
    }
}

/// Weight of a lowercase one-syllable word (`nối`, `giờ`) against other
/// candidates: such words are rarely what an editor would pick, while
/// names and abbreviations (`Tết`, `UBND`) keep their full weight
/// (kw24h DEV F1@10, with the weak head at 0.5: 19.78 at 0.5, 19.95 at
/// 0.4, 19.25 at 0.3).
const SYLLABLE_FACTOR: f64 = 0.4;

/// Weight of a phrase led by a lowercase one-syllable word (`chở máy ủi`,
/// `tội trộm cắp`): the head is most often a verb or a classifier, and the
/// phrase without it, or the name it classifies, is what an editor picks
/// (kw24h DEV F1@10 with single syllables at 0.4: 19.36 at 1.0, 19.96 at
/// 0.4, 19.95 at 0.5, 19.91 at 0.6; sparing a head before a name, 19.71).
const WEAK_HEAD_FACTOR: f64 = 0.5;

/// A lowercase one-syllable word, or a lowercase common word (see
/// [`common_head`]): weak alone, weak at the head of a phrase. The tests
/// on the key and idf come first, so that most words (`học sinh`, idf
/// above 3) skip the written forms.
fn weak_or_common(t: &Term, store: &FormStore) -> bool {
    (t.idf < COMMON_HEAD_IDF || !has_space(store.key_bytes(t)))
        && t.forms.display_starts_lower(store)
}

/// Does a key have more than one syllable? A byte loop: keys are short.
// Not `contains`: on slices of bytes it calls `memchr`, which costs more
// than this loop on keys of a few bytes (5.3 M instructions over DEV).
#[allow(clippy::manual_contains)]
fn has_space(key: &[u8]) -> bool {
    key.iter().any(|&b| b == b' ')
}

/// A word this common (idf below it: in more than about one news document
/// in seven) heading a phrase is mostly a verb or a generic noun
/// (`thực hiện`, `tổ chức`): the phrase is weak, like one led by a syllable,
/// and so is the word alone (kw24h DEV F1@10: 20.48 without; 20.54 for
/// heads only; 20.38 with words alone too and a chosen phrase's verb-led
/// form skipped, kept because the seeds then read `nhiệm vụ quân sự`, not
/// `thực hiện nhiệm vụ quân sự` and `thực hiện`; F1@5 25.93 → 26.05).
const COMMON_HEAD_IDF: f64 = 3.0;

fn common_head(a: &Analysis, id: u32) -> bool {
    let t = &a.terms[id as usize];
    t.idf < COMMON_HEAD_IDF && t.forms.display_starts_lower(&a.forms)
}

fn phrase_factor(a: &Analysis, ids: &[u32]) -> f64 {
    if weak_or_common(&a.terms[ids[0] as usize], &a.forms) {
        WEAK_HEAD_FACTOR
    } else {
        1.0
    }
}

fn syllable_factor(t: &Term, store: &FormStore) -> f64 {
    if weak_or_common(t, store) {
        SYLLABLE_FACTOR
    } else {
        1.0
    }
}

/// Does `outer` contain `inner` as a contiguous run?
fn contains(outer: &[u32], inner: &[u32]) -> bool {
    outer.len() >= inner.len() && outer.windows(inner.len()).any(|w| w == inner)
}

/// Does candidate `c` repeat the already chosen `chosen`: inside it, or
/// both phrases sharing words without one containing the other?
fn repeats(chosen: &[u32], c: &[u32]) -> bool {
    if contains(chosen, c) {
        return true;
    }
    chosen.len() > 1 && c.len() > 1 && !contains(c, chosen) && c.iter().any(|i| chosen.contains(i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllable_shapes() {
        for s in ["anh", "cho", "trong", "nghieng", "khuya", "gi", "quoc", "a"] {
            assert!(is_vietnamese_syllable(s), "{s}");
        }
        for s in ["esports", "online", "streaming", "fan", "x"] {
            // "fan" has an f; "x" has no vowel
            assert!(!is_vietnamese_syllable(s), "{s}");
        }
    }

    /// The syllable check as first written: a search of the initials, then
    /// of the finals.
    fn syllable_by_search(s: &str) -> bool {
        const INITIALS: [&str; 27] = [
            "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "g",
            "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
        ];
        const FINALS: [&str; 13] = [
            "ch", "ng", "nh", "c", "m", "n", "p", "t", "i", "y", "o", "u", "",
        ];
        let s = s.as_bytes();
        INITIALS.iter().any(|init| {
            let Some(rest) = s.strip_prefix(init.as_bytes()) else {
                return false;
            };
            let vowels = rest
                .iter()
                .take_while(|b| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y'))
                .count()
                .min(3);
            FINALS.iter().any(|f| {
                rest.len() > f.len()
                    && rest.len() - f.len() <= vowels
                    && rest.ends_with(f.as_bytes())
            })
        })
    }

    #[test]
    fn syllable_check_agrees_with_the_search() {
        // Every string of up to four ASCII letters, and of five and six
        // over the letters that make up syllables.
        fn each(alphabet: &[u8], len: usize, f: &mut impl FnMut(&str)) {
            let mut word = vec![0u8; len];
            let total = alphabet.len().pow(len as u32);
            for mut n in 0..total {
                for b in word.iter_mut() {
                    *b = alphabet[n % alphabet.len()];
                    n /= alphabet.len();
                }
                f(std::str::from_utf8(&word).unwrap());
            }
        }
        let mut check =
            |w: &str| assert_eq!(is_vietnamese_syllable(w), syllable_by_search(w), "{w:?}");
        let letters: Vec<u8> = (b'a'..=b'z').collect();
        for len in 0..=4 {
            each(&letters, len, &mut check);
        }
        for len in 5..=6 {
            each(b"aeiouyghnctq", len, &mut check);
        }
        for w in [
            "nghieng",
            "khuya",
            "nguyen",
            "truong",
            "streaming",
            "esports",
            "x y",
            "A",
        ] {
            check(w);
        }
    }

    #[test]
    fn display_starts_lower_agrees_with_display() {
        let cases: &[(&[&str], &[&str])] = &[
            (&["học sinh"], &[]),
            (&["Hà Nội", "hà nội", "Hà Nội"], &[]),
            (&[], &["Học sinh"]),
            (&[], &["Cục Chính trị"]),
            (&[], &["UBND"]),
            (&[], &["Ủy Ban"]),
            (&[], &["iPhone"]),
            (&[], &["2024"]),
            (&["ĐẢNG"], &["đảng"]),
        ];
        for (mid, initial) in cases {
            let (mut f, mut text) = (Forms::default(), FormStore::default());
            for m in *mid {
                f.add(&mut text, m, false);
            }
            for i in *initial {
                f.add(&mut text, i, true);
            }
            let want = f
                .display(&text)
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
            assert_eq!(f.display_starts_lower(&text), want, "{mid:?} {initial:?}");
        }
    }

    #[test]
    fn a_form_known_as_its_own_key_skips_nothing() {
        let lex = Lexicon::builtin();
        let mut key = String::new();
        let mut own = 0;
        for (k, e) in &lex.entries {
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

    /// The keywords of `text` (title line, empty line, body), as shown.
    fn keywords_of(text: &str, n: usize) -> Vec<String> {
        let engine = crate::Engine::new();
        let doc = engine.document(text, None);
        let opts = Options {
            keywords: n,
            ..Options::default()
        };
        let a = analyze(std::slice::from_ref(&doc), engine.lexicon());
        extract(&a, &opts).into_iter().map(|k| k.text).collect()
    }

    const ARTICLE: &str = "Huyện Mường Tè khánh thành trường bán trú cho học sinh vùng cao\n\n\
        Ngày 5/9/2024, Ủy ban nhân dân huyện Mường Tè khánh thành trường bán trú mới cho 350 học sinh. \
        Trường bán trú có 12 phòng học, nhà ăn và khu ký túc xá cho học sinh ở xa. \
        Ông Lò Văn Páo, Chủ tịch Ủy ban nhân dân huyện, cho biết trường bán trú giúp học sinh không phải đi bộ 20 km mỗi tuần. \
        Năm 2025, huyện sẽ xây thêm hai trường bán trú nữa. \
        Uỷ ban nhân dân tỉnh đã hỗ trợ 15 tỷ đồng cho dự án.";

    #[test]
    fn a_key_whose_hash_is_taken_is_still_its_own_term() {
        let lex = Lexicon::new("", "#docs\t1\n");
        let mut c = Counter::new(&lex, 8, 64);
        // The form goes into the store's text first, as `analyze` puts
        // the document's.
        let id = |c: &mut Counter, form: &str| {
            let start = c.a.forms.text.len();
            c.a.forms.text.push_str(form);
            c.id(form, start, hash_bytes(form.as_bytes()))
        };
        let binh = id(&mut c, "bình");
        // Pretend "hòa" hashes like "bình".
        c.a.key_ids.insert(hash_bytes("hòa".as_bytes()), binh);
        let hoa = id(&mut c, "Hòa");
        assert_ne!(hoa, binh);
        assert_eq!(c.a.key(&c.a.terms[hoa as usize]), "hòa");
        assert_eq!(id(&mut c, "hoà"), hoa);
        assert_eq!(id(&mut c, "bình"), binh);
        assert_eq!(c.a.terms.len(), 2);
    }

    #[test]
    fn forms_of_a_second_document_are_its_own_text() {
        // Written forms are ranges of the documents' texts, one after the
        // other: the second document's forms must read as it writes them.
        let engine = crate::Engine::new();
        let second = "Cục Chính trị tổng kết năm\n\n\
            Đại diện cục Chính trị cho biết công tác cán bộ có nhiều tiến bộ. \
            Năm tới, cục Chính trị sẽ phối hợp với các đơn vị của cục Chính trị.";
        let docs = [
            engine.document(ARTICLE, None),
            engine.document(second, None),
        ];
        let a = analyze(&docs, engine.lexicon());
        let opts = Options {
            keywords: 40,
            ..Options::default()
        };
        let kws: Vec<String> = extract(&a, &opts).into_iter().map(|k| k.text).collect();
        assert!(kws.iter().any(|k| k == "cục Chính trị"), "{kws:?}");
        assert!(kws.iter().any(|k| k == "Lò Văn Páo"), "{kws:?}");
        for t in &a.terms {
            let shown = t.forms.display(&a.forms);
            assert_eq!(crate::normalize::canonical(&shown), a.key(t), "{shown}");
        }
    }

    #[test]
    fn weak_or_common_is_either_test() {
        let engine = crate::Engine::new();
        let text = format!("{ARTICLE} Thực hiện nhiệm vụ. Họ thực hiện. Và cho.");
        let doc = engine.document(&text, None);
        let a = analyze(std::slice::from_ref(&doc), engine.lexicon());
        let mut seen = [0; 2];
        for t in &a.terms {
            let lower = t.forms.display_starts_lower(&a.forms);
            let weak = lower && !a.key(t).contains(' ');
            let common = t.idf < COMMON_HEAD_IDF && lower;
            assert_eq!(weak_or_common(t, &a.forms), weak || common, "{}", a.key(t));
            seen[usize::from(weak || common)] += 1;
        }
        assert!(seen[0] > 0 && seen[1] > 0, "{seen:?}");
    }

    #[test]
    fn best_first_orders_as_total_cmp() {
        let scores = [
            f64::NEG_INFINITY,
            -1e300,
            -2.5,
            -f64::MIN_POSITIVE,
            -0.0,
            0.0,
            f64::MIN_POSITIVE / 4.0,
            f64::MIN_POSITIVE,
            1.0,
            1.0 + f64::EPSILON,
            3.75,
            1e300,
            f64::INFINITY,
            f64::NAN,
            -f64::NAN,
        ];
        for x in scores {
            for y in scores {
                assert_eq!(
                    best_first(x).cmp(&best_first(y)),
                    y.total_cmp(&x),
                    "{x:?} {y:?}"
                );
            }
        }
    }

    #[test]
    fn fewer_keywords_are_a_prefix_of_more() {
        // Few keywords sort only the best candidates, many sort them all:
        // the same sequence either way.
        let text = format!("{ARTICLE} {ARTICLE}");
        let all = keywords_of(&text, 1000);
        assert!(all.len() > 16, "{all:?}");
        for k in 1..=all.len() {
            assert_eq!(keywords_of(&text, k), all[..k], "k = {k}");
        }
    }

    #[test]
    fn whole_words_and_names_in_natural_form() {
        let kws = keywords_of(ARTICLE, 10);
        for want in ["học sinh", "Ủy ban nhân dân", "Lò Văn Páo"] {
            assert!(kws.iter().any(|k| k == want), "{want} missing from {kws:?}");
        }
        // Whole, never cut: "Mường Tè" and "bán trú" inside some keyword.
        for part in ["Mường Tè", "bán trú"] {
            assert!(kws.iter().any(|k| k.contains(part)), "{part}: {kws:?}");
        }
        assert!(!kws.iter().any(|k| k == "Mường" || k == "trú"), "{kws:?}");
    }

    #[test]
    fn spelling_variants_are_one_keyword() {
        // "Ủy ban nhân dân" three times, "Uỷ ban nhân dân" once: one keyword,
        // in the more common spelling.
        let kws = keywords_of(ARTICLE, 20);
        let uy: Vec<&String> = kws
            .iter()
            .filter(|k| k.to_lowercase().contains("ban nhân dân"))
            .collect();
        assert!(!uy.is_empty(), "{kws:?}");
        assert!(uy.iter().all(|k| !k.contains("Uỷ")), "{kws:?}");
    }

    #[test]
    fn numbers_dates_single_letters_and_stop_words_are_never_keywords() {
        let kws = keywords_of(ARTICLE, 50);
        for k in &kws {
            assert!(k.chars().filter(|c| c.is_alphabetic()).count() >= 2, "{k}");
            assert!(!NUMBER_WORDS.contains(&k.to_lowercase().as_str()), "{k}");
            assert!(
                !["và", "cho", "của", "đã", "sẽ"].contains(&k.as_str()),
                "{k}"
            );
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
            let want = crate::normalize::canonical(k) == k;
            assert_eq!(is_own_canonical(k, &mut buf), want, "{k:?}");
        }
        // And on every key of the shipped lexicon.
        let lex = Lexicon::builtin();
        for (k, e) in &lex.entries {
            let want = crate::normalize::canonical(k) == *k && !is_foreign(k);
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

    #[test]
    fn noise_lines_give_no_keyword() {
        let text = format!("{ARTICLE}\n\nẢnh: Hoàng Quyên\n\nNguồn: https://tintuc.example.vn/truong-ban-tru\n\nBình luận\n\nEmail của bạn sẽ không được hiển thị công khai.");
        let kws = keywords_of(&text, 30);
        for bad in [
            "Hoàng Quyên",
            "email",
            "Email",
            "bình luận",
            "hiển thị",
            "công khai",
        ] {
            assert!(!kws.iter().any(|k| k.contains(bad)), "{bad} in {kws:?}");
        }
    }

    #[test]
    fn a_figure_ends_a_name_and_nothing_else() {
        let text = "Quân khu 5 tổng kết công tác phối hợp\n\n\
            Sáng 3/1, Bộ Tư lệnh Quân khu 5 tổ chức hội nghị tổng kết nhiệm kỳ 2020-2025. \
            Đại diện Quân khu 5 cho biết công tác phối hợp có nhiều tiến bộ. \
            Năm 2026, Quân khu 5 sẽ phối hợp chặt chẽ với 11 tỉnh, thành phố trong nhiệm kỳ 2020-2025.";
        let kws = keywords_of(text, 10);
        assert!(kws.iter().any(|k| k.ends_with("Quân khu 5")), "{kws:?}");
        // The numbered name replaces the bare one.
        assert!(!kws.iter().any(|k| k == "Quân khu"), "{kws:?}");
        for k in &kws {
            let first = k.split(' ').next().unwrap();
            assert!(!is_figure(first), "{k} starts with a figure: {kws:?}");
            assert!(!k.ends_with("2020"), "a range cut: {kws:?}");
        }
    }

    #[test]
    fn a_capital_after_a_colon_is_not_a_name() {
        let text = "Công an huyện họp bàn về an ninh\n\n\
            Công an huyện họp bàn về an ninh trật tự. Nhiệm vụ: Tăng cường tuần tra ban đêm. \
            Yêu cầu: Tăng cường tuần tra ở chợ.";
        let kws = keywords_of(text, 30);
        assert!(kws.iter().any(|k| k.starts_with("tăng cường")), "{kws:?}");
        assert!(!kws.iter().any(|k| k.contains("Tăng")), "{kws:?}");
    }

    #[test]
    fn one_keyword_per_spelling_whatever_the_segmentation() {
        // At a sentence start the name comes out as one word, inside a
        // sentence as "cục" + "Chính trị": still one keyword, as written.
        let text = "Cục Chính trị tổng kết công tác năm\n\n\
            Cục Chính trị tổ chức hội nghị tổng kết công tác năm 2024. \
            Đại diện cục Chính trị cho biết công tác cán bộ có nhiều tiến bộ. \
            Năm tới, cục Chính trị sẽ phối hợp chặt chẽ với các đơn vị.";
        let kws = keywords_of(text, 10);
        let keys: Vec<String> = kws.iter().map(|k| crate::normalize::canonical(k)).collect();
        for (i, k) in keys.iter().enumerate() {
            assert!(!keys[..i].contains(k), "{k} twice in {kws:?}");
        }
        // Shown as the author writes it inside sentences.
        assert!(kws.iter().any(|k| k == "cục Chính trị"), "{kws:?}");
    }

    #[test]
    fn a_common_verb_does_not_lead_or_make_a_keyword() {
        // "thực hiện" is in about a quarter of news documents: the phrase
        // it heads is the thing done, and alone it ranks below that.
        let text = "Tỉnh đội họp về nhiệm vụ quân sự\n\n\
            Tỉnh đội họp bàn cách thực hiện nhiệm vụ quân sự năm nay. \
            Các huyện thực hiện nhiệm vụ quân sự theo kế hoạch của tỉnh đội. \
            Dân quân cũng thực hiện nhiệm vụ quân sự ở xã. \
            Tỉnh đội sẽ kiểm tra việc thực hiện nhiệm vụ quân sự vào cuối năm.";
        let kws = keywords_of(text, 10);
        let at = |w: &str| kws.iter().position(|k| k == w).unwrap_or(usize::MAX);
        assert!(at("nhiệm vụ quân sự") < at("thực hiện"), "{kws:?}");
        assert!(!kws.iter().any(|k| k.starts_with("thực hiện ")), "{kws:?}");
        assert!(Lexicon::builtin().idf("thực hiện") < COMMON_HEAD_IDF);
    }
}
