//! odt (OpenDocument text): `content.xml` to lines of text.
//!
//! Headings (`text:h`) and paragraphs (`text:p`) are lines; a table row is
//! one line with its cells apart by tabs, unless a cell holds several
//! paragraphs (a layout table, as docx reads it); `text:s` and `text:tab` are
//! spaces and tabs; notes (`text:note`) go after the body; comments,
//! tracked deletions and the table of contents' copy of the headings are
//! left out. Text in a legacy Vietnamese font (a style whose font is
//! `.VnTime` or `VNI-Times`) is decoded as in docx.

use std::collections::HashMap;

use super::docx::{decode_run, legacy_font};
use super::encoding::{Detected, Encoding};
use super::zipped::{attr, first_text, walk, Package, Row, Step};
use super::{with_title, Failure, Format, Outcome, Raw, ReadOptions};

pub fn read(bytes: &[u8], opts: &ReadOptions) -> Outcome {
    let mut pkg = Package::open(bytes, opts)?;
    let content = pkg
        .read_text("content.xml")?
        .ok_or_else(|| Failure::malformed("no `content.xml`: not an OpenDocument file"))?;
    let mut fonts = HashMap::new();
    if let Some(styles) = pkg.read_text("styles.xml")? {
        style_fonts(&styles, "styles.xml", &mut fonts)?;
    }
    style_fonts(&content, "content.xml", &mut fonts)?;
    let mut used = None;
    let text = body(&content, &fonts, &mut used)?;
    let title = match pkg.read_text("meta.xml")? {
        Some(meta) => first_text(&meta, "meta.xml", "title")?,
        None => None,
    };
    Ok(Raw {
        text: with_title(title.as_deref(), &text),
        format: Format::Odt,
        encoding: used.map(|encoding| Detected {
            encoding,
            confidence: 1.0,
        }),
        ocr: None,
    })
}

/// Style name → font name, for the styles that set a legacy font.
fn style_fonts(xml: &str, part: &str, fonts: &mut HashMap<String, String>) -> Result<(), Failure> {
    let mut style: Option<String> = None;
    walk(xml, part, |step| match step {
        Step::Start("style", e) => style = attr(e, "name"),
        Step::End("style") => style = None,
        Step::Start("text-properties", e) => {
            if let (Some(s), Some(f)) = (&style, attr(e, "font-name")) {
                if legacy_font(&f).is_some() {
                    fonts.insert(s.clone(), f);
                }
            }
        }
        _ => {}
    })
}

