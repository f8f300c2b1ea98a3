//! One pass over the words of the documents: terms, their forms, and the
//! phrases that repeat.

use super::forms::{FormStore, Forms, NONE};
use super::lexicon::{eligible, is_generic, misread_case, push_syllables, Entry, Lexicon};
use super::user::UserTerms;
use super::{Analysis, Phrase, Term, MAX_PHRASE_WORDS};
use crate::document::{Document, Span};
use crate::hash::{hash_bytes, hash_ids, FormMemo, HashIndex, StrMap};
use crate::tag::{Lex, Pos, TagWorker};
use crate::vi::{is_alphabetic, is_lowercase, is_uppercase};
use std::cell::RefCell;

/// How much a title occurrence counts, against 1 for a body occurrence.
pub(crate) const TITLE_WEIGHT: f64 = TITLE_TIMES as f64;
/// [`TITLE_WEIGHT`] as a whole number: a phrase's weighted count is kept
/// in a `u32`, equal to the sum of the weights in `f64` (whole numbers far
/// below 2^53 add exactly).
const TITLE_TIMES: u32 = 8;
/// Sentences at the start of a document that, with the title, say what it
/// is about: news states its subject first.
pub(crate) const EARLY_SENTENCES: usize = 2;
/// A run of eligible words while counting. Most runs occur once and are
/// never phrases, so a seed allocates nothing until its second occurrence,
/// and is small (48 bytes): a text of new words has two per word.
pub(crate) struct Seed {
    /// Word ids, padded with `u32::MAX`.
    pub(crate) ids: [u32; MAX_PHRASE_WORDS],
    /// The weighted count: 1 a body occurrence, [`TITLE_TIMES`] a title's.
    pub(crate) tf: u32,
    /// The part of `tf` where it was a whole noun phrase ([`whole_phrase`]).
    pub(crate) whole: u32,
    pub(crate) count: u32,
    /// All written forms, from the second occurrence on: a position in
    /// [`Counter::seed_forms`], `NONE` before.
    pub(crate) forms: u32,
    pub(crate) early: bool,
    /// Bits of a phrase `X và Y` (see [`RunWord::joint`]): [`JOINED`], then
    /// [`PLAIN`] once seen in lower case, [`NAMED`] once seen capitalized
    /// (in a name).
    pub(crate) joint: u8,
    /// Whether the first written form started a sentence.
    pub(crate) first_initial: bool,
    /// The first written form, a range of the form store's text.
    pub(crate) first: (usize, usize),
}

/// [`Seed::joint`] bits.
const JOINED: u8 = 1;
const PLAIN: u8 = 2;
const NAMED: u8 = 4;

/// A written form seen while counting: its term (`NONE` until a word of
/// the form is counted: marks and figures are not all words), where it is
/// in the term's forms away from and at sentence starts (`NONE` until seen
/// there), and its id for the tagger. A form belongs to one term only, so
/// a form not yet in a list is added without searching it.
pub(crate) struct FormSlot {
    pub(crate) id: u32,
    pub(crate) at: [u32; 2],
    pub(crate) lex: u32,
    /// [`hash_bytes`] of the form.
    pub(crate) hash: u64,
    /// What the rules ask of the form ([`shape_of`]).
    pub(crate) shape: u16,
    /// The lexicon's entry of the form when it is its own key
    /// ([`Lexicon::entry_of_key`]).
    pub(crate) own: Option<Entry>,
    /// Its key and what a term of it needs, when it is not its own key
    /// and the thread keeps them ([`Known::key`]).
    pub(crate) key: Option<ThreadKey>,
    /// Its key's number in the lexicon ([`Known::key_no`]).
    pub(crate) key_no: u32,
}

/// What a new term of a written form's key needs ([`key_facts`]): the
/// key's [`hash_bytes`], its idf, whether it may be a keyword (before the
/// user's boost), its syllables in the lexicon.
#[derive(Clone, Copy)]
pub(crate) struct KeyFacts {
    hash: u64,
    idf: f64,
    eligible: bool,
    syllables: (u32, u32),
    /// The key's number in the lexicon ([`Lexicon::numbered`]), `NONE`
    /// for a key it does not have.
    number: u32,
}

/// The key of a form that is not its own, as the thread keeps it: a
/// range of [`ThreadForms::keys`], and its [`KeyFacts`].
pub(crate) type ThreadKey = ((u32, u32), KeyFacts);

/// The [`KeyFacts`] of written form `form` (of [`hash_bytes`] `hash`),
/// not its own key: its key is written into `key`.
fn key_facts(lex: &Lexicon, form: &str, hash: u64, key: &mut String) -> KeyFacts {
    lex.key_of(form, hash, key);
    facts_of_key(lex, form, key)
}

/// The [`KeyFacts`] of written form `form`, of key `key`.
fn facts_of_key(lex: &Lexicon, form: &str, key: &str) -> KeyFacts {
    let hash = hash_bytes(key.as_bytes());
    let (idf, never, syllables, number) = match lex.numbered(key, hash) {
        Some((at, e)) => (e.idf, e.stop || e.number, e.syllables, at),
        None => (lex.unseen_idf, false, (NONE, NONE), NONE),
    };
    let never = never || misread_case(form);
    KeyFacts {
        hash,
        idf,
        eligible: eligible(key, never),
        syllables,
        number,
    }
}

/// What counting needs of a written form that the form alone decides,
/// for one tagger and one lexicon: its lex, its [`shape_of`], its
/// lexicon entry when it is its own key, else (for a form with a letter
/// or a figure) its key and what a term of it needs, so that a form
/// seen again is not keyed and looked up again in each document.
#[derive(Clone, Copy)]
struct Known {
    lex: Lex,
    /// [`hash_bytes`] of the form.
    hash: u64,
    shape: u16,
    own: Option<Entry>,
    key: Option<ThreadKey>,
    /// The number of its key in the lexicon ([`Lexicon::numbered`]) when
    /// it is its own key or the thread keeps its key, else `NONE`: a
    /// word's term is found by it ([`ThreadForms::key_here`]), not by a
    /// look-up of its key.
    key_no: u32,
}

/// What a thread keeps of the written forms it counts, across documents:
/// the same forms come back article after article (28,000 forms in the
/// 1,500 of vietnews DEV, 300,000 forms counted document by document).
/// The memo is the table a word is looked up in: its position there tells
/// the form's slot in the document being counted, so a word is hashed
/// and looked up once, not in a table of the document's and again in the
/// memo at its first sight there.
#[derive(Default)]
pub(crate) struct ThreadForms {
    /// The [`Known`] of each form, for one lexicon ([`Lexicon::id`]) and
    /// one tagger ([`TagWorker::tagger_id`]): one look-up here stands for
    /// the tagger's, the lexicon's and the shape's work.
    memo: FormMemo<(u64, u64), Known>,
    /// By memo position: the number of the count that last saw the form,
    /// and its slot in that count ([`Counter::slots`]).
    here: Vec<(u32, u32)>,
    /// The number of the count under way: an entry of `here` with another
    /// is from an earlier count.
    number: u32,
    /// The keys of the memo's forms that are not their own
    /// ([`Known::key`]), one after the other; emptied with the memo.
    keys: String,
    /// The count's seeds by their word ids.
    seeds: SeedIndex,
    /// By the number of a key in the lexicon: the number of the count
    /// that last made a term of the key, and the term. As long as the
    /// lexicon has keys ([`Lexicon::keys`]).
    key_here: Vec<(u32, u32)>,
}

