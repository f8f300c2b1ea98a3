//! Stage 3, for official documents: the letterhead and the signature block
//! of a Vietnamese administrative document (văn bản hành chính).
//!
//! Such a document opens with its issuing body (`ỦY BAN NHÂN DÂN` / `TỈNH
//! HÀ TĨNH`), the name of the state and its motto (`CỘNG HÒA XÃ HỘI CHỦ
//! NGHĨA VIỆT NAM`, `Độc lập - Tự do - Hạnh phúc`), a number (`Số:
//! 12/UBND-VX`), a place and date, its kind (`QUYẾT ĐỊNH`, `BÁO CÁO`) and
//! its subject (`V/v triển khai …`, `Về việc …`). Then come whom it is sent
//! to (`Kính gửi:` and a list) or, in a decision, its grounds (`Căn cứ …`,
//! `Xét đề nghị …`, up to `QUYẾT ĐỊNH:`). It closes with where it goes
//! (`Nơi nhận:` and a list) and who signs (`KT. CHỦ TỊCH`, `PHÓ CHỦ TỊCH`,
//! a name). None of that is what the document says; left as body, the motto
//! led the keywords (`CỘNG HÒA`, `Hạnh phúc`, `độc lập`, `Tự do`) and the
//! list of recipients was summarized. The subject is the document's title.
//!
//! [`roles`] only looks at documents with the state's name or motto (or the
//! Party's name, `ĐẢNG CỘNG SẢN VIỆT NAM`) at the start of one of their
//! first lines, so news articles that quote them are left alone. Lines
//! read from a table in a docx (the body on the left, the state on the
//! right) hold both halves, separated by a tab; a pdf puts them on one line.

use std::borrow::Cow;

use crate::vi::canonical;

/// What a line of an official document is, when it is not its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The subject: the document's title.
    Title,
    /// Issuing body, state name and motto, number, date, kind, addressees,
    /// grounds, distribution list, signature.
    Letterhead,
}

/// The state's name or motto must start one of this many first lines.
const NAME_WITHIN: usize = 12;
/// The opening is looked for in this many first lines.
const OPENING_LINES: usize = 40;
/// The most words of a subject on one line after the document's kind.
const SUBJECT_WORDS: usize = 60;
/// The most words of a subject on one line that the issuer, a rule or the
/// grounds follow.
const LONG_SUBJECT_WORDS: usize = 150;
/// Lines of a decision's grounds, up to its `QUYẾT ĐỊNH:` line.
const GROUNDS_LINES: usize = 30;

/// The longest line looked at for the state's name: a table row of the
/// issuing body and the name, or a pdf line of both.
const MAX_NAMED_BYTES: usize = 400;

/// The starts of a line holding the state's name, its motto or the Party's
/// name, in the cases documents write them.
const NAMES: [&str; 9] = [
    "CỘNG HÒA XÃ HỘI",
    "CỘNG HOÀ XÃ HỘI",
    "Cộng hòa xã hội",
    "Cộng hoà xã hội",
    "Độc lập",
    "ĐỘC LẬP",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Đảng Cộng sản Việt Nam",
    "Đảng cộng sản Việt Nam",
];

/// The kinds of document (their names start the kind line, in capitals).
const KINDS: [&str; 22] = [
    "luật",
    "đơn ",
    "biên bản",
    "bản tự kiểm điểm",
    "bộ luật",
    "pháp lệnh",
    "quyết định",
    "nghị quyết",
    "chỉ thị",
    "công văn",
    "thông báo",
    "thông tư",
    "nghị định",
    "kế hoạch",
    "báo cáo",
    "tờ trình",
    "hướng dẫn",
    "giấy mời",
    "quy chế",
    "quy định",
    "chương trình",
    "đề án",
];

/// The roles of a document's `n` lines (trimmed, non-empty; `line(i)` is
/// the `i`th), or `None` when it is not an official document.
pub fn roles<'t>(n: usize, line: impl Fn(usize) -> &'t str) -> Option<Vec<Option<Role>>> {
    // Most documents are not official: they are told by a few first lines,
    // and only official ones are collected.
    let field_named = |f: &str| {
        let f = f.trim_start();
        // Each name starts with `C` or `Đ` (C4 90): one byte rules out
        // most lines.
        matches!(f.as_bytes().first(), Some(b'C' | 0xC4)) && NAMES.iter().any(|n| f.starts_with(n))
    };
    let named = |l: &str| {
        // Letterhead lines are short; a paragraph is not looked into.
        // `l.split('\t').any(field_named)`: the line's start, and the rest
        // after each tab found by memchr (no name holds a tab, so the rest
        // starts with one where its cell does; a cell of spaces alone is
        // trimmed into the next, which is asked anyway). The searcher of
        // `split` cost a byte loop over most lines (issue 13).
        l.len() <= MAX_NAMED_BYTES
            && (field_named(l)
                || memchr::memchr_iter(b'\t', l.as_bytes()).any(|i| field_named(&l[i + 1..]))
                || (l.chars().take(2).all(char::is_uppercase)
                    && l.contains("XÃ HỘI CHỦ NGHĨA")
                    && is_caps(l))
                || issuer_beside_name(l))
    };
    let name_at = (0..n.min(NAME_WITHIN)).position(|i| named(line(i)))?;
    let lines: Vec<&str> = (0..n).map(line).collect();
    let lines = &lines[..];
    let mut roles = vec![None; lines.len()];
    let body = opening(lines, name_at, &mut roles);
    if body <= name_at {
        return None;
    }
    closing(lines, body, &mut roles);
    Some(roles)
}

