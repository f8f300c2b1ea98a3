//! Stage 3: the lines of the display text, classified as title, body or
//! noise (captions, links, menus, comment boxes…).
//!
//! [`blocks`] returns one [`Block`] per non-empty line. Web scrapes wrap the
//! article in page furniture: menus and breadcrumbs above the title, dates
//! and view counters around it, photo captions between paragraphs, bylines,
//! source links and comment boxes after the end. Only [`BlockKind::Body`]
//! lines reach the summary and the keywords, so a line is noise only when
//! its shape says so; running text, headings and list items stay body.
//!
//! # Rules
//!
//! The rules read the shape of a line and where it sits, never a site's
//! own strings. In order:
//!
//! 1. **One line alone.**
//!    - *Figures*: no letter at all (`133`, `0985.456.616`, `12:17,
//!      22/08/2023`); a date made only of figures and calendar words (`Thứ 3,
//!      18/12/2018`, `Ngày đăng: 11/11/2019`, `Thứ tư Ngày 12 Tháng 08 Năm
//!      2020, 06:54:00`); a short line with more digits than letters
//!      (`Hotline: 0912 345 678`).
//!    - *Link*: a web address alone or closing a short line (`Xem tiếp
//!      tại: https://…`), not one inside a sentence; a short `Nguồn: …` line.
//!    - *Navigation*: a bare site name (`baomoi.vn`, `(Tinmoi.vn)`); a
//!      short line made of generic interface words (`Multimedia Đọc Báo in`,
//!      `Chia sẻ Bình luận In bài`); a breadcrumb (`Home …`, `Trang chủ …`,
//!      `A > B > C`); a `Xem thêm: …`, `Đọc thêm >> …` link line.
//!    - *Caption*: `Chú thích ảnh…`, `Ảnh: …`, `Clip: …`, `Video: …` at the
//!      start; `Ảnh: Tên`, `Đồ họa: Tên` (a few words) at the end; short
//!      `Toàn cảnh …` and `Quang cảnh …` lines.
//!
//!    These rules skip lines of more than 50 words: a paragraph, or a whole
//!    document on one line, is running text even with a caption inside.
//!    - *Junk*: tokens that are no syllable of any language: long letter
//!      runs without vowels, letters and digits interleaved (`74nn22t12`).
//!    - *Letterhead* (official documents, see `letterhead`): in a
//!      document whose first lines hold the state's name or motto, the
//!      letterhead (issuing body, number, place and date, kind,
//!      addressees, a decision's grounds) and the closing (`Nơi nhận:`
//!      list, signature); its subject (`V/v …`) is the *Title*.
//! 2. **Comment box.** A line that opens a comment section (`Ý kiến bạn
//!    đọc`, `Bình luận`, `Trả lời`, `Leave a reply`, `Thư điện tử của bạn sẽ
//!    không được hiển thị…`) after some running text, or a related-articles
//!    heading (`Tin liên quan`) in the second half: that line and every
//!    line after it are *Comments*.
//! 3. **Captions by position.** A line without a final stop right after a
//!    junk line (an image placeholder) is a *Caption*; so are two adjacent
//!    lines (no empty line between) where one repeats or ends the other
//!    (`Các đại biểu dự hội nghị.` written twice under a photo), when the
//!    shorter is at least half the longer.
//! 4. **Breadcrumb.** A line that ends with the text of one of the next
//!    lines (the trail `Tin tức - Sự kiện <title>` above the title) is
//!    *Navigation*.
//! 5. **Title.** Among the first lines that are not noise, the first one
//!    shaped like a heading: 3 to 25 words (30 on the first line, 40 when a
//!    breadcrumb repeats it), mostly letters, no sentence end inside, not ending in `.`, `,`,
//!    `;`, `:` or `…`, and followed by some body. Short labels
//!    before it (at most two) are *Navigation*. When the first such line
//!    reads like running text (ends with a stop, or is long) there is no
//!    title: plain article text starts directly with its body.
//! 6. **Repeats.** A line equal to an earlier title or body line is a
//!    *Repeat*.
//! 7. **Bylines.** After the last line of running text (it ends with a
//!    stop), a short line of capitalized names (`Lan Hương`, `Minh Tâm, Văn
//!    Khoa`), or one holding a name in capitals (`Đại tá NGUYỄN VĂN AN, Chỉ
//!    huy trưởng`), is a *Byline*; a short `Theo …` line there is a *Link*.
//!    Between the title and the first sentence, short name lines are
//!    bylines too.
//! 8. **Fragments.** A body line of one word with no stop is a *Fragment*.
//!
//! A line with junk glued after its final stop (`… chỉ đạo.x7qq9zzk`) gets
//! a block that ends at the stop; the junk is in no block.
//!
//! Known limits: captions that read like sentences and are not repeated
//! nor next to an image placeholder stay body; a byline inside a one-line
//! document stays in that line.

use crate::document::{Block, BlockKind, Noise, Span};
use crate::hash::FxHashSet;
use crate::letterhead::{self, Role};
use crate::structure;
use crate::vi::{eq_ci, is_alphabetic, is_alphanumeric, is_syllable, lower_first, starts_with_ci};

/// One non-empty line, trimmed.
#[derive(Clone, Copy, Debug)]
struct Line<'t> {
    span: Span,
    text: &'t str,
    /// No empty line between this line and the previous one.
    joined: bool,
    /// Its whitespace-separated words, counted once for all the rules.
    words: usize,
    /// Is it running text ([`is_sentence`])?
    sentence: bool,
    /// Its [`lower_lead`]: the rules that compare its start with words
    /// read it, not each its first character again.
    lead: u8,
}

/// Splits `text` into its non-empty lines and classifies each.
pub fn blocks(text: &str) -> Vec<Block> {
    blocks_with(text, plain_spaces(text))
}

/// `text` with each paragraph of running text that ends in a comma joined
/// to the running text after it, and its [`blocks`]. An Enter typed in the
/// middle of a sentence (`…trong giai đoạn hiện nay,` then `Bộ Thông tin và
/// Truyền thông công bố…` as a paragraph of its own) cut it in two, and
/// the first half, ending in a comma, could be chosen for the summary. So
/// is a paragraph that the next one goes on with (`sentences::runs_on`):
/// `… ông Lê Văn Nh.` then `(SN 1962, trú tại …) đang …`, as news split
/// by a careless splitter is. A
/// next line that opens a list item (`-`, `+`, `•`, `a)`, `2.`) stays
/// apart: lists of addressees and items end their lines with commas too.
pub fn blocks_joined(text: String) -> (String, Vec<Block>) {
    let found = blocks(&text);
    let gaps: Vec<Span> = found
        .windows(2)
        .filter(|w| {
            let (a, b) = (w[0].span.of(&text), w[1].span.of(&text));
            w[0].kind == BlockKind::Body
                && w[1].kind == BlockKind::Body
                && (a.ends_with(',') || crate::sentences::runs_on(a, b))
                && !b.starts_with(['-', '+', '•', '*', '–', '—', '·'])
                && !crate::lines::list_item(b)
        })
        .map(|w| Span::new(w[0].span.end, w[1].span.start))
        .collect();
    if gaps.is_empty() {
        return (text, found);
    }
    let mut joined = String::with_capacity(text.len());
    let mut at = 0;
    for gap in gaps {
        joined.push_str(&text[at..gap.start]);
        joined.push(' ');
        at = gap.end;
    }
    joined.push_str(&text[at..]);
    let found = blocks(&joined);
    (joined, found)
}

/// [`blocks`], told whether `text` is [`plain_spaces`] (`false` is always
/// right, only slower: the tests compare both ways).
fn blocks_with(text: &str, plain: bool) -> Vec<Block> {
    let lines = lines(text, plain);
    let n = lines.len();
    let mut kinds: Vec<Option<BlockKind>> = lines
        .iter()
        .map(|l| alone(l.text, l.words, l.lead).map(BlockKind::Noise))
        .collect();
    // An official document's letterhead and signature, and its subject as
    // title (see `letterhead`).
    let official = letterhead::roles(n, |i| lines[i].text);
    let mut subject = None;
    for (i, role) in official.iter().flatten().enumerate() {
        match role {
            Some(Role::Title) => {
                subject = subject.or(Some(i));
                kinds[i] = Some(BlockKind::Title);
            }
            Some(Role::Letterhead) => kinds[i] = Some(BlockKind::Noise(Noise::Letterhead)),
            None => {}
        }
    }
    // The parts of a long document: headings, front matter, contents,
    // grounds, captions, references, a cover page and its topic (see
    // `structure`).
    let texts: Vec<&str> = lines.iter().map(|l| l.text).collect();
    let counts: Vec<usize> = lines.iter().map(|l| l.words).collect();
    // A plain text has no tab (see `plain_spaces`).
    let shape = structure::mark(&texts, &counts, !plain, &mut kinds);
    if subject.is_none() {
        subject = shape.title.first().copied();
    }
    cut_comments(&lines, &mut kinds);
    captions_by_position(&lines, &mut kinds);
    let confirmed = breadcrumbs(&lines, &mut kinds);
    let title = match (subject, shape.title_field) {
        (Some(i), _) => Some(i),
        (None, Some((i, _))) => Some(i),
        (None, None) => heading_as_title(&lines, &mut kinds)
            .or_else(|| find_title(&lines, &mut kinds, &confirmed)),
    };
    repeats(&lines, &mut kinds);
    bylines(&lines, &mut kinds, title);
    cells(&lines, &mut kinds);
    let mut out = Vec::with_capacity(n);
    for (i, (line, kind)) in lines.iter().zip(kinds).enumerate() {
        // `Tên đề tài: Xây dựng …`: the label, then the title.
        if let Some((_, at)) = shape.title_field.filter(|&(l, _)| l == i) {
            let label = line.text[..at].trim_end();
            out.push(Block {
                span: Span::new(line.span.start, line.span.start + label.len()),
                kind: BlockKind::Noise(Noise::FrontMatter),
            });
            out.push(Block {
                span: Span::new(line.span.start + at, line.span.end),
                kind: BlockKind::Title,
            });
            continue;
        }
        let kind = kind.unwrap_or_else(|| {
            if line.words == 1 && !ends_with_stop(line.text) {
                BlockKind::Noise(Noise::Fragment)
            } else {
                BlockKind::Body
            }
        });
        out.push(Block {
            span: line.span,
            kind,
        });
    }
    out
}

