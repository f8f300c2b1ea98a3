//! pdf: the text layer, through `pdf-extract` (on `lopdf`).
//!
//! `pdf-extract` maps glyphs to Unicode through the fonts' `ToUnicode`
//! maps and encodings, so text written by a word processor with embedded
//! fonts comes out with its Vietnamese letters intact; tone marks set as
//! separate glyphs are composed to NFC later, by `normalize`. Lines come in
//! the order of the content stream, which is reading order for the pdfs
//! office software writes. A paragraph's lines are joined again here (see
//! [`reflow`]).
//!
//! # Bad input
//!
//! `pdf-extract` panics on much it does not expect and could recurse
//! without end on a form that draws itself, so:
//!
//! - the page tree and the forms are first walked without recursion, and a
//!   loop in either is refused;
//! - the parser runs on its own thread, with a large stack; a panic there
//!   becomes an error, and a run past [`ReadOptions::time_limit`] is given
//!   up on. On a thread of the caller ([`Isolation::Thread`]) the parser
//!   is left to finish on its own; in a worker process
//!   ([`Isolation::Process`], see `worker.rs`) it is killed, and its memory
//!   is capped;
//! - a pdf with pages but no text is "no text layer", for OCR is out of
//!   scope; an encrypted one is refused unless its password is empty.

use std::collections::HashSet;
use std::sync::mpsc;

use lopdf::{Document, Object, ObjectId};

#[allow(unused_imports)] // for the docs
use super::Isolation;
use super::{with_title, Failure, Format, Outcome, Raw, ReadOptions};

pub fn read(bytes: &[u8], opts: &ReadOptions) -> Outcome {
    if !bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Err(Failure::Malformed("no `%PDF-` header".into()));
    }
    let bytes = bytes.to_vec();
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("tomtat-pdf".into())
        .stack_size(256 << 20)
        .spawn(move || {
            let r = std::panic::catch_unwind(|| extract(&bytes));
            let _ = tx.send(r);
        });
    if let Err(e) = spawned {
        return Err(Failure::Malformed(format!(
            "cannot start the pdf reader: {e}"
        )));
    }
    match rx.recv_timeout(opts.time_limit) {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(panic)) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(Failure::Malformed(format!(
                "the pdf parser could not handle it: {}",
                if msg.is_empty() {
                    "internal error"
                } else {
                    &msg
                }
            )))
        }
        Err(mpsc::RecvTimeoutError::Timeout) => Err(Failure::TimedOut),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(Failure::Malformed("the pdf parser stopped".into()))
        }
    }
}

fn extract(bytes: &[u8]) -> Outcome {
    let mut doc =
        Document::load_mem(bytes).map_err(|e| Failure::Malformed(format!("cannot parse: {e}")))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(Failure::Malformed("the pdf is password-protected".into()));
    }
    check_loops(&doc)?;
    if doc.get_pages().is_empty() {
        return Err(Failure::Malformed("the pdf has no pages".into()));
    }
    let mut text = String::new();
    {
        let mut out = pdf_extract::PlainTextOutput::new(&mut text);
        pdf_extract::output_doc(&doc, &mut out)
            .map_err(|e| Failure::Malformed(format!("cannot read the text: {e}")))?;
    }
    if !text.chars().any(char::is_alphanumeric) {
        return Err(Failure::NoTextLayer);
    }
    let title = info_title(&doc);
    Ok(Raw {
        text: with_title(title.as_deref(), &reflow(&text)),
        format: Format::Pdf,
        encoding: None,
    })
}

/// The `/Title` of the document information dictionary.
fn info_title(doc: &Document) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?;
    let info = match info {
        Object::Reference(id) => doc.get_object(*id).ok()?,
        o => o,
    };
    let title = info.as_dict().ok()?.get(b"Title").ok()?;
    let title = match title {
        Object::Reference(id) => doc.get_object(*id).ok()?,
        o => o,
    };
    let Object::String(bytes, _) = title else {
        return None;
    };
    let text = text_string(bytes);
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// A pdf text string: UTF-16BE with a mark, UTF-8 with a mark, or
/// PDFDocEncoding (Latin-1 for the letters that matter here).
fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let units = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]));
        char::decode_utf16(units).filter_map(|r| r.ok()).collect()
    } else if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}

