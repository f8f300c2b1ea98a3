//! Stage 4: a block of text to sentence spans.
//!
//! [`split`] cuts one line of body text into sentences. A sentence ends at a
//! run of `.`, `!`, `?`, `…` (so `...` and `?!` too), together with the
//! closing quotes and brackets right after it (`nhé.”`, `đi!)`), when a space
//! follows and then a sentence start: an upper-case letter, a digit, or an
//! opening quote or bracket. So:
//!
//! - numbers, dates and times never split (`1.000`, `3.5`, `12,5`,
//!   `22/8/2023`, `12:17`): no space follows their marks;
//! - `…` or `.` before a lower-case word continues the sentence
//!   (`vùng xa… góp phần`, `Nguyễn Văn T. cho biết`);
//! - a mark inside closing quotes keeps the quote with its sentence
//!   (`… nhé.” Anh nói` splits after `”`; `“Đi thôi!” – chị kể` does not
//!   split, a dash is no sentence start);
//! - a quotation in `“…”` of several sentences that opened in the current
//!   sentence stays in it when it closes within 40 words (`Bác dạy: “A.
//!   B.” Sau đó` splits only before `Sau`), so no half has a lone quote;
//! - semicolons and colons never split; a long line with no stop stays whole.
//!
//! A `.` does not end a sentence after:
//!
//! - a known abbreviation: `TP`, `Tp`, `TS`, `PGS`, `GS`, `ThS`, `Th.S`, `BS`,
//!   `KS`, `CN`, `NSƯT`, `NSND`, `Q`, `P`, `TT`, `TX`, `H`, `Mr`, `Mrs`, `Ms`,
//!   `Dr`, `St`, `Jr`, `Sr`, `Co`, `Ltd`, `Inc`, `No`, `vs`, `Tr`, `tr`,
//!   `ĐT`, `Đ/c`, `v.v`, `vv`, and dotted chains ending in one (`PGS.TS.`);
//! - a single upper-case letter or a chain of them, an initial (`anh L.V. B`,
//!   `George W. Bush`, `Q. Bình Thạnh`), or a consonant of two letters
//!   that opens a syllable (`ông Th.`, `chị Nh.`); real sentence ends after
//!   a lone capital (`loại B. Đánh giá`) are rarer in Vietnamese news than
//!   names;
//! - a list number or letter that would be the whole sentence (`2. Giảm`).
//!
//! A `.` with no space after it still ends a sentence when a word of two
//! letters or more, ending in a lower-case letter, stands before it and a capitalized word after it
//! (`Hà Nội.Theo`, a common slip in scraped text); `TP.HCM`, `Th.S` and
//! `U.23` do not match that shape.
//!
//! This is `split_sentences` of the evaluation script (`vi_eval.py`) with
//! the same abbreviation list, plus the quote, list-number and missing-space
//! cases. Every span is trimmed, non-empty, on char boundaries, and inside
//! `within`.

use crate::document::Span;

/// Words that take a `.` without ending a sentence (the part before the dot).
const ABBREVIATIONS: &[&str] = &[
    "TP", "Tp", "tp", "TS", "PGS", "GS", "ThS", "Th.S", "BS", "Bs", "KS", "CN", "NSƯT", "NSND",
    "Mr", "Mrs", "Ms", "Dr", "St", "Q", "P", "TT", "TX", "H", "Co", "Ltd", "Inc", "Jr", "Sr", "vs",
    "No", "Tr", "tr", "ĐT", "Đ/c", "đ/c", "v.v", "vv", "TS.BS", "PGS.TS", "GS.TS", "NXB", "LS",
    "Th.s", "ThS.BS", "BSCKI", "BSCKII", "Prof", "Gen", "Lt", "Col", "Sgt", "Capt", "Corp",
];

/// Marks that end a sentence.
fn is_stop(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Closing quotes and brackets that stay with the sentence before them.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | '»' | ')' | ']')
}

/// Opening quotes and brackets that may start a sentence.
fn is_opener(c: char) -> bool {
    matches!(c, '"' | '“' | '‘' | '\'' | '«' | '(' | '[')
}

/// Can a sentence start with `c`?
fn is_start(c: char) -> bool {
    c.is_uppercase() || c.is_numeric() || is_opener(c)
}

/// The sentences of `text[within]`, as spans into `text`, trimmed.
///
/// `within` must lie on char boundaries of `text` (a [`Block`] span does).
///
/// [`Block`]: crate::Block
pub fn split(text: &str, within: Span) -> Vec<Span> {
    let mut out = Vec::new();
    split_into(text, within, &mut out);
    out
}

