//! docx (Office Open XML): `word/document.xml` to lines of text.
//!
//! - one line per paragraph (`w:p`); a manual line break starts a new line;
//! - a table row is one line, its cells apart by tabs; paragraphs inside a
//!   cell are joined by spaces;
//! - the title from `docProps/core.xml` first, footnotes and endnotes last;
//! - field codes (`w:instrText`), deleted text and the fallback copy of
//!   text boxes (`mc:Fallback`) are left out;
//! - runs in the legacy Vietnamese fonts, `.VnTime` (TCVN3; `.VnTimeH`
//!   draws capitals) and `VNI-Times` (VNI), are decoded to Unicode, from
//!   the run's own font or the document's default font.

use super::encoding::{Detected, Encoding};
use super::zipped::{attr, first_text, walk, Package, Step};
use super::{legacy, with_title, Failure, Format, Outcome, Raw, ReadOptions};

pub fn read(bytes: &[u8], opts: &ReadOptions) -> Outcome {
    let mut pkg = Package::open(bytes, opts)?;
    let body = pkg
        .read_text("word/document.xml")?
        .ok_or_else(|| Failure::Malformed("no `word/document.xml`: not a Word document".into()))?;
    let default_font = match pkg.read_text("word/styles.xml")? {
        Some(styles) => default_font(&styles)?,
        None => None,
    };
    let mut legacy_used = None;
    let mut text = paragraphs(
        &body,
        "word/document.xml",
        default_font.as_deref(),
        &mut legacy_used,
    )?;
    for part in ["word/footnotes.xml", "word/endnotes.xml"] {
        if let Some(xml) = pkg.read_text(part)? {
            let notes = paragraphs(&xml, part, default_font.as_deref(), &mut legacy_used)?;
            if !notes.trim().is_empty() {
                text.push('\n');
                text.push_str(&notes);
            }
        }
    }
    let title = match pkg.read_text("docProps/core.xml")? {
        Some(core) => first_text(&core, "docProps/core.xml", "title")?,
        None => None,
    };
    Ok(Raw {
        text: with_title(title.as_deref(), &text),
        format: Format::Docx,
        encoding: legacy_used.map(|encoding| Detected {
            encoding,
            confidence: 1.0,
        }),
    })
}

/// A legacy Vietnamese font: its encoding, and whether it draws capitals.
pub fn legacy_font(name: &str) -> Option<(Encoding, bool)> {
    let lower = name.trim().to_ascii_lowercase();
    if lower.starts_with(".vn") {
        // `.VnTimeH`, `.VnArialH`: the same codes drawn as capitals.
        Some((Encoding::Tcvn3, name.trim().ends_with('H')))
    } else if lower.starts_with("vni-") || lower.starts_with("vni ") {
        Some((Encoding::Vni, false))
    } else {
        None
    }
}

/// Decodes text set in `font` when it is a legacy font.
pub fn decode_run(text: &str, font: Option<&str>, used: &mut Option<Encoding>) -> String {
    match font.and_then(legacy_font) {
        Some((enc, upper)) => {
            *used = Some(enc);
            let s = match enc {
                Encoding::Tcvn3 => legacy::tcvn3_chars(text.chars()),
                _ => legacy::vni_chars(text.chars()),
            };
            if upper {
                s.to_uppercase()
            } else {
                s
            }
        }
        None => text.to_string(),
    }
}

/// The font of the document defaults or the default paragraph style.
fn default_font(styles: &str) -> Result<Option<String>, Failure> {
    let mut font = None;
    let mut in_defaults = false;
    let mut in_default_style = false;
    walk(styles, "word/styles.xml", |step| match step {
        Step::Start("docDefaults", _) => in_defaults = true,
        Step::End("docDefaults") => in_defaults = false,
        Step::Start("style", e) => {
            in_default_style = attr(e, "default").as_deref() == Some("1")
                && attr(e, "type").as_deref() == Some("paragraph");
        }
        Step::End("style") => in_default_style = false,
        Step::Start("rFonts", e) if in_defaults || in_default_style => {
            if let Some(f) = attr(e, "ascii").or_else(|| attr(e, "hAnsi")) {
                if in_default_style || font.is_none() {
                    font = Some(f);
                }
            }
        }
        _ => {}
    })?;
    Ok(font)
}

/// Where the walk is in a paragraph body.
#[derive(Default)]
struct State {
    out: String,
    line: String,
    /// Inside an element whose text is left out, and how deep.
    skip: usize,
    in_run: bool,
    run_font: Option<String>,
    tables: usize,
}