/// What one line (or one cell of a table row) of the opening is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    /// Issuing body, state name, motto, number, date, a rule line.
    Head,
    /// The kind of document: its subject follows.
    Kind,
    /// `QUYẾT ĐỊNH:`, `QUYẾT NGHỊ:`: the text follows.
    Enact,
    /// `V/v …`, `Về việc …`.
    Subject,
    /// `Kính gửi: …`.
    To,
    /// `Căn cứ …`, `Xét đề nghị …`, `Theo đề nghị …`.
    Ground,
}

/// Marks the opening of the document; returns the index of its first line
/// of text.
fn opening(lines: &[&str], name_at: usize, roles: &mut [Option<Role>]) -> usize {
    let n = lines.len().min(OPENING_LINES);
    let mut i = 0;
    let mut after_kind = None;
    while i < n {
        let line = lines[i];
        let part = part_of_line(line);
        // The line after a kind, not shaped as text nor an issuer, is its
        // subject: `BÁO CÁO` / `Kết quả công tác phòng chống lụt bão năm
        // 2026`; `LUẬT` / `THANH TRA`.
        if let Some(kind) = after_kind {
            let subject = match part {
                // A scan's subject comes as one line, its wrapped lines
                // joined: a circular's runs to forty words and more. A
                // longer one (a resolution's, seventy words) is the subject
                // when a part of the opening follows it: the issuer, a
                // rule, the grounds.
                None => {
                    !ends_with_stop(line)
                        && (words(line) <= SUBJECT_WORDS
                            || words(line) <= LONG_SUBJECT_WORDS
                                && lines.get(i + 1).is_some_and(|next| {
                                    matches!(part_of_line(next), Some(Part::Head | Part::Ground))
                                }))
                }
                Some(Part::Head) => is_caps(line) && !is_issuer(line) && !line.contains('\t'),
                _ => false,
            };
            if subject {
                // A law is named by its kind and subject together.
                if is_named_by_kind(lines[kind]) {
                    roles[kind] = Some(Role::Title);
                }
                roles[i] = Some(Role::Title);
                i = subject_goes_on(lines, i + 1, roles);
                after_kind = None;
                continue;
            }
        }
        // A kind with no subject after it names the document itself when
        // it says more than its kind (`ĐƠN XIN NGHỈ PHÉP`).
        if let Some(kind) = after_kind {
            if !KINDS
                .iter()
                .any(|k| canonical(lines[kind]).trim() == k.trim())
            {
                roles[kind] = Some(Role::Title);
            }
        }
        let Some(part) = part else {
            // A running header above the state's name (`CÔNG BÁO/Số 290`).
            if i < name_at {
                roles[i] = Some(Role::Letterhead);
                i += 1;
                continue;
            }
            // The issuer's last line in small letters (`Chi bộ Thanh
            // tra`), above the number or the date.
            if after_kind.is_none()
                && words(line) <= 6
                && !ends_with_stop(line)
                && !line.contains(':')
                && lines
                    .get(i + 1)
                    .is_some_and(|next| part_of_line(next) == Some(Part::Head))
            {
                roles[i] = Some(Role::Letterhead);
                i += 1;
                continue;
            }
            break;
        };
        after_kind = None;
        match part {
            Part::Head => roles[i] = Some(Role::Letterhead),
            Part::Kind => {
                roles[i] = Some(Role::Letterhead);
                after_kind = Some(i);
            }
            Part::Enact => {
                roles[i] = Some(Role::Letterhead);
                return i + 1;
            }
            Part::Subject => {
                roles[i] = Some(Role::Title);
                i = subject_goes_on(lines, i + 1, roles);
                continue;
            }
            Part::To => {
                roles[i] = Some(Role::Letterhead);
                i += 1;
                // The addressees, one per line: `- Các sở, ban, ngành;`,
                // `: Phòng Hành chính`.
                // Without their dashes (a Markdown list), they end with `;`.
                while i < lines.len()
                    && (is_list_item(lines[i])
                        || lines[i].starts_with(':')
                        || (words(lines[i]) <= 15
                            && (lines[i].ends_with(';') || lines[i - 1].ends_with(';'))))
                {
                    roles[i] = Some(Role::Letterhead);
                    i += 1;
                }
                continue;
            }
            Part::Ground => {
                // A decision's grounds run to its `QUYẾT ĐỊNH:` line (or
                // `Quốc hội ban hành Luật …`); a letter that opens with
                // `Căn cứ` has no such line, and that sentence is its text.
                let Some(end) = grounds_end(lines, i) else {
                    break;
                };
                for r in &mut roles[i..end] {
                    *r = Some(Role::Letterhead);
                }
                return end;
            }
        }
        i += 1;
    }
    i
}