/// [`split`] into `out`, cleared first: a document's blocks are split
/// into one buffer, not a new vector each (issue 13).
pub(crate) fn split_into(text: &str, within: Span, out: &mut Vec<Span>) {
    out.clear();
    let block = within.of(text);
    let bytes = block.as_bytes();
    let mut start = list_mark(block);
    let mut i = start;
    let mut marks = Marks::new(bytes);
    let mut quotes = Quotes::default();
    while i < block.len() {
        // The next `.`, `!`, `?` or first byte of `…` (E2 80 A6); the other
        // characters that start with E2 are checked below.
        let Some(at) = marks.next(i) else {
            break;
        };
        i = at;
        let Some(c) = block[i..].chars().next() else {
            break;
        };
        if !is_stop(c) {
            i += c.len_utf8();
            continue;
        }
        // The run of marks and closers: `.`, `?!`, `...`, `.”`, `!)`.
        let run_start = i;
        let mut end = i;
        for d in block[i..].chars() {
            if is_stop(d) || (end > run_start && is_closer(d)) {
                end += d.len_utf8();
            } else {
                break;
            }
        }
        if ends_sentence(block, start, run_start, end, &mut quotes) {
            push(out, within.start, block, start, end);
            start = end;
        }
        i = end;
    }
    push(out, within.start, block, start, block.len());
    credits(block, within.start, out);
}

/// How a photo's or a text's credit opens: `(Ảnh: TTXVN)`, `(ảnh BTC cung
/// cấp)`, `(Nguồn: Reuters)`.
const CREDITS: [&str; 4] = ["(Ảnh", "(ảnh", "(Nguồn", "(nguồn"];

/// Does `sentence` end with a credit in brackets (`… sáng 12/7. (Ảnh:
/// TTXVN)`)? Then it is a photo's caption, which [`split`] keeps apart
/// from the text after it.
pub(crate) fn ends_with_credit(sentence: &str) -> bool {
    let Some(open) = memchr::memrchr(b'(', sentence.as_bytes()) else {
        return false;
    };
    let rest = &sentence[open..];
    opens_credit(rest)
        && rest.len() <= LONGEST_CREDIT
        && rest
            .split_once(')')
            .is_some_and(|(_, after)| after.chars().all(|c| is_stop(c) || is_closer(c)))
}

/// The longest credit, in bytes, to its closing bracket.
const LONGEST_CREDIT: usize = 80;

/// Whether `rest` opens with a credit's label and what follows one
/// (`(Ảnh:`, `(Nguồn ` ,`(ảnh,`).
fn opens_credit(rest: &str) -> bool {
    CREDITS.iter().any(|c| {
        rest.strip_prefix(c)
            .is_some_and(|r| r.starts_with([':', ' ', ',']))
    })
}

/// Puts each credit in brackets with the caption it closes, and ends the
/// caption's sentence after it: `Ảnh minh họa. (Nguồn: TTXVN) Ở các tỉnh
/// Nam Bộ, lũ vẫn ở mức cao.` is `Ảnh minh họa. (Nguồn: TTXVN)` and `Ở các
/// tỉnh Nam Bộ, …`, not a sentence that opens with the credit; `Biểu tình
/// tại Campuchia (Ảnh: Đỗ Tuấn Anh) Tại cuộc họp báo …` is two, the
/// caption and what follows it. `out` are the sentences of `block`, which
/// starts at `base` of the text.
fn credits(block: &str, base: usize, out: &mut Vec<Span>) {
    let bytes = block.as_bytes();
    for open in memchr::memchr_iter(b'(', bytes) {
        let rest = &block[open..];
        if !opens_credit(rest) {
            continue;
        }
        let window = &rest.as_bytes()[..rest.len().min(LONGEST_CREDIT)];
        let Some(close) = memchr::memchr(b')', window) else {
            continue;
        };
        // The credit's end, with the stops and closers right after it
        // (`(Nguồn: giaoducthoidai.vn).`).
        let mut end = open + close + 1;
        for c in block[end..].chars() {
            if is_stop(c) || is_closer(c) {
                end += c.len_utf8();
            } else {
                break;
            }
        }
        let (open, close, end) = (base + open, base + open + close + 1, base + end);
        let Some(k) = out.iter().position(|s| s.start <= open && open < s.end) else {
            continue;
        };
        if close > out[k].end {
            // A stop inside the brackets ended the sentence: left as it is.
            continue;
        }
        let end = end.min(out[k].end);
        let after = &block[end - base..out[k].end - base];
        let next = end + (after.len() - after.trim_start().len());
        if out[k].start == open && k > 0 {
            // Opening a sentence: it goes to the one before.
            out[k - 1].end = end.min(out[k].end);
            if next >= out[k].end {
                out.remove(k);
            } else {
                out[k].start = next;
            }
        } else if next < out[k].end && after.trim_start().starts_with(is_start) {
            // Inside a sentence, before a sentence start: it ends it.
            let tail = Span::new(next, out[k].end);
            out[k].end = end;
            out.insert(k + 1, tail);
        }
    }
}

