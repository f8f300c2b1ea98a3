//! Stage 3, for long structured documents: the shape of laws, decrees,
//! decisions, theses, reports and manuals, read from their lines.
//!
//! News articles are running text under one title. The documents office
//! staff, lawyers and students open have parts: a cover page, front matter
//! (`LỜI CAM ĐOAN`, `LỜI CẢM ƠN`, a table of contents with dot leaders,
//! lists of figures and abbreviations), legal grounds (`Căn cứ …;`),
//! headings with their levels (`Phần`, `Chương`, `Mục`, `Điều`; `I.`, `A.`,
//! `1.`, `1.1`; `KẾT LUẬN` in capitals), figure and table captions, table
//! rows, forms' blanks, references. [`mark`] gives each such line its kind;
//! the readers of every format give the same lines, so one set of rules
//! serves txt, md, html, docx, doc, odt, rtf and pdf.
//!
//! Only the kind of a line changes: every line stays in the display text
//! (the app dims what is not running text). A line the rules do not
//! recognize stays as it was, so news articles are left alone.
//!
//! # Rules
//!
//! - **Headings**: a line opening with a marker (`Phần thứ nhất`, `CHƯƠNG
//!   2`, `Mục 1`, `Điều 5.`, `II.`, `B.`, `1.`, `2.3.1`) whose text is a
//!   name, not a sentence (no final `.`, `;`, `:` after the marker's own,
//!   at most 25 words; `Điều` up to 40); a line in capitals after some
//!   running text (`KẾT LUẬN`, `NHỮNG QUY ĐỊNH CHUNG`); the name under a
//!   bare marker (`Chương 1.` / `NHỮNG QUY ĐỊNH CHUNG`) shares its level.
//!   Levels follow a fixed order of kinds (Phần, Chương and capitals, Mục,
//!   Điều, I., A., 1., 1.1, 1.1.1), renumbered from 1 over the kinds the
//!   document uses.
//! - **Front matter**: `LỜI CAM ĐOAN`, `LỜI CẢM ƠN`, `NHẬN XÉT`, lists of
//!   abbreviations and what follows them up to the next heading of content
//!   (a marked heading, `TÓM TẮT`, `MỞ ĐẦU`…).
//! - **Contents**: `MỤC LỤC`, `DANH MỤC HÌNH/BẢNG` and their entries: a
//!   line with dot leaders (`…… 12`), a page number after a tab, or a
//!   heading that the document repeats later; a dot-leader line anywhere.
//! - **Captions** (`Hình 3.2: …`, `Bảng 4.1 …`, `Figure 2`), lines ending
//!   in a photo credit `(Ảnh: …)`.
//! - **References**: the lines under `TÀI LIỆU THAM KHẢO` (`REFERENCES`)
//!   up to the next chapter or `PHỤ LỤC`; lines opening with `[n]`.
//! - **Legal grounds** outside a letterhead: `Căn cứ …;`, `Theo đề nghị
//!   …,`, `Xét …` lines that end as a list item does, and the documents
//!   listed under them (`- Nghị định số 102/2009/NĐ-CP …;`).
//! - **Table rows**: a line of three or more tab-separated cells, or two
//!   when neither cell is a sentence.
//! - **Blanks**: a line with a run of dots to fill in (`ngày ..../..../....`).
//! - **Cover page**: when the document opens with no running text before a
//!   front matter heading or its first chapter, those lines are its cover;
//!   the longest run of lines there that is no institution (`TRƯỜNG ĐẠI
//!   HỌC …`), kind of work (`KHÓA LUẬN TỐT NGHIỆP`), field (`GVHD: …`),
//!   name, place or date is its title (the topic). Without one, a `Tên đề
//!   tài: …` field gives it.

use crate::analysis::Analysis;
use crate::document::{BlockKind, Document, Noise, OutlineItem, Picked, Span};
use crate::normalize::{canonical, canonical_into};
use crate::summarize::Score;
use crate::vi::{
    eq_ci, is_alphabetic, is_alphanumeric, is_lowercase, is_uppercase, lower_first, starts_with_ci,
};

/// The first lines looked at for a cover page.
const COVER_LINES: usize = 45;

/// Bytes of a line's start that hold every label a rule looks for at the
/// start of a line (`trường đại học`, `tên đề tài:`), with room for a
/// syllable cut at the end: rules key only this much, not whole paragraphs.
const LABEL_BYTES: usize = 64;

/// What [`mark`] found besides the kinds of lines.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Found {
    /// The lines of the title (the topic on a cover page).
    pub title: Vec<usize>,
    /// A field line whose value is the title: the line and the byte where
    /// the value starts (`Tên đề tài: |Xây dựng …`).
    pub title_field: Option<(usize, usize)>,
}

/// A kind of heading, in the order of their levels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Style {
    Part,
    Chapter,
    Caps,
    Section,
    Article,
    Roman,
    Letter,
    Decimal(u8),
}

impl Style {
    fn rank(self) -> u8 {
        match self {
            Style::Part => 0,
            Style::Chapter | Style::Caps => 1,
            Style::Section => 2,
            Style::Article => 3,
            Style::Roman => 4,
            Style::Letter => 5,
            Style::Decimal(d) => 5 + d.min(4),
        }
    }
}

/// A named part of a thesis or report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Named {
    /// Declaration, thanks, reviewer's notes, abbreviations.
    Front,
    /// Table of contents, lists of figures and tables.
    Contents,
    /// Abstract, introduction, conclusion: content.
    Content,
    /// References.
    References,
    /// Appendices.
    Appendix,
}

/// Names of front matter, contents, content and back matter headings
/// (canonical, lower case), each with its part.
const NAMED: &[(&str, Named)] = &[
    ("lời cam đoan", Named::Front),
    ("cam đoan", Named::Front),
    ("lời cảm ơn", Named::Front),
    ("lời cám ơn", Named::Front),
    ("cảm ơn", Named::Front),
    ("nhận xét", Named::Front),
    ("bản nhận xét", Named::Front),
    ("danh mục từ viết tắt", Named::Front),
    ("danh mục các từ viết tắt", Named::Front),
    ("danh mục chữ viết tắt", Named::Front),
    ("danh mục các chữ viết tắt", Named::Front),
    ("danh mục ký hiệu", Named::Front),
    ("danh mục các ký hiệu", Named::Front),
    ("bảng ký hiệu", Named::Front),
    ("giải thích từ tắt", Named::Front),
    ("giải thích từ viết tắt", Named::Front),
    ("bảng chữ viết tắt", Named::Front),
    ("từ viết tắt", Named::Front),
    ("acknowledgements", Named::Front),
    ("acknowledgments", Named::Front),
    ("mục lục", Named::Contents),
    ("table of contents", Named::Contents),
    ("contents", Named::Contents),
    ("danh mục hình", Named::Contents),
    ("danh mục các hình", Named::Contents),
    ("danh mục bảng", Named::Contents),
    ("danh mục các bảng", Named::Contents),
    ("danh sách hình", Named::Contents),
    ("danh sách bảng", Named::Contents),
    ("danh mục hình ảnh", Named::Contents),
    ("danh mục biểu đồ", Named::Contents),
    ("danh mục sơ đồ", Named::Contents),
    ("list of figures", Named::Contents),
    ("list of tables", Named::Contents),
    ("tóm tắt", Named::Content),
    ("abstract", Named::Content),
    ("mở đầu", Named::Content),
    ("lời mở đầu", Named::Content),
    ("lời nói đầu", Named::Content),
    ("lời giới thiệu", Named::Content),
    ("giới thiệu", Named::Content),
    ("tổng quan", Named::Content),
    ("kết luận", Named::Content),
    ("kết luận và kiến nghị", Named::Content),
    ("kết luận và hướng phát triển", Named::Content),
    ("lời kết", Named::Content),
    ("tài liệu tham khảo", Named::References),
    ("tai liệu tham khảo", Named::References),
    ("danh mục tài liệu tham khảo", Named::References),
    ("nguồn tham khảo", Named::References),
    ("references", Named::References),
    ("bibliography", Named::References),
    ("phụ lục", Named::Appendix),
    ("appendix", Named::Appendix),
];