impl ThreadForms {
    /// Ready for a new count, of a lexicon and a tagger (`owner`).
    fn start(&mut self, owner: (u64, u64)) {
        let memo = self.memo.for_owner(owner);
        if memo.is_full() {
            // Emptied only between counts: the positions a count holds
            // stay valid while it runs.
            memo.clear();
        }
        if memo.len() != self.here.len() {
            // Emptied (another owner, or full): its positions are new.
            self.here.clear();
            self.keys.clear();
            self.here.resize(memo.len(), (0, 0));
        }
        self.number = self.number.wrapping_add(1);
        if self.number == 0 {
            // Every number is taken: entries of 2^32 counts ago go.
            self.here.fill((0, 0));
            self.key_here.fill((0, 0));
            self.seeds.slots.fill((0, 0, 0));
            self.number = 1;
        }
    }
}

/// Indices in a count's seeds ([`Counter::seeds`]) by [`hash_ids`] of
/// their word ids, kept by the thread from count to count: open
/// addressing probed linearly, at most half full, each slot stamped with
/// the number of the count that filled it ([`ThreadForms::number`]). A
/// slot of another number is free, so a new count takes the table as it
/// is, without emptying it, and a look-up is a load and a comparison or
/// two, not hashbrown's probing of groups.
#[derive(Default)]
pub(crate) struct SeedIndex {
    /// (hash, seed, count number); a power of two long, or empty.
    slots: Vec<(u64, u32, u32)>,
    /// The seeds filed by the count under way.
    len: usize,
}

/// The most slots a [`SeedIndex`] keeps after a count (1 MB): a table
/// grown for a long document goes with it.
const MAX_KEPT_SEED_SLOTS: usize = 1 << 16;

impl SeedIndex {
    /// Ready for a count of up to `n` seeds.
    fn start(&mut self, n: usize) {
        self.len = 0;
        let size = (2 * n).next_power_of_two().max(16);
        if self.slots.len() < size {
            self.slots = vec![(0, 0, 0); size];
        }
    }

    /// The seed filed under `hash` by count `number` for which `is` holds.
    #[inline]
    fn find(&self, hash: u64, number: u32, mut is: impl FnMut(u32) -> bool) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut i = hash.rotate_left(26) as usize & mask;
        loop {
            match self.slots[i] {
                (h, seed, n) if n == number => {
                    if h == hash && is(seed) {
                        return Some(seed);
                    }
                }
                _ => return None,
            }
            i = (i + 1) & mask;
        }
    }

    /// Files `seed` under `hash` for count `number`.
    #[inline]
    fn insert(&mut self, hash: u64, number: u32, seed: u32) {
        if 2 * (self.len + 1) > self.slots.len() {
            self.grow(number);
        }
        self.len += 1;
        self.file(hash, number, seed);
    }

    /// Puts `(hash, seed, number)` in the first slot from its own that
    /// count `number` has not filled.
    #[inline]
    fn file(&mut self, hash: u64, number: u32, seed: u32) {
        let mask = self.slots.len() - 1;
        let mut i = hash.rotate_left(26) as usize & mask;
        while self.slots[i].2 == number {
            i = (i + 1) & mask;
        }
        self.slots[i] = (hash, seed, number);
    }

    /// Twice the slots, the seeds of count `number` filed again.
    #[cold]
    fn grow(&mut self, number: u32) {
        let size = 2 * self.slots.len().max(8);
        let old = std::mem::replace(&mut self.slots, vec![(0, 0, 0); size]);
        for (hash, seed, n) in old {
            if n == number {
                self.file(hash, number, seed);
            }
        }
    }
}

thread_local! {
    /// This thread's [`ThreadForms`], taken by a [`Counter`] while it counts.
    static KNOWN: RefCell<ThreadForms> = RefCell::new(ThreadForms::default());
}

/// The slot of a form, `known`, of lex id `lex`.
fn slot_of(known: &Known, lex: u32) -> FormSlot {
    FormSlot {
        id: NONE,
        at: [NONE; 2],
        lex,
        hash: known.hash,
        shape: known.shape,
        own: known.own,
        key: known.key,
        key_no: known.key_no,
    }
}

/// Bits of [`shape_of`]: what the counting rules ask of a written form,
/// worked out once for each form of a document rather than at each of its
/// occurrences.
pub(crate) mod shape {
    /// A letter ([`is_alphabetic`](crate::vi::is_alphabetic)).
    pub(crate) const ALPHA: u16 = 1;
    /// A letter or a digit (`char::is_alphanumeric`).
    pub(crate) const ALNUM: u16 = 1 << 1;
    /// Figures only ([`is_figure`](super::is_figure)).
    pub(crate) const FIGURE: u16 = 1 << 2;
    /// A colon.
    pub(crate) const COLON: u16 = 1 << 3;
    /// A slash.
    pub(crate) const SLASH: u16 = 1 << 4;
    /// Two roman digits or more, nothing else (`IV`).
    pub(crate) const ROMAN: u16 = 1 << 5;
    /// [`abbreviation`](super::abbreviation).
    pub(crate) const ABBREVIATION: u16 = 1 << 6;
    /// Capitals of a document's number: letters, no digit, an abbreviation.
    pub(crate) const CAPS: u16 = 1 << 7;
    /// Two parts or more between hyphens, each an abbreviation (`NĐ-CP`,
    /// not `V-League`).
    pub(crate) const HYPHENED: u16 = 1 << 8;
    /// One syllable that opens in lower case.
    pub(crate) const WEAK: u16 = 1 << 9;
    /// Opens with a capital.
    pub(crate) const CAPITAL: u16 = 1 << 10;
    /// A capital among its first three letters, as a model's maker's name
    /// has (`Boeing`, `iPhone`, `iQOO`: see `model_number`).
    pub(crate) const MAKER: u16 = 1 << 11;
}

/// The [`shape`] bits of written form `form`.
pub(crate) fn shape_of(form: &str) -> u16 {
    let bit = |yes: bool, b: u16| if yes { b } else { 0 };
    let alpha = form.chars().any(is_alphabetic);
    let abbr = abbreviation(form);
    let first = form.chars().next();
    bit(alpha, shape::ALPHA)
        | bit(form.chars().any(char::is_alphanumeric), shape::ALNUM)
        | bit(is_figure(form), shape::FIGURE)
        | bit(form.contains(':'), shape::COLON)
        | bit(form.contains('/'), shape::SLASH)
        | bit(
            form.len() >= 2 && form.bytes().all(|b| b"IVXLCDM".contains(&b)),
            shape::ROMAN,
        )
        | bit(abbr, shape::ABBREVIATION)
        | bit(
            alpha && abbr && !form.bytes().any(|b| b.is_ascii_digit()),
            shape::CAPS,
        )
        | bit(
            form.split('-').filter(|p| !p.is_empty()).count() > 1
                && form.split('-').all(abbreviation),
            shape::HYPHENED,
        )
        | bit(
            !form.contains(' ') && first.is_some_and(is_lowercase),
            shape::WEAK,
        )
        | bit(first.is_some_and(is_uppercase), shape::CAPITAL)
        | bit(form.chars().take(3).any(char::is_uppercase), shape::MAKER)
}