/// The lines of `text`; `plain` says that its only white space is `' '`
/// and `'\n'`, so a line is trimmed of spaces and its words are counted
/// at the spaces alone.
fn lines(text: &str, plain: bool) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut joined = false;
    // `text.split('\n')`, by memchr.
    let breaks = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    for end in breaks {
        let raw = &text[start..end];
        let trimmed = if plain {
            raw.trim_matches(' ')
        } else {
            raw.trim()
        };
        if trimmed.is_empty() {
            joined = false;
        } else {
            let text = without_trailing_source(without_glued_junk(trimmed));
            let dateline = text.len() - without_dateline(text).len();
            let text = &text[dateline..];
            let s = start + (raw.len() - raw.trim_start().len()) + dateline;
            let n = if plain {
                words_plain(text)
            } else {
                words(text)
            };
            out.push(Line {
                span: Span::new(s, s + text.len()),
                text,
                joined,
                words: n,
                sentence: is_sentence(text, n),
                lead: lower_lead(text),
            });
            joined = true;
        }
        start += raw.len() + 1;
    }
    out
}

// ---------------------------------------------------------------- words

/// Words of the calendar: a line of these and figures is a date. Sorted
/// (by bytes) for a binary search.
const CALENDAR: &[&str] = &[
    "am",
    "at",
    "ba",
    "bảy",
    "chiều",
    "chủ",
    "cn",
    "cập",
    "fri",
    "friday",
    "gian",
    "giờ",
    "gmt",
    "hai",
    "hôm",
    "lúc",
    "mon",
    "monday",
    "nay",
    "ngày",
    "nhật",
    "năm",
    "on",
    "phút",
    "pm",
    "posted",
    "published",
    "qua",
    "sat",
    "saturday",
    "sun",
    "sunday",
    "sáng",
    "sáu",
    "thu",
    "thursday",
    "tháng",
    "thời",
    "thứ",
    "trưa",
    "tue",
    "tuesday",
    "tư",
    "tối",
    "updated",
    "utc",
    "wed",
    "wednesday",
    "đêm",
    "đăng",
];

/// Generic words of web page furniture, in Vietnamese and English. Sorted
/// (by bytes) for a binary search.
const INTERFACE: &[&str] = &[
    "a",
    "and",
    "back",
    "bài",
    "báo",
    "bình",
    "chia",
    "chuyên",
    "chủ",
    "close",
    "comment",
    "comments",
    "copy",
    "cáo",
    "dõi",
    "e-magazine",
    "emagazine",
    "email",
    "english",
    "facebook",
    "font",
    "gửi",
    "home",
    "hệ",
    "in",
    "infographic",
    "infographics",
    "khoá",
    "khóa",
    "kiếm",
    "kiện",
    "ký",
    "like",
    "link",
    "liên",
    "login",
    "logout",
    "luận",
    "lên",
    "lưu",
    "lượt",
    "lại",
    "megastory",
    "menu",
    "multimedia",
    "mới",
    "mục",
    "news",
    "next",
    "nhất",
    "nhập",
    "of",
    "podcast",
    "previous",
    "print",
    "quay",
    "quảng",
    "rss",
    "search",
    "share",
    "size",
    "subscribe",
    "sẻ",
    "sự",
    "tag",
    "tags",
    "the",
    "theo",
    "thêm",
    "thích",
    "tin",
    "tiếng",
    "to",
    "top",
    "trang",
    "trở",
    "twitter",
    "tìm",
    "tức",
    "từ",
    "video",
    "videos",
    "views",
    "viết",
    "việt",
    "về",
    "xem",
    "xuất",
    "zalo",
    "đóng",
    "đăng",
    "đầu",
    "đọc",
    "ảnh",
];

/// Lines that open a comment section, lower case, final `:` dropped.
const COMMENT_MARKERS: &[&str] = &[
    "ý kiến bạn đọc",
    "ý kiến của bạn",
    "bình luận",
    "bình luận của bạn",
    "gửi bình luận",
    "viết bình luận",
    "gửi ý kiến",
    "để lại bình luận",
    "để lại một bình luận",
    "trả lời",
    "phản hồi",
    "comments",
    "comment",
    "leave a reply",
    "leave a comment",
    "reply",
];

/// How the notice of a comment form starts, lower case.
const COMMENT_NOTICES: &[&str] = &[
    "thư điện tử của bạn sẽ không",
    "email của bạn sẽ không",
    "địa chỉ email của bạn sẽ không",
    "your email address will not",
];

/// Headings of related-article lists, lower case, final `:` dropped.
const RELATED_MARKERS: &[&str] = &[
    "tin liên quan",
    "bài viết liên quan",
    "tin cùng chuyên mục",
    "bài cùng chuyên mục",
    "tin khác",
    "các tin khác",
    "tin mới nhất",
    "related articles",
    "related posts",
];