/// Marks the structure of the document whose lines are `lines` (trimmed,
/// non-empty), `counts` their whitespace-separated words (counted once, by
/// `boilerplate`); `kinds` holds what earlier rules found (`None`: not
/// known yet) and is only filled where it is `None`.
///
/// `tabs` is false when no line holds a tab: the rules for tables' rows
/// then skip their search for one (issue 13: a byte search over every
/// line).
pub(crate) fn mark(
    lines: &[&str],
    counts: &[usize],
    tabs: bool,
    kinds: &mut [Option<BlockKind>],
) -> Found {
    let n = lines.len();
    let mut found = Found::default();
    let named: Vec<Option<Named>> = lines.iter().map(|l| named(l)).collect();
    let mut styles: Vec<Option<Style>> = vec![None; n];
    // Lines that are the name under a bare marker (`Chương 1.` / `QUY
    // ĐỊNH CHUNG`).
    let mut named_under = vec![false; n];
    // Running text seen: a line in capitals is a heading only after it.
    let mut text_seen = false;
    let mut mode: Option<Named> = None;
    let mut grounds = false;
    // Normalized heading texts, to tell a table of contents' entries from
    // the headings they repeat.
    // Only a document with a table of contents needs them.
    let keys: Vec<String> = if named.contains(&Some(Named::Contents)) {
        lines.iter().map(|l| entry_key(l)).collect()
    } else {
        vec![String::new(); n]
    };
    let mut later = crate::hash::FxHashMap::<&str, usize>::default();
    for (i, k) in keys.iter().enumerate() {
        if !k.is_empty() {
            later.insert(k.as_str(), i);
        }
    }
    // A table of contents at the front: its entries name headings that
    // come after it. What stands before it is the cover and the front
    // matter, whatever its headings (a reviewer's form `I. Ý KIẾN NHẬN
    // XÉT`, `II. CÁC VẤN ĐỀ CẦN LÀM RÕ`).
    let front_contents = (0..n).find(|&c| {
        named[c] == Some(Named::Contents)
            && (c + 1..n.min(c + 6))
                .any(|e| !keys[e].is_empty() && later.get(keys[e].as_str()).is_some_and(|&j| j > e))
    });
    // A pdf's metadata title that its generator wrote (`Microsoft Word -
    // baocao.doc`), first line.
    if n > 0 && kinds[0].is_none() && is_generator_title(lines[0]) {
        kinds[0] = Some(BlockKind::Noise(Noise::Navigation));
    }
    // `Kính gửi: - Các Bộ, …` near the top of a letter without a
    // letterhead, and the addressees listed under it.
    if let Some(at) = (0..n.min(15)).find(|&i| kinds[i].is_none() && is_addressee(lines[i])) {
        kinds[at] = Some(BlockKind::Noise(Noise::Letterhead));
        let mut k = at + 1;
        while k < n
            && kinds[k].is_none()
            && lines[k].starts_with(['-', '+', '•', '–'])
            && lines[k].split_whitespace().count() <= 25
        {
            kinds[k] = Some(BlockKind::Noise(Noise::Letterhead));
            k += 1;
        }
    }
    for i in 0..n {
        let line = lines[i];
        let free = kinds[i].is_none();
        if let Some(part) = named[i] {
            // `KẾT LUẬN⇥45` in a table of contents is its entry.
            if free && mode == Some(Named::Contents) && ends_with_page(line) {
                kinds[i] = Some(BlockKind::Noise(Noise::Contents));
                continue;
            }
            // `III. KẾT LUẬN` of a reviewer's form: a marked heading does
            // not end the front matter before a table of contents at the
            // front (see below).
            if free
                && mode == Some(Named::Front)
                && front_contents.is_some_and(|c| i < c)
                && heading_style(line, counts[i]).is_some()
            {
                kinds[i] = Some(BlockKind::Noise(Noise::FrontMatter));
                continue;
            }
            if free {
                kinds[i] = Some(match part {
                    Named::Front => BlockKind::Noise(Noise::FrontMatter),
                    Named::Contents => BlockKind::Noise(Noise::Contents),
                    _ => {
                        styles[i] = Some(Style::Chapter);
                        BlockKind::Heading(0)
                    }
                });
            }
            mode = Some(part);
            grounds = false;
            continue;
        }
        if !free {
            grounds = grounds && kinds[i] == Some(BlockKind::Noise(Noise::Preamble));
            continue;
        }
        let words = counts[i];
        // Running text: no rule of a heading, an entry or a heading's
        // name can take it (see `prose`).
        let prose = prose(line, words);
        // Furniture recognized by its own shape, anywhere.
        if !prose && is_toc_entry(line) {
            kinds[i] = Some(BlockKind::Noise(Noise::Contents));
            continue;
        }
        if mode == Some(Named::Contents) {
            let repeated = later.get(keys[i].as_str()).is_some_and(|&j| j > i);
            let continued = line.starts_with(['—', '–']) && words <= 30;
            if (repeated && words <= 30) || continued || ends_with_page(line) {
                kinds[i] = Some(BlockKind::Noise(Noise::Contents));
                continue;
            }
            mode = None;
        }
        // A display formula the pdf reader set apart (`Ât = T ∑ l=0 … (2.3)`):
        // the page shows it, but it is no sentence to summarize.
        if is_caption(line, words) || (words <= 25 && crate::lines::is_display_formula(line)) {
            kinds[i] = Some(BlockKind::Noise(Noise::Figure));
            continue;
        }
        if is_blank(line) {
            kinds[i] = Some(BlockKind::Noise(Noise::Placeholder));
            continue;
        }
        if is_aside(line) {
            kinds[i] = Some(BlockKind::Noise(Noise::Aside));
            continue;
        }
        if is_reference_entry(line) {
            kinds[i] = Some(BlockKind::Noise(Noise::Reference));
            continue;
        }
        if !prose && is_grounds_heading(line, words) && heading_style(line, words).is_none() {
            // `Căn cứ pháp lý`: the grounds listed under it follow.
            kinds[i] = Some(BlockKind::Noise(Noise::Preamble));
            grounds = true;
            continue;
        }
        if is_ground(line, words) || (grounds && cites_document(line)) {
            kinds[i] = Some(BlockKind::Noise(Noise::Preamble));
            grounds = true;
            continue;
        }
        grounds = false;
        if tabs && is_table_row(line) {
            kinds[i] = Some(BlockKind::Noise(Noise::TableRow));
            continue;
        }
        let style = (!prose).then(|| heading_style(line, words)).flatten();
        let style = style.or_else(|| {
            if prose {
                return None;
            }
            // The name under a bare marker: `Chương 1.` / `QUY ĐỊNH CHUNG`;
            // not under a heading without a marker (a short line in
            // capitals, a table's cell), nor under a name.
            let prev = styles.get(i.wrapping_sub(1)).copied().flatten()?;
            let bare = counts[i - 1] <= 3
                && !named_under[i - 1]
                && named[i - 1].is_none()
                && matches!(
                    prev,
                    Style::Part | Style::Chapter | Style::Section | Style::Article
                );
            let name = bare && is_name(line, words, 30);
            named_under[i] = name;
            name.then_some(prev)
        });
        let style = style.or_else(|| {
            (!prose && text_seen && is_caps_heading(line, words) && mode != Some(Named::Front))
                .then_some(Style::Caps)
        });
        if let Some(style) = style {
            // A marked heading ends the front matter and the references;
            // capitals alone do not end the references, nothing ends the
            // front matter before a table of contents at the front.
            let ends = (style != Style::Caps || mode != Some(Named::References))
                && !(mode == Some(Named::Front) && front_contents.is_some_and(|c| i < c));
            if ends {
                mode = None;
            }
            if mode.is_none() {
                styles[i] = Some(style);
                kinds[i] = Some(BlockKind::Heading(0));
                // `I.1. Căn cứ pháp lý`: the grounds listed under it follow.
                grounds = is_grounds_heading(line, words);
                continue;
            }
        }
        match mode {
            Some(Named::Front) => kinds[i] = Some(BlockKind::Noise(Noise::FrontMatter)),
            Some(Named::References) => kinds[i] = Some(BlockKind::Noise(Noise::Reference)),
            _ => {
                if words >= 8 && (prose || ends_with_stop(line)) {
                    text_seen = true;
                }
            }
        }
    }
    levels(&styles, kinds);
    cover(lines, counts, kinds, &named, &mut found);
    found
}

/// Numbers the levels of the headings: their styles' ranks, renumbered
/// from 1 over the ranks the document uses.
fn levels(styles: &[Option<Style>], kinds: &mut [Option<BlockKind>]) {
    let mut used = [false; 10];
    for s in styles.iter().flatten() {
        used[s.rank() as usize] = true;
    }
    let mut level = [0u8; 10];
    let mut next = 1u8;
    for r in 0..10 {
        if used[r] {
            level[r] = next.min(6);
            next += 1;
        }
    }
    for (s, k) in styles.iter().zip(kinds.iter_mut()) {
        if let (Some(s), Some(BlockKind::Heading(_))) = (s, &k) {
            *k = Some(BlockKind::Heading(level[s.rank() as usize]));
        }
    }
}

/// `span` without the label of a named part that opens it, with the colon
/// and the spaces after it: `Tóm tắt: Bài toán …` is the abstract's heading
/// run into its first line, not a word of its first sentence (a summary
/// that chose it read "Tóm tắt: Bài toán …"). The span as it is when it does
/// not open with one or nothing follows the colon.
pub(crate) fn without_label(text: &str, span: Span) -> Span {
    let line = &text[span.start..span.end];
    // A colon in the first 48 bytes (it is ASCII: no character is cut).
    let b = line.as_bytes();
    let Some(colon) = memchr::memchr(b':', &b[..b.len().min(48)]) else {
        return span;
    };
    let rest = &line[colon + 1..];
    let body = rest.trim_start();
    if named(&line[..colon]).is_none() || !body.starts_with(is_alphanumeric) {
        return span;
    }
    Span::new(span.start + line.len() - body.len(), span.end)
}

