//! Response types shaped for the UI. Offsets are UTF-16 code units, the way
//! JavaScript indexes strings; byte offsets never leave Rust.

use std::path::Path;

use serde::Serialize;
use tomtat::read::Ocr;
use tomtat::summarize::Score;
use tomtat::{BlockKind, Document, OutlineItem, Span, Summary};

/// The UI's handle on a document: a number the UI chose.
pub type DocId = u64;

/// One document as the UI shows it.
#[derive(Debug, Serialize)]
pub struct DocView {
    pub id: DocId,
    /// File name, or the title (or first words) of pasted text.
    pub name: String,
    pub title: Option<String>,
    /// The display text; every offset sent with it points into it.
    pub text: String,
    /// How many body sentences the document has.
    pub sentences: usize,
    /// The lines that are not part of the article (captions, links, bylines,
    /// comments…) as UTF-16 ranges, in order: shown dimmed.
    pub noise: Vec<(usize, usize)>,
    /// The outline (Dàn ý): the headings, in reading order; empty when the
    /// document has none.
    pub outline: Vec<OutlineView>,
    /// How the text was read by OCR (a scan, a photo): the confidence of
    /// the whole and of each page, the low pages flagged; `None` for a
    /// text layer.
    pub ocr: Option<Ocr>,
}

/// One heading of the outline, located in the text in UTF-16 units.
#[derive(Debug, Serialize)]
pub struct OutlineView {
    pub heading: String,
    /// 1 the highest.
    pub level: u8,
    /// The section: its heading's first unit to the next heading of the
    /// same or a higher level.
    pub start: usize,
    pub end: usize,
    /// One or two of the section's own sentences.
    pub summary: Vec<String>,
}

impl DocView {
    /// The view of `doc` with its outline.
    pub fn with_outline(id: DocId, doc: &Document, outline: Vec<OutlineItem>) -> DocView {
        let mut view = DocView::new(id, doc);
        let spans: Vec<Span> = outline.iter().map(|o| o.span).collect();
        view.outline = outline
            .into_iter()
            .zip(spans.iter().map(|&span| utf16_range(&doc.text, span)))
            .map(|(o, (start, end))| OutlineView {
                heading: o.heading,
                level: o.level,
                start,
                end,
                summary: o.summary.into_iter().map(|p| p.text).collect(),
            })
            .collect();
        view
    }

    pub fn new(id: DocId, doc: &Document) -> DocView {
        let title = doc.title().map(str::to_owned);
        let name = match (&doc.source, &title) {
            (Some(path), _) => file_name(path),
            (None, Some(title)) => title.clone(),
            (None, None) => first_words(&doc.text),
        };
        let noise: Vec<Span> = doc
            .blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Noise(_)))
            .map(|b| b.span)
            .collect();
        DocView {
            id,
            name,
            title,
            text: doc.text.clone(),
            sentences: doc.sentences.len(),
            noise: utf16_ranges(&doc.text, &noise),
            outline: Vec::new(),
            ocr: doc.ocr.clone(),
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .unwrap_or(path.as_os_str())
        .to_string_lossy()
        .into_owned()
}

fn first_words(text: &str) -> String {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut out: String = line.trim().chars().take(60).collect();
    if line.trim().chars().count() > 60 {
        out.push('…');
    }
    out
}

/// A summary of one document or of several together.
#[derive(Debug, Serialize)]
pub struct SummaryView {
    pub sentences: Vec<PickedView>,
    pub keywords: Vec<KeywordView>,
    /// People, organizations and places named ("Tên riêng"), most
    /// frequent first: `{ text, kind, count }`, `kind` one of `person`,
    /// `organization`, `place`.
    pub names: Vec<tomtat::Name>,
}

/// One chosen sentence, located in its document's text in UTF-16 units.
#[derive(Debug, Serialize)]
pub struct PickedView {
    /// The document it comes from.
    pub doc: DocId,
    /// Its index among that document's sentences.
    pub index: usize,
    /// First UTF-16 unit in the document's `text`.
    pub start: usize,
    /// One past the last UTF-16 unit.
    pub end: usize,
    pub text: String,
    pub score: f64,
    /// Why it was chosen: the parts of its score.
    pub parts: Score,
}

#[derive(Debug, Serialize)]
pub struct KeywordView {
    pub text: String,
    pub score: f64,
    pub count: usize,
}

impl SummaryView {
    /// `ids[i]` is the id of `docs[i]`, the documents `summary` was made of.
    pub fn new(summary: Summary, docs: &[&Document], ids: &[DocId]) -> SummaryView {
        let sentences = summary
            .sentences
            .into_iter()
            .map(|p| {
                let (start, end) = utf16_range(&docs[p.doc].text, p.span);
                PickedView {
                    doc: ids[p.doc],
                    index: p.index,
                    start,
                    end,
                    text: p.text,
                    score: p.score,
                    parts: p.parts,
                }
            })
            .collect();
        let keywords = summary
            .keywords
            .into_iter()
            .map(|k| KeywordView {
                text: k.text,
                score: k.score,
                count: k.count,
            })
            .collect();
        SummaryView {
            sentences,
            keywords,
            names: summary.names,
        }
    }
}