/// Counting state while analyzing.
pub(crate) struct Counter<'a> {
    pub(crate) lex: &'a Lexicon,
    pub(crate) a: Analysis,
    /// Positions in `slots` by written form, for the forms the thread's
    /// memo does not keep (see [`ThreadForms`]).
    pub(crate) form_ids: StrMap<'a, u32>,
    /// The thread's forms, while counting.
    pub(crate) thread: ThreadForms,
    /// Every written form seen.
    pub(crate) slots: Vec<FormSlot>,
    /// Every run of two or three eligible words, in order of first sight.
    pub(crate) seeds: Vec<Seed>,
    /// The written forms of the seeds seen twice or more.
    pub(crate) seed_forms: Vec<Forms>,
    pub(crate) key: String,
    /// Where the text of the document being counted starts in the form
    /// store's text.
    pub(crate) base: usize,
    /// Where the current sentence's words start in the analysis' `words`.
    pub(crate) word_at: usize,
    /// The words of every run of two or more, one run after the other,
    /// then the current run of eligible words (from [`Counter::run_from`]):
    /// phrases are counted once every word is ([`Counter::count_phrases`]).
    pub(crate) run: Vec<RunWord>,
    /// Where the current run starts in `run`.
    pub(crate) run_from: usize,
    /// The runs kept in `run`, in order.
    pub(crate) runs: Vec<RunMark>,
    /// The parts of speech of the sentence being counted.
    pub(crate) tags: Vec<Pos>,
    pub(crate) tagger: TagWorker<'a>,
    /// The sentence's words: their forms' positions in `form_ids`, and
    /// their ids for the tagger.
    pub(crate) positions: Vec<u32>,
    pub(crate) lexes: Vec<u32>,
    /// The sentence's words' [`shape_of`].
    pub(crate) shapes: Vec<u16>,
    /// The user's terms, if any.
    pub(crate) user: Option<&'a UserTerms>,
}

/// A run of two words or more kept for [`Counter::count_phrases`]: where
/// it ends in [`Counter::run`], and how its occurrences count.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RunMark {
    pub(crate) end: u32,
    pub(crate) title: bool,
    pub(crate) initial: bool,
    pub(crate) early: bool,
}

/// A word of a run, as the phrase rules see it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RunWord {
    pub(crate) id: u32,
    /// Its written form, a range of the form store's text.
    pub(crate) span: Span,
    /// A number in figures (`5` of `Quân khu 5`).
    pub(crate) figure: bool,
    /// Tagged a noun or a name: may head a phrase.
    pub(crate) nominal: bool,
    /// Tagged a verb, an adverb or another word that does not end a
    /// name before a figure (`sửa` of `sửa 126 điểm`).
    pub(crate) verbal: bool,
    /// Its form's [`shape_of`]: [`RunWord::weak`], [`RunWord::capital`],
    /// [`RunWord::maker`].
    pub(crate) shape: u16,
    /// A stop word written with a capital inside a sentence: a piece of
    /// a name (`Anh` of `tiếng Anh`, `Bộ` of `Bộ Công an`), in phrases
    /// only, never a keyword alone.
    pub(crate) piece: bool,
    /// `và` between two words of a run: the middle of a phrase `X và Y`
    /// only (`khoa học và công nghệ`).
    pub(crate) joint: bool,
    /// A preposition or a conjunction in lower case (`đối với`): it
    /// relates what it follows to what comes next, and never ends a
    /// phrase (`người dân đối với`). Capitalized, the tag is the
    /// tagger's guess at an unknown name (`Ngoại hạng`).
    pub(crate) relational: bool,
}

impl RunWord {
    /// One syllable in lower case (`cấp`, `tuyến`): a classifier or a
    /// word that needs its complement.
    #[inline]
    pub(crate) fn weak(&self) -> bool {
        self.shape & shape::WEAK != 0
    }

    /// Written with a capital.
    #[inline]
    pub(crate) fn capital(&self) -> bool {
        self.shape & shape::CAPITAL != 0
    }

    /// A capital among its first three letters ([`shape::MAKER`]).
    #[inline]
    pub(crate) fn maker(&self) -> bool {
        self.shape & shape::MAKER != 0
    }
}

/// Room for the key of a word: few are longer.
pub(crate) const KEY_CAPACITY: usize = 32;

/// Counts the words of `docs`.
pub fn analyze(docs: &[Document], lex: &Lexicon) -> Analysis {
    analyze_with(docs, lex, None)
}

/// [`analyze`], with the user's terms: a boosted term is eligible even
/// when it is a stop word.
pub(crate) fn analyze_with(docs: &[Document], lex: &Lexicon, user: Option<&UserTerms>) -> Analysis {
    // Sized once for the words to count: no rehashing while counting.
    let body: usize = docs
        .iter()
        .map(|d| d.sentences.iter().map(|s| s.words.len()).sum::<usize>())
        .sum();
    let words = body + docs.iter().map(|d| d.title_words.len()).sum::<usize>();
    let text: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut c = Counter::new(lex, words, body, text);
    c.user = user;
    // The scratch of one sentence, sized once for the longest: not
    // regrown document after document.
    let longest = docs
        .iter()
        .flat_map(|d| {
            d.sentences
                .iter()
                .map(|s| s.words.len())
                .chain([d.title_words.len()])
        })
        .max()
        .unwrap_or(0);
    c.reserve_sentence(longest);
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
    c.count_phrases();
    #[cfg(test)]
    tests::SEEDS.set(c.seeds.len());
    // The thread's forms go back for the next count.
    if c.thread.seeds.slots.len() > MAX_KEPT_SEED_SLOTS {
        c.thread.seeds = SeedIndex::default();
    }
    KNOWN.set(std::mem::take(&mut c.thread));
    let mut a = c.a;
    // The syllables of each term, for the summary: copied from the
    // lexicon where it knows the key, else cut from the key.
    a.syllables = Vec::with_capacity(2 * a.terms.len());
    a.syllable_starts = Vec::with_capacity(a.terms.len() + 1);
    for t in &a.terms {
        a.syllable_starts.push(a.syllables.len() as u32);
        if t.syllables.0 == NONE {
            push_syllables(a.forms.key(t), &mut a.syllables);
        } else {
            match lex.syllables(t.syllables) {
                // Most keys are one syllable: no copy loop.
                &[one] => a.syllables.push(one),
                more => a.syllables.extend_from_slice(more),
            }
        }
    }
    a.syllable_starts.push(a.syllables.len() as u32);
    let seed_forms = c.seed_forms;
    a.phrases = c
        .seeds
        .into_iter()
        .filter(|s| s.count >= 2 && (s.joint == 0 || s.joint == JOINED | PLAIN | NAMED))
        .map(|s| Phrase {
            ids: s
                .ids
                .iter()
                .copied()
                .take_while(|&i| i != u32::MAX)
                .collect(),
            tf: f64::from(s.tf),
            whole: f64::from(s.whole),
            count: s.count as usize,
            early: s.early,
            forms: seed_forms[s.forms as usize],
        })
        .collect();
    a
}

