//! The data that flows through the pipeline: a [`Document`] with its
//! display text, and the spans each stage adds to it.

use std::path::PathBuf;

/// A half-open range of byte offsets into a [`Document::text`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Its length in bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when it covers no byte.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The text it covers.
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// Why a block of text is left out of summaries and keywords.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Noise {
    /// A photo caption (`Chú thích ảnh…`, `Ảnh: …`, a line that repeats).
    Caption,
    /// A web address or a `Nguồn:` line.
    Link,
    /// A date, a time, a phone number, a view counter: a line of figures.
    Figures,
    /// Site names, menus, breadcrumbs, share and print buttons.
    Navigation,
    /// A comment box and everything after it.
    Comments,
    /// A byline or an author's signature.
    Byline,
    /// A token soup that is no language (`cctvnnnbnnvakknfjcn11`).
    Junk,
    /// A line that repeats an earlier one.
    Repeat,
    /// A short line with no sentence shape (a heading-less label).
    Fragment,
    /// The letterhead or signature of an official document: issuing body,
    /// state name and motto, number, date, addressees, distribution list.
    Letterhead,
    /// The legal grounds of a legal text or decision (`Căn cứ …;`, `Theo đề
    /// nghị của …,`, `Xét đề nghị …`) and the list of documents they cite.
    Preamble,
    /// A cover page (university, faculty, kind of work, student and
    /// supervisor, place and date) and the front matter of a thesis or
    /// report: declaration (`LỜI CAM ĐOAN`), thanks (`LỜI CẢM ƠN`), lists of
    /// abbreviations.
    FrontMatter,
    /// A table of contents or a list of figures or tables: `1.1 Mục tiêu
    /// ....... 5`.
    Contents,
    /// A figure or table caption (`Hình 3.2: …`, `Bảng 4.1 …`).
    Figure,
    /// A row of a table whose cells are no sentences.
    TableRow,
    /// An entry of a list of references (`TÀI LIỆU THAM KHẢO`).
    Reference,
    /// A form's blank to fill (`Họ và tên: ……….`).
    Placeholder,
    /// A line wholly in brackets: a note under a title (`(Dùng cho học
    /// viên …)`), a form's instruction (`(Ký, ghi rõ họ tên)`), an aside
    /// (`(Hoặc bạn có thể …).`). Shown, never summarized.
    Aside,
}

/// What a block (one line of the display text) is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum BlockKind {
    /// The document's title: used for scoring and display, never summarized.
    Title,
    /// Running text: its sentences may be summarized.
    Body,
    /// A heading, of level 1 (a part or chapter) to 6: shown in the outline,
    /// never summarized. The levels of a document are numbered in the order
    /// its kinds of heading first appear (`Chương` 1, `Điều` 2).
    Heading(u8),
    /// Not part of the article.
    Noise(Noise),
}

/// One non-empty line of the display text, and what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    /// The line, without its line break and surrounding spaces.
    pub span: Span,
    /// What it is.
    pub kind: BlockKind,
}

/// A heading and the text under it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Section {
    /// The index of its heading's first line in [`Document::blocks`].
    pub block: usize,
    /// The heading's lines (blocks), one or two.
    pub lines: usize,
    /// The heading's level, 1 the highest.
    pub level: u8,
    /// From its heading's first byte to the next heading of the same or a
    /// higher level (or the end of the text).
    pub span: Span,
}

/// One sentence of the body, with its words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence in the display text.
    pub span: Span,
    /// Index of the [`Block`] it belongs to.
    pub block: usize,
    /// Word spans, in order, covering the sentence's non-space text without
    /// overlap; punctuation marks are words of their own.
    pub words: Vec<Span>,
}

impl Sentence {
    /// A sentence of block `block`, its words not found yet.
    pub fn new(span: Span, block: usize) -> Sentence {
        Sentence {
            span,
            block,
            words: Vec::new(),
        }
    }
}

/// One document and what each stage learned about it.
///
/// `text` is written once, by the normalize stage; later stages only add
/// spans, so every span stays valid for highlighting.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    /// Where it was read from, if from a file.
    pub source: Option<PathBuf>,
    /// Display text: NFC, spaces cleaned, otherwise as the author wrote it.
    pub text: String,
    /// The lines of `text`, classified.
    pub blocks: Vec<Block>,
    /// The body's sentences, in reading order.
    pub sentences: Vec<Sentence>,
    /// Words of the title, for scoring.
    pub title_words: Vec<Span>,
    /// How the text was read by OCR (a scan, a photo): the mean confidence
    /// and each page's, low ones flagged; `None` for a text layer.
    pub ocr: Option<crate::read::Ocr>,
}

impl Document {
    /// The first line of the title, when one was recognized (see
    /// [`Document::full_title`] for a title set on several lines).
    pub fn title(&self) -> Option<&str> {
        self.blocks
            .iter()
            .find(|b| b.kind == BlockKind::Title)
            .map(|b| without_stamp(b.span.of(&self.text)))
    }

