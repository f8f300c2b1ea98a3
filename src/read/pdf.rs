//! pdf: the text layer, through `pdf-extract` (on `lopdf`).
//!
//! `pdf-extract` maps glyphs to Unicode through the fonts' `ToUnicode`
//! maps and encodings, so text written by a word processor with embedded
//! fonts comes out with its Vietnamese letters intact; tone marks set as
//! separate glyphs are composed to NFC later, by `normalize`.
//!
//! Reading order comes from where the glyphs are, not from the order the
//! content stream draws them in (see [`layout`]): glyphs make runs on one
//! baseline, a page's runs are searched for column gutters, and a page in
//! columns is read column by column, with text that spans the columns (a
//! title) in its place. A page without columns keeps the stream's order,
//! which is reading order for the pdfs office software writes. A ruled
//! table's rows are read cell by cell, each row a line of its own with
//! its cells apart by tabs (see [`tables`]). A subscript or superscript
//! (a smaller glyph off the baseline, glued to its base) is written
//! apart from its base, as `s_t`, `x^2` (see `mark_scripts`). A
//! paragraph's lines are joined again at the end (see [`reflow`]).
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

use super::legacy;
use super::reflow::reflow;
use super::tables::{self, Rule};
#[allow(unused_imports)] // for the docs
use super::Isolation;
use super::{with_title, Failure, Format, Outcome, Raw, ReadOptions};

pub fn read(bytes: &[u8], opts: &ReadOptions) -> Outcome {
    if !bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Err(Failure::malformed("no `%PDF-` header"));
    }
    let bytes = bytes.to_vec();
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("tomtat-pdf".into())
        .stack_size(256 << 20)
        .spawn(move || {
            let r = super::catch_quietly(|| extract(&bytes));
            let _ = tx.send(r);
        });
    if let Err(e) = spawned {
        return Err(Failure::malformed_by("cannot start the pdf reader", e));
    }
    match rx.recv_timeout(opts.time_limit) {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(panic)) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(Failure::malformed(format!(
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
            Err(Failure::malformed("the pdf parser stopped"))
        }
    }
}

/// The pdf's objects, ready for a page walk: its cross-reference table
/// rebuilt when broken, decrypted when it opens without a password, its
/// page tree checked for loops and its kids' parents mended. Both the text
/// layer's reader and OCR open pdfs here.
pub(crate) fn open(bytes: &[u8]) -> Result<Document, Failure> {
    let mut doc = load(bytes)?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(Failure::malformed("the pdf is password-protected"));
    }
    let tree = check_loops(&doc)?;
    mend_parents(&mut doc, tree);
    Ok(doc)
}

fn extract(bytes: &[u8]) -> Outcome {
    let mut doc = open(bytes)?;
    spell_out_cid_widths(&mut doc);
    // Legacy fonts decoded by font; what is left (a font without a map
    // from its codes) is found line by line in the text.
    let (legacy_fonts, undecoded) = decode_legacy_fonts(&mut doc);
    map_symbol_fonts(&mut doc);
    let page_count = doc.get_pages().len();
    if page_count == 0 {
        return Err(Failure::malformed("the pdf has no pages"));
    }
    let mut out = Columns::default();
    pdf_extract::output_doc(&doc, &mut out)
        .map_err(|e| Failure::malformed_by("cannot read the text", e))?;
    let mut pages = out.pages;
    drop_running_lines(&mut pages);
    let mut text = String::new();
    for (page, rules) in pages.into_iter().zip(out.rules) {
        let page = layout(tables::read_rows(page, &rules));
        if !page.is_empty() {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&page);
        }
    }
    let text = fix_chars(&text);
    let text = if undecoded {
        // A legacy font's `ư` (0xAD) is named `minus` by some writers.
        super::doc::redecode_lines(&text.replace('\u{2212}', "\u{AD}")).0
    } else {
        text
    };
    let lines: Vec<&str> = text.lines().collect();
    let stamps = super::furniture::stamp_lines(&lines);
    let mut kept = String::with_capacity(text.len());
    for (line, stamp) in lines.iter().zip(stamps) {
        if !stamp {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    if !usable_text_layer(&kept, page_count) {
        return Err(Failure::NoTextLayer);
    }
    let title = info_title(&doc).map(|t| decode_title(t, &legacy_fonts));
    Ok(Raw {
        text: with_title(title.as_deref(), &reflow(&kept)),
        format: Format::Pdf,
        encoding: None,
        ocr: None,
    })
}

/// Rewrites the widths of every CID font from the range form of its `/W`
/// array (`first last width`) to the list form (`first [width width …]`).
///
/// `pdf-extract` reads only the list form and gives every glyph of a
/// range the default width (a whole em): the glyphs after it on the line
/// are placed too far right, words run into each other (`môhình`) or
/// fall apart (`đượ c`) where the text is set in pieces. Word, WPS and
/// most office writers use ranges for glyphs of equal width.
fn spell_out_cid_widths(doc: &mut Document) {
    let ids: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, o)| {
            o.as_dict().is_ok_and(|d| {
                matches!(d.get(b"Subtype"), Ok(Object::Name(n)) if n.starts_with(b"CIDFontType"))
            })
        })
        .map(|(id, _)| *id)
        .collect();
    for id in ids {
        let w = match doc.get_dictionary(id).ok().and_then(|d| d.get(b"W").ok()) {
            Some(Object::Array(a)) => a.clone(),
            Some(Object::Reference(r)) => match doc.get_object(*r) {
                Ok(Object::Array(a)) => a.clone(),
                _ => continue,
            },
            _ => continue,
        };
        let num = |o: &Object| match o {
            Object::Integer(i) => Some(*i as f64),
            Object::Real(r) => Some(*r as f64),
            _ => None,
        };
        let mut out: Vec<Object> = Vec::with_capacity(w.len());
        let mut i = 0;
        let mut spelled = false;
        while i < w.len() {
            match (w.get(i), w.get(i + 1), w.get(i + 2)) {
                (Some(first), Some(Object::Array(list)), _) => {
                    out.push(first.clone());
                    out.push(Object::Array(list.clone()));
                    i += 2;
                }
                (Some(Object::Integer(first)), Some(Object::Integer(last)), Some(width))
                    if last >= first && last - first < 65536 =>
                {
                    let Some(width) = num(width) else {
                        break;
                    };
                    out.push(Object::Integer(*first));
                    out.push(Object::Array(
                        (*first..=*last)
                            .map(|_| Object::Real(width as f32))
                            .collect(),
                    ));
                    spelled = true;
                    i += 3;
                }
                _ => break,
            }
        }
        if spelled {
            if let Ok(d) = doc.get_dictionary_mut(id) {
                d.set("W", Object::Array(out));
            }
        }
    }
}

/// Whether the text read from a pdf's pages, running headers, page numbers
/// and stamps already left out, is the document's text: a scan whose
/// text layer holds only a header or a few words per page is not, and is
/// read as having no text layer (the OCR reader takes it from there).
pub(crate) fn usable_text_layer(text: &str, pages: usize) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    letters > 0 && letters >= 25 * pages.min(40)
}

/// Characters that fonts get wrong and no other language needs fixed:
/// Word 2007's `ƣ`/`Ƣ` (U+01A3/U+01A2, "oi") for `ư`/`Ư`, and the private-use
/// code points of symbol fonts (bullets, arrows), which are dropped.
fn fix_chars(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\u{1A3}' => Some('ư'),
            '\u{1A2}' => Some('Ư'),
            '\u{E000}'..='\u{F8FF}' => None,
            c => Some(c),
        })
        .collect()
}

