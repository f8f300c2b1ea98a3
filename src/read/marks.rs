//! Tone and vowel marks that OCR misread, put back from the syllables
//! around them.
//!
//! Tesseract reads the letters of a Vietnamese scan far better than their
//! marks: `tô chức` for `tổ chức`, `Giáo đục` for `Giáo dục`, `đoanh nghiệp`
//! for `doanh nghiệp`, `bán đầu giá` for `bán đấu giá`. Each syllable of
//! the text read may stand for any syllable of the same letters with other
//! marks (`d` and `đ` counted as one letter); the reading kept is the
//! likeliest sequence under a model of which syllable follows which in
//! news (a bigram model, `BUILTIN`), against a fixed cost for every mark
//! changed (`CHANGE`, higher for a capitalized word inside a line,
//! `CHANGE_NAME`, which is most often a name). A syllable that reads well
//! beside its neighbours stays as it is, and a word that is no Vietnamese
//! syllable (a foreign word, a code) has no other reading.
//!
//! The text a scanner's own OCR put in a pdf is left as it is: only the
//! text Tesseract reads here goes through this (`ocr.rs`).

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::vi;

/// The syllable model, built by `make ocr-pairs` from the articles of
/// `../shared/data/vietnews/train.jsonl` (`examples/ocr-pairs.rs`):
/// statistics only, no sentence.
///
/// Layout (little endian): `TMSP1\n`, the number of syllables (u32), the
/// syllables in key order, each ended by `\n`, each one's count (u32); the
/// number of pairs (u32) and the pairs in order, each the two syllables'
/// numbers (u16 each) and the pair's count (u16, at most 65,535). The
/// first three "syllables" are `0`, which stands for any figure, and `^`
/// and `$`, the start and the end of a run of words (a stop, a comma or
/// a bracket ends one): `dụng` seldom starts one, `đúng` often does.
pub(crate) static BUILTIN: &[u8] = include_bytes!("../data/ocr-pairs.bin");

const MAGIC: &[u8] = b"TMSP1\n";

/// A syllable goes in the model when the articles have it this often, and
/// a pair of syllables when they have the pair this often.
#[cfg(any(test, feature = "train"))]
const MIN_SYLLABLE: u32 = 3;
#[cfg(any(test, feature = "train"))]
const MIN_PAIR: u32 = 3;

/// The cost of changing a syllable's marks, in natural log units: a
/// reading must be about e¹² ≈ 160,000 times likelier than the one read.
/// Measured on the 30 pages of `make eval-ocr` (drawn from DEV news, read
/// well: 0.94 % of syllables wrong) and by reading the changes on four
/// real scans: at 6 the clean pages lose (SER 0.94 → 1.12 %), at 12 they
/// hold (0.93 %) while most changes on the scans remain, and are right.
const CHANGE: f64 = 12.0;

/// How many times a pair of syllables inside a word of the word lists
/// counts, beside the articles' pairs: enough to be kept
/// ([`MIN_PAIR`]).
#[cfg(any(test, feature = "train"))]
const DICT_PAIR: u32 = 5;

/// The cost for a capitalized word inside a run (`Mục 3.1`, `Đông Nai`):
/// most are names, which the news may not have.
const CHANGE_NAME: f64 = 16.0;

/// How much an unseen pair leans on how common its second syllable is
/// (additive smoothing towards the syllable's own frequency).
const SMOOTHING: f64 = 50.0;

/// A run longer than this is decoded in pieces of this many syllables.
const MAX_RUN: usize = 400;

/// The model's first keys: a figure, the start and the end of a run.
const SPECIAL: [&str; 3] = ["0", "^", "$"];
const START: u16 = 1;
const END: u16 = 2;

struct Model {
    /// Syllable key → its number.
    ids: HashMap<Box<str>, u16>,
    /// Each syllable's count.
    counts: Vec<u32>,
    /// Syllables of the same letters (marks taken off) → their numbers.
    groups: HashMap<Box<str>, Vec<u16>>,
    /// Each syllable's key, by number.
    keys: Vec<Box<str>>,
    /// `(a, b)` → how often `b` follows `a`.
    pairs: HashMap<(u16, u16), u16>,
    total: f64,
}

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| Model::from_bytes(BUILTIN).expect("src/data/ocr-pairs.bin is malformed"))
}

