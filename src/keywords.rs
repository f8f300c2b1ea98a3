//! Stage 7: the word analysis to ranked keywords (TF-IDF).
//!
//! Stop words, numbers, dates, single letters and anything in a noise
//! block are never keywords; a figure may only end a name (`Quân khu 5`,
//! `Tết 2026`) or stand inside a model's (`iPhone 17 Pro`). Inverse document frequency comes from the background table
//! shipped in `src/data/df.tsv` (see its README). A keyword is shown in its
//! most common written form away from the start of a sentence (`Quân khu`,
//! `Nguyễn Đình Trung`), one keyword per spelling variant. A weekday or a
//! time of day alone is no keyword, nor is a candidate that most of its
//! occurrences show to be a piece of something longer: a common word
//! capitalized inside a name (`Thương binh`), an abbreviation heading a
//! name (`MS Word`) or a capitalized word heading one (`Trung tâm` of
//! `Trung tâm Y tế`), a clause (`NSD chọn`, `hướng dẫn lập`), an
//! identifier in a line of code, cells of a table row run into one line,
//! a phrase cut before its last word, words written in capitals only, in
//! a title or lines of capitals (see `Seen`). No phrase ends with a
//! preposition or a conjunction (`người dân đối với`).

use crate::analysis::{
    is_dotted_abbreviation, is_figure, is_foreign, is_generic, Analysis, FormStore, Forms, Mark,
    Term, UserTerms, MAX_PHRASE_WORDS, NONE,
};
use crate::document::{Document, Keyword, Span};
use crate::hash::{hash_bytes, FxHashMap};
use crate::options::Options;
use crate::vi::{eq_ci, is_lowercase, is_syllable, is_uppercase, lower_first};

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
    /// A term the user boosted: ranked before the others.
    boosted: bool,
    /// A weak word, or a phrase led by one (see [`weak_or_common`]):
    /// never a keyword again inside a chosen phrase.
    weak: bool,
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
/// the last word of a phrase may be a figure (`Quân khu 5`), and so may
/// the middle one of a model's name (`iPhone 17 Pro`); its middle
/// word `và` in a term that a name shows fixed (`khoa học và công nghệ`
/// beside `Sở Khoa học và Công nghệ`). Lowercase
/// one-syllable words, alone or at the head of a phrase, weigh less.
/// Candidates that spell the same (`Cục Chính trị` segmented as one word
/// here, as two there) are one keyword. A candidate inside an already
/// chosen phrase is skipped unless it is also seen apart from it; a
/// chosen one's numbered form replaces it when it is most of its uses or
/// the chosen one names a series (`Stage 1`, `Stage 2`), else is a
/// keyword of its own if the chosen one is a name (`iPhone 17` beside
/// `iPhone`).
///
/// `docs` are the documents `a` counted: where a candidate occurs in
/// them tells a piece of something longer (see `Seen`).
pub fn extract(docs: &[Document], a: &Analysis, opts: &Options) -> Vec<Keyword> {
    extract_with(docs, a, opts, None)
}