/// Whitespace-separated words: `s.split_whitespace().count()`, one
/// character at a time by its bytes, without decoding.
fn words(s: &str) -> usize {
    let bytes = s.as_bytes();
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let mut n = 0;
    let mut after_space = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // The White_Space characters: ASCII tab to carriage return and
        // space; U+0085, U+00A0 (C2 ..); U+1680 (E1 9A 80); U+2000…U+200A,
        // U+2028, U+2029, U+202F (E2 80 ..); U+205F (E2 81 9F); U+3000
        // (E3 80 80).
        let (space, len) = match b {
            0..=0x7F => (b == b' ' || (b'\t'..=b'\r').contains(&b), 1),
            0xC2 => (matches!(at(i + 1), 0x85 | 0xA0), 2),
            0xC0..=0xDF => (false, 2),
            0xE1 => (at(i + 1) == 0x9A && at(i + 2) == 0x80, 3),
            0xE2 => (
                match at(i + 1) {
                    0x80 => matches!(at(i + 2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
                    0x81 => at(i + 2) == 0x9F,
                    _ => false,
                },
                3,
            ),
            0xE3 => (at(i + 1) == 0x80 && at(i + 2) == 0x80, 3),
            0xE0..=0xEF => (false, 3),
            _ => (false, 4),
        };
        if !space && after_space {
            n += 1;
        }
        after_space = space;
        i += len;
    }
    n
}

/// Whether the only White_Space characters of `text` are `' '` and `'\n'`,
/// as in every display text ([`normalize`](crate::normalize::normalize)
/// turns the others into these). Then lines are trimmed and words counted
/// by the space byte alone. Checked with byte searches: the bytes that can
/// start other white space (tab to carriage return, `C2`, `E1 9A`, `E2`,
/// `E3`) are rare in Vietnamese text, except `E2` (quotes, `…`), whose
/// characters are looked at one by one.
fn plain_spaces(text: &str) -> bool {
    let b = text.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    memchr::memchr3(b'\t', 0x0B, 0x0C, b).is_none()
        && memchr::memchr(b'\r', b).is_none()
        && memchr::memchr3_iter(0xC2, 0xE2, 0xE3, b).all(|i| match b[i] {
            0xC2 => !matches!(at(i + 1), 0x85 | 0xA0),
            0xE2 => match at(i + 1) {
                0x80 => !matches!(at(i + 2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
                0x81 => at(i + 2) != 0x9F,
                _ => true,
            },
            _ => !(at(i + 1) == 0x80 && at(i + 2) == 0x80),
        })
        && memchr::memchr_iter(0x9A, b).all(|i| !(i > 0 && b[i - 1] == 0xE1 && at(i + 1) == 0x80))
}

/// [`words`] for a string whose only white space is `' '`: the bytes that
/// start a word are those after a space, and the first.
fn words_plain(s: &str) -> usize {
    let b = s.as_bytes();
    let Some(&first) = b.first() else {
        return 0;
    };
    // Over two shifted slices, in chunks counted in a byte, so that the
    // compiler compares and adds many bytes at once.
    let mut starts = usize::from(first != b' ');
    for (xs, ys) in b.chunks(128).zip(b[1..].chunks(128)) {
        let mut n = 0u8;
        for (&x, &y) in xs.iter().zip(ys) {
            n += u8::from(x == b' ') & u8::from(y != b' ');
        }
        starts += usize::from(n);
    }
    starts
}

/// A word without the punctuation around it.
fn bare(w: &str) -> &str {
    w.trim_matches(|c: char| !is_alphanumeric(c))
}

fn ends_with_stop(s: &str) -> bool {
    let s = s.trim_end_matches(['"', '”', '’', '\'', '»', ')', ']']);
    s.ends_with(['.', '!', '?', '…'])
}

/// Running text, `s` of `n` words: ends with a stop and has a few words.
fn is_sentence(s: &str, n: usize) -> bool {
    (ends_with_stop(s) && n >= 4) || n >= 25
}

/// A token that is no word: `74nn22t12`, `cctvnnnbnnvakknfjcn11`.
fn is_junk_token(t: &str) -> bool {
    let t = bare(t).as_bytes();
    if t.is_empty() || !t.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    // One pass over the bytes, all ASCII here: it is tried on the first
    // word of every line, and counting with `chars` and `to_lowercase` in
    // four passes cost several hundred instructions a word.
    let mut letters = 0;
    let mut vowels = 0;
    // Letters and digits switching back and forth.
    let mut switches = 0;
    let mut prev_digit = None;
    // The longest run of consonants, digits between them skipped.
    let mut run = 0;
    let mut longest = 0;
    for &b in t {
        let digit = b.is_ascii_digit();
        if prev_digit.is_some_and(|p| p != digit) {
            switches += 1;
        }
        prev_digit = Some(digit);
        if digit {
            continue;
        }
        letters += 1;
        if matches!(
            b.to_ascii_lowercase(),
            b'a' | b'e' | b'i' | b'o' | b'u' | b'y'
        ) {
            vowels += 1;
            run = 0;
        } else {
            run += 1;
            longest = longest.max(run);
        }
    }
    if letters == 0 {
        return false;
    }
    if switches >= 3 {
        return true;
    }
    (letters >= 6 && longest >= 5) || (letters >= 8 && vowels * 5 < letters)
}

/// `baomoi.vn`, `(Tinmoi.vn)`, `www.example.com.vn`.
fn is_site_name(s: &str) -> bool {
    let mut it = s.split_whitespace();
    let (Some(w), None) = (it.next(), it.next()) else {
        return false;
    };
    let w = bare(w).to_lowercase();
    let Some((name, tld)) = w.rsplit_once('.') else {
        return false;
    };
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
        && matches!(
            tld,
            "vn" | "com" | "net" | "org" | "info" | "edu" | "gov" | "biz" | "tv" | "io"
        )
}

/// The longest key, in bytes, that may be one of [`COMMENT_MARKERS`] or
/// [`RELATED_MARKERS`]: `eq_ci` holds only for a key of at most as many
/// characters as the marker (each character lower-cases to one or more),
/// of four bytes at most each. Most lines of running text are longer,
/// and are not compared with each marker (issue 13; a test checks the
/// bound against the lists).
const MAX_MARKER_KEY: usize = 4 * 20;

/// The line without a final `:` or a count like `(12)`, to compare with
/// the markers case-insensitively.
fn marker_key(s: &str) -> &str {
    s.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, ' ' | '(' | ')' | ':' | '.'))
}

/// Whether `s`, whose [`lower_lead`] is `lead`, opens a comment section.
fn is_comment_marker(s: &str, lead: u8) -> bool {
    // The key is `s` cut at its end: it opens as `s` does, or is empty and
    // no marker.
    let key = marker_key(s);
    if key.is_empty() {
        return false;
    }
    (key.len() <= MAX_MARKER_KEY
        && COMMENT_MARKERS
            .iter()
            .any(|m| m.as_bytes()[0] == lead && eq_ci(key, m)))
        || COMMENT_NOTICES
            .iter()
            .any(|m| m.as_bytes()[0] == lead && starts_with_ci(key, m))
}

/// Whether `s`, whose [`lower_lead`] is `lead`, heads a list of related
/// articles.
fn is_related_marker(s: &str, lead: u8) -> bool {
    // As in `is_comment_marker`.
    let key = marker_key(s);
    if key.is_empty() || key.len() > MAX_MARKER_KEY {
        return false;
    }
    RELATED_MARKERS
        .iter()
        .any(|m| m.as_bytes()[0] == lead && eq_ci(key, m))
}

/// The first byte of [`first_lower`]`(s)`: a lower-case prefix of `s`
/// (for [`starts_with_ci`] and [`eq_ci`]) starts with it, so comparing
/// one byte skips most markers without decoding them.
fn lower_lead(s: &str) -> u8 {
    first_lower(s).encode_utf8(&mut [0; 4]).as_bytes()[0]
}

/// The first character of `s` in lower case (NUL for an empty `s`): a
/// lower-case prefix that does not start with it is no prefix of `s` for
/// [`starts_with_ci`] and [`eq_ci`], which can then be skipped.
fn first_lower(s: &str) -> char {
    lower_first(s).unwrap_or('\0')
}

/// Share of the line's words that are interface words.
fn interface_share(s: &str) -> f64 {
    let mut all = 0;
    let mut ui = 0;
    for w in s.split_whitespace() {
        let w = bare(w).to_lowercase();
        if w.is_empty() {
            continue;
        }
        all += 1;
        if INTERFACE.binary_search(&w.as_str()).is_ok() {
            ui += 1;
        }
    }
    if all == 0 {
        0.0
    } else {
        f64::from(ui) / f64::from(all)
    }
}

/// A date of `n` words: figures and calendar words only, at least one
/// figure.
fn is_date(s: &str, n: usize) -> bool {
    if n > 12 {
        return false;
    }
    let mut figures = 0;
    for w in s.split_whitespace() {
        let b = bare(w);
        if b.is_empty() {
            continue;
        }
        if b.chars().any(|c| c.is_ascii_digit()) {
            if !b
                .chars()
                .all(|c| c.is_ascii_digit() || "/:-.,+hH".contains(c))
            {
                return false;
            }
            figures += 1;
        } else if CALENDAR.binary_search(&b.to_lowercase().as_str()).is_err() {
            return false;
        }
    }
    figures > 0
}

/// A weekday alone (`Thứ hai`, `Chủ nhật`): the head of a day in a
/// schedule's table, no sentence.
fn is_weekday(s: &str, n: usize) -> bool {
    const DAYS: [&str; 7] = [
        "thứ hai",
        "thứ ba",
        "thứ tư",
        "thứ năm",
        "thứ sáu",
        "thứ bảy",
        "chủ nhật",
    ];
    n == 2 && {
        let key = s.trim_end_matches([':', ',', '.']).to_lowercase();
        DAYS.contains(&key.as_str())
    }
}

/// A web address with at most a few words around it, or at the end of a
/// short line (`Xem tiếp tại: https://…`); an address inside a sentence is
/// running text.
fn is_link_line(s: &str) -> bool {
    if !has_scheme(s) {
        return false;
    }
    let n = words(s);
    let urls = s.split_whitespace().filter(|w| has_scheme(w)).count();
    let last_is_url = s.split_whitespace().last().is_some_and(has_scheme);
    urls > 0 && (n - urls <= 4 || (last_is_url && n <= 15))
}

/// `s.contains("://")`, by the colons: most lines have none, and
/// `str::contains` prepares a substring search for every call.
fn has_scheme(s: &str) -> bool {
    memchr::memchr_iter(b':', s.as_bytes()).any(|i| s[i + 1..].starts_with("//"))
}

/// The dashes a dateline ends with, in the order they are tried.
const DASHES: [char; 3] = ['-', '–', '—'];

/// `s.find(" {dash} ")` plus one for each of the [`DASHES`], in one walk
/// over the bytes `-` and E2 (the first byte of the other two) found by
/// memchr: `match_indices` searched for the last byte of `–` and `—`
/// (93, 94), common in Vietnamese letters, once per dash.
fn first_spaced_dashes(s: &str) -> [Option<usize>; 3] {
    let b = s.as_bytes();
    let mut found = [None; 3];
    let mut buf = [0; 4];
    for i in memchr::memchr2_iter(b'-', 0xE2, b) {
        for (k, dash) in DASHES.into_iter().enumerate() {
            let d = dash.encode_utf8(&mut buf).as_bytes();
            if found[k].is_none()
                && b[i..].starts_with(d)
                && i > 0
                && b[i - 1] == b' '
                && b.get(i + d.len()) == Some(&b' ')
            {
                found[k] = Some(i - 1);
            }
        }
        if found.iter().all(Option::is_some) {
            break;
        }
    }
    found
}

/// How a photo credit starts; each ends with a colon.
const PHOTO_CREDITS: &[&str] = &[
    "Ảnh:",
    "Ảnh :",
    "ẢNH:",
    "Photo:",
    "Nguồn ảnh:",
    "Ảnh minh họa:",
    "Ảnh minh hoạ:",
    "Đồ họa:",
    "Đồ hoạ:",
    "Video:",
    "Clip:",
];

/// `… Ảnh: Lan Anh`, `… (Ảnh: TTXVN)`: a photo credit ends the line.
fn ends_with_photo_credit(s: &str) -> bool {
    // Every marker ends with a colon; most lines have none. The colons
    // are visited once, from the right, and each marker is tried at its
    // last occurrence only (`rfind`), as one search per marker would.
    let mut tried = 0u16;
    for colon in memchr::memrchr_iter(b':', s.as_bytes()) {
        for (k, marker) in PHOTO_CREDITS.iter().enumerate() {
            if tried & (1 << k) != 0 || !s[..=colon].ends_with(marker) {
                continue;
            }
            tried |= 1 << k;
            let tail = &s[colon + 1..];
            if words(tail) <= 6 && !tail.trim_end_matches(')').contains(['.', '!', '?']) {
                return true;
            }
        }
    }
    false
}

/// A short line of names: `Lan Hương`, `Minh Tâm, Văn Khoa`, or one with a
/// name in capitals: `Đại tá NGUYỄN VĂN AN, Chỉ huy trưởng`.
fn is_name_line(s: &str) -> bool {
    if ends_with_stop(s) || s.ends_with(':') || s.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let ws: Vec<&str> = s
        .split_whitespace()
        .map(bare)
        .filter(|w| !w.is_empty())
        .collect();
    if ws.is_empty() || ws.len() > 10 {
        return false;
    }
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let shouting = |w: &str| w.chars().count() >= 2 && w.chars().all(char::is_uppercase);
    let names = ws.len() <= 6 && ws.iter().all(|w| capital(w) || *w == "và");
    let caps_run = ws.windows(2).any(|p| shouting(p[0]) && shouting(p[1]));
    names || caps_run
}

// ---------------------------------------------------------------- rules

/// A page number a pdf or a printed document carries: `Trang 2`, `Trang
/// 2/5`, `trang 3 / 12`, `Page 4`, `Page 4 of 9`. `starts` is `alone`'s
/// case-blind prefix test.
fn is_page_number(s: &str, starts: &impl Fn(&str) -> bool) -> bool {
    let rest = if starts("trang ") {
        &s["trang ".len()..]
    } else if starts("page ") {
        &s["page ".len()..]
    } else {
        return false;
    };
    let mut parts = rest.split(['/', ' ']).filter(|p| !p.is_empty());
    let number = |p: Option<&str>| p.is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if !number(parts.next()) {
        return false;
    }
    match parts.next() {
        None => true,
        Some("of" | "trên") => number(parts.next()) && parts.next().is_none(),
        p => number(p) && parts.next().is_none(),
    }
}

/// Rule 1: what one line of `n` words is, on its own; `lead` is its
/// [`lower_lead`].
fn alone(s: &str, n: usize, lead: u8) -> Option<Noise> {
    if !s.chars().any(is_alphabetic) {
        return Some(Noise::Figures);
    }
    if n > 50 {
        // A paragraph or a whole document on one line: running text, even
        // with a caption or a link inside.
        return None;
    }
    // `lead` (`lower_lead(s)`), one byte, compared before the character by
    // character comparison.
    let starts = |p: &str| p.as_bytes()[0] == lead && starts_with_ci(s, p);
    // Links and photo credits have a colon; most lines have none.
    let colon = memchr::memchr(b':', s.as_bytes()).is_some();
    if (colon && is_link_line(s)) || starts("www.") {
        return Some(Noise::Link);
    }
    if n <= 10 && (starts("nguồn:") || starts("nguồn bài viết")) {
        return Some(Noise::Link);
    }
    if n == 1 && is_site_name(s) {
        return Some(Noise::Navigation);
    }
    let caption_starts = [
        "chú thích ảnh",
        "ảnh:",
        "ảnh :",
        "clip:",
        "video:",
        "(video)",
        "photo:",
        "ảnh minh họa",
        "ảnh minh hoạ",
        "nguồn ảnh",
    ];
    if caption_starts.iter().any(|p| starts(p)) || (colon && ends_with_photo_credit(s)) {
        return Some(Noise::Caption);
    }
    if n <= 12 && (starts("toàn cảnh") || starts("quang cảnh")) {
        return Some(Noise::Caption);
    }
    if is_date(s, n) || is_weekday(s, n) {
        return Some(Noise::Figures);
    }
    // `n` is the number of whitespace-separated words.
    let mut ws = s.split_whitespace();
    if ws.clone().all(is_junk_token) || (n <= 2 && ws.any(is_junk_token)) {
        return Some(Noise::Junk);
    }
    if n <= 5 && is_page_number(s, &starts) {
        return Some(Noise::Figures);
    }
    if n <= 5 {
        let digits = s.chars().filter(char::is_ascii_digit).count();
        let letters = s.chars().filter(|&c| is_alphabetic(c)).count();
        if digits > letters {
            return Some(Noise::Figures);
        }
    }
    if !ends_with_stop(s) {
        let trail = n <= 30 && s.matches(['>', '»', '›']).count() >= 2;
        let home = ["home ", "trang chủ "].iter().any(|p| starts(p));
        if trail || home || ((2..=12).contains(&n) && interface_share(s) >= 0.75) {
            return Some(Noise::Navigation);
        }
    }
    let see_more = [
        "xem thêm",
        "đọc thêm",
        "xem tiếp",
        "xem chi tiết",
        "xem video",
        "xem ảnh",
        "tin liên quan:",
        ">>",
        "> >",
    ];
    if n <= 30 && see_more.iter().any(|p| starts(p)) {
        return Some(Noise::Navigation);
    }
    None
}

/// Rule 2: a comment box or related-articles list and all after it.
fn cut_comments(lines: &[Line], kinds: &mut [Option<BlockKind>]) {
    let n = lines.len();
    let mut seen_text = false;
    for i in 0..n {
        let s = lines[i].text;
        let lead = lines[i].lead;
        let comment = seen_text && is_comment_marker(s, lead);
        let related = seen_text && 2 * i >= n && is_related_marker(s, lead);
        if comment || related {
            for k in &mut kinds[i..] {
                *k = Some(BlockKind::Noise(Noise::Comments));
            }
            return;
        }
        if kinds[i].is_none() && lines[i].sentence {
            seen_text = true;
        }
    }
}

/// Rule 3: captions next to an image placeholder or written twice.
fn captions_by_position(lines: &[Line], kinds: &mut [Option<BlockKind>]) {
    for i in 1..lines.len() {
        let s = lines[i].text;
        if kinds[i].is_none()
            && kinds[i - 1] == Some(BlockKind::Noise(Noise::Junk))
            && !ends_with_stop(s)
            && lines[i].words <= 40
        {
            kinds[i] = Some(BlockKind::Noise(Noise::Caption));
        }
    }
    for i in 1..lines.len() {
        if !lines[i].joined || kinds[i].is_some() || kinds[i - 1].is_some() {
            continue;
        }
        let (a, b) = (&lines[i - 1], &lines[i]);
        let (short, long) = if a.text.len() <= b.text.len() {
            (a, b)
        } else {
            (b, a)
        };
        // The short one must be most of the long one: a caption and its
        // longer variant, not a sentence that happens to end with a name.
        let similar = 2 * short.text.len() >= long.text.len() && long.words <= 60;
        let (short, long, short_words) = (short.text, long.text, short.words);
        if short_words >= 3 && similar && (long.ends_with(short) || long.starts_with(short)) {
            kinds[i - 1] = Some(BlockKind::Noise(Noise::Caption));
            kinds[i] = Some(BlockKind::Noise(Noise::Caption));
        }
    }
}

/// Rule 4: a line that ends with one of the next lines is a breadcrumb.
/// Returns the lines that breadcrumbs end with: likely titles.
fn breadcrumbs(lines: &[Line], kinds: &mut [Option<BlockKind>]) -> Vec<usize> {
    let mut ends = Vec::new();
    for i in 0..lines.len() {
        let s = lines[i].text;
        for j in i + 1..lines.len().min(i + 4) {
            let t = lines[j].text;
            if kinds[j].is_some() || t.len() >= s.len() || lines[j].words < 3 {
                continue;
            }
            if s.ends_with(t) {
                kinds[i] = Some(BlockKind::Noise(Noise::Navigation));
                ends.push(j);
                break;
            }
        }
    }
    ends
}

/// Can `s`, of `n` words, be a title of at most `max` words?
fn is_title_shaped(s: &str, n: usize, max: usize) -> bool {
    // The word count and the last character first: counting letters
    // walks the whole line, often a paragraph that is no title.
    (3..=max).contains(&n)
        && !s.ends_with(['.', ',', ';', ':', '…'])
        && !has_email(s)
        && !is_ocr_noise(s)
        && {
            let letters = s.chars().filter(|&c| is_alphabetic(c)).count();
            let visible = s.chars().filter(|c| !c.is_whitespace()).count();
            2 * letters >= visible && !has_inner_stop(s)
        }
}

/// A line of OCR noise (`VGC AE 4 ạnh p`, a stamp or a logo read as
/// letters): fewer than half of its words are Vietnamese syllables, and
/// half or more are scraps of at most three letters. English words
/// (`Microsoft Word`) are neither.
fn is_ocr_noise(s: &str) -> bool {
    let (mut words, mut syllables, mut scraps) = (0, 0, 0);
    for w in s.split_whitespace() {
        let w = w.trim_matches(|c: char| !is_alphanumeric(c));
        if w.is_empty() || !w.chars().all(is_alphabetic) {
            continue;
        }
        words += 1;
        if is_syllable(w) {
            syllables += 1;
        } else if w.chars().count() <= 3 {
            scraps += 1;
        }
    }
    words > 0 && 2 * syllables < words && 2 * scraps >= words
}

/// Does `s` hold an e-mail address (an author's line, no title)?
fn has_email(s: &str) -> bool {
    s.split_whitespace().any(|w| {
        w.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !host.starts_with('.')
        })
    })
}

