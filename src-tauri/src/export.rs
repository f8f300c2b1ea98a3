//! Writing results to a file: Markdown and JSON for summaries and keywords,
//! CSV for keywords.

use serde::{Deserialize, Serialize};

use crate::view::{DocView, SummaryView};

/// The file formats `export` writes.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Markdown,
    Json,
    Csv,
}

/// One exported section: a document, or several summarized together.
#[derive(Debug, Serialize)]
pub struct Section {
    /// The document's name, or the names joined with ", ".
    pub name: String,
    pub title: Option<String>,
    pub summary: Vec<String>,
    pub keywords: Vec<ExportedKeyword>,
}

#[derive(Debug, Serialize)]
pub struct ExportedKeyword {
    pub text: String,
    pub score: f64,
    pub count: usize,
}

impl Section {
    pub fn of(doc: &DocView, summary: SummaryView) -> Section {
        Section::new(doc.name.clone(), doc.title.clone(), summary)
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
        }
    }
}

/// The whole file for `sections` in `format`.
pub fn render(sections: &[Section], format: Format) -> serde_json::Result<String> {
    Ok(match format {
        Format::Markdown => markdown(sections),
        Format::Json => serde_json::to_string_pretty(sections)? + "\n",
        Format::Csv => csv(sections),
    })
}

fn markdown(sections: &[Section]) -> String {
    let mut out = String::new();
    for s in sections {
        out.push_str(&format!("# {}\n\n", s.name));
        if let Some(title) = &s.title {
            out.push_str(&format!("**{title}**\n\n"));
        }
        out.push_str("## Tóm tắt\n\n");
        for sentence in &s.summary {
            out.push_str(&format!("- {sentence}\n"));
        }
        out.push_str("\n## Từ khóa\n\n");
        let words: Vec<&str> = s.keywords.iter().map(|k| k.text.as_str()).collect();
        out.push_str(&words.join(", "));
        out.push_str("\n\n");
    }
    out
}

fn csv(sections: &[Section]) -> String {
    let mut out = String::from("document,keyword,score,count\n");
    for s in sections {
        for k in &s.keywords {
            out.push_str(&format!(
                "{},{},{:.4},{}\n",
                csv_field(&s.name),
                csv_field(&k.text),
                k.score,
                k.count
            ));
        }
    }
    out
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section() -> Section {
        Section {
            name: "a, \"b\".txt".into(),
            title: Some("Tiêu đề".into()),
            summary: vec!["Câu một.".into()],
            keywords: vec![ExportedKeyword {
                text: "Quân khu".into(),
                score: 1.5,
                count: 3,
            }],
        }
    }

    #[test]
    fn csv_quotes_what_needs_it() {
        let got = render(&[section()], Format::Csv).unwrap();
        assert_eq!(
            got,
            "document,keyword,score,count\n\"a, \"\"b\"\".txt\",Quân khu,1.5000,3\n"
        );
    }

    #[test]
    fn markdown_lists_summary_and_keywords() {
        let got = render(&[section()], Format::Markdown).unwrap();
        assert!(got.contains("- Câu một.\n"), "{got}");
        assert!(got.contains("## Từ khóa\n\nQuân khu\n"), "{got}");
    }
}