/// The named part a line is the heading of.
fn named(line: &str) -> Option<Named> {
    if line.len() > 80 || !may_be_named(line) {
        return None;
    }
    named_by_key(line)
}

/// [`named`] without its cheap tests: the whole line keyed and matched.
fn named_by_key(line: &str) -> Option<Named> {
    let key = canonical(line);
    let key = key
        .trim_end_matches(|c: char| c == ':' || c == '.' || c.is_whitespace())
        .trim_start_matches(|c: char| !is_alphanumeric(c));
    // `CHƯƠNG 5: KẾT LUẬN` is a chapter; `KẾT LUẬN`, `5. KẾT LUẬN` too.
    let key = strip_number(key);
    NAMED
        .iter()
        .find(|(name, _)| {
            key == *name
                || key.strip_prefix(name).is_some_and(|rest| {
                    // `DANH MỤC HÌNH ẢNH`, `TÓM TẮT LUẬN VĂN`, `LỜI CẢM ƠN!`:
                    // a few more words, no sentence.
                    rest.starts_with([' ', '!', '('])
                        && rest.split_whitespace().count() <= 4
                        && !rest.contains([',', '.'])
                })
        })
        .map(|&(_, part)| part)
}

/// Whether [`named`] may find a name in `line`: its key, past the marks
/// and the number `named` skips, opens with the first word of a name. A
/// line's key is the keys of its space-separated pieces joined by spaces
/// ([`canonical`] keys each syllable alone), so only its first three
/// pieces are keyed here, not the whole line: most lines open with no
/// such word (`Ảnh`, `Theo`, a name). True when three pieces cannot tell.
fn may_be_named(line: &str) -> bool {
    // The third space, by memchr (a `match_indices` searcher per line cost
    // more than the rest, issue 13).
    let cut = memchr::memchr_iter(b' ', line.as_bytes())
        .nth(2)
        .unwrap_or(line.len());
    let whole = cut == line.len();
    let mut key = String::with_capacity(cut + 8);
    canonical_into(&line[..cut], &mut key);
    let end = |c: char| c == ':' || c == '.' || c.is_whitespace();
    let key = if whole {
        key.trim_end_matches(end)
    } else if key.ends_with(end) {
        // The whole line's key may be trimmed back into these pieces.
        return true;
    } else {
        key.as_str()
    };
    let key = key.trim_start_matches(|c: char| !is_alphanumeric(c));
    // `strip_number` reads the first piece whole, and the names' first
    // words are read from the first piece after it.
    if !whole && !key.contains(' ') {
        return true;
    }
    let key = strip_number(key);
    if !whole && !key.contains(' ') {
        return true;
    }
    let first = key.split(' ').next().unwrap_or("");
    let Some(&b) = first.as_bytes().first() else {
        return false;
    };
    NAMED.iter().any(|(name, _)| {
        name.as_bytes()[0] == b && first.starts_with(name.split(' ').next().unwrap_or(name))
    })
}

/// Does the heading `line` name a part that introduces or sums up the
/// document (`TÓM TẮT`, `ABSTRACT`, `MỞ ĐẦU`, `KẾT LUẬN`)?
pub(crate) fn is_summary_part(line: &str) -> bool {
    named(line) == Some(Named::Content)
}

/// `2. kết luận` → `kết luận`; `iv. tài liệu` → `tài liệu`; not `2.2.
/// tổng quan về …`: a section's number, under a chapter, not a part's.
fn strip_number(key: &str) -> &str {
    let first = key.split(' ').next().unwrap_or("");
    let marker = first.trim_end_matches(['.', ')', ':']);
    if first.len() > marker.len()
        && !marker.is_empty()
        && (marker.chars().all(|c| c.is_ascii_digit())
            || marker.chars().all(|c| matches!(c, 'i' | 'v' | 'x')))
    {
        key[first.len()..].trim_start()
    } else {
        key
    }
}

/// The style of a heading with a marker, if `line` is one.
fn heading_style(line: &str, words: usize) -> Option<Style> {
    if words > 40 {
        return None;
    }
    // Most lines open with neither a marker word (`Phần`, `Chương`, `Mục`,
    // `Điều`: their first letters, either case, `Đ` and `đ` being C4 90 and
    // C4 91) nor a marker: told by their first bytes, before the line is
    // split into words, searched for a tab and its first word compared
    // (issue 13: run on every line of every document). The line's first
    // two bytes are its first word's as `opens_with_marker` reads them: a
    // word of one byte is followed by white space, which no marker has.
    let t = line.trim_start();
    let marker_word = matches!(
        t.as_bytes(),
        [b'p' | b'P' | b'c' | b'C' | b'm' | b'M', ..] | [0xC4, 0x90 | 0x91, ..]
    ) && ["phần", "chương", "mục", "điều"]
        .iter()
        .any(|w| starts_with_ci(t, w));
    if !marker_word && (words > 25 || !opens_with_marker(t)) {
        return None;
    }
    if line.contains('\t') {
        return None;
    }
    let mut it = line.split_whitespace();
    let first = it.next()?;
    let second = it.next().unwrap_or("");
    let number_like = |w: &str| {
        let w = w.trim_end_matches(['.', ':', ')', ',']);
        !w.is_empty()
            && (w.chars().all(|c| c.is_ascii_digit())
                || w.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L')))
    };
    let rest_after = |k: usize| -> &str {
        let mut s = line;
        for _ in 0..k {
            s = s.trim_start();
            s = s.find(char::is_whitespace).map_or("", |p| &s[p..]);
        }
        s.trim()
    };
    // The first word compared case-blind in place, and only when it may
    // be a marker word: lower-cased, it cost an allocation on each line
    // opening with `C`, `M`, `P` or `Đ` (issue 13).
    let is = |w: &str| marker_word && eq_ci(first, w);
    if (number_like(second) || second.eq_ignore_ascii_case("thứ")) && is("phần") {
        return (words <= 25 && !ends_like_sentence(rest_after(2))).then_some(Style::Part);
    }
    if number_like(second) && is("chương") {
        return (words <= 25 && !ends_like_sentence(rest_after(2))).then_some(Style::Chapter);
    }
    if number_like(second) && is("mục") {
        return (words <= 25 && !ends_like_sentence(rest_after(2))).then_some(Style::Section);
    }
    if (second.ends_with(['.', ':']) && number_like(second) || second.is_empty()) && is("điều") {
        return (second.is_empty() || !rest_after(2).ends_with([';', ',']))
            .then_some(Style::Article);
    }
    if words > 25 || !opens_with_marker(first) {
        return None;
    }
    let rest = rest_after(1);
    if rest.is_empty() || ends_like_sentence(rest) || !rest.chars().any(is_alphabetic) {
        return None;
    }
    let starts_upper = rest
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c == '“' || c == '"');
    // `II.`, `IV -`: a roman number.
    let marker = first.trim_end_matches(['.', ')', ':']);
    if marker.len() < first.len() || second == "-" || second == "–" {
        if !marker.is_empty()
            && marker.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
            && marker.len() <= 5
        {
            return starts_upper.then_some(Style::Roman);
        }
        // `A.`, `B)`: a capital letter.
        if marker.chars().count() == 1
            && marker.chars().all(|c| c.is_ascii_uppercase())
            && first.ends_with('.')
        {
            return (starts_upper && words <= 15).then_some(Style::Letter);
        }
    }
    // `1.`, `1.2`, `2.3.1.`: numbers and dots; `II.1.`, `IV.3.1.6`: a
    // roman number and numbers.
    let digits = first.trim_end_matches(['.', ')', ':']);
    let number = |p: &str| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit());
    let roman = |p: &str| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b"IVX".contains(&b));
    let mut parts = digits.split('.');
    let head_ok = parts
        .next()
        .is_some_and(|p| number(p) || roman(p) && digits.contains('.'));
    if !digits.is_empty()
        && head_ok
        && parts.all(number)
        && (first.ends_with('.') || digits.contains('.'))
    {
        let depth = digits.split('.').count() as u8;
        return (starts_upper && words <= 20).then_some(Style::Decimal(depth));
    }
    None
}

/// Whether `first`, a line's first word, may be the marker of a heading
/// other than a named part's: a figure (`1.`, `2.3`), a roman number
/// (`II.`, `IV -`, `II.1.`), or a capital and its sign (`A.`). The
/// rules of [`heading_style`] ask more of each; this cheap test lets most
/// lines (`Theo …`, `Trong …`) go before them.
fn opens_with_marker(first: &str) -> bool {
    matches!(
        first.as_bytes(),
        [b'0'..=b'9' | b'I' | b'V' | b'X', ..] | [b'A'..=b'Z', b'.' | b')' | b':', ..]
    )
}