/// A subject wrapped over more lines: each line that starts in lower case
/// after one that does not end a sentence; or up to four lines, none a
/// sentence nor a part of the opening, when a part of the opening (the
/// issuer, a rule, the grounds) follows them. Returns the next line's
/// index.
fn subject_goes_on(lines: &[&str], mut i: usize, roles: &mut [Option<Role>]) -> usize {
    while i < lines.len()
        && !ends_with_stop(lines[i - 1])
        && lines[i].chars().next().is_some_and(char::is_lowercase)
        && !is_field(lines[i])
    {
        roles[i] = Some(Role::Title);
        i += 1;
    }
    let subject_caps = is_caps(lines[i - 1]);
    let mut k = i;
    while k < lines.len() && k < i + 4 && !ends_with_stop(lines[k - 1]) {
        let l = lines[k];
        let more = match part_of_line(l) {
            None => !ends_with_stop(l) && words(l) <= 25 && !l.contains('\t'),
            // A subject in capitals goes on in capitals.
            Some(Part::Head) => subject_caps && is_caps(l) && !is_issuer(l) && !is_rule(l),
            _ => false,
        };
        if !more {
            break;
        }
        k += 1;
    }
    if k > i && k < lines.len() && part_of_line(lines[k]).is_some() {
        for r in &mut roles[i..k] {
            *r = Some(Role::Title);
        }
        return k;
    }
    i
}

/// The line after a decision's or law's grounds that start at `i`: the
/// grounds go on while lines open a ground (`Căn cứ`, `Theo đề nghị`,
/// `Xét`, `Trên cơ sở`) or carry on the previous one, up to the line that
/// enacts (`QUYẾT ĐỊNH:`, `Chính phủ ban hành Nghị định …`), which is
/// theirs too. `None` when no such line ends them.
fn grounds_end(lines: &[&str], i: usize) -> Option<usize> {
    let end = lines.len().min(i + GROUNDS_LINES);
    let mut k = i;
    while k < end {
        let l = lines[k];
        if part_of_line(l) == Some(Part::Enact) || is_caps(l) && l.trim_end().ends_with(':') {
            return Some(k + 1);
        }
        let key = canonical(head(l, 60));
        // A ground of any length: `part` looks at short lines only.
        let opens = part(l) == Some(Part::Ground)
            || ["căn cứ", "xét đề nghị", "theo đề nghị", "trên cơ sở"]
                .iter()
                .any(|g| key.starts_with(g));
        if !opens && words(l) <= 60 && canonical(l).contains(" ban hành ") {
            // `Quốc hội ban hành Luật …`, maybe wrapped on the next line.
            let mut e = k + 1;
            if !ends_with_stop(l)
                && !l.trim_end().ends_with(',')
                && e < lines.len()
                && words(lines[e]) <= 30
                && !lines[e].starts_with(char::is_uppercase)
            {
                e += 1;
            }
            return Some(e);
        }
        let goes_on = k > i && !lines[k - 1].trim_end().ends_with([';', ',', '.', ':']);
        if !opens && !goes_on {
            return None;
        }
        k += 1;
    }
    None
}

/// An issuing body or signer's office, in capitals, that follows a kind
/// line: `CHÍNH PHỦ`, `BỘ TRƯỞNG BỘ TÀI CHÍNH`, `ỦY BAN NHÂN DÂN …`.
fn is_issuer(line: &str) -> bool {
    const ISSUERS: [&str; 16] = [
        "chính phủ",
        "thủ tướng",
        "bộ trưởng",
        "chủ tịch",
        "giám đốc",
        "ủy ban",
        "uỷ ban",
        "hội đồng",
        "quốc hội",
        "tổng cục trưởng",
        "cục trưởng",
        "hiệu trưởng",
        "viện trưởng",
        "ban chấp hành",
        "bộ ",
        "sở ",
    ];
    let key = canonical(line);
    ISSUERS.iter().any(|p| key.starts_with(p))
}

/// The start of an issuing body's name (canonical): `Bộ Tài chính`,
/// `Đảng bộ cơ quan …`, `Chi bộ Thanh tra`.
const BODIES: [&str; 14] = [
    "bộ ",
    "sở ",
    "ủy ban",
    "uỷ ban",
    "tổng cục",
    "cục ",
    "chi cục",
    "đảng bộ",
    "đảng ủy",
    "đảng uỷ",
    "chi bộ",
    "tỉnh ủy",
    "huyện ủy",
    "trường ",
];