impl Model {
    fn from_bytes(b: &[u8]) -> Option<Model> {
        let mut at = MAGIC.len();
        if !b.starts_with(MAGIC) {
            return None;
        }
        let u32_at = |at: &mut usize| -> Option<u32> {
            let v = u32::from_le_bytes(b.get(*at..*at + 4)?.try_into().ok()?);
            *at += 4;
            Some(v)
        };
        let n = u32_at(&mut at)? as usize;
        let mut keys = Vec::with_capacity(n);
        for _ in 0..n {
            let end = at + b.get(at..)?.iter().position(|&c| c == b'\n')?;
            keys.push(Box::<str>::from(std::str::from_utf8(&b[at..end]).ok()?));
            at = end + 1;
        }
        let counts = (0..n)
            .map(|_| u32_at(&mut at))
            .collect::<Option<Vec<u32>>>()?;
        let pairs_n = u32_at(&mut at)? as usize;
        let mut pairs = HashMap::with_capacity(pairs_n);
        for _ in 0..pairs_n {
            let r = b.get(at..at + 6)?;
            let a = u16::from_le_bytes([r[0], r[1]]);
            let c = u16::from_le_bytes([r[2], r[3]]);
            pairs.insert((a, c), u16::from_le_bytes([r[4], r[5]]));
            at += 6;
        }
        let mut ids = HashMap::with_capacity(n);
        let mut groups: HashMap<Box<str>, Vec<u16>> = HashMap::new();
        for (i, k) in keys.iter().enumerate() {
            let id = u16::try_from(i).ok()?;
            ids.insert(k.clone(), id);
            if i >= SPECIAL.len() {
                groups.entry(letters(k).into()).or_default().push(id);
            }
        }
        let total = counts.iter().map(|&c| f64::from(c)).sum::<f64>().max(1.0);
        Some(Model {
            ids,
            counts,
            groups,
            keys,
            pairs,
            total,
        })
    }

    /// How likely `b` is after `a` (`None`: the start of a run), in log
    /// units; `None` for `b` is a word the model lacks.
    fn log_p(&self, a: Option<u16>, b: Option<u16>) -> f64 {
        let count = |x: Option<u16>| x.map_or(0.0, |x| f64::from(self.counts[usize::from(x)]));
        let p_b = (count(b) + 0.5) / self.total;
        match a {
            None => p_b.ln(),
            Some(a) => {
                let pair = b
                    .and_then(|b| self.pairs.get(&(a, b)))
                    .map_or(0.0, |&c| f64::from(c));
                ((pair + SMOOTHING * p_b) / (count(Some(a)) + SMOOTHING)).ln()
            }
        }
    }
}