/// Whether `line` of `words` words is running text that none of the
/// rules of headings ([`heading_style`], the name under a bare marker,
/// [`is_caps_heading`], [`is_grounds_heading`]) nor [`is_toc_entry`] can
/// take, and that [`ends_with_stop`]: more than ten words and an end that
/// both [`ends_like_sentence`] and [`ends_with_stop`] know. Of the rules,
/// only an article (`Điều 5. …`, up to 40 words) is a heading that ends
/// with a stop. Most lines of news are such (issue 13: the rules cost
/// more than the rest of the stage on them); a test checks the claim on
/// DEV lines and generated ones.
fn prose(line: &str, words: usize) -> bool {
    words > 10
        && line.trim_end().ends_with(['.', ';', ':', '!', '?', '…'])
        && (words > 40 || !matches!(line.trim_start().as_bytes(), [0xC4, 0x90 | 0x91, ..]))
}

/// A name, not a sentence: of at most `max` words, not ending with `.`,
/// `;`, `,` or `:`, mostly letters.
fn is_name(line: &str, words: usize, max: usize) -> bool {
    (1..=max).contains(&words) && !ends_like_sentence(line) && !line.contains('\t') && {
        let letters = line.chars().filter(|&c| is_alphabetic(c)).count();
        2 * letters >= line.chars().filter(|c| !c.is_whitespace()).count()
    }
}

/// A heading in capitals: 2 to 20 words, no lower-case letter. One word
/// in capitals is a code or an abbreviation (`CBCC`, `GTVT`: a table's
/// column), not a name of a part.
fn is_caps_heading(line: &str, words: usize) -> bool {
    (2..=20).contains(&words)
        && is_name(line, words, 20)
        && line.chars().filter(|&c| is_alphabetic(c)).count() >= 4
        && !line.chars().any(char::is_lowercase)
}

fn ends_like_sentence(s: &str) -> bool {
    s.trim_end().ends_with(['.', ';', ',', ':', '!', '?', '…'])
}

fn ends_with_stop(s: &str) -> bool {
    s.trim_end().ends_with(['.', '!', '?', '…', ';', ':'])
}

/// A table of contents' or list of figures' entry with dot leaders
/// (`1.1 Mục tiêu ........ 5`, `Chương 2 . . . . . 12`, `Lời mở đầu …… iii`).
fn is_toc_entry(line: &str) -> bool {
    let t = line.trim_end_matches(|c: char| {
        c.is_ascii_digit() || c.is_whitespace() || matches!(c, 'i' | 'v' | 'x')
    });
    let tail = tail_of(t, 24);
    line.trim_end()
        .ends_with(|c: char| c.is_ascii_digit() || matches!(c, 'i' | 'v' | 'x'))
        && (tail.ends_with("....")
            || tail.ends_with("……")
            || tail.ends_with(". . . .")
            || tail.ends_with("_____"))
        && t.split_whitespace().count() <= 40
}

/// An entry that ends with a page number after a tab or a wide gap.
fn ends_with_page(line: &str) -> bool {
    let t = line.trim_end_matches(|c: char| c.is_ascii_digit());
    t.len() < line.len()
        && (t.ends_with('\t') || t.ends_with("  ") || t.ends_with(' '))
        && line.len() - t.len() <= 3
}