/// The length in bytes of the list mark that opens `line`, with the spaces
/// after it (0 when there is none): a dash or bullet (`-`, `+`, `•`, `–`),
/// or a number, letter or roman numeral with `.` or `)` (`2.`, `b)`, `đ)`,
/// `IV.`), or a number typed against the capital after it (`1.Tôi`). A
/// summary sentence reads without it: `b) Thỏa thuận với người
/// lao động…` out of its list is `Thỏa thuận với người lao động…`.
pub fn list_mark(line: &str) -> usize {
    // The longest mark is five bytes (`VIII.`): a line whose first space
    // is past its eighth byte, or that has none there, opens with none
    // (a line that is a mark alone has none either), and is told without
    // a search of the whole line.
    let b = line.as_bytes();
    // `1.Tôi muốn …`: a number typed without its space, before a capital.
    let digits = b.iter().take(3).take_while(|c| c.is_ascii_digit()).count();
    if (1..=2).contains(&digits)
        && matches!(b.get(digits), Some(b'.' | b')'))
        && line[digits + 1..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    {
        return digits + 1;
    }
    let Some(space) = memchr::memchr(b' ', &b[..b.len().min(8)]) else {
        return 0;
    };
    let mark = &line[..space];
    let is_mark = match mark {
        "-" | "+" | "•" | "*" | "–" | "—" | "·" | "▪" => true,
        _ => mark.strip_suffix(['.', ')']).is_some_and(|body| {
            let n = body.chars().count();
            (1..=2).contains(&n) && body.chars().all(|c| c.is_ascii_digit())
                || n == 1 && body.chars().all(|c| c.is_ascii_lowercase() || c == 'đ')
                || (1..=4).contains(&n) && body.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
        }),
    };
    if !is_mark || mark.len() == line.len() {
        return 0;
    }
    line.len() - line[mark.len()..].trim_start_matches(' ').len()
}

/// Finds the bytes `.`, `!`, `?` and E2 (the first byte of `…`) by SIMD
/// byte searches: a loop testing four values per byte was most of the
/// cost of [`split`]. `memchr3` takes three bytes; E2 has its own search.
/// Each search's result is kept until passed, so that the bytes between
/// two finds are searched once: E2 also starts `“`, `”` and the zero-width
/// space, and a block of them without a stop mark was searched for one
/// from every E2 to the end (issue 19, quadratic).
struct Marks<'b> {
    bytes: &'b [u8],
    next_e2: usize,
    next_stop: usize,
}