impl<'a> Counter<'a> {
    /// A counter for about `words` words in `text` bytes.
    /// `body` is the number of words of the body's sentences.
    pub(crate) fn new(lex: &'a Lexicon, words: usize, body: usize, text: usize) -> Counter<'a> {
        // A lex for each new form: room for them all at once, not a
        // doubling copy after copy of 100-byte entries.
        let mut tagger = lex.tagger.worker();
        tagger.reserve(words);
        let mut thread = KNOWN.take();
        thread.start((lex.id, tagger.tagger_id()));
        if thread.key_here.len() != lex.keys() {
            // A count's number is above any stamp here: no entry is taken
            // for this count's, whichever lexicon stamped it.
            thread.key_here = vec![(0, 0); lex.keys()];
        }
        // A word's worth of room, as a new table had: it grows past that.
        thread.seeds.start(words);
        Counter {
            lex,
            a: Analysis {
                terms: Vec::with_capacity(words),
                words: vec![NONE; body],
                // The documents' text, and the keys that are not a
                // written form (capitalized words, decomposed marks): far
                // fewer bytes than the text.
                forms: FormStore::with_capacity(text + text / 4, words),
                key_ids: HashIndex::with_capacity(words / 2),
                ..Analysis::default()
            },
            form_ids: StrMap::default(),
            thread,
            slots: Vec::with_capacity(words),
            // A run of new words gives up to two new seeds a word. A
            // vector's room costs no memory until it is written, so the
            // seeds get all of it (no copy as they grow).
            seeds: Vec::with_capacity(2 * words),
            seed_forms: Vec::new(),
            key: String::with_capacity(KEY_CAPACITY),
            base: 0,
            word_at: 0,
            // Every word may be in a run: room for them all at once.
            run: Vec::with_capacity(words),
            run_from: 0,
            runs: Vec::new(),
            tags: Vec::new(),
            tagger,
            positions: Vec::new(),
            lexes: Vec::new(),
            shapes: Vec::new(),
            user: None,
        }
    }

    /// Room in the scratch of one sentence for `n` words.
    pub(crate) fn reserve_sentence(&mut self, n: usize) {
        self.positions.reserve(n);
        self.lexes.reserve(n);
        self.shapes.reserve(n);
        self.tags.reserve(n);
    }

    /// Counts the words of one sentence (or title); returns the ids of its
    /// eligible words.
    pub(crate) fn count(
        &mut self,
        text: &'a str,
        words: &[Span],
        title: bool,
        early: bool,
    ) -> Vec<u32> {
        let weight = if title { TITLE_WEIGHT } else { 1.0 };
        let mut out = Vec::with_capacity(words.len());
        let mut first = true;
        let mut run_initial = true;
        debug_assert_eq!(self.run.len(), self.run_from);
        // Out of `self` while counting, so that a new form is hashed once.
        let mut form_ids = std::mem::take(&mut self.form_ids);
        // Each form once: its slot, and its features for the tagger.
        self.positions.clear();
        self.lexes.clear();
        self.shapes.clear();
        let number = self.thread.number;
        for w in words {
            // The form's bytes: slicing the text as a `str` checks both
            // ends for a character boundary, which a known form, most of
            // them, does not need.
            let bytes = &text.as_bytes()[w.start..w.end];
            // The memo files forms by a hash of its own, cheaper than
            // `hash_bytes`, which the slot of a known form takes from it.
            let at = match self.thread.memo.position(bytes) {
                Some(p) => match self.thread.here[p as usize] {
                    (n, at) if n == number => at,
                    _ => {
                        // Known on this thread, new to this count.
                        let known = self.thread.memo.at(p);
                        let lex = self.tagger.push_lex(known.lex);
                        let at = self.slots.len() as u32;
                        self.slots.push(slot_of(known, lex));
                        self.thread.here[p as usize] = (number, at);
                        at
                    }
                },
                None => match form_ids.get(w.of(text), hash_bytes(bytes)) {
                    Some(&at) => at,
                    None => {
                        // New to the thread (rare: hashed again).
                        let form = w.of(text);
                        let hash = hash_bytes(bytes);
                        let lex = self.tagger.lex(form);
                        let shape = shape_of(form);
                        let own = self.lex.numbered_own_key(form, hash);
                        let (own, own_no) = match own {
                            Some((at, e)) => (Some(*e), at),
                            None => (None, NONE),
                        };
                        let keys = &mut self.thread.keys;
                        let kept = keys.len();
                        // Only a word with a letter or a figure is counted.
                        let key = (own.is_none() && shape & (shape::ALPHA | shape::FIGURE) != 0)
                            .then(|| {
                                // The tagger wrote the form's canonical
                                // form: the key starts from it.
                                self.key.clear();
                                self.key.push_str(self.tagger.canonical());
                                self.lex.key_from_canonical(form, &mut self.key);
                                let facts = facts_of_key(self.lex, form, &self.key);
                                keys.push_str(&self.key);
                                ((kept as u32, keys.len() as u32), facts)
                            });
                        let mut known = Known {
                            lex: self.tagger.lex_at(lex),
                            hash,
                            shape,
                            own,
                            key,
                            key_no: key.map_or(own_no, |(_, facts)| facts.number),
                        };
                        let at = self.slots.len() as u32;
                        match self.thread.memo.push(form, known) {
                            Some(_) => self.thread.here.push((number, at)),
                            None => {
                                // Too long to keep, or the memo is full:
                                // keyed again in each document.
                                self.thread.keys.truncate(kept);
                                known.key = None;
                                known.key_no = own_no;
                                form_ids.insert(form, hash, at);
                            }
                        }
                        self.slots.push(slot_of(&known, lex));
                        at
                    }
                },
            };
            let slot = &self.slots[at as usize];
            self.positions.push(at);
            self.lexes.push(slot.lex);
            self.shapes.push(slot.shape);
        }
        self.tags.clear();
        self.tagger.tag_ids(&self.lexes, &mut self.tags);
        for (n, w) in words.iter().enumerate() {
            let tag = self.tags[n];
            let shape = self.shapes[n];
            // A figure ends a name ("Quân khu 5"), never starts one, and
            // a range ("2020-2025") is not cut after its first figure. A
            // figure before a lower-case syllable tagged a noun or a
            // number is a quantity with its unit (`bé 3 tuổi`, `mức 3
            // triệu`, `mốc 16 điểm`), no name's number. (Asked of figures
            // only.)
            let quantity = || {
                self.shapes
                    .get(n + 1)
                    .is_some_and(|&s| s & shape::WEAK != 0)
                    && matches!(self.tags[n + 1], Pos::Noun | Pos::Num)
            };
            let figure = shape & shape::FIGURE != 0
                && self.run.len() > self.run_from
                && !words
                    .get(n + 1)
                    .is_some_and(|next| matches!(next.of(text), "-" | "–" | "—" | "/"))
                && !quantity();
            if shape & shape::ALPHA == 0 && !figure {
                // Opening quotes and brackets do not end the sentence start.
                first &= shape & shape::ALNUM == 0;
                // After a colon a capital is a sentence's ("Nhiệm vụ:
                // Tăng cường ..."), not a name's.
                if shape & shape::COLON != 0 {
                    first = true;
                }
                self.flush(title, run_initial, early);
                run_initial = first;
                continue;
            }
            let at = self.positions[n] as usize;
            if self.slots[at].id == NONE {
                let slot = &self.slots[at];
                let (hash, own, key) = (slot.hash, slot.own, slot.key);
                self.slots[at].id = self.id(text, *w, hash, (own, slot.key_no), key);
            }
            // A stop word of one syllable tagged a noun (`nhà`, `điểm`):
            // inside a phrase, not cutting it (see `in_run`).
            let noun = shape & shape::WEAK != 0
                && tag == Pos::Noun
                && self.slots[at].own.is_some_and(|e| e.stop && !e.number);
            let slot = &mut self.slots[at];
            let id = slot.id;
            if !title {
                // An indexed store, not a push: the words of the body were
                // counted before, and those without a term keep `NONE`.
                self.a.words[self.word_at + n] = id;
            }
            let a = &mut self.a;
            let t = &mut a.terms[id as usize];
            let nominal = matches!(tag, Pos::Noun | Pos::Propn | Pos::X);
            t.tf += weight;
            t.count += 1;
            t.early |= early;
            if nominal {
                t.nominal += weight;
            } else if matches!(tag, Pos::Adv | Pos::Adp | Pos::Aux | Pos::Det | Pos::Part) {
                t.function += weight;
            } else if tag == Pos::Verb {
                t.verbal += weight;
            } else if tag == Pos::Adj {
                t.adjectival += weight;
            }
            let at = &mut slot.at[usize::from(first)];
            match a.forms.forms.get_mut(*at as usize) {
                Some(f) => f.count += 1,
                None => {
                    let start = self.base + w.start;
                    *at = t
                        .forms
                        .push_range(&mut a.forms, start, start + w.len(), first);
                }
            }
            let code = t.eligible && is_code_occurrence(words, &self.shapes, n, text);
            if code {
                // Seen as part of a number (`153/2020/NĐ-CP`), it is a
                // code wherever it is.
                t.eligible = false;
            }
            let mut word = RunWord {
                id,
                span: Span::new(self.base + w.start, self.base + w.end),
                figure,
                nominal,
                verbal: matches!(
                    tag,
                    Pos::Verb | Pos::Adv | Pos::Adp | Pos::Aux | Pos::Det | Pos::Part
                ),
                shape,
                piece: false,
                joint: false,
                relational: matches!(tag, Pos::Adp | Pos::Sconj | Pos::Cconj)
                    && shape & shape::CAPITAL == 0,
            };
            if t.eligible && !code {
                out.push(id);
                self.run.push(word);
            } else if figure {
                // Never eligible: no letters.
                self.run.push(word);
            } else if !first
                && shape & (shape::CAPITAL | shape::ABBREVIATION | shape::ROMAN) == shape::CAPITAL
                && name_piece(self.lex, a.forms.key(t))
            {
                word.piece = true;
                self.run.push(word);
            } else if noun {
                self.run.push(word);
            } else if text.as_bytes()[w.start..w.end] == *"và".as_bytes()
                && self.run[self.run_from..]
                    .last()
                    .is_some_and(|w| !w.figure && !w.joint)
            {
                word.joint = true;
                self.run.push(word);
            } else {
                self.flush(title, run_initial, early);
                run_initial = false;
            }
            first = false;
        }
        self.flush(title, run_initial, early);
        self.form_ids = form_ids;
        if !title {
            self.word_at += words.len();
        }
        out
    }

    /// The id of the key of written form `w` of the document's `text`, a
    /// new term for a new key; `hash` is [`hash_bytes`] of the form, `own`
    /// its [`Lexicon::entry_of_key`], `kept` its key as the thread keeps
    /// it ([`Known::key`]).
    pub(crate) fn id(
        &mut self,
        text: &str,
        w: Span,
        hash: u64,
        (own, own_no): (Option<Entry>, u32),
        kept: Option<ThreadKey>,
    ) -> u32 {
        // A form the lexicon knows as a key is its own key (`None` here):
        // no `key_into`, its hash serves every look-up, its entry gives
        // all a new term needs. Another form's key the thread keeps, or
        // else works out.
        let (key, facts) = match (own, kept) {
            (Some(e), _) => (
                None,
                KeyFacts {
                    hash,
                    idf: e.idf,
                    eligible: e.eligible,
                    syllables: e.syllables,
                    number: own_no,
                },
            ),
            (None, Some(((from, to), facts))) => {
                (Some(&self.thread.keys[from as usize..to as usize]), facts)
            }
            (None, None) => {
                let facts = key_facts(self.lex, w.of(text), hash, &mut self.key);
                (Some(self.key.as_str()), facts)
            }
        };
        // The form's bytes: slicing the text as a `str` checks both ends
        // for a character boundary, which a form of the segmenter's is at.
        let bytes = key.map_or(&text.as_bytes()[w.start..w.end], str::as_bytes);
        // A key the lexicon has: its term by its number, if this count
        // made one (every form of the key has its number). Another: by
        // its text.
        let number = facts.number;
        let here = match self.thread.key_here.get(number as usize) {
            #[cfg(test)]
            _ if tests::LOOK_UP_KEYS.get() => self.a.term_id(bytes, facts.hash),
            Some(&(n, id)) => (n == self.thread.number).then_some(id),
            None => self.a.term_id(bytes, facts.hash),
        };
        if let Some(id) = here {
            return id;
        }
        let KeyFacts {
            hash,
            idf,
            mut eligible,
            syllables,
            ..
        } = facts;
        if self
            .user
            .is_some_and(|u| u.boosted(key.unwrap_or_else(|| w.of(text))))
        {
            // The user asked for it: a candidate whatever it is.
            eligible = true;
        }
        // A form that is its own key is its key's text already.
        let key = match key {
            None => (self.base + w.start, self.base + w.end),
            Some(key) => {
                let text = &mut self.a.forms.text;
                let at = text.len();
                text.push_str(key);
                (at, text.len())
            }
        };
        let id = self.a.terms.len() as u32;
        match self.thread.key_here.get_mut(number as usize) {
            Some(here) => {
                *here = (self.thread.number, id);
                // A key of the lexicon is found by its number here, and
                // [`Analysis::term_id`] is asked of others and of keys
                // with a space only.
                if self.lex.spaced(number) {
                    self.a.key_ids.insert(hash, id);
                }
            }
            None => self.a.key_ids.insert(hash, id),
        }
        #[cfg(test)]
        if tests::LOOK_UP_KEYS.get() && number != NONE && !self.lex.spaced(number) {
            // Looked up by its text: filed so.
            self.a.key_ids.insert(hash, id);
        }
        self.a.terms.push(Term {
            key,
            tf: 0.0,
            count: 0,
            idf,
            eligible,
            early: false,
            nominal: 0.0,
            function: 0.0,
            verbal: 0.0,
            adjectival: 0.0,
            forms: Forms::default(),
            syllables,
        });
        id
    }

    /// Ends the current run: kept for [`Counter::count_phrases`] when it
    /// has two words or more.
    #[inline]
    pub(crate) fn flush(&mut self, title: bool, initial: bool, early: bool) {
        // Most runs are a word or none: no phrase to count.
        if self.run.len() - self.run_from < 2 {
            self.run.truncate(self.run_from);
            return;
        }
        self.runs.push(RunMark {
            end: self.run.len() as u32,
            title,
            initial,
            early,
        });
        self.run_from = self.run.len();
    }

    /// Counts the phrases of the runs kept, in order, once every word is
    /// counted: a window with a word seen once in all the documents
    /// occurs once, and is no phrase (see [`Counter::flush_phrases`]).
    pub(crate) fn count_phrases(&mut self) {
        let run = std::mem::take(&mut self.run);
        let runs = std::mem::take(&mut self.runs);
        let mut from = 0;
        for m in &runs {
            let end = m.end as usize;
            self.flush_phrases(&run[from..end], m);
            from = end;
        }
        self.run = run;
        self.run.clear();
        self.run_from = 0;
    }

    /// Counts the phrases of `run`, a run of two words or more. Only the
    /// windows whose words all occur twice or more in the documents are
    /// looked up: any other occurs once, and a seed seen once is no
    /// phrase, so it would add a seed that nothing reads.
    #[inline(never)]
    pub(crate) fn flush_phrases(&mut self, run: &[RunWord], mark: &RunMark) {
        let terms = &self.a.terms;
        let twice = |w: &RunWord| terms[w.id as usize].count >= 2;
        #[cfg(test)]
        let twice = |w: &RunWord| tests::WINDOWS.get() == tests::Windows::All || twice(w);
        // Most runs have no figure, piece of a name or `và`: the rules on
        // them are read once for the run, not at each window.
        let plain = || !run.iter().any(|w| w.figure || w.piece || w.joint);
        #[cfg(not(test))]
        let short = run.len() <= 64;
        #[cfg(test)]
        let short = run.len() <= 64 && tests::WINDOWS.get() == tests::Windows::Fast;
        if short {
            // Bit k: word k occurs twice or more.
            let mut seen = 0u64;
            for (k, w) in run.iter().enumerate() {
                seen |= u64::from(twice(w)) << k;
            }
            if seen.count_ones() < 2 {
                return;
            }
            let plain = plain();
            // Bit i: the window of `n` words from word i has only such words.
            let mut starts = seen & seen >> 1;
            for n in 2..=MAX_PHRASE_WORDS {
                let mut left = starts;
                while left != 0 {
                    let i = left.trailing_zeros() as usize;
                    left &= left - 1;
                    self.window(run, i, n, plain, mark);
                }
                starts &= seen >> n;
            }
        } else {
            let seen: Vec<bool> = run.iter().map(twice).collect();
            let plain = plain();
            for n in 2..=MAX_PHRASE_WORDS.min(run.len()) {
                for i in 0..=run.len() - n {
                    if seen[i..i + n].iter().all(|&r| r) {
                        self.window(run, i, n, plain, mark);
                    }
                }
            }
        }
    }

    /// Counts the window of `n` words from word `i` of `run` as a phrase,
    /// where the rules let it be one; `plain`: the run has no figure,
    /// piece of a name or `và`.
    #[inline]
    fn window(&mut self, run: &[RunWord], i: usize, n: usize, plain: bool, mark: &RunMark) {
        let RunMark {
            title,
            initial,
            early,
            ..
        } = *mark;
        let weight = if title { TITLE_TIMES } else { 1 };
        let win = &run[i..i + n];
        // A figure ends a name (`Quân khu 5`, `iPhone 17`), not a
        // verb's object cut off (`sửa 126` of `sửa 126 điểm`); it
        // stands inside a model's name only (`iPhone 17 Pro`, see
        // [`model_number`]).
        if !plain
            && ((0..n - 1).any(|k| win[k].figure && !model_number(win, k))
                || win[n - 1].figure && win[n - 2].weak() && win[n - 2].verbal
                || !pieces_fit(win))
            // A preposition or a conjunction (`đối với`) ends no
            // phrase: what it relates comes after it.
            || win[n - 1].relational
        {
            return;
        }
        // `và` only between the two words of a phrase of three.
        let joined = !plain && win.iter().any(|w| w.joint);
        if joined && (n != 3 || !win[1].joint || win[2].figure) {
            return;
        }
        let whole = whole_phrase(run, i, n);
        let mut ids = [u32::MAX; MAX_PHRASE_WORDS];
        for (slot, w) in ids.iter_mut().zip(win) {
            *slot = w.id;
        }
        // The form, as a range of the form store's text.
        let form = (win[0].span.start, win[n - 1].span.end);
        let at_start = initial && i == 0;
        let hash = hash_ids(&ids);
        let (seeds, number) = (&self.seeds, self.thread.number);
        let found = self
            .thread
            .seeds
            .find(hash, number, |p| seeds[p as usize].ids == ids);
        let p = match found {
            Some(p) => p as usize,
            None => {
                let p = self.seeds.len() as u32;
                self.thread.seeds.insert(hash, number, p);
                self.seeds.push(Seed {
                    ids,
                    tf: 0,
                    whole: 0,
                    count: 0,
                    forms: NONE,
                    early: false,
                    joint: 0,
                    first_initial: at_start,
                    first: form,
                });
                self.seeds.len() - 1
            }
        };
        let p = &mut self.seeds[p];
        if joined {
            let (x, y) = (win[0].capital(), win[2].capital());
            p.joint |= JOINED | if !x && !y { PLAIN } else { 0 } | if x && y { NAMED } else { 0 };
        }
        p.tf += weight;
        if whole {
            p.whole += weight;
        }
        p.count += 1;
        p.early |= early;
        if p.count >= 2 {
            let text = &mut self.a.forms;
            if p.forms == NONE {
                let mut f = Forms::default();
                f.add_range(text, p.first.0, p.first.1, p.first_initial);
                p.forms = self.seed_forms.len() as u32;
                self.seed_forms.push(f);
            }
            self.seed_forms[p.forms as usize].add_range(text, form.0, form.1, at_start);
        }
    }
}

/// May a capitalized stop word with this key stand inside a name? Not a
/// word of a document's structure (`Điều`, `Mục`, `Chương`: see
/// `generic-vi.txt`), nor one of a single letter.
fn name_piece(lex: &Lexicon, key: &str) -> bool {
    key.chars().filter(|&c| is_alphabetic(c)).nth(1).is_some()
        && lex.is_stopword(key)
        && !is_generic(key)
}

/// Do the pieces of names in a window (see [`RunWord::piece`]) stand
/// where a name has them: each before a capitalized word (`Bộ Công an`),
/// or at the end, tagged a noun or a name (`tiếng Anh`)? And is there a
/// word of the window's own besides pieces and figures?
fn pieces_fit(win: &[RunWord]) -> bool {
    let n = win.len();
    win.iter().any(|w| !w.piece && !w.figure)
        && win
            .iter()
            .enumerate()
            .all(|(k, w)| !w.piece || k + 1 < n && win[k + 1].capital() || k + 1 == n && w.nominal)
}

/// Is the figure at word `k` of a window the number of a model's name:
/// after a name (a capital among its first three letters: `Boeing`,
/// `iPhone`, `iQOO`) and before a capitalized word (`iPhone 17 Pro`,
/// `Boeing 737 MAX`, `iQOO 15 Ultra`)? The name's letters were read once
/// for its form ([`shape::MAKER`]), not at each window.
fn model_number(win: &[RunWord], k: usize) -> bool {
    k > 0 && win[k + 1].capital() && !win[k + 1].figure && win[k - 1].maker()
}

/// Does the window `run[i..i + n]` start and end where a noun phrase
/// may? It starts at a noun or a name, and not right after the noun it
/// would modify (`nhân dân tỉnh` of `Ủy ban nhân dân tỉnh`), unless that
/// one is a lower-case syllable (a classifier: `tuyến` of `tuyến xe buýt`)
/// or a name starts there. It ends at the run's end, at a figure, or at a
/// noun (not at the verb of `hội nghị phối hợp` in `hội nghị phối hợp
/// công tác`).
///
/// News editors also pick verb phrases (`mua đất`, `luộc bánh chưng`),
/// so a phrase that is not whole weighs less rather than not at all (see
/// `keywords`).
pub(crate) fn whole_phrase(run: &[RunWord], i: usize, n: usize) -> bool {
    let first = &run[i];
    if !first.nominal {
        return false;
    }
    if i > 0 && !run[i - 1].joint {
        let prev = &run[i - 1];
        let name_starts = first.capital() && !prev.capital();
        if prev.nominal && !prev.weak() && !name_starts {
            return false;
        }
    }
    let last = &run[i + n - 1];
    i + n == run.len() || run[i + n].joint || last.figure || last.nominal
}

/// An occurrence that is part of a code or a number, never a keyword: a
/// roman numeral (`IV`, `VI`), a part of a document's number
/// (`41/2024/QH15`, `NĐ`-`CP`), a word with a slash in it. `shapes` are
/// the [`shape_of`] of `words`, of which `n` is the occurrence.
pub(crate) fn is_code_occurrence(words: &[Span], shapes: &[u16], n: usize, text: &str) -> bool {
    let shape = shapes[n];
    if shape & (shape::SLASH | shape::ROMAN) != 0 {
        return true;
    }
    // Capitals (`NĐ`, `CP`, `QH15`, `NĐ-CP`, the issuer `TTg` of
    // `QĐ-TTg`) after or before a slash, or joined by a hyphen to other
    // capitals: a document's number (not `COVID-19`).
    let caps = |k: Option<usize>| {
        k.and_then(|k| shapes.get(k))
            .is_some_and(|&s| s & shape::CAPS != 0)
    };
    if shape & shape::ABBREVIATION != 0 {
        let at = |k: Option<usize>| k.and_then(|k| words.get(k)).map(|w| w.of(text));
        let (before, after) = (at(n.checked_sub(1)), at(Some(n + 1)));
        if (before == Some("/") || after == Some("/")) && !slash_pair(words, shapes, n, text) {
            return true;
        }
        if shape & shape::CAPS != 0 {
            if shape & shape::HYPHENED != 0 {
                return true;
            }
            let other = |j: Option<&str>, k: Option<usize>| j == Some("-") && caps(k);
            if other(before, n.checked_sub(2)) || other(after, Some(n + 2)) {
                return true;
            }
        }
    }
    false
}

/// Whether the abbreviation at `n` is one of two or more letter-only
/// abbreviations joined by slashes and nothing else (`AI/ML`, `UI/UX`):
/// terms side by side. A document's number holds a figure (`15/QĐ`) or a
/// hyphen (`/KH-UBND`), or stands after its figures with spaces around
/// the slash, which a pair of terms written together does not have. After
/// a figure the pair is a unit (`3 USD/BTC`), which is no keyword either.
fn slash_pair(words: &[Span], shapes: &[u16], n: usize, text: &str) -> bool {
    let glued = |a: usize| words[a].end == words[a + 1].start;
    let slash = |k: usize| words[k].of(text) == "/";
    let (mut lo, mut hi) = (n, n);
    while lo >= 2 && slash(lo - 1) && glued(lo - 2) && glued(lo - 1) {
        lo -= 2;
    }
    while hi + 2 < words.len() && slash(hi + 1) && glued(hi) && glued(hi + 1) {
        hi += 2;
    }
    // Brackets and stops may touch the pair (`(AI/NLP)`, `AI/ML,`).
    let joins = |k: usize| shapes[k] & shape::ALNUM != 0 || matches!(words[k].of(text), "-" | "/");
    let letters = shape::CAPS | shape::ABBREVIATION;
    lo < hi
        && !(lo > 0 && (glued(lo - 1) && joins(lo - 1) || shapes[lo - 1] & shape::FIGURE != 0))
        && !(hi + 1 < words.len() && glued(hi) && joins(hi + 1))
        && (lo..=hi)
            .step_by(2)
            .all(|k| shapes[k] & letters == letters && shapes[k] & shape::HYPHENED == 0)
}

/// Capitals only, or an abbreviation of two capitals or more that goes on
/// in lower case (`TTg`, Thủ tướng), as the issuers in documents' numbers.
fn abbreviation(form: &str) -> bool {
    let mut letters = form.chars().filter(|c| is_alphabetic(*c));
    for (upper, c) in letters.by_ref().enumerate() {
        if !is_uppercase(c) {
            return upper >= 2 && letters.all(is_lowercase);
        }
    }
    true
}

/// A number in figures: `5` in `Quân khu 5`, `2026` in `Tết 2026`.
pub(crate) fn is_figure(form: &str) -> bool {
    !form.is_empty() && form.bytes().all(|b| b.is_ascii_digit())
}
#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// Which windows of a run [`Counter::flush_phrases`] looks up, on this
    /// thread: those of words seen twice, by a mask of the run's words
    /// (as it does) or by a list of them (as for a long run); or all.
    #[derive(Clone, Copy, PartialEq, Debug)]
    pub(super) enum Windows {
        Fast,
        Listed,
        All,
    }

