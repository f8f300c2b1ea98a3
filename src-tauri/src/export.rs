//! Writing results to a file: Word (.docx), Markdown, JSON and CSV, each
//! with the summaries and the keywords, in the UI's language.

use serde::{Deserialize, Serialize};

use crate::docx::{self, Block};
use crate::view::{DocView, SummaryView};

/// The file formats `export` writes.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Docx,
    Markdown,
    Json,
    Csv,
}

impl Format {
    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }

    /// The name of the save dialog's filter.
    pub fn label(self) -> &'static str {
        match self {
            Format::Docx => "Word",
            Format::Markdown => "Markdown",
            Format::Json => "JSON",
            Format::Csv => "CSV",
        }
    }
}

/// The language of the words an export adds (headings, column names).
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

/// The words of one language.
struct Words {
    summary: &'static str,
    keywords: &'static str,
    document: &'static str,
    title: &'static str,
    outline: &'static str,
}

impl Lang {
    fn words(self) -> Words {
        match self {
            Lang::Vi => Words {
                summary: "Tóm tắt",
                keywords: "Từ khóa",
                document: "Tài liệu",
                title: "Tiêu đề",
                outline: "Dàn ý",
            },
            Lang::En => Words {
                summary: "Summary",
                keywords: "Keywords",
                document: "Document",
                title: "Title",
                outline: "Outline",
            },
        }
    }
}

/// One exported section: a document, or several summarized together.
#[derive(Debug, Serialize)]
pub struct Section {
    /// The document's name, or the names joined with ", ".
    pub name: String,
    pub title: Option<String>,
    pub summary: Vec<String>,
    pub keywords: Vec<ExportedKeyword>,
    /// The document's headings (Dàn ý), when it has some.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub outline: Vec<ExportedHeading>,
}

#[derive(Debug, Serialize)]
pub struct ExportedHeading {
    pub level: u8,
    pub heading: String,
}

#[derive(Debug, Serialize)]
pub struct ExportedKeyword {
    pub text: String,
    pub score: f64,
    pub count: usize,
}

impl Section {
    pub fn of(doc: &DocView, summary: SummaryView) -> Section {
        let mut section = Section::new(doc.name.clone(), doc.title.clone(), summary);
        section.outline = doc
            .outline
            .iter()
            .map(|o| ExportedHeading {
                level: o.level,
                heading: o.heading.clone(),
            })
            .collect();
        section
    }

    pub fn new(name: String, title: Option<String>, summary: SummaryView) -> Section {
        Section {
            name,
            title,
            summary: summary.sentences.into_iter().map(|s| s.text).collect(),
            keywords: summary
                .keywords
                .into_iter()
                .map(|k| ExportedKeyword {
                    text: k.text,
                    score: k.score,
                    count: k.count,
                })
                .collect(),
            outline: Vec::new(),
        }
    }
}

/// The whole file for `sections` in `format`.
pub fn render(sections: &[Section], format: Format, lang: Lang) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        Format::Docx => word(sections, lang)?,
        Format::Markdown => markdown(sections, lang).into_bytes(),
        Format::Json => (serde_json::to_string_pretty(sections)? + "\n").into_bytes(),
        Format::Csv => csv(sections, lang)?,
    })
}

/// Why a file could not be made.
#[derive(Debug)]
pub enum ExportError {
    Json(serde_json::Error),
    Csv(csv::Error),
    Docx(zip::result::ZipError),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Json(e) => write!(f, "cannot write JSON: {e}"),
            ExportError::Csv(e) => write!(f, "cannot write CSV: {e}"),
            ExportError::Docx(e) => write!(f, "cannot write the .docx package: {e}"),
        }
    }
}

impl std::error::Error for ExportError {}

impl From<serde_json::Error> for ExportError {
    fn from(e: serde_json::Error) -> ExportError {
        ExportError::Json(e)
    }
}

impl From<csv::Error> for ExportError {
    fn from(e: csv::Error) -> ExportError {
        ExportError::Csv(e)
    }
}