    /// The whole title, its lines joined by a space (`LUẬT` / `THANH TRA`:
    /// `LUẬT THANH TRA`), when one was recognized.
    pub fn full_title(&self) -> Option<String> {
        let mut lines = self
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Title)
            .map(|b| without_stamp(b.span.of(&self.text).trim_matches(['\t', ' '])));
        let mut title = lines.next()?.to_string();
        for l in lines {
            title.push(' ');
            title.push_str(l);
        }
        Some(title)
    }

    /// The sections of the document: one per heading, in reading order, each
    /// up to the next heading of the same or a higher level.
    pub fn sections(&self) -> Vec<Section> {
        let mut heads: Vec<Section> = Vec::new();
        for (i, b) in self.blocks.iter().enumerate() {
            let BlockKind::Heading(level) = b.kind else {
                continue;
            };
            // `Chương 1.` / `NHỮNG QUY ĐỊNH CHUNG`: a bare number and the
            // name on the next line are one heading.
            if let Some(last) = heads.last_mut() {
                let prev = &self.blocks[i - 1];
                if last.level == level
                    && last.block + last.lines == i
                    && last.lines == 1
                    && prev.span.of(&self.text).split_whitespace().count() <= 3
                {
                    last.lines += 1;
                    continue;
                }
            }
            heads.push(Section {
                block: i,
                lines: 1,
                level,
                span: Span::new(b.span.start, self.text.len()),
            });
        }
        for k in 0..heads.len() {
            let level = heads[k].level;
            if let Some(next) = heads[k + 1..].iter().find(|h| h.level <= level) {
                heads[k].span.end = next.span.start;
            }
        }
        heads
    }

    /// The text of section `s`'s heading, its lines joined by a space.
    pub fn heading_text(&self, s: &Section) -> String {
        let mut out = String::new();
        for b in &self.blocks[s.block..s.block + s.lines] {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(b.span.of(&self.text).trim_matches(['\t', ' ']));
        }
        out
    }

    /// The index in [`Document::sections`] of the innermost section that
    /// holds block `block`, if any.
    pub fn section_of(&self, sections: &[Section], block: usize) -> Option<usize> {
        let at = self.blocks[block].span.start;
        sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.span.start <= at && at < s.span.end.max(s.span.start + 1))
            .max_by_key(|(_, s)| (s.level, s.span.start))
            .map(|(i, _)| i)
    }

    /// The text of sentence `i`.
    pub fn sentence_text(&self, i: usize) -> &str {
        self.sentences[i].span.of(&self.text)
    }
}

/// One chosen sentence of a summary.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Picked {
    /// Which document of the input it comes from (0 for a single document).
    pub doc: usize,
    /// Index of the sentence in that document's `sentences`.
    pub index: usize,
    /// Its span in that document's display text (bytes).
    pub span: Span,
    /// Its text.
    pub text: String,
    /// Its score, higher is better.
    pub score: f64,
    /// The parts of its score: why it was chosen.
    pub parts: Score,
}

/// The parts of one sentence's score: why it was chosen.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Score {
    /// Position prior, in (0, 1].
    pub position: f64,
    /// Its syllable pairs that other sentences repeat, per length, against
    /// the strongest sentence of its document, in [0, 1].
    pub content: f64,
    /// Share of the title's words it contains, in [0, 1].
    pub title: f64,
    /// What a summary gains by it: its syllable pairs, each counted by how
    /// likely a reader's summary is to keep it (how many sentences repeat
    /// it, how early it first comes), per syllable of its length plus the
    /// summary's budget. The summary is chosen by this; 0 in the outline.
    pub salience: f64,
    /// The largest share of its words that an already chosen sentence
    /// holds, in [0, 1]; above the summary's limit it would not
    /// have been chosen.
    pub redundancy: f64,
}

/// One keyword with its score.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Keyword {
    /// The keyword as it is most often written in the text (`Quân khu`).
    pub text: String,
    /// Its TF-IDF score, higher is better.
    pub score: f64,
    /// How many times it occurs, all spellings together.
    pub count: usize,
}

/// The result of summarizing one document or several together.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Summary {
    /// The chosen sentences, in reading order (by document, then position).
    pub sentences: Vec<Picked>,
    /// The keywords, best first.
    pub keywords: Vec<Keyword>,
    /// People, organizations and places named, most frequent first.
    pub names: Vec<crate::names::Name>,
}

/// One entry of a document's outline (Dàn ý): a heading and the sentences
/// that best say what its section holds.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct OutlineItem {
    /// The heading, its lines joined by a space.
    pub heading: String,
    /// Its level, 1 the highest.
    pub level: u8,
    /// The section's span in the display text (bytes): its heading's first
    /// byte to the next heading of the same or a higher level.
    pub span: Span,
    /// One or two of the section's own sentences (before any subheading),
    /// in reading order; none when it has no running text of its own.
    pub summary: Vec<Picked>,
}