    thread_local! {
        pub(super) static WINDOWS: Cell<Windows> = const { Cell::new(Windows::Fast) };
        /// Whether [`Counter::id`] looks every key up by its text, not a
        /// key of the lexicon by its number.
        pub(super) static LOOK_UP_KEYS: Cell<bool> = const { Cell::new(false) };
    }

    #[test]
    fn the_fast_ways_count_what_the_plain_ones_do() {
        // Counting only the windows whose words all occur twice gives
        // the phrases (and everything else) that counting every window
        // gives, on DEV articles; and it leaves seeds out. Finding the
        // term of a key by its number in the lexicon gives what looking
        // the key up gives, and the key index still finds a phrase's.
        let engine = crate::Engine::new();
        let path = format!(
            "{}/../shared/data/vietnews/dev.jsonl",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let (mut phrases, mut seeds) = (0, [0; 3]);
        for line in text.lines().take(120) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let docs: Vec<Document> = v["docs"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| engine.document(d.as_str().unwrap(), None))
                .collect();
            let mut seen = Vec::new();
            for (k, how) in [Windows::Fast, Windows::Listed, Windows::All]
                .into_iter()
                .enumerate()
            {
                WINDOWS.set(how);
                LOOK_UP_KEYS.set(how == Windows::All);
                let mut a = analyze(&docs, engine.lexicon());
                seeds[k] += SEEDS.get();
                if how == Windows::Fast {
                    phrases += a.phrases.len();
                    // The key index has every key a phrase may spell or
                    // counting may look up.
                    for (id, t) in a.terms.iter().enumerate() {
                        let key = a.key(t);
                        let hash = hash_bytes(key.as_bytes());
                        let asked =
                            key.contains(' ') || engine.lexicon().numbered(key, hash).is_none();
                        if asked {
                            assert_eq!(a.term_id(key.as_bytes(), hash), Some(id as u32), "{key}");
                        }
                    }
                }
                // The slow way files every key in the index.
                a.key_ids = HashIndex::default();
                seen.push(format!("{a:?}"));
            }
            WINDOWS.set(Windows::Fast);
            LOOK_UP_KEYS.set(false);
            assert_eq!(seen[0], seen[2], "{}", v["id"]);
            assert_eq!(seen[1], seen[2], "{}", v["id"]);
        }
        assert!(phrases > 500, "{phrases}");
        assert!(seeds[0] == seeds[1] && 2 * seeds[0] < seeds[2], "{seeds:?}");
    }