/// Does a sentence end inside `s` (`… 1.500 m. Ảnh …`)?
fn has_inner_stop(s: &str) -> bool {
    s.match_indices(['.', '!', '?']).any(|(i, _)| {
        let mut after = s[i + 1..].chars();
        after.next() == Some(' ') && after.next().is_some_and(char::is_uppercase)
    })
}

/// Rule 5: the title, if any, with the labels above it as navigation.
fn find_title(
    lines: &[Line],
    kinds: &mut [Option<BlockKind>],
    confirmed: &[usize],
) -> Option<usize> {
    let mut labels = Vec::new();
    // The first 15 lines, a table of contents' entries not counted (see
    // `heading_as_title`).
    for i in first_past_contents(kinds, 15) {
        if kinds[i].is_some() {
            continue;
        }
        let s = lines[i].text;
        // Long titles exist; trust them at the very top or when a
        // breadcrumb repeats them.
        let max = if confirmed.contains(&i) {
            40
        } else if i == 0 {
            30
        } else {
            25
        };
        if is_title_shaped(s, lines[i].words, max) {
            let body_follows = (i + 1..lines.len()).any(|j| kinds[j].is_none());
            if !body_follows {
                return None;
            }
            kinds[i] = Some(BlockKind::Title);
            for l in labels {
                kinds[l] = Some(BlockKind::Noise(Noise::Navigation));
            }
            return Some(i);
        }
        if lines[i].sentence || lines[i].words > 6 || labels.len() == 2 {
            return None;
        }
        labels.push(i);
    }
    None
}