/// [`extract`], with the user's terms: an excluded word or phrase is no
/// candidate, boosted ones come before the others.
pub(crate) fn extract_with(
    docs: &[Document],
    a: &Analysis,
    opts: &Options,
    user: Option<&UserTerms>,
) -> Vec<Keyword> {
    let mark = |key: &str| user.map_or(Mark::None, |u| u.mark(key));
    // Sized for every word and phrase: no growing while filling.
    let mut cands: Vec<Candidate> = Vec::with_capacity(a.terms.len() + a.phrases.len());
    // The candidate of each eligible word, by term id: a phrase spelled
    // like a word is found by the counter's key index, not a map of all
    // the words' keys built again here.
    let mut word_cand: Vec<u32> = vec![NONE; a.terms.len()];
    // Terms the user excluded: no candidate, and no phrase through them.
    let mut excluded: Vec<bool> = Vec::new();
    if user.is_some() {
        excluded = a
            .terms
            .iter()
            .map(|t| mark(a.key(t)) == Mark::Excluded)
            .collect();
    }
    let is_excluded = |i: u32| excluded.get(i as usize).copied().unwrap_or(false);
    for (i, t) in a.terms.iter().enumerate() {
        // A dotted abbreviation (`TP.HCM`) is no term of the summary's,
        // but a keyword.
        // A dot first: most words that are no term of the summary's have
        // none, and the check splits the key before it looks.
        let dotted = || {
            !t.eligible && a.key(t).as_bytes().contains(&b'.') && is_dotted_abbreviation(a.key(t))
        };
        if (t.eligible || dotted()) && !is_excluded(i as u32) {
            word_cand[i] = cands.len() as u32;
            let boosted = user.is_some() && mark(a.key(t)) == Mark::Boosted;
            let weak = weak_or_common(t, &a.forms);
            cands.push(Candidate {
                ids: [i as u32, u32::MAX, u32::MAX],
                len: 1,
                score: t.weight()
                    * syllable_factor(weak)
                    * early_factor(t.early)
                    * nominal_factor(t, &a.forms),
                count: t.count,
                phrase: None,
                boosted,
                weak,
            });
        }
    }
    // Phrase candidates by key.
    let mut by_key: FxHashMap<String, usize> =
        FxHashMap::with_capacity_and_hasher(a.phrases.len(), Default::default());
    let mut key = String::new();
    for (j, p) in a.phrases.iter().enumerate() {
        if p.ids.iter().any(|&i| is_excluded(i)) || !stop_nouns_fit(a, &p.ids, p.tf) {
            continue;
        }
        key.clear();
        for (n, &i) in p.ids.iter().enumerate() {
            if n > 0 {
                key.push(' ');
            }
            key.push_str(a.key(&a.terms[i as usize]));
        }
        let word = a
            .term_id(key.as_bytes(), hash_bytes(key.as_bytes()))
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
        let user_mark = mark(&key);
        if user_mark == Mark::Excluded {
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
        // The head's own candidate knows it already.
        let weak = match word_cand[p.ids[0] as usize] {
            NONE => weak_or_common(&a.terms[p.ids[0] as usize], &a.forms),
            c => cands[c as usize].weak,
        };
        cands.push(Candidate {
            ids,
            len: p.ids.len(),
            score: p.tf
                * idf
                * early_factor(p.early)
                * phrase_factor(weak)
                * whole_factor(p.whole / p.tf.max(f64::MIN_POSITIVE)),
            count: p.count,
            phrase: Some(j),
            boosted: user_mark == Mark::Boosted,
            weak,
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
    if cands.iter().any(|c| c.boosted) {
        // Boosted candidates first: the order's top bit says which, the
        // score the rest (its last bit dropped).
        for (key, i) in &mut order {
            *key = *key >> 1 | u64::from(!cands[*i].boosted) << 63;
        }
    }
    let better = |x: &(u64, usize), y: &(u64, usize)| {
        x.0.cmp(&y.0)
            .then_with(|| cands[x.1].ids().cmp(cands[y.1].ids()))
    };
    let mut sorted = 0;
    let mut batch = (4 * opts.keywords).max(16);
    let mut out: Vec<Keyword> = Vec::with_capacity(opts.keywords);
    let mut chosen: Vec<usize> = Vec::with_capacity(opts.keywords);
    let mut next = 0;
    let mut places = Places::new(cands.len());
    let scanned = docs.iter().any(|d| d.ocr.is_some());
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
        if !c.boosted
            && rules_on()
            && (time_word(a, c) || generic(a, c) || places.piece(docs, a, &cands, i))
        {
            continue;
        }
        // A candidate only ever seen inside a chosen phrase says the same
        // again, and so does a phrase that is a shifted window over a
        // chosen one, seen no more often ("mùa lúa đông xuân" after
        // "trúng mùa lúa đông").
        if chosen
            .iter()
            .any(|&j| repeats(&cands[j], c) && !another_model(a, &cands, &chosen, j, c))
        {
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
        // A scan's speck read as a letter or two in capitals with a mark
        // (`TÌ`, `Ố`): no word a scan's reader spells so. Nor is one
        // syllable seen once (`XS`, `ev`, `gl2`, `Thọ` of a name cut at a
        // line's end): a word of the page repeats, a speck's reading and
        // a line's cut do not.
        if scanned && c.len == 1 && (speck(&text) || c.count < 2 && !text.contains(' ')) {
            continue;
        }
        // Seen in a title in capitals only: the title's words, not what
        // the text says in its sentences.
        if !c.boosted && rules_on() && places.seen(i).occurrences == 0 && heading_form(&text) {
            continue;
        }
        // The numbered form of a chosen keyword ("Quân khu 5" after
        // "Quân khu") may name it better: it takes its place.
        let numbered = chosen.iter().position(|&j| numbers(a, c, cands[j].ids()));
        if let Some(k) = numbered {
            // When it is most of the keyword's uses (`Tết 2026`), or the
            // keyword is a name whose numbered forms together are (a
            // series: `Stage 1`, `Stage 2`). Otherwise a Vietnamese
            // common word's number is one use among many (`bảo hiểm y tế
            // 1`, a clause's number run into a heading), and a name's
            // is a model of its own beside it (`iPhone 17` beside
            // `iPhone`).
            let bare = &out[k].text;
            let common = starts_lower(bare) && !is_foreign(&bare.to_lowercase());
            if 2 * c.count >= cands[chosen[k]].count || !common && series(a, &cands, chosen[k]) {
                out[k].text = text;
                chosen[k] = i;
                continue;
            }
            if common {
                continue;
            }
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

#[cfg(test)]
thread_local! {
    /// Off in a test that shows what the rules of [`time_word`] and
    /// [`Seen`] take away.
    static RULES: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

/// Are the rules of [`time_word`] and [`Seen`] applied? Always, but in
/// tests that turn them off.
fn rules_on() -> bool {
    #[cfg(test)]
    return RULES.with(std::cell::Cell::get);
    #[cfg(not(test))]
    true
}

/// Is `form` one or two capital letters, one of them with a mark (`TÌ`,
/// `Ố`), not `Đ` alone (`ĐT`, `CĐ` are abbreviations)?
fn speck(form: &str) -> bool {
    let n = form.chars().count();
    (1..=2).contains(&n)
        && form.chars().all(is_uppercase)
        && form.chars().any(|c| !c.is_ascii() && c != 'Đ')
}

/// Do the stop words of a phrase (a noun of one syllable the counter
/// keeps in a run: `nhà`, `điểm`) stand as nouns there? Each is mostly
/// tagged a noun, and before a word mostly tagged a noun or a figure
/// (`lương tháng 1`), or last after a noun or a verb (`bán nhà`); not
/// after a word that modifies (`vài nơi`). Before a verb it heads a
/// compound only where the phrase (weighted count `tf`) is most of its
/// uses: the treebank tags the verb that names a noun's kind a verb
/// (`điểm thi`, `nhà ở`), while a noun that opens a clause goes before
/// many verbs (`khi ngủ`, `việc sửa`). And the phrase has a word of its
/// own.
fn stop_nouns_fit(a: &Analysis, ids: &[u32], tf: f64) -> bool {
    let term = |k: usize| &a.terms[ids[k] as usize];
    let mut own = false;
    for k in 0..ids.len() {
        let t = term(k);
        if t.eligible {
            own = true;
            continue;
        }
        // `và` of `khoa học và công nghệ`: the counter keeps it between
        // two words only.
        if k == 1 && ids.len() == 3 && a.key(t) == "và" {
            continue;
        }
        // A figure ends a name (`Quân khu 5`), a capitalized stop word
        // stands in one (`tiếng Anh`): the counter's rules.
        if k + 1 == ids.len() && is_figure(a.key(t)) || !t.forms.display_starts_lower(&a.forms) {
            continue;
        }
        if !t.mostly(t.nominal) {
            return false;
        }
        let fits = match ids.get(k + 1) {
            Some(_) => {
                let next = term(k + 1);
                next.mostly(next.nominal)
                    || is_figure(a.key(next))
                    || next.mostly(next.verbal) && t.mostly(tf)
            }
            None => {
                k > 0 && {
                    let prev = term(k - 1);
                    prev.mostly(prev.nominal + prev.verbal)
                }
            }
        };
        if !fits {
            return false;
        }
    }
    own
}

/// Weekday and time-of-day words: `thứ` of `thứ hai` (Monday, the
/// number word apart), `chủ nhật`, `sáng`: a schedule's cells, never what
/// a text is about.
const TIME_WORDS: &[&str] = &[
    "thứ",
    "chủ nhật",
    "sáng",
    "chiều",
    "tối",
    "trưa",
    "đêm",
    "buổi",
    "giờ",
    "phút",
    "giây",
    "hôm",
    "tuần",
    "tháng",
    "ngày",
];

/// Is candidate `c` a weekday or a time of day alone?
fn time_word(a: &Analysis, c: &Candidate) -> bool {
    c.len == 1 && TIME_WORDS.contains(&a.key(&a.terms[c.ids()[0] as usize]))
}

/// Nouns that frame a place, a field or a body (`trên địa bàn tỉnh Phú
/// Thọ`): the name after them is what the text speaks of, and a phrase
/// they head is no keyword.
const FRAME_NOUNS: &[&str] = &["địa bàn"];

/// Head nouns of organizations of one syllable (`Sở`, `Bộ`, `Trường`):
/// alone they name no body, only a kind of them (`Đảng`, the one party,
/// is a name of its own).
const ORGANIZATION_HEADS: &[&str] = &["bộ", "sở", "trường", "viện", "cục", "ban", "hội", "hãng"];

/// Is candidate `c` generic by its words alone: a head noun of
/// organizations alone, a frame noun or a phrase it heads (see
/// [`FRAME_NOUNS`]), or a phrase with two names side by side? The
/// segmenter joins a run of capitalized syllables into one name
/// (`Hoàng Anh Gia Lai`) but keeps a country apart from a person's name
/// after it (`Tổng thống Mỹ | Trump`, `Tổng thống Iran | Masoud
/// Pezeshkian`): the person is the keyword, not the title, the country
/// and the name glued together.
fn generic(a: &Analysis, c: &Candidate) -> bool {
    let key = |k: usize| a.key(&a.terms[c.ids()[k] as usize]);
    if FRAME_NOUNS.contains(&key(0)) {
        return true;
    }
    if c.len == 1 {
        return ORGANIZATION_HEADS.contains(&key(0));
    }
    // Every syllable capitalized, a letter in lower case: a name, not an
    // abbreviation.
    let name = |k: usize| {
        let f = a.terms[c.ids()[k] as usize].forms.display(&a.forms);
        f.split(' ').all(starts_upper) && f.chars().any(char::is_lowercase)
    };
    (1..c.len).any(|k| name(k) && name(k - 1))
}

/// How a candidate's occurrences in the body stand among their
/// neighbours: each count is of occurrences.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Seen {
    /// Occurrences in the body (the title's are not looked at).
    occurrences: u32,
    /// A capitalized common word after `-` or `và` after a capital, or
    /// before `và` and another: a piece of a longer name (`Thương binh`
    /// of `Bộ Lao động - Thương binh và Xã hội`, `Bộ Thông tin` of `Bộ
    /// Thông tin và Truyền thông`).
    in_name: u32,
    /// An abbreviation before a capitalized word: a prefix of a name
    /// (`MS` of `MS Word`, `HLV` of `HLV Park Hang-seo`).
    prefix: u32,
    /// Words in Latin letters only, in a line of code (`CHAR(36)`,
    /// `user_id`): a database schema's or a program's identifiers.
    code: u32,
    /// Across the cells of a table row run into one line: a lower-case
    /// word then a capitalized common word (`Câu hỏi truy vấn | Đơn
    /// giản`), or at the start of a cell that such a boundary ends
    /// (`Dữ liệu đầu vào | Trung bình`).
    cells: u32,
    /// Ends with a lower-case syllable mostly tagged an adverb or the like
    /// (see [`Term::function`]), right
    /// before a stop word, which cut the run of words: cut from a longer
    /// word (`trợ cấp hằng | tháng`).
    cut: u32,
    /// Ends with a verb of one syllable right before the adjective of its
    /// result, a stop word that cut the run (`học tập nâng | cao trình
    /// độ`, `đẩy | mạnh`): the verb's complement cut off.
    result: u32,
    /// In a line written in capitals (`LỊCH LÀM VIỆC CÁ NHÂN`, a running
    /// `CÔNG BÁO`): a heading's words or the page's furniture, which the
    /// text does not write in running sentences.
    capitals: u32,
    /// A word alone, capitalized, right before a capitalized common word
    /// or an abbreviation: the head of a longer name (`Trung tâm | Y
    /// tế`, `Trường | THPT`), which alone names nothing.
    head: u32,
    /// A clause, not a noun phrase: a name then a verb in lower case (a
    /// subject and its verb: `NSD chọn`), or two verbs before a noun
    /// (`hướng dẫn lập | hồ sơ`: the last verb's object cut off). A
    /// verb right after a common noun modifies it (`phần mềm quản lý`,
    /// `món ăn`) and stays.
    clause: u32,
    /// One syllable right before a verb of a letter's address (`Kính
    /// gửi`, `kính mong`, `kính xin`): a polite word of the salutation,
    /// not the noun it also is (`kính xe`).
    polite: u32,
    /// A Latin word right after a verb of pressing or `nút` / `phím`, or
    /// right before a `+` (`nhấn OK`, `nhấp Next`, `Ctrl + C`): a button or
    /// a key of the program a manual walks through, which names no topic.
    control: u32,
    /// Next to two verbs that share their object across a comma, which
    /// cut the run of words (`cơ sở khám bệnh | , chữa bệnh`, `khám
    /// bệnh, chữa | bệnh bảo hiểm y tế`): a piece of the pair.
    coordinated: u32,
    /// Common words at the start of a line, before a colon a few words
    /// on (`Thao tác thực hiện: ...`, `Chức vụ: ...`): a form's field or
    /// a manual's label, not what the text speaks of.
    label: u32,
}

/// How many words from a line's start a label's colon may be.
const LABEL_WORDS: usize = 6;

/// Verbs that a letter's polite word stands before (`Kính gửi`, `kính
/// thưa`, `kính mong`).
const ADDRESS_VERBS: &[&str] = &["gửi", "thưa", "mong", "xin", "chúc", "chào"];

/// Words a button or a key of a program is named after, in lower case
/// (`nhấn OK`, `bấm nút Next`, `phím Tab`).
const PRESS_WORDS: &[&str] = &["nhấn", "nhấp", "bấm", "ấn", "click", "kích", "nút", "phím"];

impl Seen {
    /// Do most occurrences say the candidate is a piece of something
    /// longer?
    fn piece(&self) -> bool {
        let most = |n: u32| 2 * n > self.occurrences;
        // An abbreviation may head a name now and then (`CSGT Hà Nội`):
        // a prefix three times in four.
        most(self.in_name)
            || self.prefix > 0 && 4 * self.prefix >= 3 * self.occurrences
            || most(self.code)
            || most(self.cells)
            || most(self.cut)
            || most(self.result)
            || most(self.capitals)
            || most(self.head)
            || most(self.clause)
            || most(self.polite)
            || most(self.control)
            || most(self.coordinated)
            || most(self.label)
    }
}

/// Where candidates occur, found one candidate at a time as the choice
/// reaches it (about a dozen a document), from an index of where each
/// term occurs, built at the first look-up. A batch of candidates looked
/// up in one pass over the words looked up more than the choice reached,
/// and read every word once a batch: 1.409 -> 1.394 M instructions an
/// article this way (vietnews DEV, `batch -j1`).
struct Places {
    /// By candidate: where in `seen` what was seen of it is, `NONE` until
    /// it is looked up (a position, not a `Seen` for every candidate:
    /// most are never looked up, and zeroing them all cost more than the
    /// look-ups).
    at: Vec<u32>,
    seen: Vec<Seen>,
    /// By term: where its occurrences start in `spots`, and one more at
    /// the end; empty until the first look-up.
    starts: Vec<u32>,
    /// Every occurrence of a term in the body, grouped by term and in
    /// reading order within a term: its sentence (in `lines`) and its
    /// word's place there.
    spots: Vec<(u32, u32)>,
    /// Every sentence of the body: its document, its place there, and
    /// where its words' terms start in `Analysis::words`.
    lines: Vec<(u32, u32, u32)>,
    /// Each sentence's kind, worked out at its first occurrence.
    kinds: Vec<Option<LineKind>>,
}

impl Places {
    fn new(cands: usize) -> Places {
        Places {
            at: vec![NONE; cands],
            seen: Vec::new(),
            starts: Vec::new(),
            spots: Vec::new(),
            lines: Vec::new(),
            kinds: Vec::new(),
        }
    }

    /// Is candidate `i` a piece of something longer? Looks it up first if
    /// it is not found yet.
    fn piece(&mut self, docs: &[Document], a: &Analysis, cands: &[Candidate], i: usize) -> bool {
        if self.at[i] == NONE {
            self.look_up(docs, a, cands, i);
        }
        self.seen(i).piece()
    }

    /// What was seen of candidate `i`: nothing before it is looked up.
    fn seen(&self, i: usize) -> Seen {
        self.seen
            .get(self.at[i] as usize)
            .copied()
            .unwrap_or_default()
    }

    /// Where each term occurs in the documents' body (a counting sort of
    /// the words by term).
    fn index(&mut self, docs: &[Document], a: &Analysis) {
        let mut starts = vec![0u32; a.terms.len() + 1];
        for &t in &a.words {
            if t != NONE {
                starts[t as usize + 1] += 1;
            }
        }
        for t in 1..starts.len() {
            starts[t] += starts[t - 1];
        }
        // `fill[t]`: where the next occurrence of `t` goes.
        let mut fill = starts.clone();
        let mut spots = vec![(0, 0); a.words.len()];
        let mut at = 0;
        for (d, doc) in docs.iter().enumerate() {
            for (s, sentence) in doc.sentences.iter().enumerate() {
                let line = self.lines.len() as u32;
                self.lines.push((d as u32, s as u32, at as u32));
                let ids = &a.words[at..at + sentence.words.len()];
                at += sentence.words.len();
                for (n, &t) in ids.iter().enumerate() {
                    if t != NONE {
                        let f = &mut fill[t as usize];
                        spots[*f as usize] = (line, n as u32);
                        *f += 1;
                    }
                }
            }
        }
        spots.truncate(starts[a.terms.len()] as usize);
        self.kinds = vec![None; self.lines.len()];
        self.starts = starts;
        self.spots = spots;
    }

    /// Finds candidate `j` in the documents' body.
    fn look_up(&mut self, docs: &[Document], a: &Analysis, cands: &[Candidate], j: usize) {
        if self.starts.is_empty() {
            self.index(docs, a);
        }
        let c = &cands[j];
        let first = c.ids()[0] as usize;
        let mut seen = Seen::default();
        let spots = &self.spots[self.starts[first] as usize..self.starts[first + 1] as usize];
        for &(line, n) in spots {
            let (d, s, at) = self.lines[line as usize];
            let doc = &docs[d as usize];
            let sentence = &doc.sentences[s as usize];
            let ids = &a.words[at as usize..at as usize + sentence.words.len()];
            let n = n as usize;
            if ids[n..].starts_with(c.ids()) {
                let text = doc.text.as_str();
                let kind = *self.kinds[line as usize]
                    .get_or_insert_with(|| line_kind(text, &sentence.words));
                let line = Line {
                    text,
                    words: &sentence.words,
                    ids,
                };
                see(&mut seen, a, c, &line, n, kind);
            }
        }
        self.at[j] = self.seen.len() as u32;
        self.seen.push(seen);
    }
}

/// Notes in `seen` how the occurrence of `c` at word `n` of a sentence
/// (`words`, in `text`) stands among its neighbours; `code` says the
/// sentence is a line of code.
/// A sentence of the body: its text, words, and their terms.
struct Line<'a> {
    text: &'a str,
    words: &'a [Span],
    ids: &'a [u32],
}

/// `và` and `–`, as bytes.
const AND: &[u8] = "và".as_bytes();
const EN_DASH: &[u8] = "–".as_bytes();

fn see(seen: &mut Seen, a: &Analysis, c: &Candidate, line: &Line, n: usize, kind: LineKind) {
    let (text, words) = (line.text, line.words);
    let form = |k: usize| words[k].of(text);
    // A word's bytes, for comparing with marks: no check of char
    // boundaries as `form` has (issue 13: these run on every occurrence).
    let bytes = |k: usize| &text.as_bytes()[words[k].start..words[k].end];
    let end = n + c.len;
    seen.occurrences += 1;
    let first = form(n);
    // `X - Thương binh`, `X và Xã hội`: a capitalized common word joined
    // to a capital before it. `Bộ Thông tin | và Truyền thông`: one
    // before `và` and another such word, the start of a longer name (not
    // `Tổng thống Trump và Đệ nhất phu nhân`, `Toán và Ngữ văn`).
    // The joint first: it is rare, and cheaper to compare than the case
    // of the candidate's letters.
    if n >= 2
        && matches!(bytes(n - 1), b"-" | EN_DASH | AND | b"&")
        && sentence_case(first)
        && starts_upper(form(n - 2))
        || end + 1 < words.len()
            && matches!(bytes(end), AND | b"&")
            && sentence_case(form(end + 1))
            && sentence_case(form(end - 1))
    {
        seen.in_name += 1;
    }
    // `Bộ GD | &ĐT`: an ampersand touching the candidate joins it to
    // more of its name.
    let touching = |k: usize| {
        k > 0
            && k + 1 < words.len()
            && bytes(k) == b"&"
            && words[k - 1].end == words[k].start
            && words[k].end == words[k + 1].start
    };
    if touching(end) || n > 0 && touching(n - 1) {
        seen.in_name += 1;
    }
    if kind.capitals {
        seen.capitals += 1;
    }
    if c.len == 1
        && !first.contains(' ')
        && words.get(end).is_some_and(|w| {
            // Bytes, first byte first: most next words open otherwise.
            let next = &text.as_bytes()[w.start..w.end];
            ADDRESS_VERBS
                .iter()
                .any(|v| next.first() == v.as_bytes().first() && next == v.as_bytes())
        })
    {
        seen.polite += 1;
    }
    if c.len == 1
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && (words.get(end).is_some_and(|w| w.of(text) == "+")
            || n > 0 && {
                // The word before's first letter in lower case first: one
                // lower-casing rules out most words (`eq_ci` compares
                // letter by letter, so a word of another first letter is
                // none of them).
                let before = form(n - 1);
                let l = lower_first(before);
                PRESS_WORDS
                    .iter()
                    .any(|p| p.chars().next() == l && eq_ci(before, p))
            })
    {
        seen.control += 1;
    }
    if (end..words.len().min(LABEL_WORDS)).any(|k| bytes(k) == b":")
        && words[..n]
            .iter()
            .all(|w| !w.of(text).chars().any(char::is_alphanumeric))
        // Common words: a speaker before a quote is a name or a title,
        // written with capitals (`Tổng Bí thư: ...`).
        && a.terms[c.ids()[0] as usize]
            .forms
            .display_starts_lower(&a.forms)
    {
        seen.label += 1;
    }
    if c.len == 1 && is_abbreviation(first) && heads_name(a, line, n) {
        seen.prefix += 1;
    }
    if kind.code
        && (n..end).all(|k| {
            let f = form(k);
            f.bytes().all(|b| b.is_ascii_alphanumeric() || b == b' ')
        })
    {
        seen.code += 1;
    }
    // A cell boundary in a table row: a capitalized common word right
    // after a lower-case word, inside the candidate, or on both sides of
    // it.
    let boundary = |k: usize| cell_boundary(text, words, k);
    // The next cell: past the lower-case words that end this one, a
    // boundary or a lone capital (a category column: `B`).
    let next_cell = || {
        let k = (end..words.len())
            .find(|&k| !starts_lower(form(k)))
            .unwrap_or(words.len());
        k < words.len() && (boundary(k) || form(k).chars().count() == 1 && starts_upper(form(k)))
    };
    if kind.row && ((n + 1..end).any(boundary) || boundary(n) && next_cell()) {
        seen.cells += 1;
    }
    // The next word, apart from the candidate's last.
    let next = words
        .get(end)
        .filter(|w| w.start > words[end - 1].end)
        .map(|w| w.of(text));
    if c.len == 1
        && starts_upper(first)
        && next.is_some_and(|f| sentence_case(f) || is_abbreviation(f))
    {
        seen.head += 1;
    }
    let term = |k: usize| {
        line.ids
            .get(k)
            .filter(|&&t| t != NONE)
            .map(|&t| &a.terms[t as usize])
    };
    let verb = |k: usize| starts_lower(form(k)) && term(k).is_some_and(|t| t.mostly(t.verbal));
    // Two verbs and their shared object across the comma at `p` (which
    // `comma` below has found): `khám bệnh , chữa bệnh`.
    let pair = |p: usize| {
        p >= 2
            && p + 2 < words.len()
            && verb(p - 2)
            && verb(p + 1)
            && line.ids[p - 1] != NONE
            && line.ids[p - 1] == line.ids[p + 2]
    };
    // The comma's byte first: most places hold none (the whole test was
    // 0.013 M instructions an article when each call read the word).
    let comma = |p: usize| {
        words
            .get(p)
            .is_some_and(|w| w.end == w.start + 1 && text.as_bytes()[w.start] == b',')
    };
    if [Some(end), Some(end + 1), n.checked_sub(1), n.checked_sub(2)]
        .into_iter()
        .flatten()
        .any(|p| comma(p) && pair(p))
    {
        seen.coordinated += 1;
    }
    // Every syllable capitalized: a name of two syllables or more (`Nhã
    // Phương`), an abbreviation (`NSD`), a foreign word inside a sentence
    // (`Ronaldo`); not one Vietnamese syllable, a sentence's first word
    // (`Món` of `Món ăn ...`) or a common word heading a name (`Hội` of
    // `Hội thi`).
    let name = |k: usize| {
        let f = form(k);
        f.split(' ').all(starts_upper)
            && f.chars().any(char::is_alphabetic)
            && (f.contains(' ') || is_abbreviation(f) || k > 0 && !is_syllable(f))
    };
    let object_cut = || {
        c.len > 1
            && verb(end - 1)
            && verb(end - 2)
            && next.is_some()
            // A noun, a stop word's too (`hướng dẫn lập | văn bản`), or a
            // capitalized word: a name or a title is the object (`lập |
            // Báo cáo Nghiên cứu khả thi`).
            && (term(end).is_some_and(|t| t.mostly(t.nominal))
                || next.is_some_and(|f| starts_upper(f) && term(end).is_some()))
    };
    if (n..end - 1).any(|k| verb(k + 1) && name(k)) || object_cut() {
        seen.clause += 1;
    }
    if c.len > 1 {
        let last = &a.terms[c.ids()[c.len - 1] as usize];
        if starts_lower(form(end - 1))
            && !form(end - 1).contains(' ')
            && last.mostly(last.function)
            && words.get(end).is_some_and(|w| starts_lower(w.of(text)))
            && line
                .ids
                .get(end)
                .is_some_and(|&t| t != NONE && !a.terms[t as usize].eligible)
        {
            seen.cut += 1;
        } else if starts_lower(form(end - 1))
            && words.get(end).is_some_and(|w| is_figure(w.of(text)))
            && (!form(end - 1).contains(' ') && last.mostly(last.verbal + last.function)
                || is_generic(a.key(last)))
        {
            // A verb or an adverb before a figure: the quantity of a
            // phrase cut off (`cháy khiến | 3 người`, `giá gần | 1 tỷ`);
            // a label of the document's parts before its number: the
            // reference cut off (`Câu hỏi trắc nghiệm chương | 1`, `nội
            // dung phần | 2`).
            seen.cut += 1;
        } else if starts_lower(form(end - 1))
            && !form(end - 1).contains(' ')
            && last.mostly(last.verbal)
            && words
                .get(end)
                .is_some_and(|w| starts_lower(w.of(text)) && !w.of(text).contains(' '))
            && line.ids.get(end).is_some_and(|&t| {
                t != NONE && {
                    let t = &a.terms[t as usize];
                    !t.eligible && t.mostly(t.adjectival)
                }
            })
        {
            // Apart from `cut`: a verb before a figure now and before an
            // adjective then (`vốn hoá | 32 tỷ`, `vốn hoá | lớn`) is
            // neither most of the time.
            seen.result += 1;
        }
    }
}

/// Plural determiners: between a head and the noun it governs
/// (`UBND các quận`).
const PLURALS: &[&str] = &["các", "những"];

/// Does the abbreviation at word `n` of `line` head a longer name? Apart
/// from the next word, which is a capitalized word (`MS Word`, `UBND
/// Thành phố`), an abbreviation of one syllable outside a line of
/// capitals (`UBND TP`), or a lower-case noun of one syllable, after a
/// plural determiner or not, other than a time word (`UBND xã`, `UBND các
/// quận`, not `UBND ngày 26`): the level or place the abbreviated body is
/// of.
fn heads_name(a: &Analysis, line: &Line, n: usize) -> bool {
    let (text, words) = (line.text, line.words);
    let Some(w) = words.get(n + 1) else {
        return false;
    };
    if w.start == words[n].end {
        return false;
    }
    let form = |k: usize| words.get(k).map_or("", |w| w.of(text));
    let next = w.of(text);
    if starts_upper(next) {
        if !is_abbreviation(next) {
            return true;
        }
        let capitals = |f: &str| starts_alpha(f) && is_abbreviation(f);
        let in_capitals = n > 0 && capitals(form(n - 1)) || capitals(form(n + 2));
        return !next.contains(' ') && next.chars().all(char::is_alphabetic) && !in_capitals;
    }
    if !starts_lower(next) {
        return false;
    }
    let term = |k: usize| {
        line.ids
            .get(k)
            .filter(|&&t| t != NONE)
            .map(|&t| &a.terms[t as usize])
    };
    let mut k = n + 1;
    if term(k).is_some_and(|t| PLURALS.contains(&a.key(t))) {
        k += 1;
        if !starts_lower(form(k)) {
            return false;
        }
    }
    // One syllable: a level (`xã`, `tỉnh`, `quận`), not a verb tagged a
    // noun now and then (`WHO khuyến cáo`).
    !form(k).contains(' ')
        && term(k).is_some_and(|t| t.mostly(t.nominal) && !TIME_WORDS.contains(&a.key(t)))
}

/// What a sentence of the body looks like.
#[derive(Clone, Copy, Debug)]
struct LineKind {
    /// A line of code: an identifier joined by `_` (`user_id`) or a
    /// name with a figure in brackets (`CHAR(36)`), no space between.
    code: bool,
    /// A table row run into one line: no mark ends it, and its cells
    /// show as capitalized common words after lower-case ones (see
    /// [`cell_boundary`]) or a last cell of one capital (`B`), two such
    /// at least.
    row: bool,
    /// Written in capitals (see [`in_capitals`]).
    capitals: bool,
}

fn line_kind(text: &str, words: &[Span]) -> LineKind {
    // The spans' ends first: most words are apart, and slicing the text
    // costs more than comparing two offsets.
    let code = words.windows(3).any(|w| {
        w[0].end == w[1].start && w[1].end == w[2].start && {
            let (x, m, y) = (w[0].of(text), w[1].of(text), w[2].of(text));
            m == "_" && starts_alpha(x) && starts_alpha(y)
                || m == "(" && starts_upper(x) && y.bytes().all(|b| b.is_ascii_digit())
        }
    });
    let last = words.last().map_or("", |w| w.of(text));
    let row = starts_alpha(last) && {
        let lone = usize::from(last.chars().count() == 1 && starts_upper(last));
        (1..words.len())
            .filter(|&k| cell_boundary(text, words, k))
            .count()
            + lone
            >= 2
    };
    LineKind {
        code,
        row,
        capitals: in_capitals(text, words),
    }
}

/// Does a cell of a table row start at word `k`: a capitalized common
/// word right after a lower-case word?
fn cell_boundary(text: &str, words: &[Span], k: usize) -> bool {
    k > 0 && sentence_case(words[k].of(text)) && starts_lower(words[k - 1].of(text))
}

fn starts_alpha(f: &str) -> bool {
    f.chars().next().is_some_and(char::is_alphabetic)
}

fn starts_upper(f: &str) -> bool {
    f.chars().next().is_some_and(char::is_uppercase)
}

fn starts_lower(f: &str) -> bool {
    f.chars().next().is_some_and(char::is_lowercase)
}

/// A word of two syllables or more written with only its first letter a
/// capital (`Đơn giản`, `Thương binh`): a common word capitalized, not a
/// name (`Hà Nội`).
fn sentence_case(f: &str) -> bool {
    starts_upper(f) && f.contains(' ') && f.chars().skip(1).all(|c| !c.is_uppercase())
}

/// Two capitals or more and no lower-case letter: `MS`, `HLV`, `UBND`.
// The lower-case test first: it stops at the first such letter, which
// most words have early.
fn is_abbreviation(f: &str) -> bool {
    !f.chars().any(char::is_lowercase) && f.chars().filter(|c| c.is_uppercase()).nth(1).is_some()
}

/// Capitals only, two letters or more (`LỊCH`, `UBND`; not `iPhone`).
fn shouting(f: &str) -> bool {
    !f.chars().any(is_lowercase) && f.chars().filter(|&c| is_uppercase(c)).nth(1).is_some()
}

/// Is a line (its `words` in `text`) written in capitals: no letter in
/// lower case, and a word of Vietnamese syllables among them (`LỊCH LÀM
/// VIỆC`, not a row of abbreviations such as `TV LG OLED`)?
fn in_capitals(text: &str, words: &[Span]) -> bool {
    let mut vietnamese = false;
    for w in words {
        let f = w.of(text);
        if f.chars().any(is_lowercase) {
            return false;
        }
        vietnamese = vietnamese || heading_form(f);
    }
    vietnamese
}

/// A heading's word in capitals: two capitals or more, Vietnamese
/// syllables only, with a letter of Vietnamese's own or more than one
/// syllable (`LỊCH`, `LÀM VIỆC`; not `VĐV`, `TP HCM`, `AI`).
fn heading_form(f: &str) -> bool {
    shouting(f) && (f.contains(' ') || !f.is_ascii()) && f.split(' ').all(is_syllable)
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
    (t.idf < COMMON_HEAD_IDF || !has_space(store.key_bytes(t))) && {
        // The choice once for both tests.
        let choice = t.forms.choice(store);
        Forms::choice_starts_lower(choice) && !brand_case(choice.0)
    }
}

/// One or two lower-case letters, then a capital (`iPhone`, `eKYC`,
/// `mRNA`): a brand or a name written so, not a common word in lower
/// case (nor two words run together, `trangTin`).
fn brand_case(f: &str) -> bool {
    f.chars()
        .take(3)
        .skip(1)
        .position(char::is_uppercase)
        .is_some()
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

/// The weight of a phrase led by a weak word (`weak`), against 1.
fn phrase_factor(weak: bool) -> f64 {
    if weak {
        WEAK_HEAD_FACTOR
    } else {
        1.0
    }
}

/// How much of a word's weight counts alone: the share of its
/// occurrences tagged a noun or a name, to the power `NOMINAL_POWER`. A
/// verb or an adjective (`thực hiện`, `tăng cường`, `thơm ngon`) weighs
/// little alone, and fully inside a phrase. An abbreviation spelled like
/// a stop word counts whole, whatever its tags: the tagger reads `AI` as
/// the pronoun `ai` (kw24h DEV F1@5 29.67 → 29.74 with `AI` its own
/// word).
fn nominal_factor(t: &Term, store: &FormStore) -> f64 {
    // Only such a word has a capital in its key (see `Lexicon::key_of`).
    if store.key_bytes(t).iter().any(u8::is_ascii_uppercase) {
        return 1.0;
    }
    let share = t.nominal / t.tf.max(f64::MIN_POSITIVE);
    share.powf(NOMINAL_POWER)
}

/// kw24h DEV F1@5 / F1@10 without the phrase rule: 26.10 / 20.37 at 0
/// (no tags), 26.83 / 20.72 at 0.5, 26.94 / 20.35 at 1, 26.59 / 20.12 at
/// 1.5; with it, 27.42 / 20.54 at 0.75.
const NOMINAL_POWER: f64 = 0.5;

/// The weight of a phrase never seen as a whole noun phrase, against 1
/// for one always seen so; in between by the share of its occurrences
/// (kw24h DEV, with `NOMINAL_POWER` 0.5: F1@5 / F1@10 26.83 / 20.72
/// without the rule, 27.29 / 20.91 at 0.7, 26.21 / 20.54 at 0.3, and
/// 27.10 / 20.73 at 0.7 with a lower-case syllable allowed to end a
/// phrase; dropping such phrases outright, 24.84 / 18.75: editors pick
/// verb phrases too).
const NOT_WHOLE: f64 = 0.7;

fn whole_factor(share: f64) -> f64 {
    NOT_WHOLE + (1.0 - NOT_WHOLE) * share
}

/// The weight of a weak word alone (`weak`), against 1.
fn syllable_factor(weak: bool) -> f64 {
    if weak {
        SYLLABLE_FACTOR
    } else {
        1.0
    }
}

/// Does `outer` contain `inner` as a contiguous run?
fn contains(outer: &[u32], inner: &[u32]) -> bool {
    outer.len() >= inner.len() && outer.windows(inner.len()).any(|w| w == inner)
}

/// Does candidate `c` repeat the already chosen `chosen`: inside it and
/// seen no more often than it (never apart from it), or both phrases
/// sharing words without one containing the other, and seen no more
/// often? A candidate inside a chosen phrase that is also seen apart
/// stays a keyword of its own: editors list nested keywords (`Grammy`
/// beside `lễ trao giải Grammy`; kw24h DEV F1@5 / F1@10 27.17 / 20.71
/// skipping every candidate inside a chosen phrase, 27.73 / 21.52 keeping
/// those seen apart once or more, 27.67 / 21.42 twice as often as the
/// phrase, 27.12 / 21.36 keeping all). So does a phrase that goes on
/// where a chosen one ends, or ends where it starts, but is seen more
/// often: `giá vàng` beside `vàng miếng SJC` says more than a window
/// shifted over it (28.47 / 22.13 skipping every overlapping phrase,
/// 29.38 / 22.76 keeping those seen more often; with the hyphened words,
/// 29.62 / 22.92 so and 29.46 / 22.80 keeping only those that go on
/// where the chosen one ends, for `Ủy ban nhân dân cấp`, sharing the
/// middle word of `thanh tra nhân dân`, is a fragment).
fn repeats(chosen: &Candidate, c: &Candidate) -> bool {
    let (outer, inner) = (chosen.ids(), c.ids());
    if contains(outer, inner) {
        return c.count <= chosen.count || c.weak;
    }
    outer.len() > 1
        && inner.len() > 1
        && !contains(inner, outer)
        && inner.iter().any(|i| outer.contains(i))
        && (c.count <= chosen.count || !shifted(outer, inner))
}

/// The last word of a candidate, when it is a figure: `Some(its id)`.
fn number_of(a: &Analysis, c: &Candidate) -> Option<u32> {
    let last = c.ids()[c.len - 1];
    (c.len > 1 && is_figure(a.key(&a.terms[last as usize]))).then_some(last)
}

/// Are the numbered forms of candidate `bare` (`Stage 1`, `Stage 2`)
/// together most of its uses: a series' name, which shows with a number?
/// A look over all candidates: it runs only when a numbered form meets
/// its chosen name, a few times a document.
/// Is `c` the words `name` and a figure after them (`iPhone 17` of
/// `iPhone`)?
fn numbers(a: &Analysis, c: &Candidate, name: &[u32]) -> bool {
    let ids = c.ids();
    ids.len() == name.len() + 1 && ids.starts_with(name) && number_of(a, c).is_some()
}

fn series(a: &Analysis, cands: &[Candidate], bare: usize) -> bool {
    let b = cands[bare].ids();
    let numbered: usize = cands
        .iter()
        .filter(|x| numbers(a, x, b))
        .map(|x| x.count)
        .sum();
    2 * numbered > cands[bare].count
}

/// Is `c` the chosen `cands[j]` with another number (`iPhone 17` after
/// `iPhone 16`), their name being chosen too? Then each is a model of
/// its own (kw24h DEV F1@5 / F1@10 29.71 / 22.98 with the number's rule
/// in `extract_with` alone, 29.78 / 23.03 with this too).
fn another_model(
    a: &Analysis,
    cands: &[Candidate],
    chosen: &[usize],
    j: usize,
    c: &Candidate,
) -> bool {
    let y = c.ids();
    let name = &y[..y.len() - 1];
    numbers(a, &cands[j], name)
        && numbers(a, c, name)
        && chosen.iter().any(|&b| cands[b].ids() == name)
}

/// Does one run of words go on where the other ends (`giá vàng` and
/// `vàng miếng SJC`)?
fn shifted(a: &[u32], b: &[u32]) -> bool {
    let goes_on =
        |x: &[u32], y: &[u32]| (1..x.len().min(y.len())).any(|k| x[x.len() - k..] == y[..k]);
    goes_on(a, b) || goes_on(b, a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, Lexicon, NUMBER_WORDS};

    /// The keywords of `text` (title line, empty line, body), as shown.
    fn keywords_of(text: &str, n: usize) -> Vec<String> {
        let engine = crate::Engine::new();
        keywords_of_doc(&engine, &engine.document(text, None), n)
    }

    /// The first `n` keywords of `doc`, as shown.
    fn keywords_of_doc(engine: &crate::Engine, doc: &Document, n: usize) -> Vec<String> {
        let opts = Options {
            keywords: n,
            ..Options::default()
        };
        let docs = std::slice::from_ref(doc);
        let a = analyze(docs, engine.lexicon());
        extract(docs, &a, &opts)
            .into_iter()
            .map(|k| k.text)
            .collect()
    }

    const ARTICLE: &str = "Huyện Mường Tè khánh thành trường bán trú cho học sinh vùng cao\n\n\
        Ngày 5/9/2024, Ủy ban nhân dân huyện Mường Tè khánh thành trường bán trú mới cho 350 học sinh. \
        Trường bán trú có 12 phòng học, nhà ăn và khu ký túc xá cho học sinh ở xa. \
        Ông Lò Văn Páo, Chủ tịch Ủy ban nhân dân huyện, cho biết trường bán trú giúp học sinh không phải đi bộ 20 km mỗi tuần. \
        Năm 2025, huyện sẽ xây thêm hai trường bán trú nữa. \
        Uỷ ban nhân dân tỉnh đã hỗ trợ 15 tỷ đồng cho dự án.";

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
        let kws: Vec<String> = extract(&docs, &a, &opts)
            .into_iter()
            .map(|k| k.text)
            .collect();
        assert!(kws.iter().any(|k| k == "cục Chính trị"), "{kws:?}");
        assert!(kws.iter().any(|k| k == "Lò Văn Páo"), "{kws:?}");
        for t in &a.terms {
            let shown = t.forms.display(&a.forms);
            assert_eq!(crate::vi::canonical(&shown), a.key(t), "{shown}");
        }
    }

    /// Written for this test: a brand written with a capital inside.
    #[test]
    fn a_brand_in_lower_case_is_no_weak_word() {
        let text = "Giá iPhone 17 giảm mạnh sau Tết\n\n\
            Giá iPhone 17 giảm mạnh sau Tết. Cửa hàng bán iPhone 17 với giá thấp hơn. \
            Người dùng chọn iPhone 17 thay cho điện thoại cũ. Màn hình của iPhone 17 sáng hơn.";
        let kws = keywords_of(text, 5);
        assert!(kws.iter().any(|k| k == "Giá iPhone 17"), "{kws:?}");
        // Seen apart from the chosen phrase: a keyword of its own, as a
        // name would be.
        assert!(kws.iter().any(|k| k == "iPhone 17"), "{kws:?}");
        for (f, brand) in [
            ("iPhone", true),
            ("eKYC", true),
            ("mRNA", true),
            ("trangTin", false),
            ("giá", false),
        ] {
            assert_eq!(brand_case(f), brand, "{f}");
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
            let lower =
                t.forms.display_starts_lower(&a.forms) && !brand_case(t.forms.choice(&a.forms).0);
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
    /// Written for this test: a decree's references, numbers and
    /// contacts, each said often enough to be a keyword by count alone.
    const DECREE: &str = "Nghị định sửa đổi Nghị định số 153/2020/NĐ-CP về trái phiếu doanh nghiệp\n\n\
        Căn cứ Luật Chứng khoán số 54/2019/QH14, Chính phủ ban hành Nghị định sửa đổi về trái phiếu doanh nghiệp. \
        Điều 5 và khoản 1 Điều 5 quy định hồ sơ chào bán trái phiếu doanh nghiệp. \
        Theo khoản 1 Điều 5, Mục IV và Mục VI, doanh nghiệp nộp hồ sơ chào bán trái phiếu. \
        Bảng 3 tại Mục IV liệt kê hồ sơ chào bán; hỏi đáp qua hotro.traiphieu@gmail.com hoặc traiphieu.gov.vn. \
        Nghị định 65/2022/NĐ-CP và Nghị định 153/2020/NĐ-CP quy định về trái phiếu doanh nghiệp. \
        Liên hệ hotro.traiphieu@gmail.com hoặc traiphieu.gov.vn về hồ sơ chào bán trái phiếu theo Bảng 3.";

    #[test]
    fn references_codes_and_addresses_are_never_keywords() {
        let kws = keywords_of(DECREE, 30);
        assert!(
            kws.iter().any(|k| k == "trái phiếu doanh nghiệp"),
            "{kws:?}"
        );
        for k in &kws {
            let l = k.to_lowercase();
            let first = l.split(' ').next().unwrap_or_default();
            // Legal references and labels (`Điều 5`, `khoản 1`, `Bảng 3`)
            // and generic words of decrees.
            assert!(
                !["điều", "khoản", "mục", "bảng", "căn", "nghị", "luật"].contains(&first),
                "{k}: {kws:?}"
            );
            // A document's number, in pieces (`NĐ`, `CP`, `QH14`).
            assert!(!["nđ", "cp", "qh14"].contains(&l.as_str()), "{k}: {kws:?}");
            // Roman numerals, addresses.
            assert!(!["iv", "vi"].contains(&l.as_str()), "{k}: {kws:?}");
            assert!(!l.contains("gmail") && !l.contains(".gov"), "{k}: {kws:?}");
        }
    }

    /// Written for this test: verbs and adjectives said more often than
    /// any noun.
    #[test]
    fn a_verb_alone_weighs_less_than_a_noun() {
        let text = "Tỉnh tăng cường kiểm tra an toàn thực phẩm\n\n\
            Tỉnh tăng cường kiểm tra an toàn thực phẩm tại các chợ. \
            Các đoàn tăng cường kiểm tra, tăng cường xử lý và tăng cường tuyên truyền. \
            Cơ sở vi phạm an toàn thực phẩm bị xử lý nghiêm. \
            Người dân được khuyến cáo tăng cường cảnh giác với thực phẩm trôi nổi.";
        let kws = keywords_of(text, 3);
        assert!(
            !kws.iter().any(|k| k.to_lowercase() == "tăng cường"),
            "{kws:?}"
        );
        assert!(kws.iter().any(|k| k.contains("thực phẩm")), "{kws:?}");
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
        let keys: Vec<String> = kws.iter().map(|k| crate::vi::canonical(k)).collect();
        for (i, k) in keys.iter().enumerate() {
            assert!(!keys[..i].contains(k), "{k} twice in {kws:?}");
        }
        // Shown as the author writes it inside sentences.
        assert!(kws.iter().any(|k| k == "cục Chính trị"), "{kws:?}");
    }

    /// The keywords of `text` with the rules of pieces on, and off.
    /// A name inside a chosen phrase that is also seen apart from it is
    /// a keyword of its own; a word only ever seen inside it is not.
    #[test]
    fn a_name_inside_a_chosen_phrase_and_apart_is_a_keyword_too() {
        let text = "Công an Hà Nội điều tra vụ cháy kho hàng\n\n\
            Công an Hà Nội đã khám nghiệm hiện trường vụ cháy. \
            Theo Công an Hà Nội, đám cháy bùng lên lúc rạng sáng. \
            Công an Hà Nội đề nghị người dân cung cấp thông tin. \
            Kho hàng nằm ở ngoại thành Hà Nội, gần khu dân cư.";
        let kw = keywords_of(text, 10);
        let at = |k: &str| kw.iter().position(|x| x == k);
        let phrase = at("Công an Hà Nội").unwrap_or_else(|| panic!("no phrase: {kw:?}"));
        let name = at("Hà Nội").unwrap_or_else(|| panic!("no name: {kw:?}"));
        assert!(phrase < name, "{kw:?}");
        // `Công an` is only ever inside the phrase: no keyword.
        assert!(at("Công an").is_none(), "{kw:?}");
    }

    fn with_and_without_rules(text: &str, n: usize) -> (Vec<String>, Vec<String>) {
        let with = keywords_of(text, n);
        RULES.with(|r| r.set(false));
        let without = keywords_of(text, n);
        RULES.with(|r| r.set(true));
        (with, without)
    }

    /// `bad` is among the keywords only without the rules; `good` is with
    /// them.
    fn rule_takes(text: &str, n: usize, bad: &str, good: &str) {
        let (with, without) = with_and_without_rules(text, n);
        let has = |kws: &[String], k: &str| kws.iter().any(|x| x == k);
        assert!(
            has(&without, bad),
            "{bad} must rank without the rules: {without:?}"
        );
        assert!(!has(&with, bad), "{bad}: {with:?}");
        assert!(has(&with, good), "{good}: {with:?}");
    }

    /// Written for these tests: a week's schedule.
    #[test]
    fn a_weekday_is_no_keyword() {
        let text = "Lịch công tác tuần của Sở Nông nghiệp\n\n\
            Thứ hai, lãnh đạo Sở họp giao ban về phòng chống hạn mặn. \
            Thứ ba, đoàn công tác kiểm tra công trình thủy lợi ở huyện. \
            Sáng thứ tư, Sở làm việc với các xã về phòng chống hạn mặn. \
            Chiều thứ năm, hội nghị tổng kết công trình thủy lợi. \
            Thứ sáu, giao ban cuối tuần về hạn mặn.";
        rule_takes(text, 10, "thứ", "phòng chống hạn mặn");
    }

    /// Written for this test: a leave request, its salutation's polite
    /// word three times, and `kính` as a noun in another text.
    #[test]
    fn a_salutations_polite_word_is_no_keyword() {
        let text = "Đơn xin nghỉ phép\n\n\
            Kính gửi Ban Giám đốc công ty và phòng hành chính nhân sự. \
            Tôi tên là Trần Văn Bình, nhân viên phòng kế toán. \
            Nay tôi kính xin Ban Giám đốc cho tôi nghỉ phép hai ngày để chăm con ốm. \
            Kính mong Ban Giám đốc xem xét cho tôi nghỉ phép.";
        rule_takes(text, 10, "kính", "Ban Giám đốc");
        let car = "Thay kính xe ô tô\n\n\
            Tấm kính xe bị nứt sau va chạm. Thợ thay kính xe trong một giờ. \
            Giá kính xe ô tô tăng mạnh.";
        assert!(
            keywords_of(car, 10).iter().any(|k| k.contains("kính")),
            "{:?}",
            keywords_of(car, 10)
        );
    }

    /// Written for this test: a manual's steps, its buttons and keys
    /// named more often than most of its topics.
    #[test]
    fn a_button_or_a_key_is_no_keyword() {
        let text = "Cài đặt chứng thư số trên máy tính\n\n\
            Mở tệp chứng thư số, nhấn Next để tiếp tục. \
            Chọn kho lưu trữ chứng thư số rồi nhấn Next. \
            Nhấn Next lần nữa, sau đó nhấn OK để hoàn tất cài đặt chứng thư số. \
            Nếu cần sao chép tệp, dùng tổ hợp phím Ctrl + C rồi Ctrl + V. \
            Bấm nút Next khi máy hỏi lại về kho lưu trữ chứng thư số.";
        rule_takes(text, 10, "Next", "chứng thư số");
        let (with, _) = with_and_without_rules(text, 10);
        assert!(!with.iter().any(|k| k == "Ctrl" || k == "OK"), "{with:?}");
    }

    #[test]
    fn a_word_misread_with_a_capital_inside_is_no_keyword() {
        // A scan's footer, read with a speck as a capital: `hếP`.
        let text = "Hội thi tin học văn phòng năm nay\n\n\
            Sở tổ chức hội thi tin học văn phòng cho cán bộ, công chức. hếP g\n\
            Các đơn vị đăng ký danh sách thí sinh dự hội thi tin học trước ngày 15. hếP g\n\
            Thí sinh thi trên máy tính tại phòng máy của Sở. hếP g\n\
            Lưu VT. hếP g";
        let kws = keywords_of(text, 10);
        assert!(!kws.iter().any(|k| k.contains("hếP")), "{kws:?}");
        assert!(kws.iter().any(|k| k.contains("hội thi")), "{kws:?}");
    }

    #[test]
    fn a_speck_of_a_scan_read_as_capitals_with_a_mark_is_no_keyword() {
        // Written for this test: a short notice read by OCR, a stamp's
        // smudge read as `HẺ` in a line of junk.
        let text = "Thông báo lịch tiêm chủng mở rộng\n\n\
            Trạm y tế xã tổ chức tiêm chủng mở rộng cho trẻ em vào sáng thứ bảy. \
            Phụ huynh mang sổ tiêm chủng khi đưa trẻ đến trạm y tế.\n\n\
            x),J HẺ... n«ev";
        let engine = crate::Engine::new();
        let mut doc = engine.document(text, None);
        let keywords = |doc: &Document| keywords_of_doc(&engine, doc, 10);
        let typed = keywords(&doc);
        assert!(typed.iter().any(|k| k == "HẺ"), "{typed:?}");
        doc.ocr = Some(crate::read::Ocr {
            confidence: 80.0,
            pages: Vec::new(),
        });
        let scanned = keywords(&doc);
        assert!(!scanned.iter().any(|k| k == "HẺ"), "{scanned:?}");
        assert!(scanned.iter().any(|k| k == "tiêm chủng"), "{scanned:?}");
        assert!(speck("Ố") && !speck("ĐT") && !speck("UB") && !speck("ÁNH"));
    }

    #[test]
    fn a_phrase_cut_before_its_last_word_is_no_keyword() {
        // `hằng tháng` is not in the word lists: `tháng`, a stop word,
        // cuts the phrase after `hằng`.
        let text = "Tỉnh tăng trợ cấp hằng tháng cho người cao tuổi\n\n\
            Từ tháng 7, người cao tuổi được nhận trợ cấp hằng tháng cao hơn. \
            Mức trợ cấp hằng tháng tăng thêm 15 phần trăm so với năm trước. \
            Người đang hưởng trợ cấp hằng tháng không phải làm lại hồ sơ. \
            Ủy ban nhân dân xã chi trả trợ cấp hằng tháng cho người cao tuổi tại nhà.";
        rule_takes(text, 10, "trợ cấp hằng", "trợ cấp");
    }

    #[test]
    fn a_verb_cut_from_the_adjective_of_its_result_is_no_keyword() {
        // Written for this test. The treebank writes `nâng cao` as two
        // words, and `cao` is a stop word: the run stops after `nâng`.
        let text = "Giáo viên vùng cao được bồi dưỡng kỹ năng dạy học\n\n\
            Năm nay, giáo viên các trường vùng cao được bồi dưỡng nâng cao năng lực dạy học trực tuyến. \
            Sở mời chuyên gia về bồi dưỡng nâng cao năng lực cho giáo viên tiếng Anh. \
            Giáo viên sau khi được bồi dưỡng nâng cao chất lượng bài giảng rõ rệt. \
            Phụ huynh mong các lớp bồi dưỡng nâng cao năng lực được tổ chức hằng năm.";
        rule_takes(text, 10, "bồi dưỡng nâng", "bồi dưỡng");
    }

    #[test]
    fn a_piece_of_a_longer_name_is_no_keyword() {
        let text = "Tỉnh hỗ trợ người lao động đi làm việc ở nước ngoài\n\n\
            Bộ Lao động - Thương binh và Xã hội cấp giấy phép cho doanh nghiệp đưa người lao động đi làm việc ở nước ngoài. \
            Doanh nghiệp báo cáo Bộ Lao động - Thương binh và Xã hội mỗi năm. \
            Bộ Lao động - Thương binh và Xã hội thu hồi giấy phép của doanh nghiệp vi phạm. \
            Người lao động được hỗ trợ học nghề trước khi đi làm việc ở nước ngoài.";
        rule_takes(text, 10, "Thương binh", "giấy phép");
    }

    #[test]
    fn an_abbreviation_before_a_name_is_no_keyword_alone() {
        let text = "Mẹo soạn thảo nhanh trong bộ phần mềm văn phòng\n\n\
            MS Word có phím tắt để chèn bảng biểu nhanh. \
            Trong MS Excel, phím tắt giúp chèn bảng biểu và biểu đồ. \
            MS Word và MS Excel đều cho phép lưu phím tắt riêng. \
            Người dùng MS PowerPoint cũng dùng phím tắt để chèn bảng biểu.";
        rule_takes(text, 10, "MS", "phím tắt");
    }

    #[test]
    fn an_abbreviation_heading_lower_case_names_is_no_keyword_alone() {
        // Written for this test: `UBND` only ever heads the name of a
        // body of some level (`UBND tỉnh`, `UBND các huyện`, `UBND xã`).
        let text = "Tỉnh hướng dẫn các xã làm đường giao thông nông thôn\n\n\
            UBND tỉnh giao Sở Giao thông vận tải hướng dẫn các xã làm đường giao thông nông thôn. \
            UBND các huyện lập danh sách tuyến đường giao thông nông thôn cần làm trong năm. \
            UBND xã vận động người dân hiến đất làm đường giao thông nông thôn. \
            Chủ tịch UBND huyện kiểm tra tiến độ làm đường, UBND tỉnh khen thưởng xã làm tốt.";
        rule_takes(text, 10, "UBND", "giao thông nông thôn");
    }

    /// Written for this test: a title and a heading in capitals, whose
    /// words the text never writes in its sentences.
    #[test]
    fn words_seen_only_in_capitals_are_no_keywords() {
        let notice = "LƯU Ý: BÀ CON CẦN THEO DÕI BẢN TIN THỜI TIẾT TRÊN ĐÀI TRUYỀN THANH XÃ.";
        let text = format!(
            "LỊCH GIEO CẤY VỤ XUÂN\n\n\
            Xã hướng dẫn nông dân gieo cấy lúa xuân đúng khung thời vụ.\n\n{notice}\n\n\
            Nông dân gieo mạ từ ngày 20 tháng Giêng, cấy lúa xuân sau lập xuân. \
            Hợp tác xã cung ứng giống lúa xuân và phân bón cho nông dân. \
            Cán bộ khuyến nông kiểm tra mạ và lúa xuân trên đồng.\n\n{notice}\n\n\
            Hợp tác xã bán phân bón trả chậm cho nông dân gieo cấy lúa xuân."
        );
        // (`TRUYỀN THANH` is tagged a verb here, `THỜI TIẾT` a noun.)
        rule_takes(&text, 15, "THỜI TIẾT", "lúa xuân");
        rule_takes(&text, 10, "LỊCH", "lúa xuân");
        assert!(in_capitals("LỊCH LÀM VIỆC", &spans("LỊCH LÀM VIỆC")));
        assert!(!in_capitals("Mua TV LG OLED", &spans("Mua TV LG OLED")));
        assert!(!in_capitals("TV LG OLED", &spans("TV LG OLED")));
        for (f, h) in [
            ("LỊCH", true),
            ("LÀM VIỆC", true),
            ("VĐV", false),
            ("TP HCM", false),
            ("AI", false),
            ("Lịch", false),
        ] {
            assert_eq!(heading_form(f), h, "{f}");
        }
    }

    /// The words of `line`, split at spaces.
    fn spans(line: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut at = 0;
        for w in line.split(' ') {
            out.push(Span {
                start: at,
                end: at + w.len(),
            });
            at += w.len() + 1;
        }
        out
    }

    /// Written for this test: `AI` beside `ai` (who), a stop word.
    #[test]
    fn an_abbreviation_spelled_like_a_stop_word_is_a_keyword() {
        let text = "Ngân hàng dùng AI để chấm điểm tín dụng\n\n\
            Các ngân hàng dùng AI để chấm điểm tín dụng cho khách hàng. \
            Mô hình AI giúp phát hiện gian lận trong giao dịch thẻ. \
            Ai cũng có thể vay vốn nếu AI chấm điểm tín dụng đạt. \
            Chuyên gia cho rằng AI sẽ thay đổi ngành ngân hàng.";
        let kws = keywords_of(text, 5);
        assert!(kws.iter().any(|k| k == "AI"), "{kws:?}");
    }

    #[test]
    fn an_abbreviation_alone_or_before_a_date_stays_a_keyword() {
        // Written for this test: `BHXH` heads no name here (a verb, a
        // mark, a date follow it).
        let text = "Người lao động nhận lương hưu qua tài khoản\n\n\
            BHXH khuyến cáo người lao động mở tài khoản để nhận lương hưu. \
            Theo BHXH, nhận lương hưu qua tài khoản nhanh và an toàn. \
            Thông báo của BHXH ngày 3 tháng 10 nêu số người nhận lương hưu qua tài khoản tăng. \
            Cán bộ BHXH giúp người cao tuổi mở tài khoản.";
        let kws = keywords_of(text, 10);
        assert!(kws.iter().any(|k| k == "BHXH"), "{kws:?}");
    }

    #[test]
    fn identifiers_in_lines_of_code_are_no_keywords() {
        let text = "Thiết kế cơ sở dữ liệu cho hệ thống hỏi đáp\n\n\
            Hệ thống hỏi đáp lưu người dùng trong cơ sở dữ liệu. \
            user_id CHAR(36) PRIMARY KEY - Mã người dùng. \
            dept_id CHAR(36) PRIMARY KEY - Mã phòng ban. \
            doc_id CHAR(36) PRIMARY KEY - Mã tài liệu. \
            Cơ sở dữ liệu của hệ thống hỏi đáp có ba bảng chính.";
        // `CHAR` alone or in a phrase (`id CHAR`), as the tags make it.
        let (with, without) = with_and_without_rules(text, 10);
        let code = |k: &String| k.split(' ').any(|w| w == "CHAR");
        assert!(without.iter().any(code), "{without:?}");
        assert!(!with.iter().any(code), "{with:?}");
        assert!(with.iter().any(|k| k == "hệ thống hỏi đáp"), "{with:?}");
    }

    #[test]
    fn cells_of_a_table_row_are_no_keyword() {
        // Rows of a function-point table, their cells run into one line,
        // a blank line between rows (as a .doc reader gives them).
        let text = "Dự toán phần mềm quản lý công văn\n\n\
            Phần mềm quản lý công văn giúp văn thư làm việc nhanh hơn.\n\n\
            Văn thư thêm mới công văn đến Dữ liệu đầu vào Trung bình B\n\n\
            Văn thư xóa công văn đến Dữ liệu đầu vào Đơn giản B\n\n\
            Văn thư sửa công văn đến Dữ liệu đầu vào Trung bình B\n\n\
            Văn thư chuyển công văn đến Dữ liệu đầu vào Đơn giản B\n\n\
            Lãnh đạo giao công văn đến Dữ liệu đầu vào Trung bình B\n\n\
            Lãnh đạo duyệt công văn đi Dữ liệu đầu vào Trung bình B\n\n\
            Văn thư tìm công văn đến theo ngày Câu hỏi truy vấn Đơn giản B\n\n\
            Văn thư tìm công văn đi theo số Câu hỏi truy vấn Đơn giản B\n\n\
            Lãnh đạo xem công văn đến Câu hỏi truy vấn Đơn giản B\n\n\
            Lãnh đạo xem công văn đi Câu hỏi truy vấn Đơn giản B\n\n\
            Phần mềm quản lý công văn được dùng ở mọi phòng ban.";
        let (with, without) = with_and_without_rules(text, 10);
        let cell = |k: &String| {
            let k = k.to_lowercase();
            k.contains("dữ liệu đầu vào") || k.contains("truy vấn đơn giản")
        };
        assert!(without.iter().any(cell), "{without:?}");
        assert!(!with.iter().any(cell), "{with:?}");
        assert!(with.iter().any(|k| k == "phần mềm quản lý"), "{with:?}");
    }

    /// Written for these tests.
    const DIGITAL: &str = "Tỉnh đẩy mạnh chuyển đổi số trong cơ quan nhà nước\n\n\
        Năm nay, tỉnh đẩy mạnh chuyển đổi số trong các cơ quan nhà nước. \
        Sở Thông tin và Truyền thông hướng dẫn các huyện chuyển đổi số. \
        Người dân được hướng dẫn dùng dịch vụ công trực tuyến trên điện thoại. \
        Nhiều xã đã chuyển đổi số thành công, dịch vụ công trực tuyến được dùng nhiều hơn.";

    /// The keywords of `text` with `opts`, through the engine.
    fn keywords_with(text: &str, opts: &Options) -> Vec<String> {
        let engine = crate::Engine::new();
        let doc = engine.document(text, None);
        let s = engine.summarize(&[doc], opts).expect("a summary");
        s.keywords.into_iter().map(|k| k.text).collect()
    }

    fn terms(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    /// Written for this test: `ở`, a stop word, cuts the term.
    const HOUSING: &str = "Tỉnh xây thêm nhà ở xã hội cho công nhân\n\n\
        Năm nay, tỉnh xây thêm nhà ở xã hội cho công nhân khu công nghiệp. \
        Sở Xây dựng hướng dẫn thủ tục mua nhà ở xã hội. \
        Người lao động được vay ưu đãi để mua nhà ở xã hội. \
        Nhiều dự án nhà ở xã hội đã khởi công.";

    #[test]
    fn a_user_term_is_kept_whole() {
        let plain = keywords_with(HOUSING, &Options::default());
        assert!(
            !plain.iter().any(|k| k == "nhà ở xã hội"),
            "without the term it must be cut for this test: {plain:?}"
        );
        let opts = Options {
            dict: terms(&["nhà ở xã hội"]),
            ..Options::default()
        };
        let kws = keywords_with(HOUSING, &opts);
        assert_eq!(
            kws.first().map(String::as_str),
            Some("nhà ở xã hội"),
            "{kws:?}"
        );
        // Same input, same terms: same output.
        assert_eq!(keywords_with(HOUSING, &opts), kws);
    }

    #[test]
    fn an_excluded_term_is_no_keyword_nor_in_one() {
        let plain = keywords_with(DIGITAL, &Options::default());
        let first = plain[0].clone();
        let opts = Options {
            exclude: vec![first.to_uppercase()],
            ..Options::default()
        };
        let kws = keywords_with(DIGITAL, &opts);
        let key = crate::vi::canonical(&first);
        for k in &kws {
            let k = format!(" {} ", crate::vi::canonical(k));
            assert!(!k.contains(&format!(" {key} ")), "{first} in {k}: {kws:?}");
        }
        // The list is still full: the others move up.
        assert_eq!(kws.len(), plain.len(), "{kws:?}");
        // The others move up: each keyword apart from the excluded one
        // ranks as high as before or higher.
        for (i, k) in plain.iter().enumerate() {
            if key.contains(&crate::vi::canonical(k)) {
                continue;
            }
            if let Some(j) = kws.iter().position(|x| x == k) {
                assert!(j <= i, "{k}: {kws:?} against {plain:?}");
            }
        }
        assert!(kws.contains(&plain[2]), "{kws:?}");
    }

    #[test]
    fn boosted_terms_come_first_even_a_stop_word() {
        let all = keywords_with(
            DIGITAL,
            &Options {
                keywords: 30,
                ..Options::default()
            },
        );
        assert!(all.len() > 8, "{all:?}");
        let low = all[7].clone();
        let top3 = |boost: &[&str]| {
            keywords_with(
                DIGITAL,
                &Options {
                    keywords: 3,
                    boost: terms(boost),
                    ..Options::default()
                },
            )
        };
        assert!(!top3(&[]).contains(&low));
        assert_eq!(top3(&[&low])[0], low, "{:?}", top3(&[&low]));
        // A stop word is never a keyword, unless boosted.
        assert!(!all.iter().any(|k| k == "được"), "{all:?}");
        let boosted = keywords_with(
            DIGITAL,
            &Options {
                keywords: 30,
                boost: terms(&["được"]),
                ..Options::default()
            },
        );
        assert!(boosted.iter().any(|k| k == "được"), "{boosted:?}");
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

    /// Written for this test: `Anh` and `Bộ` are stop words, capitalized
    /// here inside names.
    #[test]
    fn a_capitalized_stop_word_stays_inside_a_name() {
        let text = "Tỉnh tuyển thêm giáo viên tiếng Anh cho trường vùng cao\n\n\
            Năm học tới, tỉnh tuyển thêm 40 giáo viên tiếng Anh cho các trường vùng cao. \
            Mỗi giáo viên tiếng Anh được hỗ trợ tiền nhà ở theo hướng dẫn của Bộ Công an và sở. \
            Các trường thiếu giáo viên tiếng Anh được ưu tiên. \
            Theo Điều 5 của quy chế, Bộ Công an phối hợp kiểm tra hồ sơ; Điều 5 cũng nêu thời hạn.";
        let kws = keywords_of(text, 10);
        assert!(kws.iter().any(|k| k == "giáo viên tiếng Anh"), "{kws:?}");
        assert!(!kws.iter().any(|k| k == "giáo viên tiếng"), "{kws:?}");
        assert!(kws.iter().any(|k| k == "Bộ Công an"), "{kws:?}");
        // A word of a document's structure is no piece of a name.
        assert!(!kws.iter().any(|k| k.contains("Điều")), "{kws:?}");
    }

    /// Written for this test.
    #[test]
    fn a_name_joined_by_an_ampersand_is_not_cut_there() {
        let text = "Sở GD&ĐT công bố môn thi thứ ba vào lớp 10\n\n\
            Sở GD&ĐT vừa công bố môn thi thứ ba của kỳ thi tuyển sinh vào lớp 10. \
            Theo Sở GD&ĐT, thí sinh thi ngoại ngữ vào buổi chiều. \
            Lãnh đạo Sở GD&ĐT cho biết đề thi ngoại ngữ bám sát chương trình.";
        let kws = keywords_of(text, 10);
        for bad in ["GD", "ĐT", "Sở GD"] {
            assert!(!kws.iter().any(|k| k == bad), "{bad}: {kws:?}");
        }
        assert!(kws.iter().any(|k| k == "ngoại ngữ"), "{kws:?}");
    }

    /// Written for this test: a city's dotted abbreviation, beside
    /// addresses.
    #[test]
    fn a_dotted_abbreviation_is_a_keyword_an_address_is_not() {
        let text = "Giá thịt heo tăng ở TP.HCM\n\n\
            Tại TP.HCM, giá thịt heo tăng mạnh. Người dân TP.HCM lo lắng. \
            Các chợ ở TP.HCM vẫn đông. Xem giá tại giaca.vn hoặc thitheo.com, \
            bảng giá ở thitheo.com cập nhật hằng ngày theo giaca.vn.";
        let kws = keywords_of(text, 10);
        assert!(kws.iter().any(|k| k == "TP.HCM"), "{kws:?}");
        assert!(
            !kws.iter().any(|k| k.contains(".com") || k.contains(".vn")),
            "{kws:?}"
        );
    }

    /// Written for this test: `điểm` and `nhà` are stop words (a legal
    /// reference's `điểm a`, a classifier's `nhà`), nouns here.
    #[test]
    fn a_stop_word_tagged_a_noun_stays_inside_a_phrase() {
        let text = "Trường sửa điểm thi của học sinh lớp 12\n\n\
            Nhà trường đã sửa điểm thi của 126 học sinh lớp 12. \
            Sở Giáo dục yêu cầu kiểm tra lại điểm thi của từng em. \
            Phụ huynh lo lắng khi điểm thi bị sửa. \
            Giáo viên cho biết việc sửa điểm thi là sai sót khi nhập liệu.";
        let kws = keywords_of(text, 10);
        assert!(kws.iter().any(|k| k.contains("điểm thi")), "{kws:?}");
        // Before a verb, a stop word is no noun of the phrase.
        assert!(!kws.iter().any(|k| k.contains("khi")), "{kws:?}");
        // The treebank tags `thi` of `điểm thi` a verb: a stop word heads
        // a verb that follows it in most of its uses, not one of the many
        // verbs a clause opened by `khi` has.
        let text = "Trẻ em ngủ muộn và điểm thi của học sinh\n\n\
            Nhà trường đã sửa điểm thi của 126 học sinh lớp 12. \
            Phụ huynh lo lắng khi điểm thi bị sửa. \
            Trẻ thường khóc khi ngủ một mình. Nhiều em nói mơ khi ngủ say. \
            Cha mẹ nên ở bên khi con thức dậy. \
            Giáo viên nhắc khi học bài cần tập trung, khi làm bài cần cẩn thận. \
            Học sinh mệt khi thi xong. \
            Giáo viên cho biết việc sửa điểm thi là sai sót khi nhập liệu.";
        let kws = keywords_of(text, 10);
        assert!(kws.iter().any(|k| k == "điểm thi"), "{kws:?}");
        assert!(!kws.iter().any(|k| k.contains("khi")), "{kws:?}");
    }

    /// Written for this test: `đối với` (tagged a preposition) after a
    /// noun phrase, before another.
    #[test]
    fn a_preposition_ends_no_keyword() {
        let text = "Khảo sát ý kiến khách hàng về nước sạch\n\n\
            Công ty khảo sát ý kiến khách hàng đối với chất lượng nước sạch. \
            Trách nhiệm của khách hàng đối với đồng hồ nước được nêu rõ. \
            Mức hài lòng của khách hàng đối với nhân viên thu tiền tăng. \
            Khách hàng đối với công ty là người quyết định. \
            Phiếu khảo sát gửi tới khách hàng đối với từng khu phố.";
        let kws = keywords_of(text, 10);
        assert!(kws.iter().any(|k| k == "khách hàng"), "{kws:?}");
        assert!(!kws.iter().any(|k| k.ends_with("đối với")), "{kws:?}");
    }

    /// Written for this test: a subject and its verb (`NSD chọn`, the
    /// object changing), and two verbs whose object follows
    /// (`hướng dẫn lập | sổ`).
    #[test]
    fn a_clause_is_no_keyword() {
        let text = "Hướng dẫn sử dụng phần mềm văn thư\n\n\
            Trên màn hình danh sách, NSD chọn văn bản cần xử lý. \
            Tiếp theo NSD chọn người nhận trong danh sách cán bộ. \
            Khi cần sửa, NSD chọn nút Sửa ở cuối trang. \
            Để xoá, NSD chọn biểu tượng thùng rác. \
            Sau đó NSD chọn văn bản đã xử lý để lưu trữ. \
            Cuối cùng NSD chọn thư mục lưu trữ.";
        let kws = keywords_of(text, 10);
        assert!(kws.iter().any(|k| k == "NSD"), "{kws:?}");
        assert!(!kws.iter().any(|k| k.contains("chọn")), "{kws:?}");
        let text = "Nông dân chọn giống lúa chịu mặn\n\n\
            Năm nay anh Hoàng Hải chọn giống lúa chịu mặn cho vụ đông xuân. \
            Sau ba vụ thử, Hoàng Hải chọn giống lúa ST25 vì hạt gạo thơm. \
            Hàng xóm thấy Hoàng Hải chọn giống lúa tốt nên làm theo. \
            Cuối vụ, Hoàng Hải chọn phân bón hữu cơ cho ruộng lúa. \
            Cán bộ khuyến nông hướng dẫn lập sổ ghi chép cho từng thửa ruộng. \
            Hợp tác xã hướng dẫn lập kế hoạch gieo cấy. \
            Xã viên được hướng dẫn lập hồ sơ vay vốn. \
            Tổ khuyến nông khảo sát phục vụ lập Báo cáo mùa vụ. \
            Đoàn cán bộ khảo sát phục vụ lập Đề án chuyển đổi cây trồng.";
        let kws = keywords_of(text, 10);
        assert!(kws.iter().any(|k| k == "lúa chịu mặn"), "{kws:?}");
        let kws = keywords_of(text, 20);
        assert!(!kws.iter().any(|k| k.ends_with("lập")), "{kws:?}");
    }

    /// Written for this test: `Trung tâm` before the rest of each name
    /// it heads.
    #[test]
    fn the_head_of_a_name_alone_is_no_keyword() {
        let text = "Trung tâm Y tế huyện tiêm vắc xin cho trẻ em\n\n\
            Trung tâm Y tế huyện Đông Anh tổ chức tiêm vắc xin sởi cho trẻ em. \
            Theo Trung tâm Kiểm soát bệnh tật thành phố, tỷ lệ tiêm vắc xin sởi còn thấp. \
            Trung tâm Y tế đã chuẩn bị đủ vắc xin cho các trạm y tế xã. \
            Trẻ em chưa tiêm được Trung tâm Y tế mời tới trạm y tế gần nhà. \
            Phụ huynh đưa trẻ tới Trung tâm Y tế huyện để tiêm mũi nhắc lại.";
        let kws = keywords_of(text, 10);
        assert!(kws.iter().any(|k| k == "Trung tâm Y tế"), "{kws:?}");
        assert!(!kws.iter().any(|k| k == "Trung tâm"), "{kws:?}");
    }

    /// Written for this test: a verb before a quantity.
    #[test]
    fn a_verb_before_a_figure_ends_no_keyword() {
        let text = "Cháy nhà trọ khiến 3 người bị thương\n\n\
            Vụ cháy nhà trọ khiến 3 người bị thương nặng. \
            Lực lượng cứu hỏa cho biết đám cháy khiến 3 phòng trọ bị thiêu rụi. \
            Trước đó, một vụ cháy khiến 2 người bị thương ở khu trọ gần đó. \
            Cảnh sát phòng cháy khuyến cáo người dân kiểm tra đường điện.";
        let kws = keywords_of(text, 10);
        assert!(
            !kws.iter()
                .any(|k| k.ends_with("khiến 3") || k.ends_with("khiến")),
            "{kws:?}"
        );
    }

    /// Written for this test: a textbook's outline, each chapter closed by
    /// its exercises.
    #[test]
    fn a_label_before_its_number_ends_no_keyword() {
        let text = "Giáo trình kinh tế vi mô\n\n\
            Giáo trình gồm năm chương, mỗi chương có bài tập ôn tập.\n\
            Chương 1. Cung và cầu\n\
            Bài tập ôn tập chương 1\n\
            Chương 2. Hành vi người tiêu dùng\n\
            Bài tập ôn tập chương 2\n\
            Chương 3. Chi phí sản xuất\n\
            Bài tập ôn tập chương 3\n\
            Người học làm bài tập ôn tập sau khi đọc giáo trình.";
        let kws = keywords_of(text, 10);
        assert!(!kws.iter().any(|k| k.ends_with("chương")), "{kws:?}");
        assert!(kws.iter().any(|k| k == "bài tập ôn tập"), "{kws:?}");
    }

    /// Written for this test: headings run into their first clause, as a
    /// law's text reads once its lines are joined.
    #[test]
    fn a_clause_number_does_not_name_a_common_keyword() {
        let text = "Luật sửa đổi một số điều về bảo hiểm y tế\n\n\
            Điều 9. Cơ quan thực hiện bảo hiểm y tế 1. Cơ quan bảo hiểm xã hội thực hiện chế độ bảo hiểm y tế. \
            Điều 10. Kiểm toán quỹ bảo hiểm y tế 1. Kiểm toán nhà nước kiểm toán quỹ bảo hiểm y tế ba năm một lần. \
            Điều 12. Đối tượng tham gia bảo hiểm y tế 1. Người lao động tham gia bảo hiểm y tế theo hợp đồng. \
            Quỹ bảo hiểm y tế được quản lý tập trung, thống nhất. \
            Người tham gia bảo hiểm y tế được cấp thẻ bảo hiểm y tế.";
        let kws = keywords_of(text, 10);
        assert!(kws.iter().any(|k| k == "bảo hiểm y tế"), "{kws:?}");
        assert!(!kws.iter().any(|k| k == "bảo hiểm y tế 1"), "{kws:?}");
    }

    /// Written for this test: `giá vàng` overlaps `vàng miếng SJC`, which
    /// the title puts first, and is seen more often than it.
    #[test]
    fn an_overlapping_phrase_seen_more_often_is_a_keyword() {
        let text = "Giá vàng miếng SJC giảm mạnh\n\n\
            Sáng nay, vàng miếng SJC giảm 2 triệu đồng mỗi lượng. Giá vàng nhẫn cũng giảm theo. \
            Các nhà phân tích cho rằng giá vàng thế giới biến động mạnh. \
            Ngân hàng dự báo giá vàng sẽ tăng vào cuối năm. \
            Nhiều người vẫn xếp hàng mua vàng miếng SJC. \
            Giá vàng trong nước cao hơn giá vàng thế giới.";
        let kws = keywords_of(text, 10);
        let at = |w: &str| kws.iter().position(|k| k == w);
        assert!(at("vàng miếng SJC").is_some(), "{kws:?}");
        assert!(at("giá vàng").is_some(), "{kws:?}");
    }

    /// Written for this test: names that a single letter and a hyphen
    /// start.
    #[test]
    fn a_name_hyphened_after_a_letter_is_one_keyword() {
        let text = "V-League trở lại sau kỳ nghỉ\n\n\
            Sau kỳ nghỉ, V-League trở lại với vòng 12. \
            Các đội V-League đã tập luyện ở Hà Nội. \
            Nhiều cầu thủ V-League mê K-pop, và K-pop vang lên trên sân. \
            Ban tổ chức V-League bán vé trực tuyến.";
        let kws = keywords_of(text, 10);
        assert!(kws.iter().any(|k| k == "V-League"), "{kws:?}");
        assert!(kws.iter().any(|k| k == "K-pop"), "{kws:?}");
        assert!(!kws.iter().any(|k| k == "League" || k == "pop"), "{kws:?}");
    }

    /// A phrase that shares a word with a chosen one repeats it, unless
    /// it goes on where the chosen one ends and is seen more often.
    #[test]
    fn a_shifted_phrase_seen_more_often_does_not_repeat() {
        let cand = |ids: &[u32], count: usize| {
            let mut padded = [u32::MAX; MAX_PHRASE_WORDS];
            padded[..ids.len()].copy_from_slice(ids);
            Candidate {
                ids: padded,
                len: ids.len(),
                score: 1.0,
                count,
                phrase: Some(0),
                boosted: false,
                weak: false,
            }
        };
        // vàng miếng SJC, chosen; giá vàng, seen more often.
        let chosen = cand(&[1, 2, 3], 3);
        assert!(!repeats(&chosen, &cand(&[0, 1], 14)));
        assert!(repeats(&chosen, &cand(&[0, 1], 3)));
        // thanh tra nhân dân, chosen; Ủy ban nhân dân cấp shares its
        // last word in its middle: seen more often, it still repeats.
        let chosen = cand(&[5, 6], 10);
        assert!(repeats(&chosen, &cand(&[7, 6, 8], 12)));
        assert!(shifted(&[1, 2, 3], &[0, 1]) && !shifted(&[5, 6], &[7, 6, 8]));
    }

    /// Written for this test: a figure before its unit is a quantity.
    #[test]
    fn a_figure_before_its_unit_names_nothing() {
        let text = "Bé 3 tuổi bị rết biển cắn\n\n\
            Bé 3 tuổi bị rết biển cắn ở Vũng Tàu. Gia đình đưa bé 3 tuổi vào viện. \
            Bác sĩ nói bé 3 tuổi đã qua cơn nguy kịch. Rết biển rất độc.";
        let kws = keywords_of(text, 10);
        assert!(!kws.iter().any(|k| k.ends_with(" 3")), "{kws:?}");
        assert!(
            kws.iter().any(|k| k == "rết biển cắn" || k == "rết biển"),
            "{kws:?}"
        );
    }

    /// Written for this test: a name seen mostly alone, and two of its
    /// models.
    #[test]
    fn a_name_keeps_its_place_beside_its_models() {
        let text = "Nên mua iPhone nào dịp Tết\n\n\
            Nhiều người muốn đổi iPhone dịp Tết. Giá bán iPhone giảm mạnh sau Tết. \
            Theo các cửa hàng, iPhone 16 giảm 3 triệu đồng, iPhone 17 giữ giá. \
            Người mua iPhone nên xem dung lượng pin trước khi chọn. \
            iPhone 16 có camera tốt, còn iPhone 17 có màn hình sáng hơn. \
            Cửa hàng bán iPhone chính hãng vẫn đông khách, nhất là iPhone 16. \
            Ai dùng iPhone lâu năm thường chọn iPhone 17.";
        let kws = keywords_of(text, 15);
        for k in ["iPhone", "iPhone 16", "iPhone 17"] {
            assert!(kws.iter().any(|x| x == k), "{k}: {kws:?}");
        }
    }

    /// Written for this test: a name that shows with a number, a series.
    #[test]
    fn a_series_shows_with_its_number() {
        let text = "Huấn luyện robot theo hai giai đoạn\n\n\
            Mô hình được huấn luyện qua Stage 1 và Stage 2. \
            Ở Stage 1, robot học cách tránh vật cản trong phòng thí nghiệm. \
            Ở Stage 2, robot học đi theo người trong phòng thí nghiệm. \
            Stage 1 dùng dữ liệu mô phỏng, Stage 2 dùng dữ liệu thật. \
            Kết quả của Stage 2 tốt hơn Stage 1. Mỗi Stage chạy một ngày.";
        let kws = keywords_of(text, 10);
        assert!(kws.iter().any(|x| x.starts_with("Stage ")), "{kws:?}");
        assert!(!kws.iter().any(|x| x == "Stage"), "{kws:?}");
    }

    /// Written for this test: a field named by `và`, seen in a name too,
    /// and two groups joined by `và`, never in a name.
    #[test]
    fn a_term_joined_by_and_is_kept_whole_when_a_name_fixes_it() {
        let text = "Chỉ thị về đẩy mạnh hoạt động khoa học và công nghệ\n\n\
            Ủy ban nhân dân tỉnh chỉ thị đẩy mạnh hoạt động khoa học và công nghệ ở cơ sở. \
            Sở Khoa học và Công nghệ hướng dẫn các huyện lập kế hoạch khoa học và công nghệ. \
            Các huyện bố trí kinh phí cho khoa học và công nghệ hằng năm. \
            Giáo viên và học sinh được mời dự hội thảo, giáo viên và học sinh được khen thưởng. \
            Sở Khoa học và Công nghệ báo cáo kết quả vào cuối năm.";
        let kws = keywords_of(text, 10);
        assert!(kws.iter().any(|k| k == "khoa học và công nghệ"), "{kws:?}");
        assert!(
            !kws.iter()
                .any(|k| k.contains("học sinh và") || k.contains("viên và")),
            "{kws:?}"
        );
        assert!(
            !kws.iter()
                .any(|k| k.ends_with(" và") || k.starts_with("và ")),
            "{kws:?}"
        );
    }

    /// Written for this test: models named by a figure and a word after it.
    #[test]
    fn a_model_name_goes_on_past_its_number() {
        let text = "Boeing 737 MAX trở lại bầu trời\n\n\
            Hãng bay nhận thêm hai chiếc Boeing 737 MAX trong tháng này. \
            Boeing 737 MAX từng bị cấm bay sau hai tai nạn. \
            Các phi công được huấn luyện lại trước khi lái Boeing 737 MAX. \
            Hành khách vẫn hỏi về độ an toàn của Boeing 737 MAX.";
        let kws = keywords_of(text, 10);
        assert!(kws.iter().any(|k| k == "Boeing 737 MAX"), "{kws:?}");
        // A quantity is still no part of a name.
        assert!(!kws.iter().any(|k| k.contains("hai")), "{kws:?}");
    }

    /// Written for this test: a ministry named in full, its first part a
    /// keyword without the rule.
    #[test]
    fn the_first_part_of_a_name_joined_by_and_is_no_keyword() {
        let text = "Bộ Thông tin và Truyền thông hướng dẫn chuyển đổi số\n\n\
            Bộ Thông tin và Truyền thông vừa ban hành hướng dẫn chuyển đổi số cho các tỉnh. \
            Theo Bộ Thông tin và Truyền thông, các tỉnh cần số hóa hồ sơ trước cuối năm. \
            Sở Thông tin và Truyền thông các tỉnh báo cáo tiến độ số hóa hồ sơ. \
            Bộ Thông tin và Truyền thông sẽ kiểm tra kết quả chuyển đổi số.";
        let (with, without) = with_and_without_rules(text, 10);
        let part = |k: &String| k.ends_with("Thông tin");
        assert!(without.iter().any(part), "{without:?}");
        assert!(!with.iter().any(part), "{with:?}");
        assert!(with.iter().any(|k| k == "chuyển đổi số"), "{with:?}");
    }

    /// Written for this test: `mua xe, bán xe cũ`, two verbs sharing
    /// their object across a comma, which cuts the run of words.
    #[test]
    fn a_piece_of_two_verbs_sharing_an_object_is_no_keyword() {
        let text = "Cửa hàng mua xe, bán xe cũ đông khách cuối năm\n\n\
            Các cửa hàng mua xe, bán xe cũ ở Hà Nội đông khách dịp cuối năm. \
            Chủ cửa hàng mua xe, bán xe cũ cho biết giá xe máy tăng nhẹ. \
            Nhiều cửa hàng mua xe, bán xe cũ mở thêm chi nhánh ở ngoại thành. \
            Khách tới cửa hàng mua xe, bán xe cũ thường hỏi giá xe máy trước. \
            Người dân nên kiểm tra giấy tờ xe máy khi mua.";
        let kws = keywords_of(text, 20);
        assert!(kws.iter().any(|k| k == "cửa hàng"), "{kws:?}");
        assert!(
            !kws.iter()
                .any(|k| k.ends_with("mua xe") || k.ends_with("mua") || k.starts_with("bán")),
            "{kws:?}"
        );
    }

    /// Written for this test: a form's fields, each before a colon at the
    /// start of its line.
    #[test]
    fn a_label_before_a_colon_is_no_keyword() {
        let text = "Phiếu đăng ký tham gia hội thao công nhân\n\n\
            Người đăng ký: Trần Văn Bình\nĐơn vị công tác: Phân xưởng cơ khí\nMôn thi đấu: Kéo co\n\
            Người đăng ký: Lê Thị Hoa\nĐơn vị công tác: Phân xưởng dệt\nMôn thi đấu: Cầu lông\n\
            Người đăng ký: Phạm Văn Tú\nĐơn vị công tác: Tổ bảo vệ\nMôn thi đấu: Bóng bàn\n\
            Hội thao công nhân năm nay có kéo co, cầu lông và bóng bàn. \
            Công đoàn khuyến khích công nhân các phân xưởng tham gia hội thao.";
        let kws = keywords_of(text, 20);
        assert!(kws.iter().any(|k| k == "hội thao công nhân"), "{kws:?}");
        assert!(!kws.iter().any(|k| k == "môn thi đấu"), "{kws:?}");
    }

    /// Written for this test: two verbs before `văn bản`, a stop word
    /// that is a noun, their object.
    #[test]
    fn two_verbs_before_a_stop_noun_are_a_clause() {
        let text = "Phòng tư pháp hướng dẫn soạn văn bản hợp đồng\n\n\
            Cán bộ tư pháp hướng dẫn soạn văn bản hợp đồng mua bán đất cho người dân. \
            Người dân được hướng dẫn soạn văn bản ủy quyền miễn phí. \
            Phòng tư pháp hướng dẫn soạn văn bản thỏa thuận chia tài sản. \
            Mỗi tuần phòng tư pháp tiếp 30 người dân.";
        let kws = keywords_of(text, 20);
        assert!(kws.iter().any(|k| k == "hợp đồng"), "{kws:?}");
        assert!(!kws.iter().any(|k| k.ends_with(" soạn")), "{kws:?}");
    }

    /// Written for this test: `trên địa bàn huyện`, and a department
    /// called `Sở` alone after its first mention.
    #[test]
    fn a_frame_noun_and_a_head_noun_alone_are_no_keywords() {
        let text = "Huyện Yên Lạc tăng cường phòng chống dịch sốt xuất huyết\n\n\
            Trên địa bàn huyện Yên Lạc đã ghi nhận 40 ca sốt xuất huyết. \
            Trung tâm Y tế huyện phun thuốc diệt muỗi trên địa bàn huyện Yên Lạc. \
            Các xã trên địa bàn huyện Yên Lạc ra quân diệt lăng quăng. \
            Người dân trên địa bàn huyện Yên Lạc được khuyến cáo ngủ màn. \
            Dịch sốt xuất huyết thường tăng vào mùa mưa.";
        let kws = keywords_of(text, 20);
        assert!(kws.iter().any(|k| k == "Yên Lạc"), "{kws:?}");
        assert!(!kws.iter().any(|k| k.starts_with("địa bàn")), "{kws:?}");
        let text = "Sở Giao thông vận tải công bố kế hoạch sửa đường\n\n\
            Năm nay Sở sửa 40 km đường tỉnh. \
            Lãnh đạo Sở cho biết kinh phí sửa đường lấy từ ngân sách tỉnh. \
            Sở đã gửi kế hoạch sửa đường tới các huyện. \
            Theo Sở, các tuyến đường xuống cấp sẽ được sửa trước mùa mưa. \
            Sở cũng lập đường dây nóng nhận phản ánh của người dân. \
            Người dân phản ánh qua đường dây nóng của Sở.";
        let kws = keywords_of(text, 20);
        assert!(kws.iter().any(|k| k == "đường dây nóng"), "{kws:?}");
        assert!(!kws.iter().any(|k| k == "Sở"), "{kws:?}");
    }

    /// Written for this test: a title, its country and the person's
    /// name, which the segmenter keeps apart.
    #[test]
    fn two_names_side_by_side_are_no_keyword() {
        let text = "Tổng thống Pháp Emmanuel Macron thăm Hà Nội\n\n\
            Tổng thống Pháp Emmanuel Macron tới Hà Nội chiều qua. \
            Trong chuyến thăm, Tổng thống Pháp Emmanuel Macron gặp lãnh đạo Việt Nam \
            bàn về hợp tác năng lượng. \
            Tổng thống Pháp Emmanuel Macron cũng thăm một trường đại học. \
            Hai bên ký thỏa thuận hợp tác năng lượng sạch.";
        let kws = keywords_of(text, 10);
        assert!(kws.iter().any(|k| k == "Emmanuel Macron"), "{kws:?}");
        assert!(!kws.iter().any(|k| k.contains("Pháp Emmanuel")), "{kws:?}");
    }

    /// Written for this test: a scan's specks read as short words once
    /// (`XS`, `ev`), and a syllable of a name cut at a line's end.
    #[test]
    fn a_syllable_of_a_scan_seen_once_is_no_keyword() {
        let text = "Thông báo lịch tiêm chủng mở rộng\n\n\
            Trạm y tế xã tổ chức tiêm chủng mở rộng cho trẻ em vào sáng thứ bảy. \
            Phụ huynh mang sổ tiêm chủng khi đưa trẻ đến trạm y tế. \
            Trạm y tế nhắc phụ huynh theo dõi trẻ sau tiêm chủng.\n\n\
            XS Quỳnh ev";
        let engine = crate::Engine::new();
        let mut doc = engine.document(text, None);
        let keywords = |doc: &Document| keywords_of_doc(&engine, doc, 20);
        let speck = |k: &String| k == "XS" || k == "Quỳnh" || k == "ev";
        let typed = keywords(&doc);
        assert!(typed.iter().any(speck), "{typed:?}");
        doc.ocr = Some(crate::read::Ocr {
            confidence: 80.0,
            pages: Vec::new(),
        });
        let scanned = keywords(&doc);
        assert!(!scanned.iter().any(speck), "{scanned:?}");
        assert!(scanned.iter().any(|k| k == "trạm y tế"), "{scanned:?}");
    }
}