fn body(
    xml: &str,
    fonts: &HashMap<String, String>,
    used: &mut Option<Encoding>,
) -> Result<String, Failure> {
    let mut out = String::new();
    let mut notes = String::new();
    let mut line = String::new();
    let mut note_line = String::new();
    let mut skip = 0usize;
    let mut in_body = false;
    let mut in_note = 0usize;
    let mut tables = 0usize;
    // The current row of a top-level table.
    let mut row = Row::default();
    // The font of each open paragraph or span, innermost last.
    let mut font_stack: Vec<Option<String>> = Vec::new();
    fn end_line(out: &mut String, line: &mut String) {
        let l = line.trim_end();
        if !l.is_empty() {
            out.push_str(l);
            out.push('\n');
        }
        line.clear();
    }
    walk(xml, "content.xml", |step| {
        if skip > 0 {
            match step {
                Step::Start(..) => skip += 1,
                Step::End(_) => skip -= 1,
                Step::Text(_) => {}
            }
            return;
        }
        let (out, line) = if in_note > 0 {
            (&mut notes, &mut note_line)
        } else {
            (&mut out, &mut line)
        };
        match step {
            Step::Start(name, e) => match name {
                "text" => in_body = true,
                "annotation" | "tracked-changes" | "note-citation" | "table-of-content"
                | "sequence-decls" | "user-field-decls" => skip = 1,
                "note" => in_note += 1,
                "p" | "h" | "span" | "a" => {
                    if (name == "p" || name == "h") && tables == 0 && !line.trim().is_empty() {
                        end_line(out, line);
                    }
                    let font = attr(e, "style-name").and_then(|s| fonts.get(&s).cloned());
                    let inherited = font_stack.last().cloned().flatten();
                    font_stack.push(font.or(inherited));
                }
                "s" => {
                    let n: usize = attr(e, "c").and_then(|c| c.parse().ok()).unwrap_or(1);
                    line.extend(std::iter::repeat_n(' ', n.min(100)));
                }
                "tab" => line.push('\t'),
                "line-break" => {
                    if tables > 0 {
                        line.push(' ');
                    } else {
                        end_line(out, line);
                    }
                }
                "table" => {
                    if tables == 0 && !line.trim().is_empty() {
                        end_line(out, line);
                    }
                    tables += 1;
                }
                _ => {}
            },
            Step::End(name) => match name {
                "p" | "h" | "span" | "a" => {
                    font_stack.pop();
                    if name != "span" && name != "a" {
                        if tables == 0 {
                            end_line(out, line);
                        } else if tables == 1 && in_note == 0 {
                            row.end_paragraph(line);
                        } else if !line.ends_with(char::is_whitespace) && !line.is_empty() {
                            line.push(' ');
                        }
                    }
                }
                "note" => in_note = in_note.saturating_sub(1),
                "table-cell" if tables == 1 && in_note == 0 => {
                    row.end_cell(line);
                }
                "table-row" if tables == 1 && in_note == 0 => {
                    for l in row.take_lines() {
                        *line = l;
                        end_line(out, line);
                    }
                }
                // A table inside a cell goes on in the cell's paragraph.
                "table-cell" | "table-row"
                    if !line.ends_with(char::is_whitespace) && !line.is_empty() =>
                {
                    line.push(' ');
                }
                "table" => tables = tables.saturating_sub(1),
                _ => {}
            },
            Step::Text(t) if in_body && !font_stack.is_empty() => {
                let font = font_stack.last().cloned().flatten();
                line.push_str(&decode_run(t, font.as_deref(), used));
            }
            Step::Text(_) => {}
        }
    })?;
    end_line(&mut out, &mut line);
    end_line(&mut notes, &mut note_line);
    if !notes.is_empty() {
        out.push('\n');
        out.push_str(&notes);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_tables_notes_spaces() {
        let xml = r#"<office:document-content><office:automatic-styles>
<style:style style:name="T1"><style:text-properties style:font-name=".VnTime"/></style:style>
</office:automatic-styles><office:body><office:text>
<text:sequence-decls><text:sequence-decl text:name="Table"/></text:sequence-decls>
<text:h text:outline-level="1">Mở đầu</text:h>
<text:p>Hà<text:s text:c="2"/>Nội<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>Chú thích một.</text:p></text:note-body></text:note> đẹp.</text:p>
<table:table><table:table-row><table:table-cell><text:p>Tỉnh</text:p></table:table-cell><table:table-cell><text:p>Số dân</text:p></table:table-cell></table:table-row></table:table>
<table:table><table:table-row><table:table-cell><text:p>ỦY BAN</text:p><text:p>Số: 5</text:p></table:table-cell><table:table-cell><text:p>CỘNG HÒA</text:p><text:p>Độc lập</text:p></table:table-cell></table:table-row></table:table>
<text:p><text:span text:style-name="T1">Vi&#214;t Nam</text:span> và <office:annotation><text:p>ghi chú</text:p></office:annotation>Lào</text:p>
</office:text></office:body></office:document-content>"#;
        let mut fonts = HashMap::new();
        style_fonts(xml, "t", &mut fonts).unwrap();
        let mut used = None;
        let got = body(xml, &fonts, &mut used).unwrap();
        assert_eq!(
            got,
            "Mở đầu\nHà  Nội đẹp.\nTỉnh\tSố dân\nỦY BAN\nSố: 5\nCỘNG HÒA\nĐộc lập\n\
             Việt Nam và Lào\n\nChú thích một.\n"
        );
        assert_eq!(used, Some(Encoding::Tcvn3));
    }
}