/// Gives every legacy Vietnamese font of the pdf (`.VnTime`, `VNI-Times`,
/// `VnNCentury`; see [`legacy::legacy_font`]) a `ToUnicode` map that
/// decodes its codes, as the docx reader decodes a run by its font: a
/// simple font's codes are Windows-1252 bytes of the legacy encoding; a
/// composite font's existing map gives those characters, which are
/// decoded in turn. Tone marks drawn as glyphs of their own become
/// combining marks, which `normalize` composes. Returns the legacy fonts
/// found, and whether one was left as it was (a composite font without a
/// map).
fn decode_legacy_fonts(doc: &mut Document) -> (Vec<legacy::LegacyFont>, bool) {
    let mut fonts = Vec::new();
    for (&id, o) in &doc.objects {
        let Ok(d) = o.as_dict() else {
            continue;
        };
        let (Ok(Object::Name(name)), Ok(Object::Name(subtype))) =
            (d.get(b"BaseFont"), d.get(b"Subtype"))
        else {
            continue;
        };
        // A composite font's descendant is read through its parent.
        if subtype.starts_with(b"CIDFontType") {
            continue;
        }
        if let Some(font) = legacy::legacy_font(&String::from_utf8_lossy(name)) {
            fonts.push((id, font, subtype == b"Type0"));
        }
    }
    let mut undecoded = false;
    let mut found = Vec::new();
    for (id, font, composite) in fonts {
        let Ok(dict) = doc.get_dictionary(id) else {
            continue;
        };
        let existing = match dict.get(b"ToUnicode") {
            Ok(Object::Reference(r)) => doc
                .get_object(*r)
                .ok()
                .and_then(|o| o.as_stream().ok())
                .and_then(|s| {
                    s.decompressed_content()
                        .ok()
                        .or_else(|| Some(s.content.clone()))
                })
                .and_then(|c| adobe_cmap_parser::get_unicode_map(&c).ok()),
            _ => None,
        };
        let codes: Vec<(u32, String)> = match existing {
            Some(map) => map
                .into_iter()
                .filter_map(|(code, utf16)| {
                    let units: Vec<u16> = utf16
                        .chunks_exact(2)
                        .map(|p| u16::from_be_bytes([p[0], p[1]]))
                        .collect();
                    Some((code, String::from_utf16(&units).ok()?))
                })
                .collect(),
            None if composite => {
                found.push(font);
                undecoded = true;
                continue;
            }
            None => (0x20..=0xFFu8)
                .map(|b| (u32::from(b), legacy::cp1252(b).to_string()))
                .collect(),
        };
        let decoded: Vec<(u32, String)> = codes
            .into_iter()
            .map(|(code, text)| {
                (
                    code,
                    text.chars().map(|c| font.glyph(glyph_alias(c))).collect(),
                )
            })
            .collect();
        found.push(font);
        let cmap = to_unicode_cmap(&decoded, if composite { 2 } else { 1 });
        let stream = doc.add_object(lopdf::Stream::new(lopdf::Dictionary::new(), cmap));
        if let Ok(d) = doc.get_dictionary_mut(id) {
            d.set("ToUnicode", Object::Reference(stream));
        }
    }
    (found, undecoded)
}

/// Gives the Symbol font's letters and signs their Unicode: Word maps the
/// font's codes to the private-use code points `U+F020`–`U+F0FF` (`α` is
/// `U+F061`), which mean nothing outside the font and are dropped with the
/// other symbol fonts' bullets. The font's bullets and the pieces of its
/// large brackets stay private, and are dropped.
fn map_symbol_fonts(doc: &mut Document) {
    let mut fonts = Vec::new();
    for (&id, o) in &doc.objects {
        let Ok(d) = o.as_dict() else {
            continue;
        };
        let (Ok(Object::Name(name)), Ok(Object::Name(subtype))) =
            (d.get(b"BaseFont"), d.get(b"Subtype"))
        else {
            continue;
        };
        if subtype.starts_with(b"CIDFontType") {
            continue;
        }
        let name = String::from_utf8_lossy(name);
        let family = name.split_once('+').map_or(&*name, |(_, rest)| rest);
        if family.starts_with("Symbol") {
            if let Ok(Object::Reference(map)) = d.get(b"ToUnicode") {
                fonts.push((id, *map, subtype == b"Type0"));
            }
        }
    }
    for (id, map, composite) in fonts {
        let Some(codes) = doc
            .get_object(map)
            .ok()
            .and_then(|o| o.as_stream().ok())
            .and_then(|s| {
                s.decompressed_content()
                    .ok()
                    .or_else(|| Some(s.content.clone()))
            })
            .and_then(|c| adobe_cmap_parser::get_unicode_map(&c).ok())
        else {
            continue;
        };
        let mut mapped = false;
        let codes: Vec<(u32, String)> = codes
            .into_iter()
            .filter_map(|(code, utf16)| {
                let units: Vec<u16> = utf16
                    .chunks_exact(2)
                    .map(|p| u16::from_be_bytes([p[0], p[1]]))
                    .collect();
                let text = String::from_utf16(&units).ok()?;
                let mut chars = text.chars();
                let symbol = match (chars.next(), chars.next()) {
                    (Some(c @ '\u{F020}'..='\u{F0FF}'), None) => {
                        legacy::symbol_char((c as u32 - 0xF000) as u8)
                    }
                    _ => None,
                };
                mapped |= symbol.is_some();
                Some((code, symbol.map_or(text, String::from)))
            })
            .collect();
        if !mapped {
            continue;
        }
        let cmap = to_unicode_cmap(&codes, if composite { 2 } else { 1 });
        let stream = doc.add_object(lopdf::Stream::new(lopdf::Dictionary::new(), cmap));
        if let Ok(d) = doc.get_dictionary_mut(id) {
            d.set("ToUnicode", Object::Reference(stream));
        }
    }
}

/// The metadata title of a pdf set in legacy fonts, which the writer
/// stored in the fonts' encoding (`Môc lôc` for `Mục lục`): decoded in the
/// encoding most of the fonts use, when that reads as Vietnamese.
fn decode_title(title: String, fonts: &[legacy::LegacyFont]) -> String {
    let shaped = !title.is_ascii() && title.chars().all(|c| legacy::cp1252_byte(c).is_some());
    let font = fonts
        .iter()
        .map(|&f| match f {
            legacy::LegacyFont::Tcvn3 { .. } => legacy::LegacyFont::Tcvn3 { capitals: false },
            f => f,
        })
        .max_by_key(|f| {
            fonts
                .iter()
                .filter(|&&g| std::mem::discriminant(&g) == std::mem::discriminant(f))
                .count()
        });
    let Some(font) = font.filter(|_| shaped) else {
        return title;
    };
    let decoded = font.decode(&title);
    let score = |t: &str| super::encoding::vietnamese_score(t);
    if score(&decoded) >= 0.8 && score(&decoded) >= score(&title) {
        decoded
    } else {
        title
    }
}

/// The Windows-1252 character a writer's `ToUnicode` map means by a
/// character it named after the glyph's shape: `minus` for the soft hyphen
/// (TCVN3's `ư`), `bulletoperator` for the middle dot (TCVN3's `ã`).
fn glyph_alias(c: char) -> char {
    match c {
        '\u{2212}' => '\u{AD}',
        '\u{2219}' => '\u{B7}',
        c => c,
    }
}