/// The text of a heading or an entry, without page number or leaders, for
/// matching an entry with its heading.
fn entry_key(line: &str) -> String {
    if line.len() > 200 {
        return String::new();
    }
    let t = line.trim_end_matches(|c: char| {
        c.is_ascii_digit() || c.is_whitespace() || matches!(c, '.' | '…' | '_')
    });
    let key = canonical(t);
    key.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A figure or table caption: `Hình 3.2: …`, `Bảng 4.1 …`, `Figure 2.`, or
/// a line that ends with a photo credit `(Ảnh: …)`.
fn is_caption(line: &str, words: usize) -> bool {
    if words > 60 {
        return false;
    }
    // Only a line whose first word opens with a label's first letter is
    // split into words for a label: most lines open with none (issue 13:
    // the split cost more than the rest of the rules on a news article's
    // line). The first word's first character is the line's, past the
    // white space that `split_whitespace` skips.
    if lower_first(line.trim_start()).is_some_and(|l| "hbftsảđ".contains(l)) {
        let mut it = line.split_whitespace();
        let first = it.next().unwrap_or("");
        let second = it.next().unwrap_or("");
        let numbered = second
            .trim_end_matches(['.', ':', ')', '-'])
            .split(['.', '-'])
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            && !second.is_empty();
        // The first word compared case-blind in place: lower-cased, it cost
        // an allocation on most lines (issue 13).
        let is = |labels: &[&str]| labels.iter().any(|l| eq_ci(first, l));
        let label = if numbered {
            is(&[
                "hình", "bảng", "figure", "fig.", "table", "biểu", "sơ", "ảnh", "đồ",
            ])
        } else {
            is(&["biểu", "sơ", "đồ"])
                && line.split_whitespace().nth(2).is_some_and(|w| {
                    w.trim_end_matches(['.', ':'])
                        .split('.')
                        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
                })
        };
        if label && words <= 40 {
            // `Bảng 2 cho thấy …` is a sentence about the table.
            let after = line.split_whitespace().nth(2).unwrap_or("");
            let lower_after = after.chars().next().is_some_and(char::is_lowercase);
            return !(lower_after && ends_with_stop(line) && words > 12)
                || second.ends_with([':', '.']);
        }
    }
    let t = line.trim_end_matches(['.', ' ']);
    // Only a line that ends with its bracket: its inner text is keyed
    // then, not the rest of each line with a bracket in it.
    if !t.ends_with(')') {
        return false;
    }
    if let Some(open) = t.rfind('(') {
        let inner = canonical(&t[open + 1..]);
        return (inner.starts_with("ảnh:")
            || inner.starts_with("ảnh :")
            || inner.starts_with("video:"))
            && inner.len() <= 80;
    }
    false
}

/// A form's blank: a run of dots or ellipses to fill in.
fn is_blank(line: &str) -> bool {
    // One scan for the first byte of each run (`.`, or the lead byte of
    // `…`), not a substring search of the whole line per run.
    let b = line.as_bytes();
    memchr::memchr2_iter(b'.', 0xE2, b).any(|i| {
        // The bytes after tell most of them (a stop, a quote) from a
        // run's first: `..`, `. .` or the rest of `…` (E2 80 A6).
        let opens_run = if b[i] == b'.' {
            b.get(i + 1) == Some(&b'.') || b.get(i + 1..i + 3) == Some(&b" ."[..])
        } else {
            b.get(i + 1..i + 3) == Some(&[0x80, 0xA6][..])
        };
        if !opens_run {
            return false;
        }
        let rest = &line[i..];
        rest.starts_with("....")
            || rest.starts_with("……")
            || rest.starts_with("…..")
            || rest.starts_with(". . . .")
    })
}

/// Whether `line` is wholly in brackets ([`Noise::Aside`]): the bracket
/// that opens it closes at its end, a stop after it at most (`(Ký, ghi rõ
/// họ tên)`, `(Hoặc …).`), not a list's number (`(2) Tăng cường …`) nor
/// two asides (`(a) … (b)`), and its first word in sentence case.
fn is_aside(line: &str) -> bool {
    let Some(inner) = line.strip_prefix('(') else {
        return false;
    };
    let inner = inner.trim_end_matches(['.', ';', ':']);
    let Some(inner) = inner.strip_suffix(')') else {
        return false;
    };
    // Every bracket inside closes before the end: depth never below zero.
    let mut depth = 0i32;
    for b in inner.bytes() {
        match b {
            b'(' => depth += 1,
            b')' if depth == 0 => return false,
            b')' => depth -= 1,
            _ => {}
        }
    }
    // It opens with a word in sentence case: a line that goes on a
    // sentence cut before it (`(SN 1970, trú tại …).`, `(22 tuổi, …)`)
    // does not.
    let mut first = inner.chars();
    let sentence_case =
        first.next().is_some_and(is_uppercase) && first.next().is_some_and(is_lowercase);
    depth == 0 && inner.contains(' ') && sentence_case
}

/// `[12] Tác giả, Tên sách, NXB, 2015.`: a numbered reference.
fn is_reference_entry(line: &str) -> bool {
    let Some(rest) = line.strip_prefix('[') else {
        return false;
    };
    let Some(close) = rest.find(']') else {
        return false;
    };
    close <= 4
        && rest[..close].bytes().all(|b| b.is_ascii_digit())
        && close > 0
        && line.split_whitespace().count() >= 4
}

/// A line of legal grounds: `Căn cứ …;`, `Theo đề nghị của …,`, `Xét …`.
fn is_ground(line: &str, words: usize) -> bool {
    if words > 90 {
        return false;
    }
    if !opens_with_letter(line, &['c', 't', 'x'])
        || !opens_with_word(line, &["căn", "theo", "xét", "thực"])
    {
        return false;
    }
    let key = canonical(head(line, 40));
    let key = key.trim_start_matches(['-', '+', '•', ' ']);
    let opens = key.starts_with("căn cứ ")
        || key.starts_with("theo đề nghị")
        || key.starts_with("xét đề nghị")
        || key.starts_with("xét tờ trình")
        || key.starts_with("thực hiện ý kiến chỉ đạo");
    // A ground ends as an item of the list of grounds does, or cites a
    // document (`Căn cứ Nghị định số 12/2009/NĐ-CP …`).
    opens && (line.trim_end().ends_with([';', ',', ':']) || cites_document(line))
}

/// The heading of a list of legal grounds: `Căn cứ pháp lý`, `CƠ SỞ
/// PHÁP LÝ`, `I.1. Căn cứ lập đề cương`: a short name, no sentence.
fn is_grounds_heading(line: &str, words: usize) -> bool {
    if words > 10 || !line.chars().any(|c| matches!(c, 'c' | 'C')) {
        return false;
    }
    let t = line.trim_end();
    if t.ends_with(['.', ';', ',']) {
        return false;
    }
    let key = canonical(head(line, LABEL_BYTES));
    // Past a marker of numbers or roman numerals and dots: `I.1.`, `2)`.
    let key = key.trim_start_matches(|c: char| {
        c.is_ascii_digit() || matches!(c, 'i' | 'v' | 'x' | '.' | ')' | ' ' | '-')
    });
    key.starts_with("căn cứ pháp lý")
        || key.starts_with("cơ sở pháp lý")
        || key.starts_with("căn cứ lập")
        || key.starts_with("căn cứ xây dựng")
        || key.starts_with("các căn cứ")
        || key.starts_with("những căn cứ")
}

/// Does the line cite a document by its number (`số 102/2009/NĐ-CP`,
/// `Nghị định 15/2020/NĐ-CP`, `Chỉ thị số 58 CT/TW`)?
fn cites_document(line: &str) -> bool {
    let key = canonical(head(line, 120));
    let key = key.trim_start_matches(['-', '+', '•', ' ']);
    const DOCS: [&str; 10] = [
        "luật",
        "nghị định",
        "nghị quyết",
        "quyết định",
        "thông tư",
        "công văn",
        "chỉ thị",
        "pháp lệnh",
        "hiến pháp",
        "kế hoạch",
    ];
    let words: Vec<&str> = key.split_whitespace().take(7).collect();
    // `102/2009/NĐ-CP`, or a number and its sign apart: `58 CT/TW`.
    let number = |k: usize| {
        let w = words[k];
        w.contains('/')
            && (w.chars().next().is_some_and(|c| c.is_ascii_digit())
                || k > 0 && words[k - 1].bytes().all(|b| b.is_ascii_digit()))
    };
    DOCS.iter().any(|d| key.starts_with(d))
        && (0..words.len()).any(number)
        && line.trim_end().ends_with([';', ',', '.'])
}

/// A row of a table: cells separated by tabs, none a sentence (three cells
/// or more are a row whatever they hold).
fn is_table_row(line: &str) -> bool {
    if !line.contains('\t') {
        return false;
    }
    let cells: Vec<&str> = line
        .split('\t')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    match cells.len() {
        0 | 1 => false,
        2 => cells.iter().all(|c| {
            let w = c.split_whitespace().count();
            w < 8 || !ends_with_stop(c)
        }),
        _ => true,
    }
}

// ------------------------------------------------------------- the cover

/// Words that open an institution's line on a cover (canonical).
const INSTITUTIONS: &[&str] = &[
    "trường",
    "đại học",
    "học viện",
    "viện",
    "bộ ",
    "khoa ",
    "sở ",
    "ubnd",
    "ủy ban",
    "công ty",
    "trung tâm",
    "bộ môn",
    "phòng ",
    "ban ",
    "tổng cục",
    "cục ",
    "tập đoàn",
    "university",
    "faculty",
    "department",
    "school",
];

/// Kinds of work, alone on a cover line (canonical).
const WORKS: &[&str] = &[
    "khóa luận",
    "luận văn",
    "luận án",
    "đồ án",
    "đề cương",
    "báo cáo",
    "tiểu luận",
    "chuyên đề",
    "giáo trình",
    "tài liệu",
    "bài giảng",
    "hướng dẫn sử dụng",
    "đề tài",
    "nghiên cứu khoa học",
    "thesis",
    "report",
];

/// Finds a cover page at the top and its topic; sets the title.
fn cover(
    lines: &[&str],
    counts: &[usize],
    kinds: &mut [Option<BlockKind>],
    named: &[Option<Named>],
    found: &mut Found,
) {
    let n = lines.len().min(COVER_LINES);
    // An official document's letterhead already said what it is.
    if kinds[..n].iter().any(|k| {
        matches!(
            k,
            Some(BlockKind::Title | BlockKind::Noise(Noise::Letterhead))
        )
    }) {
        return field_title(lines, kinds, found);
    }
    // The cover ends at the first front matter or content heading, or at a
    // chapter; running text before it means there is no cover.
    let mut end = None;
    for i in 0..n {
        if named[i].is_some() || matches!(kinds[i], Some(BlockKind::Heading(_))) {
            end = Some(i);
            break;
        }
        if kinds[i].is_none() && counts[i] >= 15 && ends_with_stop(lines[i]) {
            break;
        }
    }
    let Some(end) = end else {
        return field_title(lines, kinds, found);
    };
    if end == 0 {
        return field_title(lines, kinds, found);
    }
    // Labels of a cover: a kind of work or an institution must be there.
    let is_cover = (0..end).any(|i| {
        let key = canonical(head(lines[i], LABEL_BYTES));
        WORKS.iter().any(|w| key.starts_with(w)) || INSTITUTIONS.iter().any(|w| key.starts_with(w))
    });
    if !is_cover {
        return;
    }
    // Runs of topic lines: the longest wins.
    let people = field_people(lines);
    let cover_role = |line: &str, after_institution: bool| match cover_role(line, after_institution)
    {
        CoverRole::Topic if people.contains(&canonical(line)) => CoverRole::Person,
        role => role,
    };
    let mut best: Option<(usize, usize, usize)> = None; // (start, end, words)
    let mut i = 0;
    let mut prev_institution = false;
    while i < end {
        let role = cover_role(lines[i], prev_institution);
        // Only a line that names an institution has a second line.
        prev_institution = role == CoverRole::Institution
            && INSTITUTIONS
                .iter()
                .any(|w| canonical(head(lines[i], LABEL_BYTES)).starts_with(w));
        if role != CoverRole::Topic
            || kinds[i].is_some_and(|k| k != BlockKind::Title && k != BlockKind::Body)
        {
            i += 1;
            continue;
        }
        let start = i;
        let mut words = 0;
        while i < end
            && cover_role(lines[i], false) == CoverRole::Topic
            && kinds[i].is_none_or(|k| k == BlockKind::Title)
            && i - start < 4
        {
            words += counts[i];
            i += 1;
        }
        if words >= 3 && best.is_none_or(|b| words > b.2) {
            best = Some((start, i, words));
        }
    }
    let Some((s, e, _)) = best else {
        return field_title(lines, kinds, found);
    };
    for (k, kind) in kinds.iter_mut().enumerate().take(end) {
        if (s..e).contains(&k) {
            *kind = Some(BlockKind::Title);
            found.title.push(k);
        } else if kind.is_none() || *kind == Some(BlockKind::Title) {
            *kind = Some(BlockKind::Noise(Noise::FrontMatter));
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CoverRole {
    Institution,
    Work,
    Field,
    Person,
    Topic,
}

/// What a line of a cover page is.
fn cover_role(line: &str, after_institution: bool) -> CoverRole {
    let key = canonical(head(line, LABEL_BYTES));
    // Canonical keeps ASCII punctuation where it was.
    let colon = line.contains(':');
    let words = line.split_whitespace().count();
    if INSTITUTIONS.iter().any(|w| key.starts_with(w)) {
        return CoverRole::Institution;
    }
    if WORKS.iter().any(|w| key.starts_with(w)) && words <= 10 && !colon {
        return CoverRole::Work;
    }
    // `THÀNH PHỐ HỒ CHÍ MINH` under `TRƯỜNG ĐẠI HỌC …`: its second line.
    if after_institution && words <= 4 && !line.chars().any(char::is_lowercase) {
        return CoverRole::Institution;
    }
    if colon || line.starts_with('(') || line.chars().any(|c| c.is_ascii_digit()) {
        return CoverRole::Field;
    }
    // An English subtitle: no Vietnamese letter at all.
    if line.is_ascii() && words >= 3 {
        return CoverRole::Field;
    }
    // A person's name: two to five capitalized words.
    if (2..=5).contains(&words)
        && line
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && line.chars().any(char::is_lowercase)
    {
        return CoverRole::Person;
    }
    if words == 0 || ends_like_sentence(line) && !line.ends_with('.') {
        return CoverRole::Field;
    }
    CoverRole::Topic
}

/// The people a cover's fields name (`Sinh viên thực hiện: DƯƠNG THÀNH
/// TÂN`, `Học viên: …`), canonical: the same name alone on the cover, in
/// capitals above the topic, is its author, not a line of its title. A
/// value of two to five words, none with a figure, of any label but the
/// topic's own (`Tên đề tài: …`).
fn field_people(lines: &[&str]) -> Vec<String> {
    lines
        .iter()
        .take(COVER_LINES * 2)
        .filter(|line| line.len() <= 200)
        .filter_map(|line| line.split_once(':'))
        .filter(|(label, _)| {
            let label = canonical(label.trim());
            !label.ends_with("đề tài") && !label.starts_with("tên") && !label.contains("title")
        })
        .map(|(_, value)| value.trim())
        .filter(|value| {
            (2..=5).contains(&value.split_whitespace().count())
                && !value.chars().any(|c| c.is_ascii_digit())
        })
        .map(canonical)
        .collect()
}

/// `Tên đề tài: Xây dựng …` near the top, or in a declaration `… với đề
/// tài “Xây dựng …”`: the field's value is the title.
fn field_title(lines: &[&str], kinds: &mut [Option<BlockKind>], found: &mut Found) {
    if kinds.contains(&Some(BlockKind::Title)) {
        return;
    }
    for (i, line) in lines.iter().enumerate().take(COVER_LINES * 2) {
        // Each label ends with a colon, which its line's start keeps
        // where `canonical` keys it: most lines have none there, and go
        // before their first word is keyed (issue 13).
        if line.len() > 400 || memchr::memchr(b':', head(line, LABEL_BYTES).as_bytes()).is_none() {
            continue;
        }
        if !opens_with_letter(line, &['t', 'đ']) || !opens_with_word(line, &["tên", "đề"]) {
            continue;
        }
        let key = canonical(head(line, LABEL_BYTES));
        for label in ["tên đề tài:", "đề tài:", "tên đề tài :", "đề tài :"] {
            if key.starts_with(label) {
                // Canonical keeps byte lengths of these ASCII-free labels
                // equal: find the colon in the line itself.
                let Some(colon) = line.find(':') else {
                    continue;
                };
                let value = line[colon + 1..].trim_start();
                if value.split_whitespace().count() >= 3 {
                    found.title_field = Some((i, line.len() - value.len()));
                    return;
                }
            }
        }
    }
}

// ------------------------------------------------------------ the outline

/// Sentences with fewer eligible words than this say too little for an
/// outline.
const OUTLINE_MIN_WORDS: usize = 3;

/// The outline of `doc` (the only document of `a` and `scores`): each
/// section's heading with one or two of its own sentences (two when it has
/// four or more), those whose wording the document repeats most and that
/// share the most with the title; reading position does not count.
pub(crate) fn outline(doc: &Document, a: &Analysis, scores: &[Score]) -> Vec<OutlineItem> {
    let sections = doc.sections();
    // The first block of each section's own text, and the first block of
    // the next heading.
    let mut out = Vec::with_capacity(sections.len());
    let mut s_idx = 0;
    for (k, sec) in sections.iter().enumerate() {
        let own_start = sec.block + sec.lines;
        let own_end = sections.get(k + 1).map_or(doc.blocks.len(), |n| n.block);
        while s_idx < doc.sentences.len() && doc.sentences[s_idx].block < own_start {
            s_idx += 1;
        }
        let mut own: Vec<usize> = Vec::new();
        let mut j = s_idx;
        while j < doc.sentences.len() && doc.sentences[j].block < own_end {
            own.push(j);
            j += 1;
        }
        let take = if own.len() >= 4 { 2 } else { 1 };
        let mut cands: Vec<usize> = own
            .iter()
            .copied()
            .filter(|&i| {
                a.sentence_terms[0]
                    .get(i)
                    .is_some_and(|t| t.len() >= OUTLINE_MIN_WORDS)
            })
            .collect();
        let weight = |i: usize| scores[i].content * 0.7 + scores[i].title * 0.3;
        cands.sort_by(|&x, &y| weight(y).total_cmp(&weight(x)).then(x.cmp(&y)));
        cands.truncate(take);
        cands.sort_unstable();
        let summary = cands
            .into_iter()
            .map(|i| {
                let span = doc.sentences[i].span;
                Picked {
                    doc: 0,
                    index: i,
                    span,
                    text: span.of(&doc.text).to_string(),
                    score: weight(i),
                    parts: scores[i],
                }
            })
            .collect();
        out.push(OutlineItem {
            heading: doc.heading_text(sec),
            level: sec.level,
            span: sec.span,
            summary,
        });
    }
    out
}

/// `Microsoft Word - baocao.doc`, `baocao.docx`: a file name for a title.
fn is_generator_title(line: &str) -> bool {
    // A line with a space is one only by its start: its first 128 bytes
    // (32 characters or more, each lower-cased to one or more) hold the
    // longest prefix; a first line is often a whole paragraph, not
    // lower-cased whole for this.
    let spaced = line.contains(' ');
    // Only `M` lower-cases to the `m` those prefixes open with.
    if spaced && !line.starts_with(['m', 'M']) {
        return false;
    }
    let lower = if spaced { head(line, 128) } else { line }.to_lowercase();
    lower.starts_with("microsoft word - ")
        || lower.starts_with("microsoft powerpoint - ")
        || (!spaced
            && [".doc", ".docx", ".pdf", ".tex", ".odt", ".rtf"]
                .iter()
                .any(|e| lower.ends_with(e)))
}

/// `Kính gửi: …`, `gửi: - Các Bộ …`: whom a letter is sent to.
fn is_addressee(line: &str) -> bool {
    if !opens_with_letter(line, &['k', 'g']) {
        return false;
    }
    let key = canonical(head(line, 30));
    (key.starts_with("kính gửi") || key.starts_with("gửi:") || key.starts_with("gửi :"))
        && line.split_whitespace().count() <= 40
}

/// Does `line`, past any list marks, open with one of `letters` (lower
/// case, without marks), in either case? A cheap test before [`canonical`]
/// keys a line's start for the words a rule looks for.
fn opens_with_letter(line: &str, letters: &[char]) -> bool {
    // A line opening with an ASCII character other than the marks opens
    // with that character, its lower case a byte away (issue 13: asked of
    // most lines, by three rules).
    if let Some(&b) = line.as_bytes().first() {
        if b.is_ascii() && !matches!(b, b'-' | b'+' | b' ') {
            return letters.contains(&char::from(b.to_ascii_lowercase()));
        }
    }
    line.trim_start_matches(['-', '+', '•', ' '])
        .chars()
        .next()
        .is_some_and(|c| c.to_lowercase().any(|l| letters.contains(&l)))
}

/// Does `line`, past any list marks, open with a word whose canonical key
/// is one of `words`, and a space? The second, dearer test before a rule
/// keys a line's start whole for phrases that all open so (of the 24,792
/// lines of vietnews DEV, 36% open with `c`, `t` or `x`, 5% with `căn`,
/// `theo`, `xét` or `thực`). A word's key is the start of its line's key:
/// [`canonical`] keeps spaces and keys each syllable alone.
pub(crate) fn opens_with_word(line: &str, words: &[&str]) -> bool {
    let t = line.trim_start_matches(['-', '+', '•', ' ']);
    let Some(end) = t.find(' ') else {
        return false;
    };
    let word = &t[..end];
    // An ASCII word's key is its lower case: compared in place, with no
    // key to make (most lines open with one, `Theo`, `Trong`).
    if word.is_ascii() {
        return words.iter().any(|w| word.eq_ignore_ascii_case(w));
    }
    let mut key = String::with_capacity(16);
    crate::vi::canonical_into(word, &mut key);
    words.contains(&key.as_str())
}

/// The first `n` bytes of `s`, or fewer to end on a char boundary.
fn head(s: &str, n: usize) -> &str {
    let mut n = n.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    &s[..n]
}

/// The last `n` bytes of `s`, or fewer to start on a char boundary.
fn tail_of(s: &str, n: usize) -> &str {
    let mut at = s.len().saturating_sub(n);
    while !s.is_char_boundary(at) {
        at += 1;
    }
    &s[at..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_named_finds_a_name_in_may_be_named() {
        // Every name, in capitals, after marks, numbers and pieces that
        // hide it, with a few more words or a sentence after it.
        let mut lines = Vec::new();
        for (name, _) in NAMED {
            for before in [
                "",
                "- ",
                "(",
                "5. ",
                "IV. ",
                "- 2) ",
                "• • ",
                "Chương 1: ",
                "1.2. ",
            ] {
                for after in [
                    "",
                    ":",
                    ".",
                    " !",
                    "(tiếp)",
                    " CỦA LUẬN VĂN",
                    " . . .",
                    " và các",
                    ", tuy",
                ] {
                    for n in [name.to_string(), name.to_uppercase()] {
                        lines.push(format!("{before}{n}{after}"));
                    }
                }
            }
        }
        let mut taken = 0;
        for line in &lines {
            if named_by_key(line).is_some() {
                taken += 1;
                assert!(may_be_named(line), "{line}");
            }
        }
        assert!(taken > 1000, "{taken}");
        // Lines of running text go before they are keyed whole.
        for line in [
            "Ảnh: Nguyễn Văn A",
            "Theo báo Tiền Phong, ông A cho biết",
            "Thủ tướng nói",
        ] {
            assert!(!may_be_named(line), "{line}");
        }
    }

    #[test]
    fn a_named_parts_label_is_no_word_of_its_first_sentence() {
        fn cut(line: &str) -> &str {
            let span = without_label(line, Span::new(0, line.len()));
            &line[span.start..span.end]
        }
        assert_eq!(
            cut("Tóm tắt: Bài toán sinh phông chữ."),
            "Bài toán sinh phông chữ."
        );
        assert_eq!(
            cut("ABSTRACT:  Font generation is hard."),
            "Font generation is hard."
        );
        assert_eq!(
            cut("Kết luận: Đề tài đạt mục tiêu."),
            "Đề tài đạt mục tiêu."
        );
        // Not a named part, or nothing after it: as it is.
        assert_eq!(
            cut("Ông Nam nói: Tóm lại là xong."),
            "Ông Nam nói: Tóm lại là xong."
        );
        assert_eq!(cut("Thời gian: 8 giờ sáng."), "Thời gian: 8 giờ sáng.");
        assert_eq!(cut("Tóm tắt:"), "Tóm tắt:");
        assert_eq!(cut("Tóm tắt: “"), "Tóm tắt: “");
        // A label's colon counts in the line's first 48 bytes only.
        let dashes = |n| "-".repeat(n) + "Tóm tắt: Bài toán.";
        assert_eq!("-".repeat(37).len() + "Tóm tắt".len(), 47);
        assert_eq!(cut(&dashes(37)), "Bài toán.");
        assert_eq!(cut(&dashes(38)), dashes(38));
    }

    #[test]
    fn a_marked_heading_opens_with_a_marker() {
        for line in [
            "1. Mở đầu",
            "2.3 Phương pháp nghiên cứu",
            "II. Nội dung",
            "II.1. Cơ sở lý luận",
            "A. Phần chung",
        ] {
            let first = line.split_whitespace().next().unwrap();
            assert!(
                heading_style(line, line.split_whitespace().count()).is_some(),
                "{line}"
            );
            assert!(opens_with_marker(first), "{line}");
        }
        for first in ["Theo", "Trong", "Ông", "“Chúng", "AB.", "a."] {
            assert!(!opens_with_marker(first), "{first}");
        }
    }

    #[test]
    fn a_line_whose_key_opens_with_a_phrase_opens_with_its_first_word() {
        let phrases = [
            ("căn cứ ", "Căn cứ Luật Tổ chức Chính phủ;"),
            ("theo đề nghị", "Theo đề nghị của Vụ trưởng,"),
            ("xét đề nghị", "Xét đề nghị của Giám đốc,"),
            ("xét tờ trình", "Xét tờ trình số 12,"),
            (
                "thực hiện ý kiến chỉ đạo",
                "Thực hiện ý kiến chỉ đạo của Thủ tướng,",
            ),
            ("tên đề tài:", "Tên đề tài: Hệ thống tóm tắt"),
            ("đề tài :", "Đề tài : Hệ thống tóm tắt"),
        ];
        let firsts = ["căn", "theo", "xét", "thực", "tên", "đề"];
        for (phrase, line) in phrases {
            for line in [
                line.to_string(),
                line.to_uppercase(),
                format!("- {line}"),
                format!("• {}", line.to_uppercase()),
            ] {
                assert!(canonical(&line)
                    .trim_start_matches(['-', '+', '•', ' '])
                    .starts_with(phrase));
                assert!(opens_with_word(&line, &firsts), "{line}");
            }
        }
        for line in [
            "Căng thẳng kéo dài",
            "Theo",
            "Căn,cứ",
            "Thêo đề nghị",
            "Trong khi đó",
            "- Tại đây",
        ] {
            assert!(!opens_with_word(line, &firsts), "{line}");
        }
    }

    /// The kinds `mark` gives `text`'s lines, one letter each: `h`eading
    /// (with its level), `t`itle, `f`ront matter, `c`ontents, `g`rounds,
    /// `r`eference, `p`icture caption, `b`lank, `w` table row, `.` not
    /// marked.
    fn marks(text: &str) -> String {
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let mut kinds = vec![None; lines.len()];
        let counts: Vec<usize> = lines.iter().map(|l| l.split_whitespace().count()).collect();
        mark(&lines, &counts, true, &mut kinds);
        kinds
            .iter()
            .map(|k| match k {
                Some(BlockKind::Heading(l)) => char::from_digit(*l as u32, 10).unwrap(),
                Some(BlockKind::Title) => 't',
                Some(BlockKind::Noise(Noise::FrontMatter)) => 'f',
                Some(BlockKind::Noise(Noise::Contents)) => 'c',
                Some(BlockKind::Noise(Noise::Preamble)) => 'g',
                Some(BlockKind::Noise(Noise::Reference)) => 'r',
                Some(BlockKind::Noise(Noise::Figure)) => 'p',
                Some(BlockKind::Noise(Noise::Placeholder)) => 'b',
                Some(BlockKind::Noise(Noise::Aside)) => 'a',
                Some(BlockKind::Noise(Noise::TableRow)) => 'w',
                Some(_) => '?',
                None => '.',
            })
            .collect()
    }

    #[test]
    fn a_generators_title_is_told_by_its_start_or_its_file_name() {
        let long = "dài ".repeat(200);
        for (line, want) in [
            ("Microsoft Word - bao cao tong ket.doc", true),
            ("MICROSOFT POWERPOINT - Slide 1", true),
            ("baocao.docx", true),
            ("BaoCao.PDF", true),
            ("bao cao.docx", false),
            ("Hội nghị tổng kết năm 2026", false),
            (&format!("Microsoft Word - {long}"), true),
            (&format!("{long}Microsoft Word - x"), false),
            (&format!("{long}.doc"), false),
        ] {
            assert_eq!(is_generator_title(line), want, "{line}");
            // The same as lower-casing the whole line.
            let lower = line.to_lowercase();
            let whole = lower.starts_with("microsoft word - ")
                || lower.starts_with("microsoft powerpoint - ")
                || [".doc", ".docx", ".pdf", ".tex", ".odt", ".rtf"]
                    .iter()
                    .any(|e| lower.ends_with(e) && !lower.contains(' '));
            assert_eq!(whole, want, "{line}");
        }
    }

    #[test]
    fn a_law_has_chapters_and_articles() {
        let text = "Chương I
            NHỮNG QUY ĐỊNH CHUNG
            Điều 1. Phạm vi điều chỉnh
            Luật này quy định về việc trồng và chăm sóc cây xanh trong đô thị.
            Điều 2. Giải thích từ ngữ
            1. Cây xanh đô thị là cây trồng trên đất công cộng của đô thị.
            2. Cây cổ thụ là cây có tuổi trên một trăm năm.
            Chương II
            TRỒNG CÂY
            Điều 3. Quy hoạch cây xanh
            Ủy ban nhân dân các cấp lập quy hoạch cây xanh trên địa bàn.";
        assert_eq!(marks(text), "112.2..112.");
    }

    #[test]
    fn a_thesis_has_a_cover_front_matter_contents_and_references() {
        let text = "TRƯỜNG ĐẠI HỌC SÔNG HỒNG
            KHOA CÔNG NGHỆ THÔNG TIN
            KHÓA LUẬN TỐT NGHIỆP
            XÂY DỰNG ỨNG DỤNG NHẬN DẠNG
            CHỮ VIẾT TAY TIẾNG VIỆT
            Giảng viên hướng dẫn: TS. Lê Minh Hà
            Sinh viên thực hiện: Phạm Quốc Bảo
            Hà Nội, năm 2026
            LỜI CAM ĐOAN
            Tôi xin cam đoan đây là công trình nghiên cứu của riêng tôi dưới sự hướng dẫn của TS. Lê Minh Hà.
            LỜI CẢM ƠN
            Em xin chân thành cảm ơn thầy cô trong khoa đã tận tình giúp đỡ em trong suốt quá trình học tập.
            MỤC LỤC
            CHƯƠNG 1. TỔNG QUAN ........ 1
            1.1 Bài toán nhận dạng chữ viết tay ........ 2
            CHƯƠNG 2. PHƯƠNG PHÁP ........ 5
            CHƯƠNG 1. TỔNG QUAN
            Nhận dạng chữ viết tay là bài toán khó vì mỗi người viết một kiểu khác nhau.
            1.1 Bài toán nhận dạng chữ viết tay
            Ảnh đầu vào là một dòng chữ viết tay được quét từ giấy.
            Hình 1.1: Một dòng chữ viết tay
            CHƯƠNG 2. PHƯƠNG PHÁP
            Mô hình dùng mạng tích chập kết hợp với mạng hồi quy hai chiều.
            KẾT LUẬN
            Mô hình đạt độ chính xác chín mươi phần trăm trên tập kiểm thử.
            TÀI LIỆU THAM KHẢO
            1. Nguyễn Văn A, Nhận dạng chữ viết, NXB Giáo dục, 2020.
            [2] Graves A., Offline handwriting recognition, NIPS, 2009.";
        assert_eq!(marks(text), "fffttfffffffcccc1.2.p1.1.1rr");
        // The author's name in capitals above the topic, named again in a
        // field of the inner cover, is no line of the title.
        let text = "TRƯỜNG ĐẠI HỌC SÔNG HỒNG
            KHOA CÔNG NGHỆ THÔNG TIN
            KHÓA LUẬN TỐT NGHIỆP
            PHẠM QUỐC BẢO
            XÂY DỰNG ỨNG DỤNG NHẬN DẠNG
            CHỮ VIẾT TAY TIẾNG VIỆT
            HÀ NỘI, NĂM 2026
            XÂY DỰNG ỨNG DỤNG NHẬN DẠNG
            CHỮ VIẾT TAY TIẾNG VIỆT
            Sinh viên thực hiện: PHẠM QUỐC BẢO
            Tên đề tài: XÂY DỰNG ỨNG DỤNG
            LỜI CAM ĐOAN
            Tôi xin cam đoan đây là công trình nghiên cứu của riêng tôi.";
        assert_eq!(marks(text), "ffffttfffffff");
    }

    #[test]
    fn legal_grounds_and_the_documents_they_list() {
        let text = "Căn cứ các văn bản sau:
            - Nghị định số 73/2019/NĐ-CP ngày 5/9/2019 của Chính phủ;
            - Thông tư số 04/2020/TT-BTTTT ngày 24/02/2020;
            Đơn vị tư vấn lập nhiệm vụ khảo sát như sau.";
        assert_eq!(marks(text), "ggg.");
        // Under a heading that names them, without a `Căn cứ …` line, and
        // a number apart from its sign (`số 58 CT/TW`).
        let text = "Thông tin chung
            Căn cứ pháp lý
            - Nghị định số 73/2019/NĐ-CP ngày 5/9/2019 của Chính phủ về đầu tư công nghệ thông tin.
            Chỉ thị số 58 CT/TW ngày 17/10/2000 của Bộ Chính trị về ứng dụng công nghệ thông tin.
            Thông tư số 04/2020/TT-BTTTT ngày 24/02/2020 của Bộ Thông tin và Truyền thông;
            Thông tin dự án
            Dự án xây dựng phần mềm quản lý văn bản cho hai sở trong năm nay.";
        assert_eq!(marks(text), ".gggg..");
        // A sentence that opens with `Căn cứ` in a news story stays text.
        let text = "Căn cứ kết quả điều tra, công an đã khởi tố ba bị can về tội trộm cắp tài sản.";
        assert_eq!(marks(text), ".");
    }

    #[test]
    fn captions_blanks_and_table_rows() {
        let text = "Bảng 4.8 Phân tích ảnh hưởng của dữ liệu
            Một chiếc xe tăng vượt sông trong buổi tập (Ảnh: Sputnik).
            Họ và tên: ....................
            STT\tHọ tên\tĐơn vị
            Bảng 2 cho thấy doanh thu của công ty đã tăng đều qua các năm gần đây nhờ thị trường mới mở rộng.";
        assert_eq!(marks(text), "ppbw.");
    }

    #[test]
    fn a_roman_number_and_numbers_mark_a_heading_and_grounds_follow_theirs() {
        let text = "I. Thông tin chung
            I.1. Căn cứ pháp lý
            - Nghị định số 73/2019/NĐ-CP ngày 5/9/2019 của Chính phủ về đầu tư công nghệ thông tin.
            I.2. Thông tin dự án
            Dự án xây dựng phần mềm quản lý văn bản cho hai sở trong năm nay.
            IV.3.1.6 Quy trình lập lịch công tác
            Cán bộ văn phòng lập lịch công tác chung của đơn vị trên phần mềm.";
        assert_eq!(marks(text), "12g2.3.");
    }

    #[test]
    fn a_table_column_of_codes_is_no_heading() {
        // Cells read one per line: a code in capitals is no heading, nor
        // is the line under a heading without a marker.
        let text = "Phần mềm dùng các mã lĩnh vực sau đây cho mọi văn bản đến.
            Mã\tMô tả
            CBCC
            Diễn giải
            Cán bộ văn phòng tạo lập lịch chung của đơn vị trên phần mềm và trình lãnh đạo duyệt
            AN NINH
            Quốc phòng
            Giao thông vận tải";
        assert_eq!(marks(text), ".w...1..");
        // The name under a bare marker is still its heading's name.
        let text = "Chương 1.
            QUY ĐỊNH CHUNG
            Luật này quy định về việc trồng và chăm sóc cây xanh trong đô thị.";
        assert_eq!(marks(text), "11.");
    }

    #[test]
    fn a_reviewers_form_before_the_contents_is_front_matter() {
        let text = "LỜI CẢM ƠN
            Em xin chân thành cảm ơn thầy cô trong khoa đã tận tình giúp đỡ em.
            BẢN NHẬN XÉT
            I. Ý KIẾN NHẬN XÉT
            1. Nội dung:
            II. CÁC VẤN ĐỀ CẦN LÀM RÕ
            III. KẾT LUẬN
            MỤC LỤC
            CHƯƠNG 1. TỔNG QUAN\t1
            1.1. Bài toán nhận dạng\t2
            1.2. Tổng quan về OCR\t3
            KẾT LUẬN\t9
            CHƯƠNG 1. TỔNG QUAN
            Nhận dạng chữ viết tay là bài toán khó vì mỗi người viết một kiểu khác nhau.
            1.1. Bài toán nhận dạng
            Ảnh đầu vào là một dòng chữ viết tay được quét từ giấy.
            1.2. Tổng quan về OCR
            Nhận dạng ký tự quang học đọc chữ in trên ảnh quét thành văn bản.
            KẾT LUẬN
            Mô hình nhận dạng đúng chín mươi phần trăm ký tự trên tập kiểm thử.";
        assert_eq!(marks(text), "fffffffccccc1.2.2.1.");
        // Without a table of contents, a marked heading ends the front
        // matter.
        let text = "LỜI CẢM ƠN
            Em xin chân thành cảm ơn thầy cô trong khoa đã tận tình giúp đỡ em.
            CHƯƠNG 1. TỔNG QUAN
            Nhận dạng chữ viết tay là bài toán khó vì mỗi người viết một kiểu khác nhau.";
        assert_eq!(marks(text), "ff1.");
    }

    #[test]
    fn news_is_left_alone() {
        let text = "Hà Nội mở thêm ba tuyến xe buýt điện
            Sáng nay, Sở Giao thông vận tải Hà Nội đưa vào khai thác ba tuyến xe buýt điện mới.
            Các tuyến nối trung tâm với các khu đô thị phía tây.
            Giá vé không đổi so với xe buýt thường.";
        assert_eq!(marks(text), "....");
    }

    /// What `prose` claims of `line`: the rules it lets the line skip
    /// would all have passed it by, and it ends with a stop.
    fn prose_claim_holds(line: &str) -> bool {
        let words = line.split_whitespace().count();
        !prose(line, words)
            || (!is_toc_entry(line)
                && !is_grounds_heading(line, words)
                && heading_style(line, words).is_none()
                && !is_name(line, words, 30)
                && !is_caps_heading(line, words)
                && ends_with_stop(line))
    }

    #[test]
    fn prose_lines_skip_only_rules_that_would_not_take_them() {
        // Every line of DEV articles (and of the same lines opened with a
        // heading's marker) that `prose` passes is passed by each rule it
        // skips; most lines of news are prose.
        let path = format!(
            "{}/../shared/data/vietnews/dev.jsonl",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let (mut lines, mut fast) = (0, 0);
        for record in text.lines() {
            let v: serde_json::Value = serde_json::from_str(record).unwrap();
            for doc in v["docs"].as_array().unwrap() {
                for line in doc.as_str().unwrap().lines() {
                    let line = line.trim();
                    if line.is_empty() {
                        continue;
                    }
                    lines += 1;
                    fast += usize::from(prose(line, line.split_whitespace().count()));
                    assert!(prose_claim_holds(line), "{line}");
                    for marker in [
                        "Điều 5.",
                        "ĐIỀU 12:",
                        "Chương 2",
                        "Phần thứ",
                        "Mục 3",
                        "II.",
                        "B.",
                        "1.2",
                        "3.",
                    ] {
                        let marked = format!("{marker} {line}");
                        assert!(prose_claim_holds(&marked), "{marked}");
                    }
                }
            }
        }
        assert!(lines > 20_000 && 2 * fast > lines, "{fast} of {lines}");
    }

    proptest::proptest! {
        #[test]
        fn prose_holds_on_generated_lines(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Điều", "điều", "ĐIỀU", "Chương", "CHƯƠNG", "Phần", "thứ", "Mục", "mục",
                    "1.", "2.3", "5:", "II.", "IV", "A.", "B)", "-", "–", "Căn", "cứ",
                    "pháp", "lý", "KẾT", "LUẬN", "nhà", "Hà", "Nội", "và", "(Ảnh:", "X)",
                    "....", "……", "12", "iv", "xe", "buýt", "\t", ".", ";", ":", ",",
                    "!", "?", "…", "“Nói”", "Tỉnh.", "a",
                ]),
                1..50,
            ),
        ) {
            let line = pieces.join(" ");
            let line = line.trim();
            proptest::prop_assert!(prose_claim_holds(line), "{}", line);
        }
    }
}