    thread_local! {
        /// The seeds of this thread's last count.
        pub(super) static SEEDS: Cell<usize> = const { Cell::new(0) };
    }

    /// A run of words, each `(nominal, weak, capital)`.
    fn run(words: &[(bool, bool, bool)]) -> Vec<RunWord> {
        words
            .iter()
            .enumerate()
            .map(|(i, &(nominal, weak, capital))| RunWord {
                id: i as u32,
                span: Span::new(i, i + 1),
                figure: false,
                nominal,
                verbal: !nominal,
                shape: if weak { shape::WEAK } else { 0 }
                    | if capital {
                        shape::CAPITAL | shape::MAKER
                    } else {
                        0
                    },
                piece: false,
                joint: false,
                relational: false,
            })
            .collect()
    }

    #[test]
    fn a_maker_has_a_capital_among_its_first_three_letters() {
        // The bit agrees with reading the form's letters, as the rule
        // did at each window before.
        for form in [
            "Boeing", "iPhone", "iQOO", "eSIM", "abcD", "ĐT", "đtĐ", "17", "", "Ả", "xyzW",
        ] {
            let letters = form.chars().take(3).any(char::is_uppercase);
            assert_eq!(shape_of(form) & shape::MAKER != 0, letters, "{form}");
        }
        // iPhone 17 Pro: the figure stands inside the name; sửa 126 Điểm
        // does not make one.
        let mut w = run(&[
            (true, false, false),
            (false, false, false),
            (true, false, true),
        ]);
        w[1].figure = true;
        w[0].shape |= shape::MAKER;
        assert!(model_number(&w, 1));
        w[0].shape &= !shape::MAKER;
        assert!(!model_number(&w, 1));
    }