/// The first `n` lines, the entries of a table of contents passed over.
fn first_past_contents(kinds: &[Option<BlockKind>], n: usize) -> Vec<usize> {
    (0..kinds.len())
        .filter(|&i| kinds[i] != Some(BlockKind::Noise(Noise::Contents)))
        .take(n)
        .collect()
}

/// Rule 5, for a document that opens with a heading: its first
/// top-level heading is its title when only noise or a label of a few
/// words comes before it (`Phần 1: Soạn thảo văn bản` at the head of a
/// textbook's part, above its author and the author's institution).
///
/// A table of contents before it is passed over, its entries not counted
/// (`MỤC LỤC`, `THỦ THUẬT WORD ....... 3`, … then `THỦ THUẬT WORD`): an
/// entry names a heading, and is none.
fn heading_as_title(lines: &[Line], kinds: &mut [Option<BlockKind>]) -> Option<usize> {
    for i in first_past_contents(kinds, 4) {
        match kinds[i] {
            Some(BlockKind::Heading(1)) if lines[i].words >= 3 => {
                kinds[i] = Some(BlockKind::Title);
                return Some(i);
            }
            Some(BlockKind::Noise(_)) => {}
            None if lines[i].words <= 3 && !lines[i].sentence => {}
            _ => return None,
        }
    }
    None
}

/// A table read one cell a line (a schedule: `Thứ hai` / `Sáng` / `Họp
/// giao ban` / `Chiều`): a line of two or three words, no sentence,
/// between two lines of at most three words is a cell, no sentence.
fn cells(lines: &[Line], kinds: &mut [Option<BlockKind>]) {
    const CELL_WORDS: usize = 3;
    for i in 1..lines.len().saturating_sub(1) {
        if kinds[i].is_none()
            && (2..=CELL_WORDS).contains(&lines[i].words)
            && !ends_with_stop(lines[i].text)
            && lines[i - 1].words <= CELL_WORDS
            && lines[i + 1].words <= CELL_WORDS
        {
            kinds[i] = Some(BlockKind::Noise(Noise::Fragment));
        }
    }
}

/// Rule 6: lines equal to an earlier title or body line.
fn repeats(lines: &[Line], kinds: &mut [Option<BlockKind>]) {
    let candidate = |k: &Option<BlockKind>| matches!(k, None | Some(BlockKind::Title));
    if lines.len() <= 64 {
        // An article has a few dozen lines: comparing each with the
        // earlier ones (lengths first) costs less than hashing them all.
        for i in 0..lines.len() {
            let t = lines[i].text;
            if candidate(&kinds[i]) && (0..i).any(|j| candidate(&kinds[j]) && lines[j].text == t) {
                kinds[i] = Some(BlockKind::Noise(Noise::Repeat));
            }
        }
        return;
    }
    // The set is never iterated: its order cannot reach the output.
    let mut seen = FxHashSet::default();
    for (line, kind) in lines.iter().zip(kinds.iter_mut()) {
        if candidate(kind) && !seen.insert(line.text) {
            *kind = Some(BlockKind::Noise(Noise::Repeat));
        }
    }
}

/// Rule 7: names after the end of the text, or between title and text.
fn bylines(lines: &[Line], kinds: &mut [Option<BlockKind>], title: Option<usize>) {
    let Some(last) = (0..lines.len())
        .rev()
        .find(|&i| kinds[i].is_none() && lines[i].sentence)
    else {
        return;
    };
    for i in last + 1..lines.len() {
        let s = lines[i].text;
        if kinds[i].is_some() {
            continue;
        }
        if lines[i].words <= 6 && (starts_with_ci(s, "theo ") || starts_with_ci(s, "(theo ")) {
            kinds[i] = Some(BlockKind::Noise(Noise::Link));
        } else if is_name_line(s) {
            kinds[i] = Some(BlockKind::Noise(Noise::Byline));
        }
    }
    if let Some(t) = title {
        for i in t + 1..lines.len() {
            if kinds[i].is_some() {
                continue;
            }
            if lines[i].sentence {
                break;
            }
            if lines[i].words <= 5 && is_name_line(lines[i].text) {
                kinds[i] = Some(BlockKind::Noise(Noise::Byline));
            }
        }
    }
}

/// A line without a source attribution glued after its last sentence:
/// `… cách nuôi dạy con. Nguồn: [Link nguồn]`. The tail starts with
/// `Nguồn:` or `Source:` right after a stop and is at most twelve words.
fn without_trailing_source(s: &str) -> &str {
    // Both markers end with a colon; most lines have none.
    if memchr::memchr(b':', s.as_bytes()).is_none() {
        return s;
    }
    for marker in ["nguồn:", "source:"] {
        // A match ends at a colon and has the marker's length in bytes:
        // the characters that lower-case to the marker's are its own and
        // their capitals, of the same length.
        for (colon, _) in s.match_indices(':') {
            let Some(at) = (colon + 1).checked_sub(marker.len()) else {
                continue;
            };
            if !s.is_char_boundary(at) || !starts_with_ci(&s[at..], marker) {
                continue;
            }
            let (head, tail) = (s[..at].trim_end(), &s[at..]);
            let after_stop = head.ends_with(['.', '!', '?', '…', '”', '"', ')']);
            if after_stop && words(head) >= 3 && words(tail) <= 12 {
                return head;
            }
        }
    }
    s
}

/// A line without the news agency's dateline before its first sentence:
/// `(Baonghean.vn) - Sáng 16/4, …`, `(Dân trí) – …`, `TTO - …`, `HÀ NỘI — …`,
/// `QK3 online - …`.
/// The prefix is at most three words before a dash, and is a site name, in
/// brackets, or in capitals; the rest must read as a sentence.
fn without_dateline(s: &str) -> &str {
    let spaced = first_spaced_dashes(s);
    for (dash, at) in DASHES.into_iter().zip(spaced) {
        let Some(at) = at else {
            continue;
        };
        let (prefix, rest) = (&s[..at], &s[at + dash.len_utf8() + 2..]);
        let n = words(prefix);
        if n == 0 || n > 3 || words(rest) < 5 {
            continue;
        }
        let bracketed = prefix.starts_with('(') && prefix.ends_with(')');
        // "HÀ NỘI", "TTO", or a code like "QK3 online" (an agency tag).
        let first = prefix.split_whitespace().next().unwrap_or("");
        let capitals = prefix
            .chars()
            .filter(|&c| is_alphabetic(c))
            .all(char::is_uppercase)
            || (first.chars().any(|c| c.is_ascii_digit())
                && first
                    .chars()
                    .filter(|&c| is_alphabetic(c))
                    .all(char::is_uppercase));
        if bracketed || capitals || is_site_name(prefix) {
            return rest.trim_start();
        }
    }
    s
}