/// A `ToUnicode` CMap that maps each code (`width` bytes) to its text.
fn to_unicode_cmap(codes: &[(u32, String)], width: usize) -> Vec<u8> {
    use std::fmt::Write;
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CMapName /Tomtat-Legacy-UCS def\n/CMapType 2 def\n1 begincodespacerange\n",
    );
    let _ = writeln!(
        out,
        "<{:0w$X}> <{:0w$X}>\nendcodespacerange",
        0,
        (1u64 << (8 * width)) - 1,
        w = 2 * width
    );
    let codes: Vec<&(u32, String)> = codes.iter().filter(|(_, t)| !t.is_empty()).collect();
    for chunk in codes.chunks(100) {
        let _ = writeln!(out, "{} beginbfchar", chunk.len());
        for (code, text) in chunk {
            let _ = write!(out, "<{:0w$X}> <", code, w = 2 * width);
            for unit in text.encode_utf16() {
                let _ = write!(out, "{unit:04X}");
            }
            out.push_str(">\n");
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out.into_bytes()
}

/// Parses the pdf; a broken cross-reference table (a file cut short, or
/// edited by hand) is rebuilt from the objects themselves, as readers do.
fn load(bytes: &[u8]) -> Result<Document, Failure> {
    match Document::load_mem(bytes) {
        Ok(doc) => Ok(doc),
        Err(first) => {
            let Some(fixed) = rebuild_xref(bytes) else {
                return Err(Failure::malformed_by("cannot parse", first));
            };
            Document::load_mem(&fixed)
                .map_err(|e| Failure::malformed_by(format!("cannot parse: {first}; rebuilt"), e))
        }
    }
}

/// The bytes of the pdf with a new cross-reference table and trailer at the
/// end, made from every `N G obj` found in the file (the last of a number
/// wins, as an update would) and the dictionary of the last trailer or the
/// catalog. `None` when no catalog is found.
fn rebuild_xref(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut offsets: std::collections::BTreeMap<u32, (u16, usize)> = Default::default();
    let mut root: Option<(u32, u16)> = None;
    let mut info: Option<(u32, u16)> = None;
    let mut i = 0;
    while let Some(pos) = find(&bytes[i..], b" obj").map(|p| p + i) {
        i = pos + 4;
        // Back over `N G`: digits, a space, digits.
        let digits_before = |end: usize| {
            let mut k = end;
            while k > 0 && bytes[k - 1].is_ascii_digit() && end - k < 10 {
                k -= 1;
            }
            k
        };
        let g0 = digits_before(pos);
        if g0 == pos || g0 == 0 || bytes[g0 - 1] != b' ' {
            continue;
        }
        let n0 = digits_before(g0 - 1);
        if n0 == g0 - 1 || (n0 > 0 && !bytes[n0 - 1].is_ascii_whitespace()) {
            continue;
        }
        let parse = |a: usize, b: usize| -> Option<u32> {
            std::str::from_utf8(&bytes[a..b]).ok()?.parse().ok()
        };
        let (Some(num), Some(gen)) = (parse(n0, g0 - 1), parse(g0, pos)) else {
            continue;
        };
        let Ok(gen) = u16::try_from(gen) else {
            continue;
        };
        let start = n0;
        offsets.insert(num, (gen, start));
        let body = &bytes[i..bytes.len().min(i + 512)];
        if find(body, b"/Catalog").is_some()
            && find(body, b"endobj").is_none_or(|e| find(body, b"/Catalog").is_some_and(|c| c < e))
        {
            root = Some((num, gen));
        }
        if info.is_none() && find(body, b"/Producer").is_some() && find(body, b"/Type").is_none() {
            info = Some((num, gen));
        }
    }
    let (rn, rg) = root?;
    let size = offsets.keys().next_back().map_or(1, |&n| n + 1);
    let mut out = bytes.to_vec();
    out.extend_from_slice(b"\n");
    let xref_at = out.len();
    out.extend_from_slice(format!("xref\n0 {size}\n0000000000 65535 f\r\n").as_bytes());
    for n in 1..size {
        match offsets.get(&n) {
            Some(&(gen, off)) => {
                out.extend_from_slice(format!("{off:010} {gen:05} n\r\n").as_bytes())
            }
            None => out.extend_from_slice(b"0000000000 65535 f\r\n"),
        }
    }
    let info = info.map_or(String::new(), |(n, g)| format!(" /Info {n} {g} R"));
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {size} /Root {rn} {rg} R{info} >>\nstartxref\n{xref_at}\n%%EOF\n"
        )
        .as_bytes(),
    );
    Some(out)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Leaves out the running headers and footers and the page numbers, taken
/// off a page's top and bottom inwards (three lines at most each side):
/// lines whose text, figures left out, comes back among the three at the
/// top or bottom of other pages (a third of them, two at least), and a
/// lone number (`12`, `- 12 -`, `Trang 12`).
fn drop_running_lines(pages: &mut [Vec<Run>]) {
    const EDGE: usize = 3;
    // Each page's lines: the runs on one baseline, top to bottom.
    let lines: Vec<Vec<Vec<usize>>> = pages.iter().map(|runs| baselines(runs)).collect();
    let shape = |runs: &[Run], line: &[usize]| -> String {
        let text = line_text(runs, line);
        let mut words: Vec<&str> = text.split_whitespace().collect();
        // A page number in roman numerals (the front matter's `ii`) at
        // either end is a figure too.
        if words.len() > 1 && words.last().is_some_and(|w| roman(w)) {
            words.pop();
        }
        if words.len() > 1 && roman(words[0]) {
            words.remove(0);
        }
        words
            .iter()
            .flat_map(|w| w.chars())
            .filter(|c| !c.is_numeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let edges = |n: usize| (0..n).filter(move |&k| k < EDGE || k + EDGE >= n);
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    for (runs, page) in pages.iter().zip(&lines) {
        let mut on_page: HashSet<String> = HashSet::new();
        for k in edges(page.len()) {
            on_page.insert(shape(runs, &page[k]));
        }
        for s in on_page {
            *seen.entry(s).or_default() += 1;
        }
    }
    let enough = (pages.len() * 3).div_ceil(10).max(2);
    for (runs, page) in pages.iter_mut().zip(&lines) {
        let n = page.len();
        let furniture = |k: usize| {
            let s = shape(runs, &page[k]);
            let text: String = page[k].iter().map(|&i| runs[i].text.as_str()).collect();
            let number = text.chars().any(|c| c.is_ascii_digit())
                && text.chars().count() <= 12
                && matches!(
                    s.as_str(),
                    "" | "-" | "--" | "trang" | "page" | "trang/" | "/"
                );
            // A lone page number in small roman numerals (`iv`, `- iv -`).
            let roman_number = text
                .split(|c: char| c.is_whitespace() || c == '-')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .as_slice()
                .iter()
                .all(|w| roman(w) && w.chars().all(|c| c.is_ascii_lowercase()))
                && text.chars().any(|c| c.is_ascii_alphabetic());
            let number = number || roman_number;
            number || (s.chars().count() >= 3 && seen.get(&s).is_some_and(|&c| c >= enough))
        };
        // Peeled from the edges inwards: furniture sits outside the text.
        let mut drop: HashSet<usize> = HashSet::new();
        let mut top = 0;
        while top < EDGE.min(n) && furniture(top) {
            drop.extend(page[top].iter().copied());
            top += 1;
        }
        let mut bottom = n;
        while bottom > top && n - bottom < EDGE && furniture(bottom - 1) {
            drop.extend(page[bottom - 1].iter().copied());
            bottom -= 1;
        }
        if !drop.is_empty() {
            let mut i = 0;
            runs.retain(|_| {
                i += 1;
                !drop.contains(&(i - 1))
            });
        }
    }
}

/// The text of a line's runs, a space between runs.
fn line_text(runs: &[Run], line: &[usize]) -> String {
    let mut text = String::new();
    for &i in line {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&runs[i].text);
    }
    text
}

/// Whether `word` is a number in roman numerals (`iv`, `XII`), all in one
/// case, well formed, up to `mmmdccclxxxviii`.
fn roman(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    if lower.is_empty()
        || !(word == lower || word == word.to_ascii_uppercase())
        || !lower.bytes().all(|b| b"ivxlcdm".contains(&b))
    {
        return false;
    }
    // Thousands, hundreds, tens, units: each a digit's numeral or nothing.
    let mut rest = lower.as_str();
    for (one, five, ten) in [
        ("m", "", ""),
        ("c", "d", "m"),
        ("x", "l", "c"),
        ("i", "v", "x"),
    ] {
        let digits: Vec<String> = if five.is_empty() {
            (0..=3).map(|n| one.repeat(n)).collect()
        } else {
            vec![
                format!("{one}{ten}"),
                format!("{one}{five}"),
                format!("{five}{}", one.repeat(3)),
                format!("{five}{}", one.repeat(2)),
                format!("{five}{one}"),
                five.to_string(),
                one.repeat(3),
                one.repeat(2),
                one.to_string(),
            ]
        };
        if let Some(d) = digits
            .iter()
            .find(|d| !d.is_empty() && rest.starts_with(d.as_str()))
        {
            rest = &rest[d.len()..];
        }
    }
    rest.is_empty()
}

/// The runs of a page grouped by baseline, top to bottom, each group left
/// to right (indices into `runs`).
fn baselines(runs: &[Run]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..runs.len()).collect();
    order.sort_by(|&a, &b| runs[b].y.total_cmp(&runs[a].y));
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut y = f64::INFINITY;
    for i in order {
        let r = &runs[i];
        match out.last_mut() {
            Some(line) if (y - r.y).abs() <= 0.5 * r.size => line.push(i),
            _ => {
                out.push(vec![i]);
                y = r.y;
            }
        }
    }
    for line in &mut out {
        line.sort_by(|&a, &b| runs[a].x0.total_cmp(&runs[b].x0));
    }
    out
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
    (!text.is_empty() && !file_name_title(text)).then(|| text.to_string())
}