impl From<zip::result::ZipError> for ExportError {
    fn from(e: zip::result::ZipError) -> ExportError {
        ExportError::Docx(e)
    }
}

/// A Word document: one document's title as the document title; with
/// several, a heading for each.
fn word(sections: &[Section], lang: Lang) -> Result<Vec<u8>, ExportError> {
    let w = lang.words();
    let mut blocks = Vec::new();
    let one = sections.len() == 1;
    for s in sections {
        let heading = s.title.clone().unwrap_or_else(|| s.name.clone());
        if one {
            blocks.push(Block::Title(heading.clone()));
        } else {
            blocks.push(Block::Heading1(heading.clone()));
        }
        if heading != s.name {
            blocks.push(Block::Text(format!("{}: {}", w.document, s.name)));
        }
        let sub = |t: &str| {
            if one {
                Block::Heading1(t.to_owned())
            } else {
                Block::Heading2(t.to_owned())
            }
        };
        blocks.push(sub(w.summary));
        blocks.extend(s.summary.iter().map(|x| Block::Bullet(x.clone())));
        blocks.push(sub(w.keywords));
        let words: Vec<&str> = s.keywords.iter().map(|k| k.text.as_str()).collect();
        blocks.push(Block::Text(words.join(", ")));
        if !s.outline.is_empty() {
            blocks.push(sub(w.outline));
            for h in &s.outline {
                let indent = "    ".repeat(usize::from(h.level.saturating_sub(1)));
                blocks.push(Block::Text(format!("{indent}{}", h.heading)));
            }
        }
    }
    Ok(docx::write(&blocks)?)
}

fn markdown(sections: &[Section], lang: Lang) -> String {
    let w = lang.words();
    let mut out = String::new();
    for s in sections {
        out.push_str(&format!("# {}\n\n", s.name));
        if let Some(title) = &s.title {
            out.push_str(&format!("**{title}**\n\n"));
        }
        out.push_str(&format!("## {}\n\n", w.summary));
        for sentence in &s.summary {
            out.push_str(&format!("- {sentence}\n"));
        }
        out.push_str(&format!("\n## {}\n\n", w.keywords));
        let words: Vec<&str> = s.keywords.iter().map(|k| k.text.as_str()).collect();
        out.push_str(&words.join(", "));
        out.push_str("\n\n");
        if !s.outline.is_empty() {
            out.push_str(&format!("## {}\n\n", w.outline));
            for h in &s.outline {
                let indent = "  ".repeat(usize::from(h.level.saturating_sub(1)));
                out.push_str(&format!("{indent}- {}\n", h.heading));
            }
            out.push('\n');
        }
    }
    out
}

/// One row a section: its name, title, summary (a sentence a line inside
/// the cell) and keywords. A byte-order mark first, so that Excel reads the
/// file as UTF-8 rather than as the system's legacy code page.
fn csv(sections: &[Section], lang: Lang) -> Result<Vec<u8>, ExportError> {
    let w = lang.words();
    let mut out = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
    out.write_record([w.document, w.title, w.summary, w.keywords])?;
    for s in sections {
        let keywords: Vec<&str> = s.keywords.iter().map(|k| k.text.as_str()).collect();
        out.write_record([
            inert(&s.name),
            inert(s.title.as_deref().unwrap_or("")),
            inert(&s.summary.join("\n")),
            inert(&keywords.join(", ")),
        ])?;
    }
    out.into_inner()
        .map_err(|e| ExportError::Csv(csv::Error::from(e.into_error())))
}