/// A line without junk glued after its final stop (`… chỉ đạo.x7qq9zzk`).
fn without_glued_junk(s: &str) -> &str {
    // `s.rsplit(' ').next()`, by a byte search.
    let last = memchr::memrchr(b' ', s.as_bytes()).map_or(s, |i| &s[i + 1..]);
    if let Some(dot) = memchr::memrchr(b'.', last.as_bytes()) {
        let tail = &last[dot + 1..];
        if !tail.is_empty() && is_junk_token(tail) && words(s) > 1 {
            return &s[..s.len() - tail.len()];
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_key_is_never_longer_than_the_bound() {
        for m in COMMENT_MARKERS.iter().chain(RELATED_MARKERS) {
            assert!(4 * m.chars().count() <= MAX_MARKER_KEY, "{m}");
        }
        // A long line opening with a marker is no marker; a notice is
        // still found at the start of one.
        let long = format!("Bình luận {}", "rất dài ".repeat(12));
        assert!(long.len() > MAX_MARKER_KEY);
        assert!(!is_comment_marker(&long, b'b') && !is_related_marker(&long, b'b'));
        assert!(is_comment_marker("Bình luận (12)", b'b'));
        assert!(is_related_marker("TIN LIÊN QUAN:", b't'));
        let notice = format!(
            "Email của bạn sẽ không được hiển thị {}",
            "công khai ".repeat(10)
        );
        assert!(notice.len() > MAX_MARKER_KEY && is_comment_marker(&notice, b'e'));
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        let spaces: Vec<char> = ('\0'..='\u{3000}').filter(|c| c.is_whitespace()).collect();
        for s in [
            "",
            " ",
            "a",
            " a  b ",
            // Near misses: U+1681, U+200B (not White_Space), U+2010,
            // U+201C, U+2026, U+205E, U+3001, U+00A1, an emoji.
            "\u{1681}a\u{200b}b\u{2010}c\u{201c}d\u{2026} \u{205e}e\u{3001}f\u{a1}g 🎉",
            "Việt\u{1680}Nam",
            "ấ\u{a0}\u{85}b\u{3000}c\u{2029}",
        ]
        .into_iter()
        .map(String::from)
        .chain(spaces.iter().map(|c| format!("ạ{c}ᚁ{c}x{c}")))
        {
            assert_eq!(words(&s), s.split_whitespace().count(), "{s:?}");
        }
    }

    /// `is_junk_token` as it was, by chars.
    fn is_junk_token_by_chars(t: &str) -> bool {
        let t = bare(t);
        if t.is_empty() || !t.chars().all(|c| c.is_ascii_alphanumeric()) {
            return false;
        }
        let letters = t.chars().filter(char::is_ascii_alphabetic).count();
        if letters == 0 {
            return false;
        }
        // Letters and digits switching back and forth.
        let mut switches = 0;
        let mut prev = None;
        for c in t.chars() {
            let d = c.is_ascii_digit();
            if prev.is_some_and(|p| p != d) {
                switches += 1;
            }
            prev = Some(d);
        }
        if switches >= 3 {
            return true;
        }
        let vowels = t.chars().filter(|&c| is_vowel(c)).count();
        let mut run = 0;
        let mut longest = 0;
        for c in t.chars().filter(char::is_ascii_alphabetic) {
            if is_vowel(c) {
                run = 0;
            } else {
                run += 1;
                longest = longest.max(run);
            }
        }
        (letters >= 6 && longest >= 5) || (letters >= 8 && vowels * 5 < letters)
    }

    fn is_vowel(c: char) -> bool {
        let c = c.to_lowercase().next().unwrap_or(c);
        // Every accented Latin letter of Vietnamese is a vowel, except đ.
        matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
            || (c.is_alphabetic() && !c.is_ascii() && c != 'đ')
    }

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [CALENDAR, INTERFACE] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn junk_tokens_are_found_as_by_chars() {
        for t in [
            "",
            "a",
            "74nn22t12",
            "cctvnnnbnnvakknfjcn11",
            "Theo",
            "(VTV)",
            "COVID-19",
            "a1b2",
            "a1b",
            "1a2b3c",
            "strengths",
            "XYZQWRT",
            "rhythms",
            "bcdfgaeiou",
            "12345",
            "x7qq9zzk",
            "Hà",
            "Nội",
            "tphcm",
            "TPHCM",
            "ĐT",
            "abc123def",
            "\u{1d400}bcdfg",
            "k8s",
            "mmmmmmmmmmmmeeeeeeeeeee",
            "qwrtpsdfgh1",
            "Sáng",
            "Ảnh",
            "x7ặq9zz",
            "“abc123def”",
            "a–b1c2d3",
            "Đ1a2b3",
            "ab1c2d3…",
            "…ab1c2d3",
            "(x7qq9zzk)",
            "x7qq9zzkĐ",
            "ĐĐx7qq9zzk",
        ] {
            assert_eq!(is_junk_token(t), is_junk_token_by_chars(t), "{t:?}");
        }
    }

    /// `without_trailing_source` as it was, trying every position.
    fn without_trailing_source_everywhere(s: &str) -> &str {
        for marker in ["nguồn:", "source:"] {
            for (at, _) in s.char_indices() {
                if !starts_with_ci(&s[at..], marker) {
                    continue;
                }
                let (head, tail) = (s[..at].trim_end(), &s[at..]);
                let after_stop = head.ends_with(['.', '!', '?', '…', '”', '"', ')']);
                if after_stop && words(head) >= 3 && words(tail) <= 12 {
                    return head;
                }
            }
        }
        s
    }

    #[test]
    fn trailing_sources_are_found_from_the_colons() {
        let heads = ["", "Một câu dài đủ chữ.", "Ba chữ thôi!", "a b"];
        let tails = [
            "Nguồn: A",
            "NGUỒN: VnExpress",
            "nguồn:x",
            "Source: Reuters",
            "SOURCE:",
            "Nguồn :x",
            "ồ: nguồn: y",
            "xnguồn: z",
            "nguồn nguồn: Nguồn:",
            "Nguồn: một hai ba bốn năm sáu bảy tám chín mười mười một mười hai",
        ];
        for h in heads {
            for t in tails {
                for s in [
                    format!("{h} {t}"),
                    format!("{h}{t}"),
                    format!("{t} {h} {t}"),
                ] {
                    assert_eq!(
                        without_trailing_source(&s),
                        without_trailing_source_everywhere(&s),
                        "{s:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn searches_by_colons_and_dashes_find_what_str_finds() {
        let lines = [
            "",
            ":",
            "://",
            "a: b :// c: d",
            "Xem tại: https://a.vn và http://b.vn",
            "Ảnh: A. Ảnh :B Ảnh: C",
            "Ảnh:Ảnh:",
            "(TTO) - Sáng nay – a — b - c",
            " - - ",
            "a -b- c – d—e —",
            "Nguồn: x. Theo Source: y",
            "Các đại biểu dự hội nghị. Ảnh: Lan Anh",
            "Toàn cảnh (Ảnh: TTXVN)",
            "Video: Clip: một hai ba bốn năm sáu bảy tám",
            "Đồ hoạ: A. Đồ họa: B",
            "Ảnh: x. y! Ảnh: z. Photo: w",
            "Nguồn ảnh: a: Ảnh minh họa: b c d e f g h i",
        ];
        for s in lines {
            assert_eq!(has_scheme(s), s.contains("://"), "{s:?}");
            // As it was: each marker at its last occurrence, by `rfind`.
            let credit = PHOTO_CREDITS.iter().any(|marker| {
                s.rfind(marker).is_some_and(|at| {
                    let tail = &s[at + marker.len()..];
                    words(tail) <= 6 && !tail.trim_end_matches(')').contains(['.', '!', '?'])
                })
            });
            assert_eq!(ends_with_photo_credit(s), credit, "{s:?}");
            for (dash, at) in DASHES.into_iter().zip(first_spaced_dashes(s)) {
                let spaced = format!(" {dash} ");
                assert_eq!(at, s.find(&spaced), "{s:?} {dash:?}");
            }
        }
    }

    /// `blocks(text)`, checked against the path for any white space.
    fn checked_blocks(text: &str) -> Vec<Block> {
        let got = blocks(text);
        assert_eq!(
            got,
            blocks_with(text, false),
            "plain-space path on {text:?}"
        );
        got
    }

    #[test]
    fn plain_spaces_are_found_as_chars_find_them() {
        let plain = |s: &str| {
            s.chars()
                .all(|c| !c.is_whitespace() || c == ' ' || c == '\n')
        };
        let others = [
            "",
            "a b\nc",
            "Hà Nội “nói” … – — «x» °C",
            "\u{1e9a}\u{1eda}\u{11a}",
            "\u{2010}\u{200b}\u{2060}\u{3001}\u{a1}\u{1681}",
        ];
        let spaces = ('\0'..='\u{3000}').filter(|c| c.is_whitespace());
        for s in others
            .into_iter()
            .map(String::from)
            .chain(spaces.map(|c| format!("ạ{c}ᚁ x")))
            .chain(["\u{e1}\u{9a}", "ớ\u{2000}"].map(String::from))
        {
            assert_eq!(plain_spaces(&s), plain(&s), "{s:?}");
            if plain(&s) {
                for line in s.split('\n') {
                    assert_eq!(words_plain(line), line.split_whitespace().count(), "{s:?}");
                }
            }
        }
        for s in ["", " ", "a", " a  b ", "  ", "Việt Nam ", "a\u{a0}b c"] {
            assert_eq!(
                words_plain(s),
                s.split(' ').filter(|w| !w.is_empty()).count()
            );
        }
    }

    #[test]
    fn fixtures_take_the_plain_space_path_to_the_same_blocks() {
        for raw in [
            include_str!("../tests/data/scrape-hoi-nghi.txt"),
            include_str!("../tests/data/hoi-nghi.txt"),
            include_str!("../tests/data/lua-gao.txt"),
            include_str!("../tests/data/sample.txt"),
        ] {
            let text = crate::normalize::normalize(raw);
            assert!(plain_spaces(&text));
            checked_blocks(&text);
        }
    }

    /// The kind of each non-empty line of `text`.
    fn kinds(text: &str) -> Vec<(String, BlockKind)> {
        checked_blocks(text)
            .into_iter()
            .map(|b| (b.span.of(text).to_string(), b.kind))
            .collect()
    }

    /// The kind `blocks` gives the line of `text` equal to `line`.
    fn kind_of(text: &str, line: &str) -> BlockKind {
        checked_blocks(text)
            .into_iter()
            .find(|b| b.span.of(text) == line)
            .unwrap_or_else(|| panic!("no block `{line}` in\n{text}"))
            .kind
    }

    const BODY: &str = "Sáng nay, hội nghị tổng kết công tác năm của huyện đã diễn ra tại hội trường lớn với nhiều đại biểu.";
    const BODY2: &str =
        "Các đại biểu đã thảo luận sôi nổi về kế hoạch phát triển nông nghiệp trong năm tới.";

    use BlockKind::{Body, Noise as N, Title};

    /// One rule per row: name, a document, the line under test, its kind.
    /// Each document is written for this test in the shape of real scrapes.
    fn rows() -> Vec<(&'static str, String, &'static str, BlockKind)> {
        let t = "Huyện Đông Sơn tổng kết công tác năm 2023";
        let doc = |head: &str, tail: &str| format!("{head}\n\n{t}\n\n{BODY}\n\n{BODY2}\n\n{tail}");
        vec![
            ("view counter", doc("245", ""), "245", N(Noise::Figures)),
            ("phone number", doc("0912.345.678", ""), "0912.345.678", N(Noise::Figures)),
            ("bare date and time", doc("08:30, 15/03/2024", ""), "08:30, 15/03/2024", N(Noise::Figures)),
            ("weekday date", doc("Thứ 5, 21/03/2024", ""), "Thứ 5, 21/03/2024", N(Noise::Figures)),
            ("long date", doc("Chủ nhật Ngày 03 Tháng 09 Năm 2023, 17:05:12", ""), "Chủ nhật Ngày 03 Tháng 09 Năm 2023, 17:05:12", N(Noise::Figures)),
            ("posted on", doc("", "Ngày đăng: 02/05/2022"), "Ngày đăng: 02/05/2022", N(Noise::Figures)),
            ("hotline", doc("Hotline: 0987 654 321", ""), "Hotline: 0987 654 321", N(Noise::Figures)),
            ("page number", format!("{t}\n\n{BODY}\nTrang 2\n{BODY2}"), "Trang 2", N(Noise::Figures)),
            ("page of pages", doc("", "Trang 3 / 12"), "Trang 3 / 12", N(Noise::Figures)),
            ("english page", doc("", "Page 4 of 9"), "Page 4 of 9", N(Noise::Figures)),
            ("a word after trang stays", format!("{t}\n\n{BODY}\n\nTrang trại bò sữa\n\n{BODY2}"), "Trang trại bò sữa", Body),
            ("site name", doc("tinmoingay.vn", ""), "tinmoingay.vn", N(Noise::Navigation)),
            ("web address", doc("", "https://tinmoingay.vn/xa-hoi/tong-ket-123.html"), "https://tinmoingay.vn/xa-hoi/tong-ket-123.html", N(Noise::Link)),
            ("source line", doc("", "Nguồn bài viết:"), "Nguồn bài viết:", N(Noise::Link)),
            ("menu words", doc("Video Podcast Đọc Báo in", ""), "Video Podcast Đọc Báo in", N(Noise::Navigation)),
            ("english menu", doc("Home News Multimedia", ""), "Home News Multimedia", N(Noise::Navigation)),
            ("trail with arrows", doc("Trang chủ > Xã hội > Địa phương", ""), "Trang chủ > Xã hội > Địa phương", N(Noise::Navigation)),
            ("caption label", doc("", "Chú thích ảnhĐại biểu dự hội nghị tại hội trường."), "Chú thích ảnhĐại biểu dự hội nghị tại hội trường.", N(Noise::Caption)),
            ("photo credit at the end", doc("", "Ông Lê Văn Tâm phát biểu tại buổi lễ. Ảnh: MINH KHANG"), "Ông Lê Văn Tâm phát biểu tại buổi lễ. Ảnh: MINH KHANG", N(Noise::Caption)),
            ("wide shot", doc("", "Quang cảnh buổi lễ"), "Quang cảnh buổi lễ", N(Noise::Caption)),
            ("junk token", doc("q7zz40tt91", ""), "q7zz40tt91", N(Noise::Junk)),
            ("vowel-less token soup", doc("", "xkcdqwrtzmbplk22"), "xkcdqwrtzmbplk22", N(Noise::Junk)),
            ("title first", doc("", ""), t, Title),
            ("title after a date", doc("Thứ 2, 04/03/2024", ""), t, Title),
            ("title after a menu", doc("Multimedia Video Đọc Báo in", ""), t, Title),
            ("body stays body", doc("", ""), BODY, Body),
            ("byline at the end", doc("", "Lan Hương"), "Lan Hương", N(Noise::Byline)),
            ("two bylines", doc("", "Minh Tâm, Văn Khoa"), "Minh Tâm, Văn Khoa", N(Noise::Byline)),
            ("signature in capitals", doc("", "Đại tá NGUYỄN VĂN AN, Chỉ huy trưởng"), "Đại tá NGUYỄN VĂN AN, Chỉ huy trưởng", N(Noise::Byline)),
            ("source at the end", doc("", "Theo Báo Đông Sơn"), "Theo Báo Đông Sơn", N(Noise::Link)),
            ("comment marker", doc("", "Ý kiến bạn đọc\n\nBài khác về nông thôn mới ở các xã vùng cao đang được quan tâm."), "Bài khác về nông thôn mới ở các xã vùng cao đang được quan tâm.", N(Noise::Comments)),
            ("reply button", doc("", "Trả lời\n\nEmail của bạn sẽ không được hiển thị công khai."), "Trả lời", N(Noise::Comments)),
            ("weekday alone", format!("{t}\n\n{BODY}\n\nThứ hai\n\n{BODY2}"), "Thứ hai", N(Noise::Figures)),
            ("a weekday in a sentence stays", format!("{t}\n\n{BODY}\n\nThứ hai tuần sau họp tổng kết.\n\n{BODY2}"), "Thứ hai tuần sau họp tổng kết.", Body),
            ("a part's heading at the top is the title", format!("Tài liệu\n\nPhần 1: Soạn thảo văn bản\n\n{BODY}\n\n{BODY2}"), "Phần 1: Soạn thảo văn bản", Title),
            ("a part's heading above its institution", format!("Phần 1: Soạn thảo văn bản\n\nTác giả:\n\nTRUNG TÂM TIN HỌC TỈNH SÔNG LAM\n\n{BODY}\n\n{BODY2}"), "Phần 1: Soạn thảo văn bản", Title),
            // A contents page before the first heading: entries with dot
            // leaders, a line each, are passed over.
            ("the heading after a table of contents", format!("MỤC LỤC\n\nTHỦ THUẬT SOẠN THẢO....3\n\n{}THỦ THUẬT SOẠN THẢO\n\n{BODY}\n\n{BODY2}", (1..=16).map(|k| format!("{k}. Thao tác thứ {k}........{}\n\n", 3 + k / 2)).collect::<String>()), "THỦ THUẬT SOẠN THẢO", Title),
            ("OCR noise is no title", format!("VGC AE 4 ạnh p\n\n{t}\n\n{BODY}\n\n{BODY2}"), t, Title),
            ("an author's e-mail is no title", format!("Lê Văn Hùng hung.le@truong.edu.vn\n\n{BODY}\n\n{BODY2}"), "Lê Văn Hùng hung.le@truong.edu.vn", Body),
            ("a cell between cells", format!("{t}\n\n{BODY}\n\nSáng\n\nHọp giao ban\n\nChiều\n\n{BODY2}"), "Họp giao ban", N(Noise::Fragment)),
            ("a short line between sentences stays", format!("{t}\n\n{BODY}\n\nHọp giao ban\n\n{BODY2}"), "Họp giao ban", Body),
            ("single word", format!("{t}\n\n{BODY}\n\nTiếp\n\n{BODY2}"), "Tiếp", N(Noise::Fragment)),
            ("heading in the body stays", format!("{t}\n\n{BODY}\n\nKế hoạch cho năm tới\n\n{BODY2}"), "Kế hoạch cho năm tới", Body),
            ("list item stays", format!("{t}\n\n{BODY}\n\n- Trồng mới 20 ha rừng phòng hộ\n\n{BODY2}"), "- Trồng mới 20 ha rừng phòng hộ", Body),
            // The site's dateline is cut off; the sentence after it stays.
            ("dateline prefix cut", format!("{t}\n\n(Tinmoingay.vn) - {BODY}\n\n{BODY2}"), BODY, Body),
        ]
    }

    #[test]
    fn table() {
        for (name, text, line, want) in rows() {
            assert_eq!(kind_of(&text, line), want, "row `{name}` in\n{text}");
        }
    }

    #[test]
    fn no_title_when_text_starts_with_a_sentence() {
        let text = format!("{BODY}\n{BODY2}\nHội nghị kết thúc lúc 11 giờ cùng ngày.");
        assert!(kinds(&text).iter().all(|(_, k)| *k == Body));
    }

    #[test]
    fn one_line_document_is_body() {
        let text = format!("{BODY} {BODY2}");
        assert_eq!(kinds(&text), [(text.clone(), Body)]);
    }

    #[test]
    fn breadcrumb_ending_with_the_title() {
        let t = "Xã Tân Phú khánh thành cầu dân sinh mới";
        let text = format!("Tin tức - Sự kiện {t}\n\n{t}\n\n{BODY}\n\n{BODY2}");
        let got = kinds(&text);
        assert_eq!(got[0].1, N(Noise::Navigation));
        assert_eq!(got[1], (t.to_string(), Title));
    }

    #[test]
    fn caption_written_twice_under_a_photo() {
        let text = format!(
            "{BODY}\n\nĐại biểu chụp ảnh lưu niệm.\nĐại biểu chụp ảnh lưu niệm.\n\n\
             Chủ tịch tỉnh Lê An trao quà cho đại biểu.\nPhó Bí thư Tỉnh ủy, Chủ tịch tỉnh Lê An trao quà cho đại biểu.\n\n{BODY2}"
        );
        let got = kinds(&text);
        let noise: Vec<_> = got.iter().filter(|(_, k)| *k != Body).collect();
        assert_eq!(noise.len(), 4, "{got:#?}");
        assert!(noise.iter().all(|(_, k)| *k == N(Noise::Caption)));
    }

    #[test]
    fn caption_after_an_image_placeholder_and_glued_junk() {
        let text =
            format!("{BODY}x7qq9zzkk2\n\nzzkqpvbnnm4\n\nBí thư huyện thăm hỏi bà con\n\n{BODY2}");
        let got = kinds(&text);
        assert_eq!(got[0], (BODY.to_string(), Body));
        assert_eq!(got[1].1, N(Noise::Junk));
        assert_eq!(got[2].1, N(Noise::Caption));
        assert_eq!(got[3].1, Body);
    }

    #[test]
    fn dateline_before_the_first_sentence_is_cut() {
        for (line, rest) in [
            (
                "(Nghean24h.vn) - Sáng 3/2, tỉnh tổ chức lễ ra quân.",
                "Sáng 3/2",
            ),
            (
                "(Tin Mới) – Chiều qua, đoàn công tác đã về tới xã.",
                "Chiều qua",
            ),
            (
                "HÀ NỘI - Mưa lớn kéo dài suốt đêm qua ở nội thành.",
                "Mưa lớn",
            ),
            (
                "Lưu ý - bài viết này dài hơn năm chữ nhưng không cắt.",
                "Lưu ý",
            ),
        ] {
            assert!(without_dateline(line).starts_with(rest), "{line}");
        }
        let text = "Tiêu đề bài viết về lễ ra quân\n\n(Nghean24h.vn) - Sáng 3/2, tỉnh tổ chức lễ ra quân đầu năm.";
        let body: Vec<&str> = blocks(text)
            .iter()
            .filter(|b| b.kind == BlockKind::Body)
            .map(|b| b.span.of(text))
            .collect();
        assert_eq!(body, ["Sáng 3/2, tỉnh tổ chức lễ ra quân đầu năm."]);
    }

    #[test]
    fn source_glued_after_the_last_sentence_is_cut() {
        for (line, kept) in [
            (
                "Hội thi diễn ra trong hai ngày cuối tuần. Nguồn: [Link nguồn]Nguồn: [Link nguồn]",
                "Hội thi diễn ra trong hai ngày cuối tuần.",
            ),
            (
                "Đội tuyển về nước chiều nay... Source: https://vi.example.org/a",
                "Đội tuyển về nước chiều nay...",
            ),
            // Mid-sentence, or followed by a long text: not an attribution.
            (
                "Nguồn: Bộ Y tế cho biết số ca mắc đã giảm mạnh so với tuần trước đó.",
                "Nguồn: Bộ Y tế cho biết số ca mắc đã giảm mạnh so với tuần trước đó.",
            ),
        ] {
            assert_eq!(without_trailing_source(line), kept);
        }
    }

    #[test]
    fn later_copy_of_the_title_is_a_repeat() {
        let t = "Huyện Đông Sơn tổng kết công tác năm 2023";
        let text = format!("{t}\n\n{BODY}\n\n{t}\n\n{BODY2}");
        assert_eq!(kinds(&text)[2].1, N(Noise::Repeat));
    }

    #[test]
    fn comment_word_before_any_text_does_not_cut() {
        let t = "Huyện Đông Sơn tổng kết công tác năm 2023";
        let text = format!("Bình luận\n\n{t}\n\n{BODY}\n\n{BODY2}");
        let got = kinds(&text);
        assert_eq!(got[1].1, Title);
        assert_eq!(got[2].1, Body);
        assert_eq!(got[3].1, Body);
    }

    #[test]
    fn fixture_scrape() {
        let raw = include_str!("../tests/data/scrape-hoi-nghi.txt");
        let text = crate::normalize::normalize(raw);
        let got = kinds(&text);
        let of = |k: BlockKind| -> Vec<&str> {
            got.iter()
                .filter(|(_, kind)| *kind == k)
                .map(|(s, _)| s.as_str())
                .collect()
        };
        assert_eq!(
            of(Title),
            ["Huyện Lạc Thủy tổng kết mô hình trồng cam theo chuẩn VietGAP"]
        );
        let body = of(Body);
        assert_eq!(body.len(), 5, "{got:#?}");
        assert!(body[0].starts_with("Sáng 14/3"), "dateline cut");
        assert!(body[0].ends_with("120 hộ trồng cam."), "glued junk cut");
        assert!(body[1].starts_with("Theo báo cáo"));
        assert!(body[2].starts_with("Phát biểu tại hội nghị"));
        assert_eq!(body[3], "Kế hoạch năm tới");
        assert!(body[4].starts_with("Huyện đặt mục tiêu"));
        let want = [
            ("Trang chủ Video Podcast Đọc Báo in", Noise::Navigation),
            ("Thứ 6, 15/03/2024", Noise::Figures),
            ("2.417", Noise::Figures),
            ("tinbienthuy.vn", Noise::Navigation),
            ("Ngày đăng: 15/03/2024", Noise::Figures),
            ("wqtzzkvbnnmm4", Noise::Junk),
            ("Toàn cảnh hội nghị", Noise::Caption),
            ("Minh Thư, Đức Long", Noise::Byline),
            ("Bình luận (3)", Noise::Comments),
            ("Xã Phú Lão ra mắt hợp tác xã cam sạch", Noise::Comments),
        ];
        for (line, noise) in want {
            assert_eq!(kind_of(&text, line), N(noise), "{line}");
        }
        let captions = of(N(Noise::Caption));
        assert_eq!(captions.len(), 4, "{captions:#?}");
    }

    /// Odd input: neither stage panics, and spans stay on char boundaries,
    /// ordered, trimmed and inside their block.
    #[test]
    fn odd_input_does_not_panic() {
        let long = "chữ ".repeat(20_000);
        let inputs = [
            String::new(),
            " ".to_string(),
            "\n\n\n".to_string(),
            "...".to_string(),
            "!?…\n.\n“”\n()".to_string(),
            ". . . A. b. C.".to_string(),
            long.clone(),
            format!("{long}. {long}"),
            "Tiếng Việt, 中文, русский, العربية. Ελληνικά! 日本語。".to_string(),
            "Vui quá 😀. Đi thôi 🚀! 👍🏽👨‍👩‍👧".to_string(),
            "\u{301}\u{300} \u{323}. \u{302}A\u{301}. Ả\u{301}".to_string(),
            "a.\u{301}B c…\u{300}D “x.” \u{301}E".to_string(),
            "TP. PGS.TS. v.v. Q. 1. 2. II. a.".to_string(),
            "cctv11\n74nn22\nhttp://\n://\nẢnh:\nNguồn:\nTrả lời".to_string(),
        ];
        for raw in &inputs {
            let text = crate::normalize::normalize(raw);
            for b in checked_blocks(&text) {
                assert!(b.span.start <= b.span.end && b.span.end <= text.len());
                assert!(text.is_char_boundary(b.span.start) && text.is_char_boundary(b.span.end));
                let mut prev = b.span.start;
                for s in crate::sentences::split(&text, b.span) {
                    assert!(
                        s.start >= prev && s.start < s.end && s.end <= b.span.end,
                        "{raw:?}"
                    );
                    assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                    assert_eq!(s.of(&text), s.of(&text).trim());
                    prev = s.end;
                }
            }
            // The raw text too, unnormalized, as one block.
            let _ = crate::sentences::split(raw, Span::new(0, raw.len()));
            let _ = blocks(raw);
        }
    }

    #[test]
    fn a_paragraph_cut_after_a_comma_goes_on_in_the_next() {
        let raw = "Ngày 17/10/2008, Sở đã ban hành hướng dẫn về giá trị phần mềm cho các cơ quan \
                   trong tỉnh.\n\n\
                   Nhằm bảo đảm phù hợp với tình hình phát triển thực tế trong giai đoạn hiện nay,\n\n\
                   Sở Thông tin và Truyền thông sửa đổi một số điểm của hướng dẫn đó như sau.\n";
        let (text, found) = blocks_joined(crate::normalize::normalize(raw));
        let body: Vec<&str> = found
            .iter()
            .filter(|b| b.kind == BlockKind::Body)
            .map(|b| b.span.of(&text))
            .collect();
        assert_eq!(body.len(), 2, "{body:?}");
        assert!(
            body[1].starts_with("Nhằm bảo đảm") && body[1].ends_with("như sau."),
            "{body:?}"
        );
        assert!(body[1].contains("hiện nay, Sở Thông tin"), "{body:?}");
        // Without the join, the first half is a paragraph of its own.
        let apart = blocks(&crate::normalize::normalize(raw));
        assert_eq!(
            apart.iter().filter(|b| b.kind == BlockKind::Body).count(),
            3
        );
    }

    #[test]
    fn a_sentence_cut_after_an_initial_goes_on_in_the_next_line() {
        // News split at every stop: a name's initial, then the bracket or
        // the lower-case words that go on with its sentence.
        let raw = "Công an huyện vừa khởi tố vụ án giết người xảy ra tại xã Cẩm Lĩnh.\n                   Nạn nhân là ông Lê Văn Nh.\n                   (SN 1962, trú tại xã Cẩm Lĩnh) đang ngồi uống nước trước nhà.\n                   Được biết, ông Nh.\n                   có tiền sử bệnh cao huyết áp.\n                   Vụ việc xảy ra vào khoảng 23h ngày 23/12 tại nhà ông Th.\n                   Cơ quan điều tra đang làm rõ.\n                   (còn nữa)\n";
        let (text, found) = blocks_joined(crate::normalize::normalize(raw));
        let body: Vec<&str> = found
            .iter()
            .filter(|b| b.kind == BlockKind::Body)
            .map(|b| b.span.of(&text))
            .collect();
        assert!(
            body.contains(&"Nạn nhân là ông Lê Văn Nh. (SN 1962, trú tại xã Cẩm Lĩnh) đang ngồi uống nước trước nhà."),
            "{body:?}"
        );
        assert!(
            body.contains(&"Được biết, ông Nh. có tiền sử bệnh cao huyết áp."),
            "{body:?}"
        );
        // A capital after the initial, and a bracket after a full stop
        // that ends a sentence, open lines of their own.
        assert!(body.contains(&"Cơ quan điều tra đang làm rõ."), "{body:?}");
        assert!(!text.contains("làm rõ. (còn"), "{text:?}");
        let doc = crate::Engine::new().document(raw, None);
        let sentences: Vec<&str> = (0..doc.sentences.len())
            .map(|i| doc.sentence_text(i))
            .collect();
        assert!(
            sentences
                .iter()
                .all(|s| !s.starts_with("(SN") && !s.starts_with("có ")),
            "{sentences:?}"
        );
    }

    #[test]
    fn list_items_after_a_comma_stay_apart() {
        for next in [
            "- Bộ Tài chính, Bộ Công an và các bộ, ngành có liên quan cùng thực hiện.",
            "a) Các sở, ban, ngành phối hợp triển khai các nhiệm vụ được giao.",
        ] {
            let raw = format!(
                "Kế hoạch này được gửi tới các cơ quan sau đây để cùng phối hợp thực hiện,\n\n{next}\n"
            );
            let text = crate::normalize::normalize(&raw);
            let (joined, _) = blocks_joined(text.clone());
            assert_eq!(joined, text);
        }
    }
}