/// A title that is only the name of the file printed to pdf
/// (`Microsoft Word - bao cao.doc`, `thu_moi.docx`): print drivers store
/// it when the document has no title of its own.
fn file_name_title(title: &str) -> bool {
    let Some((_, ext)) = title.rsplit_once('.') else {
        return false;
    };
    matches!(
        ext.to_ascii_lowercase().as_str(),
        "doc" | "docx" | "rtf" | "odt" | "txt" | "xls" | "xlsx" | "ppt" | "pptx" | "pdf" | "wpd"
    )
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
/// explicit stack. Returns each node of the page tree with the node whose
/// `/Kids` hold it (none for the root).
fn check_loops(doc: &Document) -> Result<Vec<(ObjectId, Option<ObjectId>)>, Failure> {
    let root = doc
        .catalog()
        .map_err(|e| Failure::malformed_by("no document catalog", e))?;
    let Ok(Object::Reference(pages)) = root.get(b"Pages") else {
        return Err(Failure::malformed("no page tree"));
    };
    // (node, parent): a node seen twice in a tree is a loop or a shared
    // subtree; either way the parser would read it again and again.
    let mut seen: HashSet<ObjectId> = HashSet::new();
    let mut tree = Vec::new();
    let mut stack = vec![(*pages, None)];
    let mut forms: Vec<ObjectId> = Vec::new();
    while let Some((id, parent)) = stack.pop() {
        if !seen.insert(id) {
            return Err(Failure::malformed("the page tree loops"));
        }
        tree.push((id, parent));
        let Ok(dict) = doc.get_dictionary(id) else {
            continue;
        };
        if let Ok(Object::Array(kids)) = dict.get(b"Kids") {
            stack.extend(
                kids.iter()
                    .filter_map(|k| Some((k.as_reference().ok()?, Some(id)))),
            );
        }
        collect_xobjects(doc, dict, &mut forms);
        if seen.len() > 1_000_000 {
            return Err(Failure::malformed("the page tree is too large"));
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
                return Err(Failure::malformed("a form in the pdf draws itself"));
            }
            steps += 1;
            if depth > 64 || steps > 100_000 {
                return Err(Failure::malformed("forms nested too deep"));
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
    Ok(tree)
}

/// Points each page-tree node's `/Parent` at the node whose `/Kids` hold
/// it, and takes it off the root (`tree`, from [`check_loops`]). A `/Parent` that points elsewhere (the
/// page itself, one of its kids) sent the parser's search for inherited
/// attributes (resources, media box) round for ever: a 700-byte pdf held a
/// reader for its whole time limit. Poppler reads such pdfs the same way.
fn mend_parents(doc: &mut Document, tree: Vec<(ObjectId, Option<ObjectId>)>) {
    for (id, parent) in tree {
        let Ok(dict) = doc.get_dictionary_mut(id) else {
            continue;
        };
        let now = dict.get(b"Parent").and_then(Object::as_reference).ok();
        if now != parent {
            match parent {
                Some(p) => dict.set("Parent", Object::Reference(p)),
                None => {
                    dict.remove(b"Parent");
                }
            }
        }
    }
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

/// A run of glyphs on one baseline, without a wide gap: a line, or the
/// part of a line in one column.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// Left and right edges, and the baseline (pdf units, y upwards).
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
    /// The font size on the page.
    pub size: f64,
    pub text: String,
    /// Where the words after the first start: a byte offset into `text`
    /// and the x of the glyph there (a table's border may cut the run).
    pub cuts: Vec<(usize, f64)>,
}

/// Collects a page's glyphs into [`Run`]s and the lines drawn on it
/// (tables' borders), then lays each page out.
#[derive(Default)]
struct Columns {
    pages: Vec<Vec<Run>>,
    /// Each page's rules, beside `pages`.
    rules: Vec<Vec<Rule>>,
    runs: Vec<Run>,
    page_rules: Vec<Rule>,
    cur: Option<Run>,
    /// The last glyph put on `cur`, not a space.
    last: Option<Glyph>,
    /// An accent drawn before the letter it is over, held for that letter.
    accent: Option<(Glyph, String)>,
    /// The text set along a turned baseline being read (see [`Turned`]).
    turned: Option<Turned>,
    /// The glyphs of `cur`, marks left out: where each starts in its
    /// text, and where it was drawn (see [`mark_scripts`]).
    glyphs: Vec<(usize, Glyph)>,
}

/// Text set along a baseline that is not level (a table's row label
/// turned a quarter, a stamp up the margin): its glyphs are read along
/// their own baseline into one run, not each on a line of its own (`S F U
/// C` for `SFUC`).
struct Turned {
    run: Run,
    /// The baseline's direction (a unit vector).
    dir: (f64, f64),
    /// Where the last glyph ends along the baseline.
    end: (f64, f64),
    /// The extent of the glyphs' origins on the page.
    lo: (f64, f64),
    hi: (f64, f64),
}

/// Where a glyph was drawn: its left and right edges, its baseline, its
/// size.
#[derive(Clone, Copy, Debug)]
struct Glyph {
    x: f64,
    end: f64,
    y: f64,
    size: f64,
}

impl Glyph {
    /// Whether this glyph, an accent, sits over `base`: its middle within
    /// the letter's width, its baseline from the letter's up to a little
    /// over a line higher (TeX raises an accent by the letter's height).
    fn over(&self, base: &Glyph) -> bool {
        let mid = (self.x + self.end) / 2.0;
        let s = base.size;
        mid >= base.x - 0.05 * s
            && mid <= base.end + 0.05 * s
            && self.y >= base.y - 0.1 * s
            && self.y <= base.y + 1.2 * s
    }
}

/// The combining mark of an accent that fonts draw on its own, spacing:
/// TeX's `\hat`, `\tilde`, `\bar`, `\dot`, `\vec` and the like, and a
/// tone mark some fonts draw apart. It becomes the letter's mark only when
/// it is drawn over a letter (see [`Glyph::over`]).
fn combining_accent(ch: &str) -> Option<char> {
    let mut chars = ch.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    Some(match c {
        '\u{2C6}' | '^' => '\u{302}',
        '\u{2DC}' | '~' => '\u{303}',
        '\u{AF}' | '\u{2C9}' => '\u{304}',
        '\u{2D8}' => '\u{306}',
        '\u{2D9}' => '\u{307}',
        '\u{A8}' => '\u{308}',
        '\u{2DA}' => '\u{30A}',
        '\u{2C7}' => '\u{30C}',
        '\u{B4}' => '\u{301}',
        '`' => '\u{300}',
        '\u{2192}' => '\u{20D7}',
        _ => return None,
    })
}

/// Whether `ch` is only marks (a tone mark drawn as a glyph of its own):
/// part of the letter before it, never a script.
fn is_mark(ch: &str) -> bool {
    ch.chars().all(|c| {
        unicode_normalization::char::is_combining_mark(c)
            || combining_accent(&c.to_string()).is_some()
    })
}

/// A script is set this much smaller than what it is the index of: TeX
/// sets one at 7/10 of its base (and a script's script at 5/7 of that),
/// word processors at 58 to 65%. A drop cap is two lines or more high, so
/// the text beside it is under half its size.
const SCRIPT_SIZE: std::ops::RangeInclusive<f64> = 0.5..=0.85;

/// A script's baseline is this far off its base's, in the base's size:
/// TeX lowers a subscript by 0.15 to 0.25 em and raises a superscript by
/// 0.35 to 0.45; Word lowers one by 0.07 and raises one by a third.
const SCRIPT_SHIFT: std::ops::RangeInclusive<f64> = 0.05..=0.6;

/// Glyphs whose baselines are this close, in their size, are on one
/// baseline: Word lowers a subscript by 0.07 em.
const SAME_BASELINE: f64 = 0.04;

/// Writes a run's subscripts and superscripts apart from their base, as
/// `s_t`, `x^2`, `x_{t−1}`, `π_{θ_{old}}`: read glued (`st`, `x2`) they
/// made other words, or other numbers.
///
/// A script is a glyph set smaller than the text it follows and off that
/// text's baseline (see [`SCRIPT_SIZE`], [`SCRIPT_SHIFT`]): lowered, a
/// subscript, raised, a superscript; the glyphs after it at its size and
/// on its baseline are the same script, a glyph back on the baseline
/// below ends it. The run's own text is the largest size a quarter of its
/// glyphs are set in, so a drop cap is not taken for it and the text
/// beside it for scripts. Text merely set smaller on the same baseline is
/// no script, and marks (`is_mark`) belong to their letter.
///
/// The form is TeX's, which the authors of most such pdfs typed: one
/// character after `_` or `^`, more (or one a letter follows) in braces.
/// It keeps base and index apart in every script and for any character,
/// which Unicode's few subscript letters do not.
fn mark_scripts(run: &mut Run, glyphs: &[(usize, Glyph)]) {
    let Some(&(_, first)) = glyphs.first() else {
        return;
    };
    // Most runs are set in one size on one baseline.
    if glyphs
        .iter()
        .all(|(_, g)| (g.y - first.y).abs() <= SAME_BASELINE * first.size.max(g.size))
    {
        return;
    }
    let mut sizes: Vec<f64> = glyphs.iter().map(|(_, g)| g.size).collect();
    sizes.sort_by(f64::total_cmp);
    let share = |s: f64| {
        sizes.partition_point(|&v| v <= 1.05 * s) - sizes.partition_point(|&v| v < 0.95 * s)
    };
    let Some(body) = sizes
        .iter()
        .rev()
        .copied()
        .find(|&s| 4 * share(s) >= sizes.len())
    else {
        return;
    };
    let Some(&(_, base)) = glyphs
        .iter()
        .find(|(_, g)| (g.size - body).abs() <= 0.05 * body)
    else {
        return;
    };
    /// A level of scripts: its size and baseline, whether lowered, where
    /// it starts in the text, and how deep it is.
    struct Level {
        size: f64,
        y: f64,
        sub: bool,
        start: usize,
    }
    // (start, end, lowered, depth) of each script, innermost first.
    let mut spans: Vec<(usize, usize, bool, usize)> = Vec::new();
    let mut stack = vec![Level {
        size: body,
        y: base.y,
        sub: false,
        start: 0,
    }];
    for &(at, g) in glyphs {
        loop {
            let top = stack.last().expect("the run's own level stays");
            let dy = g.y - top.y;
            if dy.abs() <= SAME_BASELINE * top.size
                && (stack.len() == 1 || g.size <= 1.15 * top.size)
            {
                break;
            }
            if SCRIPT_SIZE.contains(&(g.size / top.size))
                && SCRIPT_SHIFT.contains(&(dy.abs() / top.size))
            {
                stack.push(Level {
                    size: g.size,
                    y: g.y,
                    sub: dy < 0.0,
                    start: at,
                });
                break;
            }
            if stack.len() == 1 {
                // Neither on the baseline nor a script of it (a drop cap).
                break;
            }
            let depth = stack.len();
            let l = stack.pop().expect("more than one level");
            spans.push((l.start, at, l.sub, depth));
        }
    }
    while stack.len() > 1 {
        let depth = stack.len();
        let l = stack.pop().expect("more than one level");
        spans.push((l.start, run.text.len(), l.sub, depth));
    }
    if spans.is_empty() {
        return;
    }
    let text = &run.text;
    // A script ends before the space after it. It follows its base with
    // no space: after a space, or a bracket or quote that opens, it has no
    // base (typst sets inline code smaller and a little raised, and a
    // power cut by the line's end starts the next run). One of signs only
    // (`(*)`, a prime) glues no words together.
    for s in &mut spans {
        s.1 = s.0.max(text[..s.1].trim_end().len());
    }
    spans.retain(|s| {
        text[..s.0]
            .chars()
            .next_back()
            .is_some_and(|c| !c.is_whitespace() && !"([{“‘\"'«".contains(c))
            && text[s.0..s.1].chars().any(char::is_alphanumeric)
    });
    if spans.is_empty() {
        return;
    }
    // What goes in where: (at, closing before opening, order, text).
    let mut inserts: Vec<(usize, u8, usize, String)> = Vec::new();
    for &(start, end, sub, depth) in &spans {
        let content = &text[start..end];
        let chars = content
            .chars()
            .filter(|&c| !is_mark(&c.to_string()))
            .count();
        // An outer script that ends here puts its brace between this one
        // and what follows, a script that starts here its mark.
        let marked = spans
            .iter()
            .any(|o| (o.0 < start && o.1 == end) || o.0 == end);
        let glued = !marked
            && text[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
        let braced = chars > 1 || glued;
        let open = match (sub, braced) {
            (true, true) => "_{",
            (true, false) => "_",
            (false, true) => "^{",
            (false, false) => "^",
        };
        inserts.push((start, 1, depth, open.to_string()));
        if braced {
            // The innermost closes first.
            inserts.push((end, 0, usize::MAX - depth, "}".to_string()));
        }
    }
    inserts.sort();
    let mut out = String::with_capacity(text.len() + 4 * inserts.len());
    let mut from = 0;
    for (at, _, _, mark) in &inserts {
        out.push_str(&text[from..*at]);
        from = *at;
        out.push_str(mark);
    }
    out.push_str(&text[from..]);
    // A word starts at its script's mark.
    for cut in &mut run.cuts {
        cut.0 += inserts
            .iter()
            .filter(|i| i.0 < cut.0)
            .map(|i| i.3.len())
            .sum::<usize>();
    }
    run.text = out;
}

/// The most borders kept from a page: a table's page has hundreds; a
/// drawing of many strokes is no table, and is not worth the time.
const MAX_RULES: usize = 2_000;

impl Columns {
    /// Adds a glyph to the run it goes on, or starts a new run.
    fn place(&mut self, g: Glyph, ch: &str) {
        let Glyph { x, end, y, size } = g;
        let blank = ch.chars().all(char::is_whitespace);
        if let Some(r) = &mut self.cur {
            let same_line = (y - r.y).abs() <= 0.5 * size.max(r.size);
            let near = x >= r.x1 - 0.5 * size && x <= r.x1 + size;
            if same_line && near {
                // A note mark set small and raised after a stop (`diện
                // rộng.¹ Ban`) is left out: read as text, it glued two
                // sentences together (`rộng.1 Ban`). After a letter it may
                // be a power (`km²`) and stays.
                let raised = size < 0.8 * r.size && y > r.y + 0.15 * r.size;
                if raised
                    && ch.chars().all(|c| c.is_ascii_digit() || c == '*')
                    && r.text
                        .ends_with(['.', ',', ';', ':', ')', '"', '”', '?', '!'])
                {
                    r.x1 = r.x1.max(end);
                    return;
                }
                if blank {
                    if !r.text.ends_with(' ') {
                        r.text.push(' ');
                    }
                } else {
                    if x > r.x1 + 0.1 * size && !r.text.ends_with(' ') {
                        r.text.push(' ');
                    }
                    if r.text.ends_with(' ') {
                        r.cuts.push((r.text.len(), x));
                    }
                    if !is_mark(ch) {
                        self.glyphs.push((r.text.len(), g));
                    }
                    r.text.push_str(ch);
                    self.last = Some(g);
                }
                r.x1 = r.x1.max(end);
                r.size = r.size.max(size);
                return;
            }
        }
        if blank {
            // A space is not the start of a run; it still ends the last one.
            if let Some(r) = &mut self.cur {
                if (y - r.y).abs() <= 0.5 * size.max(r.size) && !r.text.ends_with(' ') {
                    r.text.push(' ');
                }
            }
            return;
        }
        self.end_run();
        self.cur = Some(Run {
            x0: x,
            x1: end.max(x),
            y,
            size,
            text: ch.to_string(),
            cuts: Vec::new(),
        });
        if !is_mark(ch) {
            self.glyphs.push((0, g));
        }
        self.last = Some(g);
    }

    /// Adds a glyph set along a turned baseline `dir` (a unit vector) at
    /// (`x`, `y`), `advance` long, to the turned run it goes on.
    fn place_turned(&mut self, x: f64, y: f64, dir: (f64, f64), advance: f64, size: f64, ch: &str) {
        let blank = ch.chars().all(char::is_whitespace);
        if let Some(t) = &mut self.turned {
            let (dx, dy) = (x - t.end.0, y - t.end.1);
            // How far past the last glyph's end along the baseline, and
            // how far off it.
            let along = dx * t.dir.0 + dy * t.dir.1;
            let off = (dx * t.dir.1 - dy * t.dir.0).abs();
            let same_dir = (dir.0 * t.dir.0 + dir.1 * t.dir.1) > 0.99;
            if same_dir && off <= 0.3 * size && along >= -0.5 * size && along <= size {
                if (blank || along > 0.15 * size) && !t.run.text.ends_with(' ') {
                    t.run.text.push(' ');
                }
                if !blank {
                    t.run.text.push_str(ch);
                    t.lo = (t.lo.0.min(x), t.lo.1.min(y));
                    t.hi = (t.hi.0.max(x), t.hi.1.max(y));
                }
                t.end = (x + dir.0 * advance, y + dir.1 * advance);
                return;
            }
        }
        self.end_turned();
        if blank {
            return;
        }
        self.turned = Some(Turned {
            run: Run {
                x0: x,
                x1: x,
                y,
                size,
                text: ch.to_string(),
                cuts: Vec::new(),
            },
            dir,
            end: (x + dir.0 * advance, y + dir.1 * advance),
            lo: (x, y),
            hi: (x, y),
        });
    }

    /// Ends the turned run being read: a run across its glyphs' extent,
    /// its baseline at their middle height.
    fn end_turned(&mut self) {
        if let Some(t) = self.turned.take() {
            let mut run = t.run;
            let kept = run.text.trim_end().len();
            run.text.truncate(kept);
            if run.text.is_empty() {
                return;
            }
            run.x0 = t.lo.0;
            run.x1 = t.hi.0.max(t.lo.0 + 0.5 * run.size);
            run.y = (t.lo.1 + t.hi.1) / 2.0;
            self.runs.push(run);
        }
    }

    /// Places an accent held for the next glyph, which it was not over.
    fn place_accent(&mut self) {
        if let Some((accent, text)) = self.accent.take() {
            self.place(accent, &text);
        }
    }

    /// Keeps the straight lines and thin rectangles of a path drawn with
    /// `ctm`, as boxes on the page (see [`tables`]).
    fn add_rules(&mut self, ctm: &pdf_extract::Transform, path: &pdf_extract::Path, stroked: bool) {
        use pdf_extract::PathOp;
        let at = |x: f64, y: f64| {
            (
                ctm.m11 * x + ctm.m21 * y + ctm.m31,
                ctm.m12 * x + ctm.m22 * y + ctm.m32,
            )
        };
        let boxed = |pts: &[(f64, f64)]| {
            let (mut x0, mut y0) = (f64::INFINITY, f64::INFINITY);
            let (mut x1, mut y1) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
            for &(x, y) in pts {
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x);
                y1 = y1.max(y);
            }
            Rule { x0, y0, x1, y1 }
        };
        let mut found = Vec::new();
        let mut pen: Option<(f64, f64)> = None;
        let mut start: Option<(f64, f64)> = None;
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    pen = Some(at(x, y));
                    start = pen;
                }
                PathOp::LineTo(x, y) => {
                    let to = at(x, y);
                    if let (Some(from), true) = (pen, stroked) {
                        found.push(boxed(&[from, to]));
                    }
                    pen = Some(to);
                }
                PathOp::CurveTo(.., x, y) => pen = Some(at(x, y)),
                PathOp::Close => {
                    if let (Some(from), Some(to), true) = (pen, start, stroked) {
                        found.push(boxed(&[from, to]));
                    }
                    pen = start;
                }
                PathOp::Rect(x, y, w, h) => {
                    let c = [at(x, y), at(x + w, y), at(x + w, y + h), at(x, y + h)];
                    if stroked {
                        for (k, &from) in c.iter().enumerate() {
                            found.push(boxed(&[from, c[(k + 1) % 4]]));
                        }
                    } else {
                        // A filled rectangle is a rule when thin; a
                        // cell's shading is not.
                        found.push(boxed(&c));
                    }
                    pen = Some(c[0]);
                    start = pen;
                }
            }
        }
        let room = MAX_RULES.saturating_sub(self.page_rules.len());
        self.page_rules.extend(
            found
                .into_iter()
                .filter(|r| [r.x0, r.y0, r.x1, r.y1].iter().all(|v| v.is_finite()) && r.border())
                .take(room),
        );
    }
}