/// An issuing body (a few words) and then the state's or the Party's
/// name, on one line: the two columns of a letterhead read without a tab
/// between them (`Đảng bộ cơ quan UBND Đảng Cộng sản Việt Nam`, `BỘ TÀI
/// CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`).
fn issuer_beside_name(line: &str) -> bool {
    // Each body starts with `b`, `c`, `h`, `s`, `t`, `u` or a letter
    // outside ASCII (`Đ`, `Ủ`): a line opening with another ASCII
    // character is ruled out before its key is made.
    let opens_body = |b: &u8| !b.is_ascii() || b"bchstu".contains(&b.to_ascii_lowercase());
    // More than 16 words: counted up to the 17th only, and only in a line
    // with `nam` in it, in any case: both names end with `Việt Nam`, and a
    // key has the letters `nam` only where its line had them (lower case
    // and the tone's place change no other letter into `n`, `a` or `m`).
    // The key opens with a body's name only where the line's first word
    // (up to a space) is keyed as that name's first word: a line's key is
    // its space-separated pieces' keys, each syllable keyed alone. That
    // word is keyed before the line's words are counted and the whole line
    // keyed (issue 13: most lines with `nam` open with no body).
    if !line.as_bytes().first().is_some_and(opens_body)
        || line.len() > MAX_NAMED_BYTES / 2
        || !has_nam(line)
        || !crate::structure::opens_with_word(
            line,
            &BODIES.map(|b| b.split(' ').next().unwrap_or(b)),
        )
        || line.split_whitespace().nth(16).is_some()
    {
        return false;
    }
    let key = canonical(line);
    let body_first = BODIES.iter().any(|b| key.starts_with(b));
    body_first
        && [
            canonical("cộng hòa xã hội chủ nghĩa việt nam"),
            canonical("đảng cộng sản việt nam"),
        ]
        .iter()
        .any(|name| {
            key.find(name.as_str())
                .is_some_and(|at| at > 0 && words(&key[..at]) <= 8)
        })
}

/// Whether `line` holds the letters `nam` in a row, in any case (`NAM`,
/// `Nam`): one pass over its bytes, where counting its words decodes each
/// character.
fn has_nam(line: &str) -> bool {
    // `| 0x20` lower-cases an ASCII capital and makes no other byte `n`,
    // `a` or `m`.
    // From each `n` or `N` found by memchr: a byte loop over every
    // window cost five instructions a byte of most short lines (issue 13).
    let b = line.as_bytes();
    memchr::memchr2_iter(b'n', b'N', b).any(|i| {
        b.get(i + 1).is_some_and(|&x| x | 0x20 == b'a')
            && b.get(i + 2).is_some_and(|&x| x | 0x20 == b'm')
    })
}

/// Letters, almost all capitals (at most one in four in lower case):
/// `Bộ TÀI CHÍNH`, a capitals font whose marked letter was read in lower
/// case.
fn is_mostly_caps(s: &str) -> bool {
    let (mut letters, mut lower) = (0, 0);
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        lower += usize::from(c.is_lowercase());
    }
    letters >= 4 && lower * 4 <= letters
}

/// A kind whose subject alone is no title: `LUẬT` / `THANH TRA`.
fn is_named_by_kind(line: &str) -> bool {
    let key = canonical(line);
    matches!(key.trim(), "luật" | "bộ luật" | "pháp lệnh")
}

/// A rule line: `-----`, `_______`, `*`.
fn is_rule(line: &str) -> bool {
    line.chars().all(|c| !c.is_alphanumeric())
}

/// The part of the opening a line is: every cell of a table row (cells are
/// tab-separated) is a head, or the row is what its one other cell is.
fn part_of_line(line: &str) -> Option<Part> {
    let mut cells: Vec<Cow<str>> = Vec::new();
    for cell in line.split('\t').map(str::trim).filter(|c| !c.is_empty()) {
        match cells.last_mut() {
            // `Kính gửi\t: Ban Giám đốc`: a label and its value, aligned
            // by a tab, are one cell.
            Some(label) if cell.starts_with(':') => label.to_mut().push_str(cell),
            _ => cells.push(Cow::Borrowed(cell)),
        }
    }
    let mut found = None;
    for cell in &cells {
        match (part(cell)?, found) {
            (Part::Head, _) => found = found.or(Some(Part::Head)),
            (p, None | Some(Part::Head)) => found = Some(p),
            _ => return None,
        }
    }
    found
}