/// A byte span of `text` as a UTF-16 range.
pub fn utf16_range(text: &str, span: Span) -> (usize, usize) {
    let start = text[..span.start].encode_utf16().count();
    let end = start + span.of(text).encode_utf16().count();
    (start, end)
}

/// Spans of `text`, in order and not overlapping, as UTF-16 ranges: one
/// pass over the text, however many spans.
pub fn utf16_ranges(text: &str, spans: &[Span]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(spans.len());
    let (mut byte, mut unit) = (0, 0);
    for span in spans {
        unit += text[byte..span.start].encode_utf16().count();
        let start = unit;
        unit += span.of(text).encode_utf16().count();
        byte = span.end;
        out.push((start, unit));
    }
    out
}

/// One document with its summary, as a finished file or pasted text returns it.
#[derive(Debug, Serialize)]
pub struct DocResult {
    pub doc: DocView,
    pub summary: SummaryView,
}

/// What happens to one file of a batch, sent through a `Channel` as it happens.
#[derive(Debug, Serialize)]
#[serde(tag = "event", rename_all = "camelCase")]
pub enum FileEvent {
    Started {
        id: DocId,
    },
    /// OCR of a scan: `done` of `pages` pages read (first sent with `done`
    /// 0 once the page count is known).
    Progress {
        id: DocId,
        done: usize,
        pages: usize,
    },
    Done {
        id: DocId,
        result: DocResult,
    },
    Failed {
        id: DocId,
        error: crate::error::CommandError,
    },
    /// Stopped by Cancel while it was being read (a long OCR).
    Cancelled {
        id: DocId,
    },
}

/// How a batch ended.
#[derive(Debug, Default, Serialize)]
pub struct BatchView {
    pub done: usize,
    pub failed: usize,
    pub cancelled: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_ranges_count_units_not_bytes() {
        // "Hà Nội " is 7 units and 10 bytes; "𝄞" is 4 bytes and 2 UTF-16 units.
        let text = "Hà Nội 𝄞 đẹp.";
        let start = text.find("đẹp").unwrap();
        let span = Span::new(start, start + "đẹp".len());
        assert_eq!(utf16_range(text, span), (10, 13));
        let units: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(String::from_utf16(&units[10..13]).unwrap(), "đẹp");
    }

    #[test]
    fn many_ranges_in_one_pass_match_one_at_a_time() {
        let text = "Ảnh: Hà Nội 𝄞\nThân bài đẹp.\nNguồn: báo 𝄞 số 3\n";
        let spans: Vec<Span> = text
            .split_inclusive('\n')
            .scan(0, |at, line| {
                let span = Span::new(*at, *at + line.trim_end().len());
                *at += line.len();
                Some(span)
            })
            .collect();
        let one_pass = utf16_ranges(text, &spans);
        let each: Vec<_> = spans.iter().map(|&s| utf16_range(text, s)).collect();
        assert_eq!(one_pass, each);
        assert_eq!(one_pass.len(), 3);
        let units: Vec<u16> = text.encode_utf16().collect();
        let (a, b) = one_pass[2];
        assert_eq!(
            String::from_utf16(&units[a..b]).unwrap(),
            "Nguồn: báo 𝄞 số 3"
        );
    }

    #[test]
    fn the_outline_points_at_its_headings_in_utf16() {
        let engine = tomtat::Engine::new();
        let doc = engine.document(
            "Báo cáo tổng kết năm 𝄞\n\nI. TÌNH HÌNH CHUNG\n\nNăm nay đơn vị hoàn thành tốt các nhiệm vụ được giao. Doanh thu tăng mười phần trăm so với năm trước.\n\nII. PHƯƠNG HƯỚNG NĂM TỚI\n\nĐơn vị tiếp tục mở rộng thị trường ở các tỉnh phía Nam. Đơn vị tuyển thêm hai mươi nhân viên mới.\n",
            None,
        );
        let outline = engine.outline(&doc);
        let view = DocView::with_outline(1, &doc, outline.clone());
        assert_eq!(view.outline.len(), outline.len());
        let units: Vec<u16> = view.text.encode_utf16().collect();
        for o in &view.outline {
            let at = String::from_utf16(&units[o.start..o.end]).unwrap();
            assert!(at.starts_with(&o.heading), "{at:?} / {:?}", o.heading);
        }
    }

    #[test]
    fn a_document_sends_its_noise_lines() {
        let engine = tomtat::Engine::new();
        let doc = engine.document(
            "Tiêu đề bài viết về giao thông\n\nHà Nội mở thêm ba tuyến xe buýt mới trong tháng này. Người dân hoan nghênh việc này.\n\nẢnh: Nguyễn Văn A\n\nNguồn: https://example.vn/bai-viet\n",
            None,
        );
        let view = DocView::new(1, &doc);
        let units: Vec<u16> = view.text.encode_utf16().collect();
        let shown: Vec<String> = view
            .noise
            .iter()
            .map(|&(a, b)| String::from_utf16(&units[a..b]).unwrap())
            .collect();
        assert!(shown.iter().any(|l| l.starts_with("Ảnh:")), "{shown:?}");
        assert!(shown.iter().any(|l| l.contains("example.vn")), "{shown:?}");
        assert!(!shown.iter().any(|l| l.contains("xe buýt")), "{shown:?}");
    }
}