impl Columns {
    fn end_run(&mut self) {
        if let Some(mut r) = self.cur.take() {
            mark_scripts(&mut r, &self.glyphs);
            self.glyphs.clear();
            let kept = r.text.trim_end().len();
            r.text.truncate(kept);
            if !r.text.is_empty() {
                self.runs.push(r);
            }
        }
    }
}

impl pdf_extract::OutputDev for Columns {
    fn begin_page(
        &mut self,
        _page: u32,
        _media_box: &pdf_extract::MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.runs.clear();
        self.page_rules.clear();
        self.cur = None;
        self.glyphs.clear();
        self.last = None;
        self.accent = None;
        self.turned = None;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        self.place_accent();
        self.end_run();
        self.end_turned();
        self.pages.push(std::mem::take(&mut self.runs));
        self.rules.push(std::mem::take(&mut self.page_rules));
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &pdf_extract::Transform,
        _colorspace: &pdf_extract::ColorSpace,
        _color: &[f64],
        path: &pdf_extract::Path,
    ) -> Result<(), pdf_extract::OutputError> {
        self.add_rules(ctm, path, true);
        Ok(())
    }

    fn fill(
        &mut self,
        ctm: &pdf_extract::Transform,
        _colorspace: &pdf_extract::ColorSpace,
        _color: &[f64],
        path: &pdf_extract::Path,
    ) -> Result<(), pdf_extract::OutputError> {
        self.add_rules(ctm, path, false);
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        ch: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        // The font size on the page, as pdf-extract's own text output
        // measures it: the side of a square of the same area.
        let (vx, vy) = (
            font_size * (trm.m11 + trm.m21),
            font_size * (trm.m12 + trm.m22),
        );
        let mut size = (vx * vy).abs().sqrt();
        if !size.is_finite() || size < 0.1 {
            size = font_size.abs().clamp(0.1, 1000.0);
        }
        let (x, y) = (trm.m31, trm.m32);
        if !(x.is_finite() && y.is_finite()) {
            return Ok(());
        }
        // The baseline's direction: level, or turned (a quarter turn or
        // more than a tenth of one either way).
        let len = trm.m11.hypot(trm.m12);
        if len.is_finite() && len > 0.0 && (trm.m12.abs() > 0.15 * len || trm.m11 < 0.0) {
            let dir = (trm.m11 / len, trm.m12 / len);
            // In the order drawn: the level run before it ends first.
            self.place_accent();
            self.end_run();
            self.place_turned(x, y, dir, width * size, size, ch);
            return Ok(());
        }
        self.end_turned();
        let glyph = Glyph {
            x,
            end: x + width * size,
            y,
            size,
        };
        let blank = ch.chars().all(char::is_whitespace);
        if let Some(mark) = combining_accent(ch) {
            // An accent drawn on its own over the letter before it.
            if let (Some(r), Some(base)) = (&mut self.cur, self.last) {
                if glyph.over(&base) {
                    r.text.push(mark);
                    return Ok(());
                }
            }
            // Or over the next one (TeX draws the accent first).
            self.place_accent();
            self.accent = Some((glyph, ch.to_string()));
            return Ok(());
        }
        if let Some((accent, text)) = self.accent.take() {
            if !blank && accent.over(&glyph) {
                self.place(glyph, ch);
                if let (Some(r), Some(mark)) = (&mut self.cur, combining_accent(&text)) {
                    r.text.push(mark);
                }
                return Ok(());
            }
            self.place(accent, &text);
        }
        self.place(glyph, ch);
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

/// A column: the left and right edges of the runs in it.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Span {
    lo: f64,
    hi: f64,
}

/// The columns of a page, left to right; one (or none) when the page is
/// not set in columns.
///
/// Runs narrower than 60% of the text width are grouped by overlapping
/// extents; a group is a column when it holds at least three runs of a
/// dozen characters or more (a page number, a short table cell, a date
/// set on the right make no column of their own and join the group
/// beside them). Runs wider than that (a title over both columns) do not
/// take part.
fn columns(runs: &[Run]) -> Vec<Span> {
    if runs.len() < 6 {
        return Vec::new();
    }
    let left = runs.iter().map(|r| r.x0).fold(f64::INFINITY, f64::min);
    let right = runs.iter().map(|r| r.x1).fold(f64::NEG_INFINITY, f64::max);
    let width = right - left;
    let mut sizes: Vec<f64> = runs.iter().map(|r| r.size).collect();
    sizes.sort_by(f64::total_cmp);
    let size = sizes[sizes.len() / 2];
    // A table's row (cells apart by tabs) is no column's text.
    let mut narrow: Vec<&Run> = runs
        .iter()
        .filter(|r| r.x1 - r.x0 < 0.6 * width && !is_row(r))
        .collect();
    narrow.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    // Groups of overlapping runs: (extent, how many long runs).
    let mut groups: Vec<(Span, usize)> = Vec::new();
    for r in narrow {
        let long = usize::from(r.text.chars().count() >= 12);
        match groups.last_mut() {
            Some((g, n)) if r.x0 <= g.hi + 0.8 * size => {
                g.hi = g.hi.max(r.x1);
                *n += long;
            }
            _ => groups.push((Span { lo: r.x0, hi: r.x1 }, long)),
        }
    }
    // Small groups join a neighbour: the one before, or else the next.
    let mut cols: Vec<(Span, usize)> = Vec::new();
    let mut pending: Option<Span> = None;
    for (g, n) in groups {
        let g = match pending.take() {
            Some(p) => Span { lo: p.lo, hi: g.hi },
            None => g,
        };
        if n >= 3 {
            cols.push((g, n));
        } else if let Some((last, _)) = cols.last_mut() {
            last.hi = last.hi.max(g.hi);
        } else {
            pending = Some(g);
        }
    }
    if let (Some(p), Some((last, _))) = (pending, cols.last_mut()) {
        last.lo = last.lo.min(p.lo);
        last.hi = last.hi.max(p.hi);
    }
    cols.into_iter().map(|(g, _)| g).collect()
}

/// The usual distance between the baselines of a page's lines, 0 when the
/// page has too few: the lower quartile of the gaps between a line and the
/// next that are between 0.8 and 3 times the text size.
fn line_pitch(runs: &[Run]) -> f64 {
    let lines = baselines(runs);
    let mut sizes: Vec<f64> = runs.iter().map(|r| r.size).collect();
    if sizes.is_empty() {
        return 0.0;
    }
    sizes.sort_by(f64::total_cmp);
    let size = sizes[sizes.len() / 2];
    let ys: Vec<f64> = lines.iter().map(|l| runs[l[0]].y).collect();
    let mut gaps: Vec<f64> = ys
        .windows(2)
        .map(|w| w[0] - w[1])
        .filter(|&g| g >= 0.8 * size && g <= 3.0 * size)
        .collect();
    if gaps.len() < 3 {
        return 0.0;
    }
    gaps.sort_by(f64::total_cmp);
    // The lines of a paragraph are the closest; paragraph breaks, fewer,
    // are wider. On a page of few lines the closest pair says it.
    if gaps.len() < 8 {
        gaps[0]
    } else {
        gaps[gaps.len() / 4]
    }
}

/// Whether a run is a table's row made by [`tables::read_rows`]: glyphs
/// never give a tab (a blank glyph is a space).
fn is_row(r: &Run) -> bool {
    r.text.contains('\t')
}

/// Lines whose font sizes differ by more than this share are not one
/// paragraph: 11 pt text under an 18 pt heading, not 10.5 pt under 11 pt.
const RESIZED: f64 = 0.25;

/// A page's runs as lines of text in reading order (see the module docs).
///
/// One line per baseline within a column; an empty line where the gap
/// below a line is more than one and a half times its size (a paragraph
/// break, as office software spaces them) or where the font size changes
/// (a heading above its text); a new line, not an empty one,
/// where one column ends and the next begins, since a paragraph may go on
/// there.
pub fn layout(runs: Vec<Run>) -> String {
    let cols = columns(&runs);
    let pitch = line_pitch(&runs);
    // Which column a run is in; `None` when it spans more than one.
    let col_of = |r: &Run| -> Option<usize> {
        cols.iter()
            .position(|c| r.x0 >= c.lo - 1.0 && r.x1 <= c.hi + 1.0)
    };
    let ordered: Vec<(Run, Option<usize>)> = if cols.len() < 2 {
        runs.into_iter().map(|r| (r, Some(0))).collect()
    } else {
        let mut runs = runs;
        // Top to bottom, then left to right; the sort is stable.
        runs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
        let mut out = Vec::with_capacity(runs.len());
        let mut band: Vec<Vec<Run>> = vec![Vec::new(); cols.len()];
        let flush = |band: &mut Vec<Vec<Run>>, out: &mut Vec<(Run, Option<usize>)>| {
            for (i, col) in band.iter_mut().enumerate() {
                out.extend(col.drain(..).map(|r| (r, Some(i))));
            }
        };
        for r in runs {
            match col_of(&r) {
                Some(i) => band[i].push(r),
                None => {
                    flush(&mut band, &mut out);
                    out.push((r, None));
                }
            }
        }
        flush(&mut band, &mut out);
        out
    };
    let mut text = String::new();
    let mut prev: Option<(Run, Option<usize>)> = None;
    // The lowest baseline so far, for the gap above a run that spans.
    let mut bottom = f64::INFINITY;
    for (r, col) in ordered {
        if let Some((p, pcol)) = &prev {
            let size = p.size.max(r.size);
            // A table's row is a paragraph of its own.
            let row = is_row(p) || is_row(&r);
            let same_line = (p.y - r.y).abs() <= 0.5 * size && *pcol == col && !row;
            if same_line && r.x0 >= p.x1 - 0.5 * size {
                if !text.ends_with(' ') {
                    text.push(' ');
                }
            } else {
                text.push('\n');
                let above = if *pcol == col { p.y } else { bottom };
                let new_column = col.is_some() && *pcol != col && r.y > p.y;
                // A heading set larger than its text is a paragraph of its
                // own, however tight the spacing below it.
                let resized = (p.size - r.size).abs() > RESIZED * p.size.min(r.size);
                // 1.5 and double line spacing are not paragraph breaks:
                // the gap counts against the page's own line pitch.
                let para = (1.5 * size).max(1.3 * pitch);
                if !new_column && (above - r.y > para || resized || row) {
                    text.push('\n');
                }
            }
        }
        text.push_str(&r.text);
        bottom = bottom.min(r.y);
        if col.is_none() {
            bottom = r.y;
        }
        prev = Some((r, col));
    }
    if !text.is_empty() {
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(x0: f64, x1: f64, y: f64, text: &str) -> Run {
        Run {
            x0,
            x1,
            y,
            size: 10.0,
            text: text.into(),
            cuts: Vec::new(),
        }
    }

    #[test]
    fn two_columns_read_one_after_the_other() {
        // Drawn row by row across the page, as some writers do.
        let mut runs = vec![run(50.0, 500.0, 800.0, "Tiêu đề trải hai cột")];
        let left = [
            "Dòng một bên trái",
            "dòng hai bên trái.",
            "Đoạn hai bên trái.",
        ];
        let right = [
            "dòng một bên phải",
            "dòng hai bên phải.",
            "Đoạn hai bên phải.",
        ];
        let ys = [770.0, 755.0, 730.0];
        for i in 0..3 {
            runs.push(run(50.0, 260.0, ys[i], left[i]));
            runs.push(run(290.0, 500.0, ys[i], right[i]));
        }
        runs.push(run(50.0, 500.0, 700.0, "Chú thích dưới hai cột."));
        assert_eq!(
            layout(runs),
            "Tiêu đề trải hai cột\n\nDòng một bên trái\ndòng hai bên trái.\n\n\
             Đoạn hai bên trái.\ndòng một bên phải\ndòng hai bên phải.\n\n\
             Đoạn hai bên phải.\n\nChú thích dưới hai cột.\n"
        );
    }

    #[test]
    fn one_column_keeps_the_stream_order() {
        // A date on the right and short lines make no column.
        let runs = vec![
            run(350.0, 500.0, 800.0, "Hà Nội, ngày 5/3"),
            run(50.0, 500.0, 780.0, "Dòng một của một đoạn dài,"),
            run(50.0, 500.0, 765.0, "dòng hai."),
            run(50.0, 120.0, 740.0, "Mục"),
            run(50.0, 500.0, 725.0, "Dòng cuối cùng."),
            run(300.0, 310.0, 50.0, "1"),
        ];
        assert!(columns(&runs).len() < 2, "{:?}", columns(&runs));
        assert_eq!(
            layout(runs),
            "Hà Nội, ngày 5/3\n\nDòng một của một đoạn dài,\ndòng hai.\n\nMục\n\
             Dòng cuối cùng.\n\n1\n"
        );
    }

    #[test]
    fn a_raised_note_mark_after_a_stop_is_left_out() {
        // Glyphs half their size wide, on baseline 700 unless raised.
        let note = [("rộng.", 11.0, 0.0), ("12", 7.0, 4.0), (" Ban", 11.0, 0.0)];
        assert_eq!(set(&note), ["rộng. Ban"]);
        // A power after a letter stays; so does a figure on the baseline.
        assert_eq!(set(&[("50 km", 11.0, 0.0), ("2", 7.0, 4.0)]), ["50 km^2"]);
        assert_eq!(set(&[("năm 2026.1", 11.0, 0.0)]), ["năm 2026.1"]);
    }

    /// Text set at a size, risen above the baseline by so much.
    type Piece<'a> = (&'a str, f64, f64);

    /// The runs of one line of glyphs half their size wide, on baseline
    /// 700 unless risen, one glyph per char.
    fn set(pieces: &[Piece]) -> Vec<String> {
        use pdf_extract::OutputDev;
        let mut c = Columns::default();
        let mut x = 50.0;
        for &(text, size, rise) in pieces {
            for ch in text.chars() {
                let trm = pdf_extract::Transform::create_translation(x, 700.0 + rise);
                c.output_character(&trm, 0.5, 0.0, size, &ch.to_string())
                    .unwrap();
                x += 0.5 * size;
            }
        }
        c.end_run();
        c.runs.iter().map(|r| r.text.clone()).collect()
    }

    #[test]
    fn scripts_are_written_apart_from_their_base() {
        // TeX's sizes: scripts at 7/10, a script's script at 5/7 of that.
        let (sub, sup) = (-1.5, 3.6);
        let cases: &[(&[Piece], &str)] = &[
            (
                &[("s", 10.0, 0.0), ("t", 7.0, sub), (" = x", 10.0, 0.0)],
                "s_t = x",
            ),
            (
                &[("V(s", 10.0, 0.0), ("t+1", 7.0, sub), (")", 10.0, 0.0)],
                "V(s_{t+1})",
            ),
            (
                &[("β", 10.0, 0.0), ("t", 7.0, sub), ("x", 10.0, 0.0)],
                "β_{t}x",
            ),
            (
                &[("x", 10.0, 0.0), ("i", 7.0, sub), ("2", 7.0, sup)],
                "x_i^2",
            ),
            (
                &[
                    ("với π", 10.0, 0.0),
                    ("θ", 7.0, sub),
                    ("old", 5.0, -2.5),
                    (" cũ", 10.0, 0.0),
                ],
                "với π_{θ_{old}} cũ",
            ),
            // Word's: set at 65%, lowered 0.07 em, raised a third.
            (
                &[("α", 13.0, 0.0), ("k", 8.4, -0.96), ("c", 8.4, 4.3)],
                "α_k^c",
            ),
            (
                &[
                    ("thống kê", 12.0, 0.0),
                    ("1", 8.0, 4.0),
                    (" của", 12.0, 0.0),
                ],
                "thống kê^1 của",
            ),
            // A power cut by the line's end: the run starts with its rest.
            (&[("4", 8.0, 4.0), (" để phạt", 12.0, 0.0)], "4 để phạt"),
            // Inline code, smaller and a little raised after a space.
            (
                &[
                    ("cặp ", 13.0, 0.0),
                    ("similar_a", 10.4, 1.0),
                    (" và", 13.0, 0.0),
                ],
                "cặp similar_a và",
            ),
            // Signs only glue no words: Word's `Minh(*)`.
            (
                &[
                    ("Minh", 12.0, 0.0),
                    ("(", 8.0, 4.5),
                    ("*", 12.0, 0.0),
                    (")", 8.0, 4.5),
                ],
                "Minh(*)",
            ),
            // Smaller text on the same baseline is no script.
            (
                &[
                    ("Ghi chú ", 12.0, 0.0),
                    ("(chữ nhỏ)", 8.0, 0.0),
                    (" tiếp", 12.0, 0.0),
                ],
                "Ghi chú (chữ nhỏ) tiếp",
            ),
            // Nor a tone mark drawn as a glyph of its own, small and raised.
            (
                &[("tiê", 12.0, 0.0), ("\u{301}", 8.0, 3.0), ("t", 12.0, 0.0)],
                "tiê\u{301}t",
            ),
        ];
        for (pieces, want) in cases {
            assert_eq!(set(pieces), [*want], "{pieces:?}");
        }
    }

    #[test]
    fn a_drop_cap_is_no_base_and_its_text_no_script() {
        // A cap two lines high (11 pt text, 12 pt apart), the first line's
        // text beside its top, on the cap's run: with much text or little.
        for text in ["ây là đoạn mở đầu", "ây"] {
            let runs = set(&[("Đ", 24.0, 0.0), (text, 11.0, 12.0)]);
            assert_eq!(runs, [format!("Đ{text}")]);
        }
    }

    #[test]
    fn a_word_starts_at_its_scripts_mark() {
        let mut run = Run {
            x0: 0.0,
            x1: 40.0,
            y: 700.0,
            size: 10.0,
            text: "ab cd".into(),
            cuts: vec![(3, 30.0)],
        };
        let g = |x: f64, y: f64, size: f64| Glyph {
            x,
            end: x + 5.0,
            y,
            size,
        };
        // `b` and `d` are subscripts: `a_b c_d`, `c` still where it was.
        let glyphs = [
            (0, g(0.0, 700.0, 10.0)),
            (1, g(5.0, 698.5, 7.0)),
            (3, g(30.0, 700.0, 10.0)),
            (4, g(35.0, 698.5, 7.0)),
        ];
        mark_scripts(&mut run, &glyphs);
        assert_eq!(run.text, "a_b c_d");
        assert_eq!(&run.text[run.cuts[0].0..], "c_d");
    }

    #[test]
    fn an_accent_drawn_over_a_letter_is_its_mark() {
        use pdf_extract::OutputDev;
        // (char, x, rise, width in ems): glyphs of size 10 on baseline 700.
        let read = |glyphs: &[(&str, f64, f64, f64)]| {
            let mut c = Columns::default();
            for &(ch, x, rise, w) in glyphs {
                let trm = pdf_extract::Transform::create_translation(x, 700.0 + rise);
                c.output_character(&trm, w, 0.0, 10.0, ch).unwrap();
            }
            c.end_page().unwrap();
            c.pages[0]
                .iter()
                .map(|r| r.text.clone())
                .collect::<Vec<_>>()
        };
        // TeX's `\hat{m}_t`: the accent first, raised over the letter.
        let hat = [
            ("ˆ", 51.5, 2.0, 0.5),
            ("m", 50.0, 0.0, 0.8),
            ("t", 58.0, 0.0, 0.4),
        ];
        assert_eq!(read(&hat), ["m\u{302}t"]);
        // Raised a whole line, as over a capital (`\hat{A}`).
        let cap = [("ˆ", 51.5, 7.0, 0.5), ("A", 50.0, 0.0, 0.7)];
        assert_eq!(read(&cap), ["A\u{302}"]);
        // A tone mark drawn after its letter.
        let tone = [
            ("ê", 50.0, 0.0, 0.55),
            ("´", 51.0, 1.0, 0.3),
            ("n", 55.5, 0.0, 0.6),
        ];
        assert_eq!(read(&tone), ["ê\u{301}n"]);
        // A caret and a tilde in the text's line stay what they are.
        let typed = [
            ("2", 50.0, 0.0, 0.6),
            ("^", 56.0, 0.0, 0.6),
            ("3", 62.0, 0.0, 0.6),
            (" ", 68.0, 0.0, 0.3),
            ("~", 71.0, 0.0, 0.6),
            ("/", 77.0, 0.0, 0.4),
        ];
        assert_eq!(read(&typed), ["2^3 ~/"]);
    }

    #[test]
    fn a_larger_heading_is_its_own_paragraph() {
        // As LibreOffice sets an 18 pt title over a two-column section of
        // 11 pt text: the baselines are closer than 1.5 times 18 pt, and
        // the title is no wider than a column.
        let sized = |size: f64, r: Run| Run { size, ..r };
        let mut runs = vec![sized(18.0, run(57.0, 250.0, 800.0, "Tiêu đề lớn của bài"))];
        for (i, y) in [780.0, 766.0, 752.0].into_iter().enumerate() {
            let left = [
                "Dòng một của cột trái,",
                "dòng hai của cột trái,",
                "dòng ba bên trái.",
            ][i];
            let right = [
                "Dòng một của cột phải,",
                "dòng hai của cột phải,",
                "dòng ba bên phải.",
            ][i];
            runs.push(sized(11.0, run(57.0, 290.0, y, left)));
            runs.push(sized(11.0, run(310.0, 540.0, y, right)));
        }
        let text = layout(runs);
        assert_eq!(
            text,
            "Tiêu đề lớn của bài\n\nDòng một của cột trái,\ndòng hai của cột trái,\n\
             dòng ba bên trái.\nDòng một của cột phải,\ndòng hai của cột phải,\n\
             dòng ba bên phải.\n"
        );
        assert!(reflow(&text).starts_with("Tiêu đề lớn của bài\n\n"));
        // A slightly smaller line is still the same paragraph.
        let runs = vec![
            sized(11.0, run(57.0, 540.0, 800.0, "Dòng một của đoạn văn,")),
            sized(10.0, run(57.0, 540.0, 786.0, "dòng hai của đoạn văn.")),
        ];
        assert_eq!(
            layout(runs),
            "Dòng một của đoạn văn,\ndòng hai của đoạn văn.\n"
        );
    }
}