/// Refuses a page tree whose kids lead back to an ancestor, and a form
/// XObject that draws itself, directly or not. Both are walked with an
/// explicit stack.
fn check_loops(doc: &Document) -> Result<(), Failure> {
    let root = doc
        .catalog()
        .map_err(|e| Failure::Malformed(format!("no document catalog: {e}")))?;
    let Ok(Object::Reference(pages)) = root.get(b"Pages") else {
        return Err(Failure::Malformed("no page tree".into()));
    };
    // (node, depth): a node seen twice in a tree is a loop or a shared
    // subtree; either way the parser would read it again and again.
    let mut seen: HashSet<ObjectId> = HashSet::new();
    let mut stack = vec![*pages];
    let mut forms: Vec<ObjectId> = Vec::new();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            return Err(Failure::Malformed("the page tree loops".into()));
        }
        let Ok(dict) = doc.get_dictionary(id) else {
            continue;
        };
        if let Ok(Object::Array(kids)) = dict.get(b"Kids") {
            stack.extend(kids.iter().filter_map(|k| k.as_reference().ok()));
        }
        collect_xobjects(doc, dict, &mut forms);
        if seen.len() > 1_000_000 {
            return Err(Failure::Malformed("the page tree is too large".into()));
        }
    }
    // Forms: a depth-first walk that keeps the current path.
    for start in forms {
        let mut path: Vec<ObjectId> = Vec::new();
        let mut todo: Vec<(ObjectId, usize)> = vec![(start, 0)];
        let mut steps = 0usize;
        while let Some((id, depth)) = todo.pop() {
            path.truncate(depth);
            if path.contains(&id) {
                return Err(Failure::Malformed("a form in the pdf draws itself".into()));
            }
            steps += 1;
            if depth > 64 || steps > 100_000 {
                return Err(Failure::Malformed("forms nested too deep".into()));
            }
            path.push(id);
            let Ok(Object::Stream(s)) = doc.get_object(id) else {
                continue;
            };
            let mut inner = Vec::new();
            collect_xobjects(doc, &s.dict, &mut inner);
            todo.extend(inner.into_iter().map(|i| (i, depth + 1)));
        }
    }
    Ok(())
}

/// The XObjects a page or form names in its resources.
fn collect_xobjects(doc: &Document, dict: &lopdf::Dictionary, out: &mut Vec<ObjectId>) {
    let deref = |o: &Object| -> Option<lopdf::Dictionary> {
        match o {
            Object::Reference(id) => doc.get_dictionary(*id).ok().cloned(),
            Object::Dictionary(d) => Some(d.clone()),
            _ => None,
        }
    };
    let Some(res) = dict.get(b"Resources").ok().and_then(deref) else {
        return;
    };
    let Some(xobjects) = res.get(b"XObject").ok().and_then(deref) else {
        return;
    };
    for (_, v) in xobjects.iter() {
        if let Ok(id) = v.as_reference() {
            out.push(id);
        }
    }
}

/// Joins the lines of a paragraph. A line break after a line that does not
/// end a sentence is a wrap when the next line starts in lower case or with
/// a digit, or when the line before it is nearly as long as the longest
/// (a short line without a full stop is more likely a heading). Blank
/// lines stay.
pub fn reflow(text: &str) -> String {
    let longest = text
        .lines()
        .map(|l| l.trim().chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::with_capacity(text.len());
    let mut prev_open = false;
    let mut prev_full = false;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !out.ends_with("\n\n") && !out.is_empty() {
                out.push('\n');
            }
            prev_open = false;
            continue;
        }
        let starts_low = line
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
        if prev_open && (starts_low || prev_full) {
            out.pop();
            out.push(' ');
        }
        out.push_str(line);
        out.push('\n');
        prev_open = !line.ends_with(['.', '!', '?', ':', ';', '…', '"', '”']);
        prev_full = line.chars().count() * 10 >= longest * 7;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reflow_joins_wrapped_lines() {
        let got = reflow("Tiêu đề\n\nSáng nay, trời\nmưa to. Đường\nngập.\nHai.\n");
        assert_eq!(got, "Tiêu đề\n\nSáng nay, trời mưa to. Đường ngập.\nHai.\n");
        let got = reflow("Mục một\nSáng nay ở Hà Nội, trời\nHà Nội mưa to.\n");
        assert_eq!(got, "Mục một\nSáng nay ở Hà Nội, trời Hà Nội mưa to.\n");
    }
}