    #[test]
    fn a_phrase_is_whole_from_its_head_to_a_noun() {
        // Ủy_ban nhân_dân tỉnh Phú_Thọ
        let r = run(&[
            (true, false, true),
            (true, false, false),
            (true, true, false),
            (true, false, true),
        ]);
        assert!(whole_phrase(&r, 0, 2), "Ủy ban nhân dân");
        assert!(whole_phrase(&r, 0, 3), "Ủy ban nhân dân tỉnh");
        assert!(!whole_phrase(&r, 1, 2), "nhân dân tỉnh: after its head");
        assert!(whole_phrase(&r, 3, 1), "Phú Thọ: a name starts");
        // hội_nghị phối_hợp công_tác văn_phòng
        let r = run(&[
            (true, false, false),
            (false, false, false),
            (true, false, false),
            (true, false, false),
        ]);
        assert!(!whole_phrase(&r, 0, 2), "hội nghị phối hợp: ends at a verb");
        assert!(
            !whole_phrase(&r, 1, 3),
            "phối hợp công tác văn phòng: a verb heads it"
        );
        assert!(whole_phrase(&r, 2, 2), "công tác văn phòng: after a verb");
        // tuyến xe_buýt điện: after a classifier.
        let r = run(&[
            (true, true, false),
            (true, false, false),
            (true, true, false),
        ]);
        assert!(whole_phrase(&r, 1, 2), "xe buýt điện");
    }