/// A title line without the time and date a saved web page stamps after it
/// (`… giải bài toán nhân sự7:35 15/11/2011`, `… Phần 1 - 19/7/2005 17h:11`):
/// a clock time and a full date side by side at the end of the line, in
/// either order, even glued to the last word, with the dash or bar before
/// them. A date alone stays (`Lịch công tác từ 12/10/2020`): it may be what
/// the title is about, while a clock time beside it dates the page.
fn without_stamp(line: &str) -> &str {
    let mut rest = line.trim_end();
    let (mut time, mut date) = (false, false);
    for _ in 0..2 {
        let start = rest.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let raw = &rest[start..];
        let lead = raw.len() - raw.trim_start_matches(['(', '[']).len();
        let word = raw.trim_matches(['(', ')', '[', ']', ',']);
        if !date && is_full_date(word) {
            date = true;
            rest = rest[..start].trim_end();
        } else if !time {
            // The time may be glued to the lower-case word before it: `sự7:35`.
            let digits = word
                .find(|c: char| c.is_ascii_digit())
                .unwrap_or(word.len());
            let before = &word[..digits];
            if !is_clock_time(&word[digits..]) || !before.chars().all(crate::vi::is_lowercase) {
                return line;
            }
            time = true;
            rest = rest[..start + lead + digits].trim_end();
        } else {
            return line;
        }
    }
    if !(time && date) {
        return line;
    }
    let head = rest.trim_end_matches(['-', '–', '—', '|', ' ', '\t', ',', '(']);
    if head.split_whitespace().count() < 3 {
        return line;
    }
    head
}

/// `15/11/2011`, `15-11-2011`, `15.11.2011`: day, month and a four-figure year.
fn is_full_date(w: &str) -> bool {
    let parts: Vec<&str> = w.split(['/', '-', '.']).collect();
    let number = |p: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    parts.len() == 3
        && number(parts[0], 1..=2)
        && number(parts[1], 1..=2)
        && number(parts[2], 4..=4)
        && (1..=31).contains(&parts[0].parse::<u32>().unwrap_or(0))
        && (1..=12).contains(&parts[1].parse::<u32>().unwrap_or(0))
}

/// `7:35`, `17:11:02`, `17h11`, `17h:11`, `17g30`: a clock time.
fn is_clock_time(w: &str) -> bool {
    let Some(cut) = w.find([':', 'h', 'H', 'g']) else {
        return false;
    };
    let (hours, minutes) = (&w[..cut], w[cut + 1..].trim_start_matches(':'));
    let minutes = minutes.split(':').next().unwrap_or("");
    let figures = |p: &str| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    figures(hours)
        && minutes.len() == 2
        && figures(minutes)
        && hours.parse::<u32>().is_ok_and(|h| h < 24)
        && minutes.parse::<u32>().is_ok_and(|m| m < 60)
        && w[cut + 1..].split(':').nth(2).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pages_time_stamp_is_no_part_of_its_title() {
        for (line, title) in [
            (
                "U23 Việt Nam: Nhất bảng & giải bài toán nhân sự7:35 15/11/2011",
                "U23 Việt Nam: Nhất bảng & giải bài toán nhân sự",
            ),
            (
                "106 thủ thuật với Microsoft Office - Phần 1 - 19/7/2005 17h:11",
                "106 thủ thuật với Microsoft Office - Phần 1",
            ),
            (
                "Giá vàng hôm nay tăng mạnh | 08:15 02-03-2024",
                "Giá vàng hôm nay tăng mạnh",
            ),
            (
                "Giá vàng hôm nay tăng mạnh (02.03.2024 08:15)",
                "Giá vàng hôm nay tăng mạnh",
            ),
            // A date alone is what the title is about.
            (
                "Lịch công tác tuần từ 12/10/2020",
                "Lịch công tác tuần từ 12/10/2020",
            ),
            // Not a clock time, not a date.
            (
                "Nghị định số 15/2020 sửa đổi 7:35",
                "Nghị định số 15/2020 sửa đổi 7:35",
            ),
            (
                "Quyết định 12/11/2019 về 25:70",
                "Quyết định 12/11/2019 về 25:70",
            ),
            // Too little left to be a title.
            ("Tin 7:35 15/11/2011", "Tin 7:35 15/11/2011"),
            // A figure glued to a word is no clock time.
            (
                "Bảng giá mới nhất ABC1:30 15/11/2011",
                "Bảng giá mới nhất ABC1:30 15/11/2011",
            ),
        ] {
            assert_eq!(without_stamp(line), title, "{line}");
        }
    }
}