/// A word's letters without their marks, lower case, `đ` as `d`: the
/// syllables an OCR may confuse share it.
fn letters(word: &str) -> String {
    word.nfd()
        .filter(|&c| !is_combining_mark(c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// The model's key of a word: `0` for a figure, the canonical lower-case
/// key for a word of letters.
fn key(word: &str) -> String {
    if word.starts_with(|c: char| c.is_ascii_digit()) {
        "0".into()
    } else {
        vi::canonical(word)
    }
}

/// The words of a text and what lies between them: runs of letters, and
/// figures (with the dots and commas inside them), each with its byte
/// range; anything else (a stop, a bracket, a line break) ends a run.
fn tokens(text: &str) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if vi::is_alphabetic(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if !vi::is_alphabetic(d) {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            out.push((i, end, true));
        } else if c.is_ascii_digit() {
            let mut end = i + 1;
            while let Some(&(j, d)) = chars.peek() {
                let inside = (d == '.' || d == ',')
                    && text[j + 1..].starts_with(|x: char| x.is_ascii_digit());
                if !d.is_ascii_digit() && !inside {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            out.push((i, end, true));
        } else if !c.is_whitespace() || c == '\n' && text[i + 1..].starts_with('\n') {
            out.push((i, i + c.len_utf8(), false));
        }
    }
    out
}

/// The text with misread marks put back (see the module's text).
pub fn repair(text: &str) -> String {
    let m = model();
    let toks = tokens(text);
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < toks.len() {
        if !toks[i].2 {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < toks.len() && toks[j].2 && j - i < MAX_RUN {
            j += 1;
        }
        let run: Vec<&str> = toks[i..j].iter().map(|&(s, e, _)| &text[s..e]).collect();
        for (k, fixed) in decode(m, &run).into_iter().enumerate() {
            if let Some(fixed) = fixed {
                let (s, e, _) = toks[i + k];
                out.push_str(&text[copied..s]);
                out.push_str(&fixed);
                copied = e;
            }
        }
        i = j;
    }
    out.push_str(&text[copied..]);
    out
}

/// The likeliest reading of a run of words: for each word, `Some` new
/// spelling where its marks change.
fn decode(m: &Model, run: &[&str]) -> Vec<Option<String>> {
    // Each word's readings: the word itself first, then the syllables of
    // its letters, each with its cost.
    let keys: Vec<String> = run.iter().map(|w| key(w)).collect();
    let own: Vec<Option<u16>> = keys
        .iter()
        .map(|k| m.ids.get(k.as_str()).copied())
        .collect();
    let seen = |a: Option<u16>, b: Option<u16>| matches!((a, b), (Some(a), Some(b)) if m.pairs.contains_key(&(a, b)));
    let readings: Vec<Vec<(Option<u16>, f64)>> = run
        .iter()
        .enumerate()
        .map(|(k, w)| {
            let key = &keys[k];
            let mine = own[k];
            let mut r = vec![(mine, 0.0)];
            if key == "0" || !vi::is_syllable(key) {
                return r;
            }
            // A syllable the news has beside the word before it or the
            // word after it reads well: it stays. (The start and the end
            // of a run say too little: most words may start one.)
            let before = if k == 0 { None } else { own[k - 1] };
            let after = own.get(k + 1).copied().flatten();
            if seen(before, mine) || seen(mine, after) {
                return r;
            }
            let name = k > 0
                && w.chars().next().is_some_and(vi::is_uppercase)
                && w.chars().skip(1).any(vi::is_lowercase);
            let cost = if name { CHANGE_NAME } else { CHANGE };
            if let Some(group) = m.groups.get(letters(key).as_str()) {
                r.extend(
                    group
                        .iter()
                        .filter(|&&g| Some(g) != mine)
                        .map(|&g| (Some(g), cost)),
                );
            }
            r
        })
        .collect();
    if readings.iter().all(|r| r.len() == 1) {
        return vec![None; run.len()];
    }
    // Viterbi: best score ending in each reading, and where it came from.
    let mut score: Vec<f64> = readings[0]
        .iter()
        .map(|&(id, c)| m.log_p(Some(START), id) - c)
        .collect();
    let mut back: Vec<Vec<usize>> = vec![vec![0; readings[0].len()]];
    for k in 1..run.len() {
        let mut next = Vec::with_capacity(readings[k].len());
        let mut from = Vec::with_capacity(readings[k].len());
        for &(id, cost) in &readings[k] {
            let (best, arg) = readings[k - 1]
                .iter()
                .enumerate()
                .map(|(p, &(prev, _))| (score[p] + m.log_p(prev, id), p))
                .fold((f64::NEG_INFINITY, 0), |a, b| if b.0 > a.0 { b } else { a });
            next.push(best - cost);
            from.push(arg);
        }
        score = next;
        back.push(from);
    }
    let last = &readings[run.len() - 1];
    let mut at = score
        .iter()
        .zip(last)
        .map(|(&s, &(id, _))| s + id.map_or(0.0, |id| m.log_p(Some(id), Some(END))))
        .enumerate()
        .fold(
            (f64::NEG_INFINITY, 0),
            |a, (i, s)| if s > a.0 { (s, i) } else { a },
        )
        .1;
    let mut out = vec![None; run.len()];
    for k in (0..run.len()).rev() {
        if at != 0 {
            let id = readings[k][at]
                .0
                .expect("a reading other than the word is a known syllable");
            out[k] = Some(recase(run[k], &m.keys[usize::from(id)]));
        }
        at = back[k][at];
    }
    out
}

/// `new` in the case of `old`: all capitals, a capital first, or lower
/// case.
fn recase(old: &str, new: &str) -> String {
    let first_upper = old.chars().next().is_some_and(vi::is_uppercase);
    let all_upper =
        first_upper && old.chars().count() > 1 && old.chars().all(|c| !vi::is_lowercase(c));
    if all_upper {
        new.to_uppercase()
    } else if first_upper {
        let mut c = new.chars();
        c.next()
            .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
    } else {
        new.to_string()
    }
}

/// The model's bytes from running text (`examples/ocr-pairs.rs` gives it
/// the articles' titles and paragraphs, one line each).
///
/// `words` are the word lists' entries (`src/data/lexicon/`): each pair of
/// syllables inside a word counts `DICT_PAIR` times more, so that the
/// words of laws and offices that news seldom writes (`căn cứ`, `thí
/// điểm`) are known too.
#[cfg(any(test, feature = "train"))]
pub fn model_bytes<'a, 'w>(
    lines: impl IntoIterator<Item = &'a str>,
    words: impl IntoIterator<Item = &'w str>,
) -> Vec<u8> {
    use std::collections::BTreeMap;
    let mut counts: HashMap<String, u32> = HashMap::new();
    let mut pairs: HashMap<(String, String), u32> = HashMap::new();
    for word in words {
        let keys: Vec<String> = word.split_whitespace().map(key).collect();
        if keys.len() < 2 || !keys.iter().all(|k| vi::is_syllable(k)) {
            continue;
        }
        for k in &keys {
            *counts.entry(k.clone()).or_default() += DICT_PAIR;
        }
        for w in keys.windows(2) {
            *pairs.entry((w[0].clone(), w[1].clone())).or_default() += DICT_PAIR;
        }
    }
    for line in lines {
        let mut prev: Option<String> = None;
        type Counts = HashMap<String, u32>;
        type Pairs = HashMap<(String, String), u32>;
        let end_run = |prev: &mut Option<String>, counts: &mut Counts, pairs: &mut Pairs| {
            if let Some(p) = prev.take() {
                *pairs.entry((p, "$".into())).or_default() += 1;
                *counts.entry("$".into()).or_default() += 1;
            }
        };
        for (s, e, word) in tokens(line) {
            if !word {
                end_run(&mut prev, &mut counts, &mut pairs);
                continue;
            }
            let k = key(&line[s..e]);
            *counts.entry(k.clone()).or_default() += 1;
            let p = prev.take().unwrap_or_else(|| {
                *counts.entry("^".into()).or_default() += 1;
                "^".into()
            });
            *pairs.entry((p, k.clone())).or_default() += 1;
            prev = Some(k);
        }
        end_run(&mut prev, &mut counts, &mut pairs);
    }
    let mut keys: Vec<&String> = counts
        .iter()
        .filter(|&(k, &c)| c >= MIN_SYLLABLE && vi::is_syllable(k))
        .map(|(k, _)| k)
        .collect();
    keys.sort();
    keys.truncate(usize::from(u16::MAX) - SPECIAL.len());
    let special: Vec<String> = SPECIAL.iter().map(|s| s.to_string()).collect();
    keys.splice(0..0, special.iter());
    let ids: HashMap<&str, u16> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i as u16))
        .collect();
    let mut out = MAGIC.to_vec();
    out.extend((keys.len() as u32).to_le_bytes());
    for k in &keys {
        out.extend(k.as_bytes());
        out.push(b'\n');
    }
    for k in &keys {
        out.extend(counts.get(k.as_str()).copied().unwrap_or(0).to_le_bytes());
    }
    let kept: BTreeMap<(u16, u16), u32> = pairs
        .iter()
        .filter(|&(_, &c)| c >= MIN_PAIR)
        .filter_map(|((a, b), &c)| Some(((*ids.get(a.as_str())?, *ids.get(b.as_str())?), c)))
        .collect();
    out.extend((kept.len() as u32).to_le_bytes());
    for ((a, b), c) in kept {
        out.extend(a.to_le_bytes());
        out.extend(b.to_le_bytes());
        out.extend((c.min(u32::from(u16::MAX)) as u16).to_le_bytes());
    }
    out
}

/// The model's bytes from articles, one JSON object a line
/// (`vietnews/train.jsonl`): the lines of their titles, paragraphs and
/// abstracts, and the entries of the two shipped word lists. What `make
/// ocr-pairs` writes to `src/data/ocr-pairs.bin`.
#[cfg(feature = "train")]
pub fn model_of_articles(jsonl: &str) -> Result<Vec<u8>, serde_json::Error> {
    let lines = crate::segment::learn::article_lines(jsonl, &["title", "docs", "refs"])?;
    Ok(model_bytes(
        lines.iter().map(String::as_str),
        crate::segment::list_lines(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misread_marks_are_put_back_from_the_syllables_around_them() {
        for (read, meant) in [
            (
                "Các cơ quan tô chức hội nghị.",
                "Các cơ quan tổ chức hội nghị.",
            ),
            ("đáp ứng dược các nguyên tắc", "đáp ứng được các nguyên tắc"),
            (
                "Cung cấp đữ liệu cho Bộ Giáo đục",
                "Cung cấp dữ liệu cho Bộ Giáo dục",
            ),
            ("các đoanh nghiệp quân đội", "các doanh nghiệp quân đội"),
            ("tỉnh bán đầu giá tài sản", "tỉnh bán đấu giá tài sản"),
            ("ngày 17 thẳng 11 năm 2020", "ngày 17 tháng 11 năm 2020"),
            ("CỘNG HOÀ XA HỘI CHỦ NGHĨA", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA"),
        ] {
            assert_eq!(repair(read), meant, "{read}");
        }
    }

    #[test]
    fn text_that_reads_well_is_left_as_it_is() {
        for text in [
            "Kỳ thi điểm cao nhất năm nay.",
            "Thí điểm một số chính sách mới.",
            "Ông Nguyễn Văn Tô đến dự.",
            "Mã số ABC-123, file report.docx, email a.b@c.vn",
            "Trường Đại học Bách khoa Hà Nội tuyển sinh 3.500 chỉ tiêu.",
            "",
        ] {
            assert_eq!(repair(text), text);
        }
    }

    #[test]
    fn the_model_round_trips_through_its_bytes() {
        let bytes = model_bytes(
            [
                "tổ chức hội nghị",
                "tổ chức hội nghị",
                "tổ chức hội nghị.",
                "tổ chức hội nghị 2020",
            ],
            ["căn cứ", "a", "ABC-1 x"],
        );
        let m = Model::from_bytes(&bytes).expect("the bytes read back");
        let id = |k: &str| m.ids.get(k).copied();
        assert_eq!(
            m.keys.len(),
            9,
            "0, ^, $, the four syllables seen 3 times, a word's two"
        );
        assert_eq!(
            m.pairs.get(&(id("căn").unwrap(), id("cứ").unwrap())),
            Some(&(DICT_PAIR as u16))
        );
        assert_eq!(m.pairs.get(&(START, id("tổ").unwrap())), Some(&4));
        assert_eq!(m.pairs.get(&(id("nghị").unwrap(), END)), Some(&3));
        assert_eq!(
            m.pairs.get(&(id("tổ").unwrap(), id("chức").unwrap())),
            Some(&4)
        );
        assert_eq!(
            m.pairs.get(&(id("nghị").unwrap(), id("0").unwrap())),
            None,
            "seen once"
        );
        assert_eq!(m.groups.get("to").map(Vec::len), Some(1));
    }

    /// `src/data/ocr-pairs.bin` must be what the articles and this code
    /// give; rebuild it with `make ocr-pairs`.
    #[test]
    #[cfg(feature = "train")]
    fn the_shipped_model_is_up_to_date() {
        let text = crate::shipped::shared_text("data/vietnews/train.jsonl");
        let bytes = model_of_articles(&text).expect("one article a line");
        crate::shipped::assert_shipped("ocr-pairs.bin", &bytes, BUILTIN, "make ocr-pairs");
    }
}