impl<'b> Marks<'b> {
    fn new(bytes: &'b [u8]) -> Marks<'b> {
        let next_e2 = memchr::memchr(0xE2, bytes).unwrap_or(bytes.len());
        let next_stop = memchr::memchr3(b'.', b'!', b'?', bytes).unwrap_or(bytes.len());
        Marks {
            bytes,
            next_e2,
            next_stop,
        }
    }

    /// The first position at or after `i` of one of the four bytes; `i`
    /// never goes back from one call to the next.
    fn next(&mut self, i: usize) -> Option<usize> {
        let rest = &self.bytes[i..];
        if self.next_e2 < i {
            self.next_e2 = memchr::memchr(0xE2, rest).map_or(self.bytes.len(), |p| i + p);
        }
        if self.next_stop < i {
            self.next_stop =
                memchr::memchr3(b'.', b'!', b'?', rest).map_or(self.bytes.len(), |p| i + p);
        }
        let at = self.next_stop.min(self.next_e2);
        (at < self.bytes.len()).then_some(at)
    }
}

/// Does the run of marks `block[run_start..run_end]` end the sentence that
/// began at `start`?
fn ends_sentence(
    block: &str,
    start: usize,
    run_start: usize,
    run_end: usize,
    quotes: &mut Quotes,
) -> bool {
    let rest = &block[run_end..];
    let after_space = rest.trim_start_matches(' ');
    let spaced = after_space.len() < rest.len();
    let Some(next) = after_space.chars().next() else {
        // End of block: the last push takes it.
        return false;
    };
    let before = &block[start..run_start];
    let word = last_word(before);
    if !spaced {
        // `Hà Nội.Theo`: only a lone `.`, a word ending in lower case before
        // it, and a capitalized word after it.
        return &block[run_start..run_end] == "."
            && word.chars().count() >= 2
            && word.chars().all(char::is_alphabetic)
            && word.chars().last().is_some_and(char::is_lowercase)
            && !ABBREVIATIONS.contains(&word)
            && capitalized_word(after_space);
    }
    if !is_start(next) {
        return false;
    }
    if inside_short_quote(block, start, run_start, run_end, quotes) {
        return false;
    }
    // A lone `.` (maybe with closers) can belong to the word before it.
    let is_single = block[run_start..].starts_with('.') && !block[run_start..].starts_with("..");
    if is_single && is_abbreviation(word) {
        return false;
    }
    // `2. Giảm nghèo`, `a) …`, `II. Mục tiêu`: a list marker, not a sentence.
    if is_single && before.trim() == word && is_list_marker(word) {
        return false;
    }
    true
}

/// What [`inside_short_quote`] learned so far in a block, so that each
/// stop costs only the text since the last one: the quote marks counted in
/// the sentence up to `at`, and the next quote mark at or after `next_from`.
#[derive(Default)]
struct Quotes {
    start: usize,
    at: usize,
    open: usize,
    closed: usize,
    next_from: usize,
    /// `None`: no quote mark after `next_from`.
    next: Option<usize>,
    /// Whether `next` was looked for yet.
    searched: bool,
}

/// How many words a short quotation may still run for after a stop.
const SHORT_QUOTE_WORDS: usize = 40;

/// Is the stop at `run_start` inside a `“…”` quotation that opened in this
/// sentence and closes within a few words (`đã dạy: “A. B.” Sau đó`)?
/// Splitting there would leave both halves with one quote mark.
///
/// Linear over a block: the marks before the stop are counted from where
/// the last stop left off (`quotes`), the next mark after it is looked for
/// once, and at most [`SHORT_QUOTE_WORDS`] words are counted.
fn inside_short_quote(
    block: &str,
    start: usize,
    run_start: usize,
    run_end: usize,
    quotes: &mut Quotes,
) -> bool {
    if quotes.start != start || quotes.at > run_start || quotes.at < start {
        *quotes = Quotes {
            start,
            at: start,
            next_from: quotes.next_from,
            next: quotes.next,
            searched: quotes.searched,
            ..Quotes::default()
        };
    }
    let (open, closed) = count_quotes(&block[quotes.at..run_start]);
    quotes.open += open;
    quotes.closed += closed;
    quotes.at = run_start;
    let (_, in_run) = count_quotes(&block[run_start..run_end]);
    if quotes.open <= quotes.closed + in_run {
        return false;
    }
    // The first quote mark at or after `run_end`.
    if !quotes.searched || run_end < quotes.next_from || quotes.next.is_some_and(|n| n < run_end) {
        quotes.searched = true;
        quotes.next_from = run_end;
        quotes.next = block[run_end..].find(['”', '“']).map(|i| run_end + i);
    }
    let Some(next) = quotes.next else {
        return false;
    };
    block[next..].starts_with('”')
        && block[run_end..next]
            .split_whitespace()
            .take(SHORT_QUOTE_WORDS + 1)
            .count()
            <= SHORT_QUOTE_WORDS
}

/// The opening and closing curly double quotes in `s`.
fn count_quotes(s: &str) -> (usize, usize) {
    // Both are E2 80 9C / E2 80 9D: only E2 bytes need a look.
    let b = s.as_bytes();
    let (mut open, mut closed) = (0, 0);
    for i in memchr::memchr_iter(0xE2, b) {
        match b.get(i + 1..i + 3) {
            Some([0x80, 0x9C]) => open += 1,
            Some([0x80, 0x9D]) => closed += 1,
            _ => {}
        }
    }
    (open, closed)
}

/// How far back [`last_word`] looks, in bytes.
const LONGEST_WORD: usize = 64;

/// The last whitespace-separated word of `s`, without opening quotes or
/// brackets before it and closing ones after it.
///
/// Only the last [`LONGEST_WORD`] bytes are looked at: a longer word is
/// its tail, which no rule here tells from the whole word (abbreviations
/// and list markers are short), and a stop after a word without spaces
/// (`a.b.c.…`) costs the same however long the sentence.
fn last_word(s: &str) -> &str {
    let mut from = s.len().saturating_sub(LONGEST_WORD);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    let tail = &s[from..];
    let w = tail.rsplit(' ').next().unwrap_or("");
    w.trim_start_matches(is_opener).trim_end_matches(is_closer)
}

/// Does `s` start with an upper-case letter followed by a lower-case one?
fn capitalized_word(s: &str) -> bool {
    let mut it = s.chars();
    matches!((it.next(), it.next()), (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase())
}

/// Is `word` (the text before a `.`) an abbreviation or an initial?
fn is_abbreviation(word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    if ABBREVIATIONS.contains(&word) {
        return true;
    }
    // `PGS.TS`, `L.V`, `N.N`: a dotted chain whose last part is an
    // abbreviation or an initial.
    let last = word.rsplit('.').next().unwrap_or(word);
    if last != word && ABBREVIATIONS.contains(&last) {
        return true;
    }
    let mut chars = last.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
        || INITIALS.contains(&last)
}

/// The consonants of two letters that open Vietnamese syllables: as a word
/// before a `.`, the initial of a name (`ông Lê Văn Nh.`, `chị Th.`), as
/// a capital alone is; none is a word of its own.
const INITIALS: [&str; 9] = ["Ch", "Gh", "Gi", "Kh", "Ng", "Nh", "Ph", "Qu", "Th"];

/// Does the line `next` go on with the sentence that the line `prev` ends,
/// cut in two by a line break? So it is when `prev` ends with a stop and
/// `next` opens with a lower-case letter (`… ông Lê Văn Nh.` then `là con
/// út …`), which no sentence does, or when `prev` ends with an initial or an
/// abbreviation and its `.` and `next` opens with a bracket (`… em X.T. M.`
/// then `(SN 2001), trú xã …`): where this module does not end a sentence
/// in a line. Scraped news is cut so, by a splitter that ends a sentence
/// at every stop.
pub(crate) fn runs_on(prev: &str, next: &str) -> bool {
    let Some(first) = next.chars().next() else {
        return false;
    };
    if first.is_lowercase() {
        return prev
            .trim_end_matches(is_closer)
            .chars()
            .next_back()
            .is_some_and(is_stop);
    }
    first == '('
        && prev
            .strip_suffix('.')
            .is_some_and(|p| !p.ends_with('.') && is_abbreviation(last_word(p)))
}

/// `1`, `12`, `a`, `b`, `IV`: what numbers a list item.
fn is_list_marker(word: &str) -> bool {
    let n = word.chars().count();
    (n <= 2 && word.chars().all(|c| c.is_ascii_digit()))
        || (n == 1 && word.chars().all(|c| c.is_ascii_lowercase()))
        || (n <= 4 && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X')))
}

fn push(out: &mut Vec<Span>, base: usize, block: &str, start: usize, end: usize) {
    let piece = &block[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let s = base + start + lead;
        out.push(Span::new(s, s + trimmed.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_credit_closes_its_caption() {
        let cut = |text: &str| -> Vec<String> {
            split(text, Span::new(0, text.len()))
                .iter()
                .map(|s| s.of(text).to_string())
                .collect()
        };
        assert_eq!(
            cut("Ảnh minh họa. (Nguồn: TTXVN) Ở các tỉnh Nam Bộ, lũ vẫn ở mức cao. Trời mưa."),
            [
                "Ảnh minh họa. (Nguồn: TTXVN)",
                "Ở các tỉnh Nam Bộ, lũ vẫn ở mức cao.",
                "Trời mưa."
            ]
        );
        assert_eq!(
            cut("Biểu tình tại Campuchia (Ảnh: Đỗ Tuấn Anh) Tại cuộc họp báo sáng 23/10, ông nói."),
            [
                "Biểu tình tại Campuchia (Ảnh: Đỗ Tuấn Anh)",
                "Tại cuộc họp báo sáng 23/10, ông nói."
            ]
        );
        assert_eq!(
            cut("Cổ vật trang sức Óc Eo. (Nguồn: giaoducthoidai.vn). Đây là kết quả lễ ký kết."),
            [
                "Cổ vật trang sức Óc Eo. (Nguồn: giaoducthoidai.vn).",
                "Đây là kết quả lễ ký kết."
            ]
        );
        assert!(ends_with_credit(
            "Robinho mở tỷ số từ rất sớm (Ảnh: Getty Images)"
        ));
        assert!(ends_with_credit(
            "Cổ vật trang sức Óc Eo. (Nguồn: giaoducthoidai.vn)."
        ));
        assert!(!ends_with_credit("Ông Tú (SN 1985) đã bị bắt."));
        assert!(!ends_with_credit("Ảnh (Ảnh: TTXVN) cho thấy lũ lên nhanh."));
        // A bracket that is no credit, or a credit before lower-case words,
        // stays inside its sentence.
        for whole in [
            "Ông Tú (SN 1985) Trú tại xã Hưng Đông đã bị bắt.",
            "Mưa lớn kéo dài (ảnh) khiến nhiều tuyến phố ngập sâu.",
        ] {
            assert_eq!(cut(whole), [whole]);
        }
    }

    #[test]
    fn a_consonant_of_two_letters_is_an_initial() {
        let text = "Ông Lê Văn Nh. (SN 1962) đến. Chị Vũ Phương Th. cho biết. Cháu T.Th. (SN 2004) đi học. Trời mưa.";
        let got: Vec<&str> = split(text, Span::new(0, text.len()))
            .iter()
            .map(|s| s.of(text))
            .collect();
        assert_eq!(
            got,
            [
                "Ông Lê Văn Nh. (SN 1962) đến.",
                "Chị Vũ Phương Th. cho biết.",
                "Cháu T.Th. (SN 2004) đi học.",
                "Trời mưa."
            ]
        );
        // A word of two letters is no initial: `Sơn La.` ends its sentence.
        let text = "Vụ án xảy ra ở tỉnh Sơn La. (Còn nữa)";
        assert_eq!(split(text, Span::new(0, text.len())).len(), 2);
    }

    #[test]
    fn a_line_runs_on_after_an_initial_or_before_lower_case() {
        for (prev, next) in [
            (
                "Nạn nhân là ông Lê Văn Nh.",
                "(SN 1962) đang ngồi trước nhà.",
            ),
            (
                "Cơ quan điều tra đã triệu tập em X.T. M.",
                "(SN 2001), trú xã Hữu Kiệm.",
            ),
            ("Anh Lê Hoài B.", "(28 tuổi) đang dắt con đi chơi."),
            ("Được biết, ông Nh.", "có tiền sử bệnh cao huyết áp."),
            (
                "Phương án có được công khai không?...",
                "ông Tuấn từ chối trả lời.",
            ),
            (
                "Thời gian trước, T. (con trai ông Th.)",
                "có đi theo nhóm người này.",
            ),
        ] {
            assert!(runs_on(prev, next), "{prev} | {next}");
        }
        for (prev, next) in [
            ("Vụ án xảy ra ở tỉnh Sơn La.", "(Ảnh minh hoạ)"),
            ("Cơ quan điều tra đang làm rõ.", "(còn nữa)"),
            (
                "Nạn nhân là ông Lê Văn Nh.",
                "Cơ quan điều tra đang làm rõ.",
            ),
            ("Các giấy tờ sau:", "a) Giấy chứng nhận đăng ký."),
            ("Phương Anh", "xem thêm"),
            ("Nạn nhân là ông Lê Văn Nh.", ""),
        ] {
            assert!(!runs_on(prev, next), "{prev} | {next}");
        }
    }

    #[test]
    fn list_marks_are_found_with_the_spaces_after_them() {
        for (line, want) in [
            ("- Đi học.", 2),
            ("•   Đi học.", 6),
            ("b) Thỏa thuận.", 3),
            ("đ) Thỏa thuận.", 4),
            ("12. Điều khoản.", 4),
            ("XXIV. Chương.", 6),
            ("XXIVV. Chương.", 0),
            ("123. Ba chữ số.", 0),
            ("Ab) Hai chữ.", 0),
            ("-", 0),
            ("VIII.", 0),
            ("Thành phố Hồ Chí Minh.", 0),
            ("Nguyễn-Văn-A đi.", 0),
            ("1.Tôi muốn đổi phông chữ.", 2),
            ("12)Đi học.", 3),
            ("1.5 triệu người.", 0),
            ("2.tôi đi.", 0),
            ("V.I. Lênin.", 0),
            ("123.Ba chữ số.", 0),
            ("", 0),
        ] {
            assert_eq!(list_mark(line), want, "{line}");
        }
    }

    #[test]
    fn marks_are_found_as_a_byte_loop_finds_them() {
        let texts = [
            "",
            ".",
            "abc",
            "Ông nói: “Đi!” rồi… về. Xong?",
            "…….!?",
            "a\u{2013}b\u{201c}c\u{2026}d.e",
            "ĐẸP QUÁ! Ảnh: TTXVN. 1.000,5 đ… “x”",
            "中文。日本語！ русский. 😀!",
        ];
        for t in texts {
            let bytes = t.as_bytes();
            let want: Vec<usize> = (0..bytes.len())
                .filter(|&i| matches!(bytes[i], b'.' | b'!' | b'?' | 0xE2))
                .collect();
            // Asked from every position, as `split` asks after each mark
            // or after a run of them.
            for from in 0..=bytes.len() {
                let mut marks = Marks::new(bytes);
                let mut got = Vec::new();
                let mut i = from;
                while let Some(at) = marks.next(i) {
                    got.push(at);
                    i = at + 1;
                }
                let want: Vec<usize> = want.iter().copied().filter(|&p| p >= from).collect();
                assert_eq!(got, want, "{t:?} from {from}");
            }
        }
    }

    /// Splits `text` as one block and returns the sentence texts.
    fn sentences(text: &str) -> Vec<&str> {
        split(text, Span::new(0, text.len()))
            .into_iter()
            .map(|s| s.of(text))
            .collect()
    }

    /// One behaviour per row: name, input, expected sentences.
    const ROWS: &[(&str, &str, &[&str])] = &[
        (
            "period then capital",
            "Trời mưa to. Đường ngập nước.",
            &["Trời mưa to.", "Đường ngập nước."],
        ),
        (
            "question and exclamation",
            "Anh đi đâu? Tôi về quê! Còn chị thì sao?",
            &["Anh đi đâu?", "Tôi về quê!", "Còn chị thì sao?"],
        ),
        (
            "period then lower case continues",
            "Ông đến lúc 8 giờ. sau đó ông về.",
            &["Ông đến lúc 8 giờ. sau đó ông về."],
        ),
        (
            "period then digit",
            "Xã có 300 hộ dân. 40 hộ đã thoát nghèo.",
            &["Xã có 300 hộ dân.", "40 hộ đã thoát nghèo."],
        ),
        (
            "period then opening quote",
            "Bà cười. “Năm nay mùa màng tốt lắm”, bà nói.",
            &["Bà cười.", "“Năm nay mùa màng tốt lắm”, bà nói."],
        ),
        (
            "period then opening bracket",
            "Lễ hội kéo dài ba ngày. (Trước đó có mưa nhỏ.) Khách đến đông.",
            &[
                "Lễ hội kéo dài ba ngày.",
                "(Trước đó có mưa nhỏ.)",
                "Khách đến đông.",
            ],
        ),
        (
            "stop inside closing quote stays with the quote",
            "Chị dặn: “Về sớm nhé.” Anh gật đầu.",
            &["Chị dặn: “Về sớm nhé.”", "Anh gật đầu."],
        ),
        (
            "short quotation of two sentences stays whole",
            "Bà dặn: “Con đi đường cẩn thận. Nhớ gọi về nhà.” Anh gật đầu.",
            &[
                "Bà dặn: “Con đi đường cẩn thận. Nhớ gọi về nhà.”",
                "Anh gật đầu.",
            ],
        ),
        (
            "quote that never closes splits as usual",
            "Ông kể: “Hồi đó nghèo lắm. Ai cũng đói.",
            &["Ông kể: “Hồi đó nghèo lắm.", "Ai cũng đói."],
        ),
        (
            "quote, dash and lower case continue",
            "“Đi thôi!” – chị giục rồi bước ra cửa.",
            &["“Đi thôi!” – chị giục rồi bước ra cửa."],
        ),
        (
            "quote then comma continues",
            "“Sao lại thế?”, cậu bé hỏi mẹ.",
            &["“Sao lại thế?”, cậu bé hỏi mẹ."],
        ),
        (
            "straight quotes",
            "Ông nói: \"Cứ làm đi.\" Mọi người vỗ tay.",
            &["Ông nói: \"Cứ làm đi.\"", "Mọi người vỗ tay."],
        ),
        (
            "period after closing quote",
            "Họ gọi đó là “mùa vàng”. Năm sau sẽ khác.",
            &["Họ gọi đó là “mùa vàng”.", "Năm sau sẽ khác."],
        ),
        (
            "ellipsis char then lower case continues",
            "Nào cam, nào quýt… đủ cả trên mâm.",
            &["Nào cam, nào quýt… đủ cả trên mâm."],
        ),
        (
            "ellipsis char then capital splits",
            "Rồi mọi thứ im lặng… Sáng hôm sau trời nắng.",
            &["Rồi mọi thứ im lặng…", "Sáng hôm sau trời nắng."],
        ),
        (
            "three dots",
            "Chờ mãi... Cuối cùng xe cũng đến. Thế là... xong.",
            &["Chờ mãi...", "Cuối cùng xe cũng đến.", "Thế là... xong."],
        ),
        (
            "thousands, decimals, dates and times",
            "Giá 1.000 đồng, tăng 3.5% hay 12,5 điểm lúc 12:17 ngày 22/8/2023. Hết.",
            &[
                "Giá 1.000 đồng, tăng 3.5% hay 12,5 điểm lúc 12:17 ngày 22/8/2023.",
                "Hết.",
            ],
        ),
        (
            "number ends a sentence",
            "Nhà máy xây năm 2014. Năm nay mở rộng.",
            &["Nhà máy xây năm 2014.", "Năm nay mở rộng."],
        ),
        (
            "city abbreviation with space",
            "Anh làm việc ở TP. Đà Lạt đã lâu.",
            &["Anh làm việc ở TP. Đà Lạt đã lâu."],
        ),
        (
            "city abbreviation without space",
            "Hội chợ mở ở TP.HCM và Hà Nội. Khách rất đông.",
            &["Hội chợ mở ở TP.HCM và Hà Nội.", "Khách rất đông."],
        ),
        (
            "dotted place name ends a sentence",
            "Đoàn đã về TP.HCM. Sáng mai họp tiếp.",
            &["Đoàn đã về TP.HCM.", "Sáng mai họp tiếp."],
        ),
        (
            "academic titles",
            "Theo PGS.TS. Lê Minh Khoa và ThS. Vũ An, GS. Hà Lan cũng đồng ý.",
            &["Theo PGS.TS. Lê Minh Khoa và ThS. Vũ An, GS. Hà Lan cũng đồng ý."],
        ),
        (
            "master title with inner dot",
            "Bài giảng của Th.S. Phan Tú rất hay. Lớp đông kín.",
            &["Bài giảng của Th.S. Phan Tú rất hay.", "Lớp đông kín."],
        ),
        (
            "doctor title",
            "Tiến sĩ, TS. Đào Hạnh trả lời.",
            &["Tiến sĩ, TS. Đào Hạnh trả lời."],
        ),
        (
            "district and ward",
            "Nhà ở P. Tân Định, Q. Ba Đình rất cũ.",
            &["Nhà ở P. Tân Định, Q. Ba Đình rất cũ."],
        ),
        (
            "english titles",
            "Mr. Tom gặp Dr. Lan ở St. Paul hôm qua.",
            &["Mr. Tom gặp Dr. Lan ở St. Paul hôm qua."],
        ),
        (
            "v.v. does not split",
            "Gạo, muối, dầu v.v. Tất cả đều tăng giá.",
            &["Gạo, muối, dầu v.v. Tất cả đều tăng giá."],
        ),
        (
            "initial then lower case",
            "Ông Trần Văn K. cho biết đã nộp phạt.",
            &["Ông Trần Văn K. cho biết đã nộp phạt."],
        ),
        (
            "initial then bracket",
            "Chị Lý Thị M. (35 tuổi) đã nhận tiền. Sau đó chị về.",
            &["Chị Lý Thị M. (35 tuổi) đã nhận tiền.", "Sau đó chị về."],
        ),
        (
            "chained initials",
            "Anh H.V. Toàn và chị N.T. Mai có mặt.",
            &["Anh H.V. Toàn và chị N.T. Mai có mặt."],
        ),
        (
            "foreign middle initial",
            "Ông John F. Carter đã đến.",
            &["Ông John F. Carter đã đến."],
        ),
        (
            "list numbers stay with their item; the line's own mark is left out",
            "1. Tăng thu nhập. 2. Giảm nghèo. II. Mục tiêu chung.",
            &["Tăng thu nhập.", "2. Giảm nghèo.", "II. Mục tiêu chung."],
        ),
        (
            "a line's dash, bullet or item letter is left out",
            "- Xác định các nhóm năng lực. Đánh giá hằng năm.",
            &["Xác định các nhóm năng lực.", "Đánh giá hằng năm."],
        ),
        (
            "an item letter đ",
            "đ) Thỏa thuận với người lao động về tiền dịch vụ;",
            &["Thỏa thuận với người lao động về tiền dịch vụ;"],
        ),
        (
            "a figure is no mark",
            "3.5 triệu người đã đến.",
            &["3.5 triệu người đã đến."],
        ),
        ("a mark alone is no sentence", "-", &["-"]),
        (
            "semicolons and colons do not split",
            "Kết quả: năng suất tăng; chi phí giảm; dân vui.",
            &["Kết quả: năng suất tăng; chi phí giảm; dân vui."],
        ),
        (
            "missing space after period",
            "Đoàn đã đến Hà Nội.Theo lịch, hôm nay họp.",
            &["Đoàn đã đến Hà Nội.", "Theo lịch, hôm nay họp."],
        ),
        (
            "domain names do not split",
            "Tin đăng trên Baomoi.vn hôm nay. Hết.",
            &["Tin đăng trên Baomoi.vn hôm nay.", "Hết."],
        ),
        (
            "double marks",
            "Thật sao?! Tôi không tin.",
            &["Thật sao?!", "Tôi không tin."],
        ),
        (
            "no final stop",
            "Câu cuối không có dấu chấm",
            &["Câu cuối không có dấu chấm"],
        ),
        (
            "surrounding spaces trimmed",
            "  Một câu.   Hai câu.  ",
            &["Một câu.", "Hai câu."],
        ),
    ];

    #[test]
    fn table() {
        for &(name, input, want) in ROWS {
            assert_eq!(sentences(input), want, "row `{name}`");
        }
    }

    #[test]
    fn spans_point_into_the_whole_text() {
        let text = "Tiêu đề\nCâu một. Câu hai.\nDòng khác";
        let start = text.find("Câu").unwrap();
        let block = Span::new(start, start + "Câu một. Câu hai.".len());
        let got: Vec<&str> = split(text, block).iter().map(|s| s.of(text)).collect();
        assert_eq!(got, ["Câu một.", "Câu hai."]);
    }

    #[test]
    fn long_line_without_stop_stays_whole() {
        let line = "lúa xanh, ".repeat(2000);
        let got = sentences(&line);
        assert_eq!(got, [line.trim()]);
    }
}