/// The part of the opening one cell is, if any.
fn part(cell: &str) -> Option<Part> {
    let n = words(cell);
    if cell.chars().all(|c| !c.is_alphanumeric()) {
        return Some(Part::Head); // a rule: `-----`, `_______`, `*`
    }
    let key = canonical(cell);
    if key.starts_with("v/v") || key.starts_with("về việc") {
        return (n <= 40).then_some(Part::Subject);
    }
    // `NGHỊ ĐỊNH SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA NGHỊ ĐỊNH SỐ 153/2020/NĐ-CP
    // …`: the kind and its subject on one line.
    if is_caps(cell)
        && n > 12
        && n <= 60
        && KINDS.iter().any(|k| key.starts_with(k))
        && !cell.ends_with(':')
    {
        return Some(Part::Subject);
    }
    // A legacy capitals font read without its case gives `Bộ TÀI CHÍNH`
    // or `bản tự kiểm điểm`: the first counts as capitals, and a kind
    // with no capital at all as one in capitals.
    if !cell.chars().any(char::is_uppercase)
        && n <= 12
        && KINDS.iter().any(|k| key.starts_with(k))
        && !ends_with_stop(cell)
    {
        return Some(Part::Kind);
    }
    if (is_caps(cell) || is_mostly_caps(cell)) && n <= 20 {
        if cell.ends_with(':') {
            return Some(if KINDS.iter().any(|k| key.starts_with(k)) {
                Part::Enact
            } else {
                Part::Head
            });
        }
        // A kind alone, or with the body that issues it (`QUYẾT ĐỊNH CỦA
        // BỘ TRƯỞNG`); issuing bodies are in capitals too.
        if KINDS.iter().any(|k| key.starts_with(k)) && n <= 12 {
            return Some(Part::Kind);
        }
        return Some(Part::Head);
    }
    if n > 20 {
        return None;
    }
    if key.starts_with("kính gửi") {
        return Some(Part::To);
    }
    if key.starts_with("căn cứ")
        || key.starts_with("xét đề nghị")
        || key.starts_with("theo đề nghị")
    {
        return Some(Part::Ground);
    }
    if key.contains("độc lập") && key.contains("tự do") && key.contains("hạnh phúc") {
        return Some(Part::Head);
    }
    // The state's name in small letters (`Cộng hoà xã hội chủ nghĩa Việt
    // Nam`), the cell beside the issuer.
    if NAMES.iter().any(|name| cell.starts_with(name)) {
        return Some(Part::Head);
    }
    // The issuer and the state's name read as one line (two columns
    // without a tab between them): `Đảng bộ cơ quan UBND Đảng Cộng sản
    // Việt Nam`.
    if issuer_beside_name(cell) {
        return Some(Part::Head);
    }
    // The issuer's second line and the rule under the motto, read as one:
    // `huyện Lệ Thủy ----------`.
    let before_rule = cell.trim_end_matches(['-', '_', '–', ' ']);
    if before_rule.len() + 3 <= cell.len()
        && words(before_rule) <= 8
        && !ends_with_stop(before_rule)
    {
        return Some(Part::Head);
    }
    // `Số: 1234/UBND-NL1`, `Số 05/2026/QĐ-UBND`, alone or beside the date.
    // `Luật số: 56/2010/QH12`, `Nghị quyết số 109/NQ-CP`.
    let number = key.match_indices("số").take(1).any(|(at, _)| {
        key[..at].split_whitespace().count() <= 2
            && key[at + "số".len()..]
                .trim_start()
                .starts_with(|c: char| c == ':' || c.is_ascii_digit())
    });
    // `Hà Tĩnh, ngày 15 tháng 10 năm 2026`; `ngày … tháng … năm 20…`.
    let date = key.contains("ngày") && key.contains("tháng") && key.contains("năm");
    if (number || date) && n <= 16 && !ends_with_stop(cell) {
        return Some(Part::Head);
    }
    None
}

/// Marks the closings: before each issued text (`QUY ĐỊNH` / `(Ban hành
/// kèm theo Quyết định số …)`, after the decision's signature) and at the
/// end, the distribution list (`Nơi nhận:` and all after it) and the
/// signature block above or beside it. The line that says what an issued
/// text comes with is letterhead; the issued text is text.
fn closing(lines: &[&str], body: usize, roles: &mut [Option<Role>]) {
    let annexes: Vec<usize> = (body..lines.len())
        .filter(|&k| is_annex_line(lines[k]))
        .collect();
    let mut start = body;
    for &a in &annexes {
        close_part(lines, start, a, roles);
        roles[a] = Some(Role::Letterhead);
        start = a + 1;
    }
    close_part(lines, start, lines.len(), roles);
}

/// `(Ban hành kèm theo Quyết định số 15/2010/QĐ-UBND …)`, `(Kèm theo …)`.
fn is_annex_line(line: &str) -> bool {
    if words(line) > 50 {
        return false;
    }
    let key = canonical(head(line, 40));
    let key = key.trim_start_matches(['(', ' ']);
    key.starts_with("ban hành kèm theo")
        || key.starts_with("kèm theo quyết định")
        || key.starts_with("kèm theo thông tư")
        || key.starts_with("kèm theo nghị định")
}

/// The closing of the part `lines[body..end]`: its distribution list and
/// signature, then, before an issued text, its heading lines (the
/// letterhead repeated, `QUY ĐỊNH`, `Về …`).
fn close_part(lines: &[&str], body: usize, end: usize, roles: &mut [Option<Role>]) {
    let last = end;
    let mut end = end;
    if let Some(k) = (body..end).rev().find(|&k| {
        let first = lines[k].split('\t').next().unwrap_or("").trim();
        canonical(first.get(..first.len().min(24)).unwrap_or(first)).starts_with("nơi nhận")
    }) {
        for r in &mut roles[k..end] {
            *r = Some(Role::Letterhead);
        }
        end = k;
    }
    if last < lines.len() && end == last {
        // Before an issued text: its title lines, up from the annex line.
        while end > body
            && end + 12 > last
            && !ends_with_stop(lines[end - 1])
            && words(lines[end - 1]) <= 30
        {
            end -= 1;
            roles[end] = Some(Role::Letterhead);
        }
    }
    // The signature, bottom up: `Nguyễn Văn Bình`, `(Đã ký)`, `PHÓ CHỦ
    // TỊCH`, `KT. CHỦ TỊCH`.
    while end > body && is_signature(lines[end - 1]) {
        end -= 1;
        roles[end] = Some(Role::Letterhead);
    }
}