    #[test]
    fn codes_are_told_by_their_neighbours() {
        let text = "số 153/2020 / NĐ - CP và COVID - 19 ở Mục IV theo 41/2009 / QĐ - TTg và Tp";
        let words: Vec<Span> = {
            let mut at = 0;
            text.split(' ')
                .map(|w| {
                    let s = Span::new(at, at + w.len());
                    at += w.len() + 1;
                    s
                })
                .collect()
        };
        let shapes: Vec<u16> = words.iter().map(|w| shape_of(w.of(text))).collect();
        let code = |i: usize| is_code_occurrence(&words, &shapes, i, text);
        assert!(code(1), "153/2020");
        assert!(code(3), "NĐ after a slash");
        assert!(code(5), "CP joined to NĐ");
        assert!(!code(7), "COVID joined to a figure");
        assert!(code(12), "IV");
        assert!(!code(11), "Mục");
        assert!(code(18), "TTg joined to QĐ");
        assert!(!code(20), "Tp");
        assert!(abbreviation("TTg") && abbreviation("UBND") && abbreviation("QĐ"));
        // A name after a single letter is no document's number.
        for (form, code) in [("V-League", false), ("NĐ-CP", true)] {
            let shapes = [shape_of(form)];
            let words = [Span::new(0, form.len())];
            assert_eq!(is_code_occurrence(&words, &shapes, 0, form), code, "{form}");
        }
        assert!(!abbreviation("Tp") && !abbreviation("TTgX") && !abbreviation("iPhone"));
        // Letters joined by a slash alone are two terms; with a figure, a
        // hyphen or a slash that stands apart, a number.
        for (text, code) in [
            ("mô hình AI|/|ML mới", false),
            ("trong AI|/|ML|, nó", false),
            ("tạo (|AI|/|NLP|)", false),
            ("số …|/|QĐ", true),
            ("UI|/|UX|/|API", false),
            ("số 15|/|QĐ|/|UBND", true),
            ("số /|KH|-|UBND", true),
            ("Số: QĐ|/|UBND-VP", true),
            ("AI / ML", true),
            ("giá 3 USD|/|BTC", true),
        ] {
            // `|` parts words written together.
            let (mut plain, mut words) = (String::new(), Vec::new());
            for (i, part) in text.split(' ').enumerate() {
                if i > 0 {
                    plain.push(' ');
                }
                for w in part.split('|') {
                    words.push(Span::new(plain.len(), plain.len() + w.len()));
                    plain.push_str(w);
                }
            }
            let shapes: Vec<u16> = words.iter().map(|w| shape_of(w.of(&plain))).collect();
            let at = (0..words.len())
                .find(|&k| shapes[k] & shape::CAPS != 0)
                .unwrap();
            assert_eq!(
                is_code_occurrence(&words, &shapes, at, &plain),
                code,
                "{text}"
            );
        }
    }

    #[test]
    fn known_forms_belong_to_their_lexicon() {
        // One thread, two lexicons, one form: what the table of known
        // forms kept for one lexicon (a stop word's entry) is not the
        // other's, in either order.
        let engine = crate::Engine::new();
        let doc = engine.document("Tin vắn\n\nBà con về quê ăn Tết ở quê nhà.\n", None);
        let stop = Lexicon::new("quê\n", "#docs\t10\n");
        let plain = Lexicon::new("", "#docs\t10\n");
        let eligible = |lex: &Lexicon| {
            let a = analyze(std::slice::from_ref(&doc), lex);
            let t = a.terms.iter().find(|t| a.key(t) == "quê");
            t.map(|t| t.eligible)
        };
        assert_eq!(eligible(&stop), Some(false));
        assert_eq!(eligible(&plain), Some(true));
        assert_eq!(eligible(&stop), Some(false));
    }

    #[test]
    fn the_scratch_of_a_sentence_is_sized_once() {
        let engine = crate::Engine::new();
        let lex = engine.lexicon();
        let text = "Bà con về quê ăn Tết ở quê nhà, rồi lên phố làm ăn như mọi năm.";
        let doc = engine.document(text, None);
        let words = &doc.sentences[0].words;
        let mut c = Counter::new(lex, words.len(), words.len(), text.len());
        c.reserve_sentence(words.len());
        let room = |c: &Counter| {
            [
                c.positions.capacity(),
                c.lexes.capacity(),
                c.shapes.capacity(),
                c.tags.capacity(),
                c.run.capacity(),
            ]
        };
        let before = room(&c);
        assert!(before.iter().all(|&n| n >= words.len()), "{before:?}");
        c.a.forms.text.push_str(&doc.text);
        c.count(&doc.text, words, false, true);
        assert_eq!(room(&c), before);
    }

    #[test]
    fn the_thread_s_forms_give_each_count_what_a_fresh_one_gives() {
        // The forms a thread keeps (see `ThreadForms`) carry over from one
        // count to the next: their slots of an earlier count must never
        // leak into a later one. A form too long for the memo (the
        // address, twice) is counted through the document's own table.
        let engine = crate::Engine::new();
        let lex = engine.lexicon();
        let url = "https://vi.example.org/tin-tuc/bao-cao-tong-ket-nam-hoc-2026-cua-so-giao-duc";
        assert!(url.len() > 64);
        let a = engine.document(
            &format!(
                "Bộ Y tế họp về dịch sởi.\n\nSáng nay Bộ Y tế họp với Hà Nội về dịch sởi, \
                 xem {url} và {url}."
            ),
            None,
        );
        let b = engine.document(
            "Hà Nội mưa lớn.\n\nMưa lớn ở Hà Nội làm ngập nhiều tuyến phố, sở giao thông cho biết.",
            None,
        );
        let seen = |d: &Document| format!("{:?}", analyze(std::slice::from_ref(d), lex));
        KNOWN.set(ThreadForms::default());
        let fresh = seen(&a);
        assert!(fresh.contains("sởi"));
        seen(&b);
        assert_eq!(seen(&a), fresh);
        // A thread whose memo was emptied in between, as when it is full.
        KNOWN.with_borrow_mut(|t| t.memo.clear());
        assert_eq!(seen(&a), fresh);
    }

    #[test]
    fn a_seed_index_keeps_the_count_s_seeds_only() {
        let mut index = SeedIndex::default();
        index.start(2);
        // One hash for all: seeds are told apart by their ids only, and
        // the table grows past half full with every seed still found.
        for p in 0..40 {
            assert_eq!(index.find(7, 1, |q| q == p), None);
            index.insert(7, 1, p);
        }
        for p in 0..40 {
            assert_eq!(index.find(7, 1, |q| q == p), Some(p));
        }
        // The next count sees none of them, and files its own.
        index.start(2);
        assert_eq!(index.find(7, 2, |_| true), None);
        index.insert(7, 2, 5);
        assert_eq!(index.find(7, 2, |_| true), Some(5));
        assert_eq!(index.find(7, 2, |q| q != 5), None);
    }

    #[test]
    fn a_key_whose_hash_is_taken_is_still_its_own_term() {
        let lex = Lexicon::new("", "#docs\t1\n");
        let mut c = Counter::new(&lex, 8, 0, 64);
        // The form goes into the store's text first, as `analyze` puts
        // the document's.
        let id = |c: &mut Counter, form: &str| {
            c.base = c.a.forms.text.len();
            c.a.forms.text.push_str(form);
            let hash = hash_bytes(form.as_bytes());
            let own = c.lex.entry_of_key(form, hash).copied();
            c.id(form, Span::new(0, form.len()), hash, (own, NONE), None)
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
}
