//! docx (Office Open XML): `word/document.xml` to lines of text.
//!
//! - one line per paragraph (`w:p`); a manual line break starts a new line;
//! - a table row is one line, its cells apart by tabs, when each cell
//!   holds one paragraph (a table of data); when a cell holds several (a
//!   layout table: a letterhead with the issuing body, number and subject
//!   on the left and the state's name and the date on the right), each of
//!   the row's paragraphs is a line, cell after cell;
//! - the title from `docProps/core.xml` first, footnotes and endnotes last;
//! - field codes (`w:instrText`), deleted text and the fallback copy of
//!   text boxes (`mc:Fallback`) are left out;
//! - runs in the legacy Vietnamese fonts, `.VnTime` (TCVN3; `.VnTimeH`
//!   draws capitals) and `VNI-Times` (VNI), are decoded to Unicode. A
//!   run's font is found the way Word finds it: the run's own `w:rFonts`,
//!   else its character style, else its paragraph's style (or the default
//!   paragraph style), each style followed up its `w:basedOn` chain, else
//!   the document defaults (`w:docDefaults`). A font may name a theme font
//!   (`w:asciiTheme="minorHAnsi"`), looked up in `word/theme/theme1.xml`.

use std::collections::HashMap;

use quick_xml::events::BytesStart;

use super::encoding::{Detected, Encoding};
use super::zipped::{attr, first_text, walk, Package, Row, Step};
use super::{with_title, Failure, Format, Outcome, Raw, ReadOptions};

pub fn read(bytes: &[u8], opts: &ReadOptions) -> Outcome {
    let mut pkg = Package::open(bytes, opts)?;
    let body = pkg
        .read_text("word/document.xml")?
        .ok_or_else(|| Failure::malformed("no `word/document.xml`: not a Word document"))?;
    let theme = match pkg.read_text("word/theme/theme1.xml")? {
        Some(xml) => theme_fonts(&xml)?,
        None => [None, None],
    };
    let fonts = match pkg.read_text("word/styles.xml")? {
        Some(styles) => Fonts::parse(&styles, theme)?,
        None => Fonts {
            theme,
            ..Fonts::default()
        },
    };
    let mut legacy_used = None;
    let mut text = paragraphs(&body, "word/document.xml", &fonts, &mut legacy_used)?;
    for part in ["word/footnotes.xml", "word/endnotes.xml"] {
        if let Some(xml) = pkg.read_text(part)? {
            let notes = paragraphs(&xml, part, &fonts, &mut legacy_used)?;
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
        ocr: None,
    })
}

pub use super::legacy::legacy_font;

/// Decodes text set in `font` when it is a legacy font.
pub fn decode_run(text: &str, font: Option<&str>, used: &mut Option<Encoding>) -> String {
    match font.and_then(legacy_font) {
        Some(legacy) => {
            if let Some(enc) = legacy.encoding() {
                *used = Some(enc);
            }
            legacy.decode(text)
        }
        None => text.to_string(),
    }
}

/// A font as `w:rFonts` names it: by name, or a theme's major (headings)
/// or minor (body) font.
#[derive(Clone, Debug, PartialEq)]
enum FontRef {
    Name(String),
    Theme(usize),
}

/// The font `w:rFonts` gives the Latin range (where the legacy encodings
/// put their letters): a theme font wins over a named one, as in Word.
fn font_ref(e: &BytesStart<'_>) -> Option<FontRef> {
    let theme = |a: &str| -> Option<FontRef> {
        let v = attr(e, a)?;
        if v.starts_with("major") {
            Some(FontRef::Theme(0))
        } else if v.starts_with("minor") {
            Some(FontRef::Theme(1))
        } else {
            None
        }
    };
    theme("asciiTheme")
        .or_else(|| attr(e, "ascii").map(FontRef::Name))
        .or_else(|| theme("hAnsiTheme"))
        .or_else(|| attr(e, "hAnsi").map(FontRef::Name))
}

/// One style of `word/styles.xml`, as far as fonts go.
#[derive(Debug, Default)]
struct Style {
    based_on: Option<String>,
    font: Option<FontRef>,
}

/// The fonts a document's styles, defaults and theme give.
#[derive(Debug, Default)]
struct Fonts {
    styles: HashMap<String, Style>,
    /// The style of a paragraph that names none.
    default_paragraph: Option<String>,
    /// `w:docDefaults`.
    defaults: Option<FontRef>,
    /// The theme's major and minor Latin fonts.
    theme: [Option<String>; 2],
}

impl Fonts {
    fn parse(styles: &str, theme: [Option<String>; 2]) -> Result<Fonts, Failure> {
        let mut fonts = Fonts {
            theme,
            ..Fonts::default()
        };
        let mut in_defaults = false;
        let mut current: Option<(String, Style)> = None;
        // Inside `w:rPr` directly under the style or the defaults, not a
        // table style's conditional formats (`w:tblStylePr`).
        let mut depth_in_cond = 0usize;
        walk(styles, "word/styles.xml", |step| match step {
            Step::Start("docDefaults", _) => in_defaults = true,
            Step::End("docDefaults") => in_defaults = false,
            Step::Start("style", e) => {
                let id = attr(e, "styleId").unwrap_or_default();
                if attr(e, "default").as_deref() == Some("1")
                    && attr(e, "type").as_deref() == Some("paragraph")
                {
                    fonts.default_paragraph = Some(id.clone());
                }
                current = Some((id, Style::default()));
            }
            Step::End("style") => {
                if let Some((id, style)) = current.take() {
                    fonts.styles.entry(id).or_insert(style);
                }
            }
            Step::Start("tblStylePr", _) => depth_in_cond += 1,
            Step::End("tblStylePr") => depth_in_cond = depth_in_cond.saturating_sub(1),
            Step::Start("basedOn", e) => {
                if let Some((_, style)) = &mut current {
                    style.based_on = attr(e, "val");
                }
            }
            Step::Start("rFonts", e) if depth_in_cond == 0 => {
                if let Some((_, style)) = &mut current {
                    style.font = style.font.take().or_else(|| font_ref(e));
                } else if in_defaults {
                    fonts.defaults = fonts.defaults.take().or_else(|| font_ref(e));
                }
            }
            _ => {}
        })?;
        Ok(fonts)
    }