/// A line of a signature block.
fn is_signature(line: &str) -> bool {
    let n = words(line);
    if n == 0 || n > 10 || ends_with_stop(line) && !is_caps(line) {
        return false;
    }
    let first = line.split_whitespace().next().unwrap_or("");
    // `KT. CHỦ TỊCH`, `TM. ỦY BAN NHÂN DÂN`, `Q. GIÁM ĐỐC`, `TL. BỘ TRƯỞNG`.
    let on_behalf = matches!(first, "KT." | "TM." | "TL." | "TUQ." | "Q." | "PP." | "K/T");
    let note = line.starts_with('(') && canonical(line).contains("ký");
    // A name: two to five capitalized words, no figures.
    let name = (2..=5).contains(&n)
        && !line.chars().any(|c| c.is_ascii_digit())
        && line
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    on_behalf || note || name || is_caps(line)
}

/// A form's field: a label of a few words and a colon (`họ và tên: …`).
fn is_field(line: &str) -> bool {
    line.split_once(':')
        .is_some_and(|(label, _)| (1..=6).contains(&words(label)))
}

/// A list item: `- Như trên;`, `+ Các sở;`, `• UBND các huyện.`
fn is_list_item(line: &str) -> bool {
    line.starts_with(['-', '+', '•', '–', '*'])
}

/// Letters, and none in lower case.
fn is_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