/// A cell a spreadsheet will not run: text that starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return gets a leading `'` (OWASP's advice on CSV
/// injection), so a document's words can never become a formula.
fn inert(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// A file name from a document's title: characters no file system takes
/// become spaces, runs of space become one, cut at a word end to at most
/// 120 characters, then the format's extension.
pub fn file_name(title: &str, format: Format) -> String {
    const MAX: usize = 120;
    let cleaned: String = title
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut stem = String::new();
    for word in cleaned.split_whitespace() {
        let extra = word.chars().count() + usize::from(!stem.is_empty());
        if stem.chars().count() + extra > MAX {
            if stem.is_empty() {
                stem = word.chars().take(MAX).collect();
            }
            break;
        }
        if !stem.is_empty() {
            stem.push(' ');
        }
        stem.push_str(word);
    }
    let mut stem = stem.trim_matches(['.', ' ']).to_owned();
    if stem.is_empty() {
        stem = "tomtat".to_owned();
    }
    format!("{stem}.{}", format.extension())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section() -> Section {
        Section {
            name: "a, \"b\".txt".into(),
            title: Some("Tiêu đề".into()),
            summary: vec!["Câu một.".into(), "=HYPERLINK(\"x\") hai.".into()],
            keywords: vec![ExportedKeyword {
                text: "Quân khu".into(),
                score: 1.5,
                count: 3,
            }],
            outline: vec![ExportedHeading {
                level: 2,
                heading: "I. Tình hình".into(),
            }],
        }
    }

    #[test]
    fn csv_has_a_bom_the_summary_and_quotes_what_needs_it() {
        let got = String::from_utf8(render(&[section()], Format::Csv, Lang::Vi).unwrap()).unwrap();
        assert_eq!(
            got,
            "\u{feff}Tài liệu,Tiêu đề,Tóm tắt,Từ khóa\n\
             \"a, \"\"b\"\".txt\",Tiêu đề,\"Câu một.\n=HYPERLINK(\"\"x\"\") hai.\",Quân khu\n"
        );
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        for bad in ["=1+2", "+1", "-cmd", "@SUM(A1)", "\tx", "\rx"] {
            let s = Section {
                name: bad.into(),
                title: Some(bad.into()),
                summary: vec![bad.into()],
                keywords: vec![ExportedKeyword {
                    text: bad.into(),
                    score: 1.0,
                    count: 1,
                }],
                outline: Vec::new(),
            };
            let bytes = render(&[s], Format::Csv, Lang::En).unwrap();
            let mut reader = csv::Reader::from_reader(&bytes[3..]);
            let row = reader.records().next().unwrap().unwrap();
            for cell in row.iter() {
                assert!(cell.starts_with('\''), "{bad:?} -> {cell:?}");
                assert_eq!(&cell[1..], bad);
            }
        }
    }

    #[test]
    fn markdown_headings_follow_the_language() {
        let vi =
            String::from_utf8(render(&[section()], Format::Markdown, Lang::Vi).unwrap()).unwrap();
        assert!(vi.contains("## Tóm tắt\n\n- Câu một.\n"), "{vi}");
        assert!(vi.contains("## Từ khóa\n\nQuân khu\n"), "{vi}");
        let en =
            String::from_utf8(render(&[section()], Format::Markdown, Lang::En).unwrap()).unwrap();
        assert!(en.contains("## Summary\n\n- Câu một.\n"), "{en}");
        assert!(en.contains("## Keywords\n\nQuân khu\n"), "{en}");
        assert!(en.contains("## Outline\n\n  - I. Tình hình\n"), "{en}");
        assert!(vi.contains("## Dàn ý\n\n  - I. Tình hình\n"), "{vi}");
    }

    #[test]
    fn file_names_come_from_titles() {
        assert_eq!(
            file_name("Hà Nội: mưa lớn / ngập   sâu?", Format::Csv),
            "Hà Nội mưa lớn ngập sâu.csv"
        );
        assert_eq!(file_name(" ..\n", Format::Markdown), "tomtat.md");
        assert_eq!(file_name(&"a".repeat(200), Format::Json).len(), 125);
        let long = "Bộ Tư lệnh Quân khu 5 ".repeat(8);
        let name = file_name(&long, Format::Docx);
        let stem = name.strip_suffix(".docx").unwrap();
        // Cut after a whole word, within the limit.
        assert!(long.starts_with(&format!("{stem} ")), "{name}");
        assert!(
            stem.chars().count() <= 120 && stem.chars().count() > 100,
            "{name}"
        );
    }
}
