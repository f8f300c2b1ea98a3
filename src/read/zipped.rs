//! Zip packages (docx, odt) unpacked within bounds, and the XML walk their
//! readers share.
//!
//! A zip entry says how large it unpacks, but a hostile one can lie, so
//! every read is cut off by counting bytes: the whole package may unpack to
//! at most [`ReadOptions::max_unpacked_size`], and one entry to at most
//! [`MAX_RATIO`] times its packed size (1 MiB at least; XML in office files packs 5 to 50 times). A zip bomb is
//! refused before it fills memory.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use super::{Failure, ReadOptions};

/// How many times its packed size one entry may unpack to.
pub const MAX_RATIO: u64 = 250;

/// An open zip package with an unpacking budget.
pub struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    budget: u64,
}

impl<'a> Package<'a> {
    /// Opens the zip in `bytes`; `what` names the format in messages.
    pub fn open(bytes: &'a [u8], opts: &ReadOptions) -> Result<Package<'a>, Failure> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| Failure::malformed_by("not a valid zip package", e))?;
        // Two entries of one name: which one a reader takes is the zip
        // library's choice, and a package that hides a second body behind
        // the first is not one to guess about.
        if zip.file_names().count() != zip.len() {
            return Err(Failure::malformed(
                "two entries of the zip package have the same name",
            ));
        }
        Ok(Package {
            zip,
            budget: opts.max_unpacked_size,
        })
    }

    /// The unpacked bytes of the entry `name`, `None` when there is none.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, Failure> {
        let mut entry = match self.zip.by_name(name) {
            Ok(e) => e,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(Failure::malformed_by(format!("cannot unpack `{name}`"), e)),
        };
        let by_ratio = entry
            .compressed_size()
            .saturating_mul(MAX_RATIO)
            .max(1 << 20);
        let limit = by_ratio.min(self.budget);
        // What the entry says it unpacks to is checked first: an honest zip
        // bomb is refused before a byte is unpacked, a lying one when the
        // count below passes the limit.
        if entry.size() > limit {
            return Err(Failure::malformed(format!(
                "`{name}` says it unpacks to {} bytes, more than {limit} (a zip bomb?)",
                entry.size()
            )));
        }
        let mut out = Vec::with_capacity(entry.size().min(limit).min(64 << 20) as usize);
        (&mut entry)
            .take(limit + 1)
            .read_to_end(&mut out)
            .map_err(|e| Failure::malformed_by(format!("cannot unpack `{name}`"), e))?;
        if out.len() as u64 > limit {
            return Err(Failure::malformed(format!(
                "`{name}` unpacks to more than {limit} bytes (a zip bomb?)"
            )));
        }
        self.budget -= out.len() as u64;
        Ok(Some(out))
    }

    /// The entry `name` as UTF-8 text.
    pub fn read_text(&mut self, name: &str) -> Result<Option<String>, Failure> {
        match self.read(name)? {
            None => Ok(None),
            Some(bytes) => String::from_utf8(bytes)
                .map(Some)
                .map_err(|e| Failure::malformed_by(format!("`{name}` is not UTF-8"), e)),
        }
    }
}

/// One step of an XML walk: names are local (no namespace prefix).
pub enum Step<'x, 'e> {
    Start(&'x str, &'x BytesStart<'e>),
    End(&'x str),
    Text(&'x str),
}

/// Walks `xml` start to end, without recursion; `Empty` elements give a
/// `Start` and an `End`. Errors name `part`.
pub fn walk(xml: &str, part: &str, mut f: impl FnMut(Step<'_, '_>)) -> Result<(), Failure> {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = false;
    let bad = |e: &dyn std::fmt::Display| {
        Failure::malformed(format!("`{part}` has a bad character reference: {e}"))
    };
    loop {
        let event = reader.read_event().map_err(|e| {
            let at = reader.buffer_position();
            Failure::malformed_by(format!("`{part}` is not well-formed XML at byte {at}"), e)
        })?;
        match event {
            Event::Start(e) => {
                let name = e.name();
                f(Step::Start(local(name.as_ref()), &e));
            }
            Event::Empty(e) => {
                let name = e.name();
                f(Step::Start(local(name.as_ref()), &e));
                f(Step::End(local(name.as_ref())));
            }
            Event::End(e) => {
                let name = e.name();
                f(Step::End(local(name.as_ref())));
            }
            Event::Text(t) => f(Step::Text(&t.xml10_content())),
            Event::CData(t) => {
                f(Step::Text(&t));
            }
            Event::GeneralRef(r) => {
                let c = if r.is_char_ref() {
                    r.resolve_char_ref().map_err(|e| bad(&e))?
                } else {
                    match &*r {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    }
                };
                if let Some(c) = c {
                    f(Step::Text(c.encode_utf8(&mut [0; 4])));
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// The value of the attribute whose local name is `key`.
/// A row of a top-level table being read (docx, odt): the paragraphs of
/// its cells. A row whose cells hold one paragraph each (a table of data)
/// is one line, its cells apart by tabs; a row with a cell of several
/// paragraphs (a layout table: a letterhead) is a line per paragraph,
/// cell after cell.
#[derive(Debug, Default)]
pub struct Row {
    cell: Vec<String>,
    cells: Vec<Vec<String>>,
}

impl Row {
    /// Ends a paragraph of the current cell: `line`, trimmed, emptied.
    pub fn end_paragraph(&mut self, line: &mut String) {
        let p = line.trim();
        if !p.is_empty() {
            self.cell.push(p.to_string());
        }
        line.clear();
    }

    /// Ends the current cell, with `line` as its last paragraph.
    pub fn end_cell(&mut self, line: &mut String) {
        self.end_paragraph(line);
        self.cells.push(std::mem::take(&mut self.cell));
    }

    /// Ends the row: its lines, and the row emptied.
    pub fn take_lines(&mut self) -> Vec<String> {
        let cells = std::mem::take(&mut self.cells);
        if cells.iter().all(|c| c.len() <= 1) {
            let texts: Vec<&str> = cells
                .iter()
                .map(|c| c.first().map_or("", String::as_str))
                .collect();
            vec![texts.join("\t")]
        } else {
            cells.into_iter().flatten().collect()
        }
    }
}

pub fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (local(a.key.as_ref()) == key)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

/// The text of the first element named `name` in `xml` (a title in a
/// properties part).
pub fn first_text(xml: &str, part: &str, name: &str) -> Result<Option<String>, Failure> {
    let mut inside = false;
    let mut done = false;
    let mut text = String::new();
    walk(xml, part, |step| match step {
        Step::Start(n, _) if n == name && !done => inside = true,
        Step::End(n) if n == name && inside => {
            inside = false;
            done = true;
        }
        Step::Text(t) if inside => text.push_str(t),
        _ => {}
    })?;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    Ok((!text.is_empty()).then_some(text))
}