fn ends_with_stop(s: &str) -> bool {
    s.trim_end().ends_with(['.', '!', '?', '…', ';'])
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// The first `n` bytes of `s`, or fewer to end on a char boundary.
fn head(s: &str, n: usize) -> &str {
    let mut n = n.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    &s[..n]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_issuer_beside_a_name_is_found_in_any_case_and_has_nam() {
        for line in [
            "BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Bộ Tài chính Cộng hoà xã hội chủ nghĩa Việt Nam",
            "Đảng bộ cơ quan UBND Đảng Cộng sản Việt Nam",
            "SỞ Y TẾ ĐẢNG CỘNG SẢN VIỆT nAM",
        ] {
            assert!(issuer_beside_name(line), "{line}");
            assert!(has_nam(line), "{line}");
        }
        // A key with `nam` comes from a line with `nam`; one without has
        // none to find.
        for line in [
            "NAM",
            "Nam",
            "nAm",
            "Việt Nam",
            "Quảng Nam",
            "xe năm",
            "Nàm",
            "NA M",
        ] {
            assert_eq!(has_nam(line), canonical(line).contains("nam"), "{line}");
        }
        assert!(!issuer_beside_name(
            "Bộ Tài chính Cộng hòa xã hội chủ nghĩa Việt"
        ));
    }

    /// The roles of `text`'s lines, as one letter each: `t` title, `h`
    /// letterhead, `.` text.
    fn marks(text: &str) -> Option<String> {
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let roles = roles(lines.len(), |i| lines[i])?;
        Some(
            roles
                .iter()
                .map(|r| match r {
                    Some(Role::Title) => 't',
                    Some(Role::Letterhead) => 'h',
                    None => '.',
                })
                .collect(),
        )
    }

    const LETTER: &str = "ỦY BAN NHÂN DÂN
        XÃ BÌNH MINH
        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        Độc lập - Tự do - Hạnh phúc
        Số: 57/UBND-VP
        V/v chuẩn bị cho ngày hội đọc sách
        của thiếu nhi trong xã
        Bình Minh, ngày 3 tháng 4 năm 2026
        Kính gửi:
        - Trường Tiểu học Bình Minh;
        - Đoàn Thanh niên xã.
        Để hưởng ứng ngày sách, Ủy ban nhân dân xã đề nghị các đơn vị chuẩn bị gian sách.
        1. Trường Tiểu học chọn năm mươi đầu sách cho các em.
        2. Đoàn Thanh niên lo âm thanh và trang trí sân.
        Đề nghị các đơn vị thực hiện đúng thời gian./.
        Nơi nhận:
        - Như trên;
        - Lưu: VP.
        TM. ỦY BAN NHÂN DÂN
        CHỦ TỊCH
        (Đã ký)
        Trần Thị Hoa";

    #[test]
    fn a_letter_keeps_its_text_and_takes_its_subject_as_title() {
        assert_eq!(marks(LETTER).as_deref(), Some("hhhhhtthhhh....hhhhhhh"));
    }

    #[test]
    fn the_signature_without_a_distribution_list() {
        let text = LETTER.replace("Nơi nhận:\n        - Như trên;\n        - Lưu: VP.\n", "");
        assert_eq!(marks(&text).as_deref(), Some("hhhhhtthhhh....hhhh"));
    }

    #[test]
    fn a_decision_drops_its_grounds() {
        let text = "BỘ GIÁO DỤC VÀ ĐÀO TẠO
            CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Độc lập – Tự do – Hạnh phúc
            Số: 12/2026/QĐ-BGDĐT
            Hà Nội, ngày 9 tháng 1 năm 2026
            QUYẾT ĐỊNH
            Về việc công nhận kết quả thi của học sinh
            BỘ TRƯỞNG BỘ GIÁO DỤC VÀ ĐÀO TẠO
            Căn cứ Luật Giáo dục;
            Căn cứ quy chế thi hiện hành;
            Xét đề nghị của Vụ trưởng Vụ Giáo dục Trung học,
            QUYẾT ĐỊNH:
            Điều 1. Công nhận kết quả thi của ba trăm học sinh có tên trong danh sách kèm theo.
            Điều 2. Quyết định có hiệu lực từ ngày ký.
            Nơi nhận:
            - Như Điều 2;
            KT. BỘ TRƯỞNG
            THỨ TRƯỞNG
            Lê Văn Nam";
        assert_eq!(marks(text).as_deref(), Some("hhhhhhthhhhh..hhhhh"));
    }

    #[test]
    fn a_long_subject_on_one_line_is_the_title() {
        // A circular's subject of 47 words, its lines joined (as OCR and
        // the pdf reader join them).
        let subject = "Hướng dẫn thực hiện một số điều về quản lý, sử dụng và khai thác \
            công trình thủy lợi, đê điều, hồ chứa nước và trạm bơm phục vụ sản xuất nông \
            nghiệp, nuôi trồng thủy sản, cấp nước sinh hoạt cho dân cư nông thôn và các \
            khu công nghiệp ở các tỉnh miền núi";
        assert!(words(subject) > 40, "{}", words(subject));
        let text = format!(
            "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Độc lập - Tự do - Hạnh phúc
            Hà Nội, ngày 5 tháng 3 năm 2026
            THÔNG TƯ
            {subject}
            Thông tư này áp dụng cho các tổ chức quản lý công trình thủy lợi.
            Các đơn vị báo cáo kết quả thực hiện hằng năm."
        );
        assert_eq!(marks(&text).as_deref(), Some("hhhht.."));
    }

    #[test]
    fn a_resolutions_long_subject_and_long_grounds() {
        // A subject of some seventy words, a rule and the issuer after it;
        // grounds of more than twenty words each, up to `QUYẾT NGHỊ:`.
        let subject = "Cập nhật, bổ sung Chương trình hành động của Chính phủ thực hiện \
            Nghị quyết của Quốc hội về kế hoạch phát triển kinh tế - xã hội, tài chính quốc \
            gia và vay, trả nợ công, đầu tư công trung hạn năm năm gắn với thực hiện mục tiêu \
            phấn đấu tăng trưởng cao, bảo đảm ổn định kinh tế vĩ mô, kiểm soát lạm phát, bảo \
            đảm các cân đối lớn của nền kinh tế và nâng cao đời sống vật chất, tinh thần của \
            Nhân dân trong giai đoạn mới";
        assert!(words(subject) > 60, "{}", words(subject));
        let ground = "Căn cứ Kết luận số 20-KL/TW ngày 2 tháng 4 năm 2026 của Trung ương về \
            kế hoạch phát triển kinh tế - xã hội, tài chính quốc gia và đầu tư công trung hạn \
            năm năm gắn với mục tiêu tăng trưởng cao;";
        assert!(words(ground) > 20, "{}", words(ground));
        let text = format!(
            "CHÍNH PHỦ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Số: 12/NQ-CP\tĐộc lập - Tự do - Hạnh phúc
            Hà Nội, ngày 6 tháng 4 năm 2026
            NGHỊ QUYẾT
            {subject}
            ________
            CHÍNH PHỦ
            Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;
            {ground}
            Theo đề nghị của Bộ trưởng Bộ Tài chính;
            Trên cơ sở kết quả biểu quyết của các Thành viên Chính phủ.
            QUYẾT NGHỊ:
            Điều 1. Ban hành kèm theo Nghị quyết này Chương trình hành động của Chính phủ.
            Điều 2. Nghị quyết này có hiệu lực thi hành kể từ ngày ký."
        );
        assert_eq!(marks(&text).as_deref(), Some("hhhhthhhhhhh.."));
    }

    #[test]
    fn a_report_takes_the_line_after_its_kind_as_title() {
        let text = "ĐẢNG BỘ TỈNH HÀ TĨNH\tĐẢNG CỘNG SẢN VIỆT NAM
            *\tHà Tĩnh, ngày 2 tháng 2 năm 2026
            BÁO CÁO
            Kết quả lãnh đạo công tác phòng chống thiên tai năm 2025
            Năm 2025, tỉnh chịu ảnh hưởng của bốn cơn bão và hai đợt lũ lớn.
            Các cấp ủy đã lãnh đạo sơ tán hàng nghìn hộ dân.";
        assert_eq!(marks(text).as_deref(), Some("hhht.."));
    }

    #[test]
    fn table_rows_of_a_docx_hold_both_halves() {
        let text = "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            \tĐộc lập - Tự do - Hạnh phúc
            Số: 1234/UBND-NL1\tHà Tĩnh, ngày 15 tháng 10 năm 2026
            V/v ứng phó với mưa lũ\t
            Kính gửi: Các sở, ban, ngành cấp tỉnh.
            Theo tin của Đài Khí tượng, từ đêm nay trên địa bàn tỉnh có mưa to.
            Nơi nhận:\tKT. CHỦ TỊCH
            - Như trên;\tPHÓ CHỦ TỊCH
            - Lưu: VT.\tNguyễn Văn Bình";
        assert_eq!(marks(text).as_deref(), Some("hhhth.hhh"));
        // A pdf sets both halves on one line.
        let text = "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            TỈNH HÀ TĨNH Độc lập - Tự do - Hạnh phúc
            Số: 1234/UBND-NL1 Hà Tĩnh, ngày 15 tháng 10 năm 2026
            V/v ứng phó với mưa lũ
            Theo tin của Đài Khí tượng, từ đêm nay trên địa bàn tỉnh có mưa to.";
        assert_eq!(marks(text).as_deref(), Some("hhht."));
    }

    #[test]
    fn every_name_starts_with_the_byte_looked_for() {
        assert!(NAMES
            .iter()
            .all(|n| n.starts_with('C') || n.as_bytes()[0] == 0xC4));
    }

    #[test]
    fn news_and_letters_that_quote_the_motto_are_not_official() {
        let news = "Hà Nội tổ chức lễ kỷ niệm Quốc khánh
            Sáng 2/9, tại Quảng trường Ba Đình, hàng nghìn người dân đã dự lễ.
            Khẩu hiệu Độc lập - Tự do - Hạnh phúc được treo trên lễ đài.
            Nguyễn Văn An";
        assert_eq!(marks(news), None);
        // The name must open a line among the first ones.
        let mut late = vec!["Dòng văn bản bình thường có dấu chấm."; NAME_WITHIN];
        late.push("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        assert_eq!(roles(late.len(), |i| late[i]), None);
        // A letter that opens with `Căn cứ` and has no `QUYẾT ĐỊNH:` line
        // starts its text there.
        let text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Độc lập - Tự do - Hạnh phúc
            Căn cứ kế hoạch năm, Ủy ban nhân dân xã thông báo lịch tiêm phòng cho đàn gia súc.
            Các hộ chăn nuôi đưa gia súc đến điểm tiêm đúng giờ.";
        assert_eq!(marks(text).as_deref(), Some("hh.."));
    }

    #[test]
    fn a_letterhead_in_tab_columns_with_a_capitals_font_read_in_small_letters() {
        // A legacy capitals font read without its case: `Bộ` beside
        // `THUỶ LỢI`, the state's name in small letters; both columns
        // of both rows on one line, separated by tabs.
        let text = "Bộ NÔNG NGHIỆP\tCộng hoà xã hội chủ nghĩa Việt Nam\tCỤC THUỶ LỢI\tĐộc lập - Tự do - Hạnh phúc
            Số 215/TL-QLN
            Hà Nội, ngày 4 tháng 6 năm 2026
            V/v vận hành hồ chứa trong mùa lũ
            Kính gửi: Công ty Khai thác thủy lợi Sông Chu
            Cục Thủy lợi đề nghị Công ty vận hành hồ chứa theo quy trình đã duyệt.
            Công ty báo cáo mực nước hồ hằng ngày về Cục.";
        assert_eq!(marks(text).as_deref(), Some("hhhth.."));
    }

    #[test]
    fn a_party_letterhead_read_as_one_line_with_its_kind_in_small_letters() {
        // The issuer and the Party's name on one line without a tab, the
        // rule under the name after the issuer's second line, the kind
        // and its subject in small letters, then the form's fields.
        let text = "Đảng bộ xã Tân Hòa đảng cộng sản việt nam
            chi bộ thôn hai ----------------
            Tổ đảng số 3
            Tân Hòa, ngày 20 tháng 12 năm 2026
            báo cáo
            kết quả sinh hoạt chi bộ năm 2026
            họ và tên bí thư: Lê Văn Tám
            Chi bộ duy trì sinh hoạt đều đặn mỗi tháng một lần.
            Các đảng viên hoàn thành nhiệm vụ được giao.";
        assert_eq!(marks(text).as_deref(), Some("hhhhht..."));
    }

    #[test]
    fn a_label_and_its_value_aligned_by_a_tab_are_one_cell() {
        let text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Độc lập - Tự do - Hạnh phúc
            ĐƠN ĐỀ NGHỊ CẤP LẠI THẺ THƯ VIỆN
            Kính gửi\t: Thư viện tỉnh Sông Lam
            Tôi tên là Trần Văn Bình, bạn đọc của thư viện từ năm 2020.
            Tôi bị mất thẻ thư viện và đề nghị thư viện cấp lại thẻ.";
        assert_eq!(marks(text).as_deref(), Some("hhth.."));
    }
}