    /// The font of a style, from its `w:basedOn` chain (a loop ends it).
    fn of_style(&self, id: &str) -> Option<&FontRef> {
        let mut id = id;
        for _ in 0..64 {
            let style = self.styles.get(id)?;
            if let Some(f) = &style.font {
                return Some(f);
            }
            id = style.based_on.as_deref()?;
        }
        None
    }

    /// The font a run is set in, by name.
    fn resolve<'a>(
        &'a self,
        direct: Option<&'a FontRef>,
        run_style: Option<&str>,
        para_style: Option<&str>,
    ) -> Option<&'a str> {
        let para_style = para_style.or(self.default_paragraph.as_deref());
        let font = direct
            .or_else(|| run_style.and_then(|s| self.of_style(s)))
            .or_else(|| para_style.and_then(|s| self.of_style(s)))
            .or(self.defaults.as_ref())?;
        match font {
            FontRef::Name(n) => Some(n),
            FontRef::Theme(i) => self.theme[*i].as_deref(),
        }
    }
}

/// The Latin typefaces of a theme's major and minor fonts.
fn theme_fonts(xml: &str) -> Result<[Option<String>; 2], Failure> {
    let mut fonts = [None, None];
    let mut which = None;
    walk(xml, "word/theme/theme1.xml", |step| match step {
        Step::Start("majorFont", _) => which = Some(0),
        Step::Start("minorFont", _) => which = Some(1),
        Step::End("majorFont" | "minorFont") => which = None,
        Step::Start("latin", e) => {
            if let Some(i) = which {
                if fonts[i].is_none() {
                    fonts[i] = attr(e, "typeface").filter(|t| !t.is_empty());
                }
            }
        }
        _ => {}
    })?;
    Ok(fonts)
}

/// Where the walk is in a paragraph body.
#[derive(Default)]
struct State {
    out: String,
    line: String,
    /// Inside an element whose text is left out, and how deep.
    skip: usize,
    in_run: bool,
    /// The run's own font, and its character style.
    run_font: Option<FontRef>,
    run_style: Option<String>,
    /// The paragraph's style.
    para_style: Option<String>,
    tables: usize,
    /// The current row of a top-level table.
    row: Row,
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

    /// Ends a top-level table's row (see the module docs).
    fn end_row(&mut self) {
        for line in self.row.take_lines() {
            self.line = line;
            self.end_line();
        }
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
    fonts: &Fonts,
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
                "p" => {
                    // A text box's paragraph inside a paragraph.
                    if s.tables == 0 && !s.line.trim().is_empty() {
                        s.end_line();
                    }
                    s.para_style = None;
                }
                "pStyle" => s.para_style = attr(e, "val"),
                "r" => {
                    s.in_run = true;
                    s.run_font = None;
                    s.run_style = None;
                }
                "rFonts" if s.in_run => s.run_font = font_ref(e),
                "rStyle" if s.in_run => s.run_style = attr(e, "val"),
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
                "p" if s.tables == 1 => s.row.end_paragraph(&mut s.line),
                "p" => s.space(),
                "tc" if s.tables == 1 => {
                    s.row.end_cell(&mut s.line);
                }
                "tr" if s.tables == 1 => s.end_row(),
                // A table inside a cell goes on in the cell's paragraph.
                "tc" | "tr" => s.space(),
                "tbl" => s.tables = s.tables.saturating_sub(1),
                _ => {}
            },
            Step::Text(t) if s.in_run => {
                let font = fonts.resolve(
                    s.run_font.as_ref(),
                    s.run_style.as_deref(),
                    s.para_style.as_deref(),
                );
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
    fn body_tables_and_breaks() {
        let xml = r#"<w:document xmlns:w="w"><w:body>
<w:p><w:r><w:t>Hà Nội</w:t></w:r><w:r><w:t xml:space="preserve"> &amp; Huế</w:t></w:r></w:p>
<w:p><w:pPr><w:tabs><w:tab w:val="left"/></w:tabs></w:pPr><w:r><w:t>a</w:t><w:br/><w:t>b</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Tỉnh</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Số dân</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc/><w:tc><w:p><w:r><w:t>1,6</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>ỦY BAN</w:t></w:r></w:p><w:p><w:r><w:t>Số: 5</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>CỘNG HÒA</w:t></w:r></w:p><w:p><w:r><w:t>Độc lập</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:fldChar/><w:instrText>HYPERLINK "x"</w:instrText><w:t>liên kết</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:rFonts w:ascii=".VnTime"/></w:rPr><w:t>Vi&#214;t Nam</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:rFonts w:ascii=".VnTimeH"/></w:rPr><w:t>Vi&#214;t</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:rFonts w:ascii="VNI-Times"/></w:rPr><w:t>Vieät</w:t></w:r></w:p>
</w:body></w:document>"#;
        let mut used = None;
        let got = paragraphs(xml, "t", &Fonts::default(), &mut used).unwrap();
        assert_eq!(
            got,
            "Hà Nội & Huế\na\nb\nTỉnh\tSố dân\n\t1,6\nỦY BAN\nSố: 5\nCỘNG HÒA\nĐộc lập\n\
             liên kết\nViệt Nam\nVIỆT\nViệt\n"
        );
    }
}