impl State {
    fn end_line(&mut self) {
        let line = self.line.trim_end();
        if !line.is_empty() || !self.out.ends_with("\n\n") {
            self.out.push_str(line);
            self.out.push('\n');
        }
        self.line.clear();
    }

    fn space(&mut self) {
        if !self.line.is_empty() && !self.line.ends_with(char::is_whitespace) {
            self.line.push(' ');
        }
    }
}

/// The paragraphs of a body, footnotes or endnotes part.
fn paragraphs(
    xml: &str,
    part: &str,
    default_font: Option<&str>,
    used: &mut Option<Encoding>,
) -> Result<String, Failure> {
    let mut s = State::default();
    walk(xml, part, |step| {
        if s.skip > 0 {
            match step {
                Step::Start(..) => s.skip += 1,
                Step::End(_) => s.skip -= 1,
                Step::Text(_) => {}
            }
            return;
        }
        match step {
            Step::Start(name, e) => match name {
                "instrText" | "delText" | "delInstrText" | "Fallback" => s.skip = 1,
                // Separators between the body and the notes.
                "footnote" | "endnote" if attr(e, "type").is_some_and(|t| t != "normal") => {
                    s.skip = 1
                }
                // A text box's paragraph inside a paragraph.
                "p" if s.tables == 0 && !s.line.trim().is_empty() => s.end_line(),
                "r" => {
                    s.in_run = true;
                    s.run_font = None;
                }
                "rFonts" if s.in_run => {
                    s.run_font = attr(e, "ascii").or_else(|| attr(e, "hAnsi"));
                }
                "tab" if s.in_run => s.line.push('\t'),
                "br" | "cr" if s.in_run => {
                    if s.tables > 0 {
                        s.space();
                    } else {
                        s.end_line();
                    }
                }
                "noBreakHyphen" => s.line.push('-'),
                "tbl" => {
                    if s.tables == 0 && !s.line.trim().is_empty() {
                        s.end_line();
                    }
                    s.tables += 1;
                }
                _ => {}
            },
            Step::End(name) => match name {
                "r" => s.in_run = false,
                "p" if s.tables == 0 => s.end_line(),
                "p" => s.space(),
                "tc" => {
                    let trimmed = s.line.trim_end().len();
                    s.line.truncate(trimmed);
                    s.line.push('\t');
                }
                "tr" if s.tables == 1 => {
                    let trimmed = s.line.trim_end().len();
                    s.line.truncate(trimmed);
                    s.end_line();
                }
                "tr" => s.space(),
                "tbl" => s.tables = s.tables.saturating_sub(1),
                _ => {}
            },
            Step::Text(t) if s.in_run => {
                let font = s.run_font.as_deref().or(default_font);
                let t = decode_run(t, font, used);
                s.line.push_str(&t);
            }
            Step::Text(_) => {}
        }
    })?;
    if !s.line.trim().is_empty() {
        s.end_line();
    }
    Ok(s.out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_fonts_by_name() {
        for (name, want) in [
            (".VnTime", Some((Encoding::Tcvn3, false))),
            (".VnTimeH", Some((Encoding::Tcvn3, true))),
            (".VnArial", Some((Encoding::Tcvn3, false))),
            ("VNI-Times", Some((Encoding::Vni, false))),
            ("VNI-Helve", Some((Encoding::Vni, false))),
            ("Times New Roman", None),
            ("Vinh", None),
        ] {
            assert_eq!(legacy_font(name), want, "{name}");
        }
    }

    #[test]
    fn body_tables_and_breaks() {
        let xml = r#"<w:document xmlns:w="w"><w:body>
<w:p><w:r><w:t>Hà Nội</w:t></w:r><w:r><w:t xml:space="preserve"> &amp; Huế</w:t></w:r></w:p>
<w:p><w:pPr><w:tabs><w:tab w:val="left"/></w:tabs></w:pPr><w:r><w:t>a</w:t><w:br/><w:t>b</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Tỉnh</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Số</w:t></w:r></w:p><w:p><w:r><w:t>dân</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:fldChar/><w:instrText>HYPERLINK "x"</w:instrText><w:t>liên kết</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:rFonts w:ascii=".VnTime"/></w:rPr><w:t>Vi&#214;t Nam</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:rFonts w:ascii=".VnTimeH"/></w:rPr><w:t>Vi&#214;t</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:rFonts w:ascii="VNI-Times"/></w:rPr><w:t>Vieät</w:t></w:r></w:p>
</w:body></w:document>"#;
        let mut used = None;
        let got = paragraphs(xml, "t", None, &mut used).unwrap();
        assert_eq!(
            got,
            "Hà Nội & Huế\na\nb\nTỉnh\tSố dân\nliên kết\nViệt Nam\nVIỆT\nViệt\n"
        );
    }
}
