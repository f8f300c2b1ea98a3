//! doc (Word 97–2003): the text of the piece table.
//!
//! A `.doc` is a compound file (`cfb`). Its `WordDocument` stream opens
//! with the File Information Block (FIB), which gives the length of each
//! part of the text in characters (body, footnotes, headers, comments,
//! endnotes, ...) and where the piece table is in the table stream
//! (`0Table` or `1Table`). The piece table (the `Pcdt` in the `Clx`) maps
//! runs of character positions to bytes of `WordDocument`, each piece
//! either 8-bit (Windows-1252, "compressed") or UTF-16LE. Nothing else of
//! the format is needed for the text, and no crate reads it, so this is
//! written by hand from the published specification ([MS-DOC]).
//!
//! Out of the text come:
//!
//! - the body, then footnotes and endnotes after an empty line; headers,
//!   comments and text boxes are left out, as in docx;
//! - one line per paragraph (`\r`, and a manual line break or a page break);
//! - table cells apart by tabs, a row per line (a cell ends with `\x07`,
//!   a row with a second one), unless a cell of the row holds several
//!   paragraphs (a layout table, as docx reads it): then each paragraph is
//!   a line;
//! - of a field, its result, not its code (`\x13 code \x14 result \x15`);
//! - a character from a symbol font (the arrows of a menu path, stored as
//!   a placeholder `(` whose run's properties name the font and the
//!   character): an arrow as an arrow, a picture dropped;
//! - text typed in a legacy Vietnamese font (`.VnTime`, `VNI-Times`),
//!   stored as the font's bytes and read as Windows-1252: decoded by the
//!   font its run names, and a capitals font's (`.VnTimeH`: its lower-case
//!   codes draw capitals) upper-cased.
//!
//! Only these properties are read of the character formatting.
//!
//! Word 6/95 files (an older FIB), encrypted files and damaged piece
//! tables are refused with a message.
//!
//! Legacy text whose run names no font (the font comes from a style,
//! which this reader does not parse, or the formatting tables are
//! damaged) is decoded by its text instead: a paragraph made only of
//! Windows-1252 characters, with at least three words outside ASCII, is
//! read as TCVN3 or VNI when that makes most of its words (80%)
//! Vietnamese syllables, and 30 points more of them than before. Text in
//! Unicode, and French or English with accents, stay as they are.
//!
//! [MS-DOC]: https://learn.microsoft.com/en-us/openspecs/office_file_formats/ms-doc/

use std::io::{Cursor, Read};

use std::borrow::Cow;

use super::encoding::{vietnamese_score, Detected, Encoding};
use super::legacy::{self, LegacyFont};
use super::{Failure, Format, Outcome, Raw, ReadOptions};

/// `wIdent` of a Word 97 or later FIB.
const W_IDENT: u16 = 0xA5EC;

pub fn read(bytes: &[u8], opts: &ReadOptions) -> Outcome {
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| Failure::malformed_by("not a Word 97–2003 compound file", e))?;
    // No stream is larger than the file (nor than the reader's limit).
    let limit = opts.max_file_size.min(bytes.len() as u64);
    let word = stream(&mut cfb, "/WordDocument", limit)?
        .ok_or_else(|| Failure::malformed("no `WordDocument` stream: not a Word file"))?;
    let fib = Fib::parse(&word)?;
    let table_name = if fib.table_1 { "/1Table" } else { "/0Table" };
    let table = stream(&mut cfb, table_name, limit)?
        .ok_or_else(|| Failure::malformed(format!("no `{}` stream", &table_name[1..])))?;
    let pieces = pieces(&table, fib.fc_clx, fib.lcb_clx)?;
    let runs = runs(&word, &table, &fib);
    let text = Text {
        word: &word,
        pieces: &pieces,
        runs: &runs,
    };
    let mut out = paragraphs(&text.range(0, fib.ccp_text)?);
    for (start, len) in [
        (fib.ccp_text, fib.ccp_ftn),
        (fib.endnotes_start(), fib.ccp_edn),
    ] {
        if len == 0 {
            continue;
        }
        let notes = paragraphs(&text.range(start, start.saturating_add(len))?);
        if !notes.trim().is_empty() {
            out.push('\n');
            out.push_str(&notes);
        }
    }
    let (text, by_shape) = redecode_lines(&out);
    // Runs in a legacy font were decoded by their font: sure of it.
    let by_font = runs.iter().find_map(|r| match r.look {
        Look::Legacy(font) => font.encoding(),
        Look::Symbol(_) => None,
    });
    let legacy_used = by_shape.or(by_font.map(|encoding| Detected {
        encoding,
        confidence: 1.0,
    }));
    Ok(Raw {
        text,
        format: Format::Doc,
        encoding: legacy_used,
        ocr: None,
    })
}

/// A paragraph typed in a legacy font, decoded (see the module docs).
pub(super) fn redecode<'a>(line: &'a str, used: &mut Option<Detected>) -> Cow<'a, str> {
    if !legacy_shaped(line) {
        return Cow::Borrowed(line);
    }
    let marked = line.split_whitespace().filter(|w| !w.is_ascii()).count();
    if marked < 3 {
        return Cow::Borrowed(line);
    }
    let before = vietnamese_score(line);
    let best = [Encoding::Tcvn3, Encoding::Vni]
        .into_iter()
        .map(|e| {
            let text = decode_line(line, e);
            (e, vietnamese_score(&text), text)
        })
        .max_by(|a, b| a.1.total_cmp(&b.1));
    match best {
        Some((encoding, score, text)) if score >= 0.8 && score >= before + 0.3 => {
            let text = capitals(&text);
            if used.is_none_or(|d| d.confidence > score) {
                *used = Some(Detected {
                    encoding,
                    confidence: score,
                });
            }
            Cow::Owned(text)
        }
        _ => Cow::Borrowed(line),
    }
}

/// Every line of `text` typed in a legacy font, decoded: first the lines
/// that [`redecode`] is sure of on their own; then, in a document where
/// such lines were found, the short ones too (a title in capitals,
/// `THUÛ THUAÄT WORD`, has too few marked words to be sure of alone) when
/// the document's encoding turns them into Vietnamese. Returns the text and
/// the encoding found.
pub(super) fn redecode_lines(text: &str) -> (String, Option<Detected>) {
    let mut used = None;
    let lines: Vec<Cow<str>> = text
        .split_inclusive('\n')
        .map(|line| redecode(line, &mut used))
        .collect();
    let Some(found) = used.filter(|d| d.confidence >= 0.8) else {
        return (lines.concat(), used);
    };
    let out = lines
        .into_iter()
        .map(|line| match line {
            Cow::Borrowed(line) if legacy_shaped(line) => {
                let decoded = decode_line(line, found.encoding);
                // Each reading well formed (`Sè`, `Số`): the document's
                // encoding decides.
                let score = vietnamese_score(&decoded);
                if score >= 0.8 && score >= vietnamese_score(line) && decoded != line {
                    Cow::Owned(capitals(&decoded))
                } else {
                    Cow::Borrowed(line)
                }
            }
            line => line,
        })
        .collect::<Vec<_>>()
        .concat();
    (out, used)
}

/// Could `line` be text typed in a legacy font, read as Windows-1252: not
/// all ASCII, and every character one a Windows-1252 byte gives?
fn legacy_shaped(line: &str) -> bool {
    !line.is_ascii() && line.chars().all(|c| legacy::cp1252_byte(c).is_some())
}

/// `line` (Windows-1252 characters) read in `encoding`: VNI, else TCVN3,
/// the two encodings of legacy fonts [`redecode`] knows.
fn decode_line(line: &str, encoding: Encoding) -> String {
    match encoding {
        Encoding::Vni => legacy::vni_chars(line.chars()),
        _ => legacy::tcvn3_chars(line.chars()),
    }
}

/// Decoded text with the words of a capitals font made whole: the legacy
/// fonts for capitals (`.VnTimeH`) draw a capital for the lower-case code
/// of a marked letter, so `TàI CHíNH` (capitals around a lower-case marked
/// letter) reads `TÀI CHÍNH`.
fn capitals(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for piece in text.split_inclusive(char::is_whitespace) {
        let word = piece.trim_end_matches(char::is_whitespace);
        let upper = word.bytes().filter(u8::is_ascii_uppercase).count();
        if upper >= 2 && !word.bytes().any(|b| b.is_ascii_lowercase()) {
            out.extend(word.chars().flat_map(char::to_uppercase));
        } else {
            out.push_str(word);
        }
        out.push_str(&piece[word.len()..]);
    }
    out
}

/// The bytes of the stream at `path`, `None` when there is none; an error
/// past `limit` bytes.
fn stream(
    cfb: &mut cfb::CompoundFile<Cursor<&[u8]>>,
    path: &str,
    limit: u64,
) -> Result<Option<Vec<u8>>, Failure> {
    if !cfb.is_stream(path) {
        return Ok(None);
    }
    let mut s = cfb
        .open_stream(path)
        .map_err(|e| Failure::malformed(format!("cannot open `{}`: {e}", &path[1..])))?;
    let mut out = Vec::with_capacity(s.len().min(limit) as usize);
    (&mut s)
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| Failure::malformed(format!("cannot read `{}`: {e}", &path[1..])))?;
    if out.len() as u64 > limit {
        return Err(Failure::malformed(format!(
            "`{}` is larger than the file",
            &path[1..]
        )));
    }
    Ok(Some(out))
}

/// What the reader needs of the File Information Block.
#[derive(Debug, Default, PartialEq)]
struct Fib {
    /// The table stream is `1Table` (else `0Table`).
    table_1: bool,
    ccp_text: u32,
    ccp_ftn: u32,
    ccp_hdd: u32,
    ccp_atn: u32,
    ccp_edn: u32,
    fc_clx: u32,
    lcb_clx: u32,
    /// The character formatting's bin table (`PlcBteChpx`).
    fc_bte_chpx: u32,
    lcb_bte_chpx: u32,
    /// The font table (`SttbfFfn`).
    fc_ffn: u32,
    lcb_ffn: u32,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    b.get(at..at + 2).map(|s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

impl Fib {
    fn parse(word: &[u8]) -> Result<Fib, Failure> {
        let short = || Failure::malformed("the File Information Block is cut short");
        let ident = u16_at(word, 0).ok_or_else(short)?;
        if ident != W_IDENT {
            return Err(Failure::malformed(format!(
                "not a Word 97–2003 document (wIdent {ident:#06x})"
            )));
        }
        let n_fib = u16_at(word, 2).ok_or_else(short)?;
        if n_fib < 0x65 {
            return Err(Failure::malformed(format!(
                "a Word 6/95 document (nFib {n_fib:#x}); save it as .docx"
            )));
        }
        let flags = u16_at(word, 0x0A).ok_or_else(short)?;
        if flags & 0x0100 != 0 {
            return Err(Failure::malformed("the document is password-protected"));
        }
        // FibBase (32 bytes), then three arrays, each after its count.
        let csw = u16_at(word, 32).ok_or_else(short)? as usize;
        let lw = 34 + csw * 2;
        let cslw = u16_at(word, lw).ok_or_else(short)? as usize;
        let rg_lw = lw + 2;
        let fc = rg_lw + cslw * 4;
        let cb_fc_lcb = u16_at(word, fc).ok_or_else(short)? as usize;
        let rg_fc = fc + 2;
        if cslw < 11 || cb_fc_lcb < 34 {
            return Err(short());
        }
        let lw_at = |i: usize| u32_at(word, rg_lw + i * 4).ok_or_else(short);
        Ok(Fib {
            table_1: flags & 0x0200 != 0,
            ccp_text: lw_at(3)?,
            ccp_ftn: lw_at(4)?,
            ccp_hdd: lw_at(5)?,
            ccp_atn: lw_at(7)?,
            ccp_edn: lw_at(8)?,
            // fcClx/lcbClx: the 34th pair of FibRgFcLcb97.
            fc_clx: u32_at(word, rg_fc + 33 * 8).ok_or_else(short)?,
            lcb_clx: u32_at(word, rg_fc + 33 * 8 + 4).ok_or_else(short)?,
            fc_bte_chpx: u32_at(word, rg_fc + 12 * 8).ok_or_else(short)?,
            lcb_bte_chpx: u32_at(word, rg_fc + 12 * 8 + 4).ok_or_else(short)?,
            fc_ffn: u32_at(word, rg_fc + 15 * 8).ok_or_else(short)?,
            lcb_ffn: u32_at(word, rg_fc + 15 * 8 + 4).ok_or_else(short)?,
        })
    }

    /// Where the endnotes start: after the body, footnotes, headers and
    /// comments.
    fn endnotes_start(&self) -> u32 {
        self.ccp_text
            .saturating_add(self.ccp_ftn)
            .saturating_add(self.ccp_hdd)
            .saturating_add(self.ccp_atn)
    }
}

/// One piece: character positions `cp..cp_end` are at byte `fc` of
/// `WordDocument`, one byte (Windows-1252) or two (UTF-16LE) each.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Piece {
    cp: u32,
    cp_end: u32,
    fc: u32,
    compressed: bool,
}

/// The piece table of the `Clx` at `fc..fc + lcb` of the table stream.
fn pieces(table: &[u8], fc: u32, lcb: u32) -> Result<Vec<Piece>, Failure> {
    let bad = |why: &str| Failure::malformed(format!("bad piece table: {why}"));
    let clx = (fc as usize)
        .checked_add(lcb as usize)
        .and_then(|end| table.get(fc as usize..end))
        .ok_or_else(|| bad("outside the table stream"))?;
    let mut at = 0;
    // Skip the Prcs (formatting of pieces) before the Pcdt.
    while clx.get(at) == Some(&0x01) {
        let cb = u16_at(clx, at + 1).ok_or_else(|| bad("cut short"))? as usize;
        at += 3 + cb;
    }
    if clx.get(at) != Some(&0x02) {
        return Err(bad("no Pcdt"));
    }
    let lcb = u32_at(clx, at + 1).ok_or_else(|| bad("cut short"))? as usize;
    let plc = clx
        .get(at + 5..)
        .and_then(|rest| rest.get(..lcb))
        .ok_or_else(|| bad("cut short"))?;
    if lcb < 16 || !(lcb - 4).is_multiple_of(12) {
        return Err(bad("wrong size"));
    }
    let n = (lcb - 4) / 12;
    let cp = |i: usize| u32_at(plc, i * 4).unwrap_or(0);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let (start, end) = (cp(i), cp(i + 1));
        if end < start {
            return Err(bad("positions out of order"));
        }
        let pcd = 4 * (n + 1) + 8 * i;
        let raw = u32_at(plc, pcd + 2).unwrap_or(0);
        let compressed = raw & 0x4000_0000 != 0;
        let fc = raw & 0x3FFF_FFFF;
        out.push(Piece {
            cp: start,
            cp_end: end,
            fc: if compressed { fc / 2 } else { fc },
            compressed,
        });
    }
    Ok(out)
}

/// A run of the character formatting that changes what its text reads
/// as: file positions `fc..fc_end` of `WordDocument`.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Run {
    fc: u32,
    fc_end: u32,
    look: Look,
}

/// What a [`Run`]'s characters read as.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Look {
    /// A character Word draws from a symbol font (Insert > Symbol, the
    /// arrows of a menu path): the text holds a placeholder `(`, the font
    /// and the character are in the run's formatting (`sprmCSymbol`).
    /// What it reads as; `None` drops it.
    Symbol(Option<char>),
    /// Text typed in a legacy Vietnamese font (`.VnTime`, `.VnTimeH`,
    /// `VNI-Times`, named by `sprmCRgFtc0`): its codes are that font's.
    Legacy(LegacyFont),
}

/// The runs of the character formatting pages (`ChpxFkp`, 512 bytes each,
/// listed by `PlcBteChpx`) that hold a symbol character or are typed in a
/// legacy font, in file order. A table that does not parse gives none: the
/// text is read without them (and legacy text is then decoded by its
/// shape, see [`redecode`]).
fn runs(word: &[u8], table: &[u8], fib: &Fib) -> Vec<Run> {
    let part = |fc: u32, lcb: u32| {
        (fc as usize)
            .checked_add(lcb as usize)
            .and_then(|end| table.get(fc as usize..end))
    };
    let Some(plc) = part(fib.fc_bte_chpx, fib.lcb_bte_chpx) else {
        return Vec::new();
    };
    if plc.len() < 12 || !(plc.len() - 4).is_multiple_of(8) {
        return Vec::new();
    }
    let fonts = part(fib.fc_ffn, fib.lcb_ffn)
        .map(font_names)
        .unwrap_or_default();
    let font = |ftc: u16| fonts.get(ftc as usize).map_or("", String::as_str);
    let n = (plc.len() - 4) / 8;
    let mut out = Vec::new();
    for i in 0..n {
        let pn = u32_at(plc, 4 * (n + 1) + 4 * i).unwrap_or(0) & 0x3F_FFFF;
        let Some(page) = (pn as usize)
            .checked_mul(512)
            .and_then(|at| word.get(at..at + 512))
        else {
            continue;
        };
        let crun = page[511] as usize;
        for r in 0..crun {
            let (Some(fc), Some(fc_end)) = (u32_at(page, 4 * r), u32_at(page, 4 * r + 4)) else {
                break;
            };
            let Some(&offset) = page.get(4 * (crun + 1) + r) else {
                break;
            };
            let at = offset as usize * 2;
            let Some(&cb) = page.get(at).filter(|_| offset != 0) else {
                continue;
            };
            let Some(grpprl) = page.get(at + 1..(at + 1 + cb as usize).min(511)) else {
                continue;
            };
            let look = if let Some(op) = sprm(grpprl, SPRM_C_SYMBOL) {
                let (Some(ftc), Some(xchar)) = (u16_at(op, 0), u16_at(op, 2)) else {
                    continue;
                };
                Look::Symbol(symbol_char(font(ftc), xchar))
            } else if let Some(legacy) = sprm(grpprl, SPRM_C_RG_FTC0)
                .and_then(|op| u16_at(op, 0))
                .and_then(|ftc| legacy::legacy_font(font(ftc)))
            {
                Look::Legacy(legacy)
            } else {
                continue;
            };
            if fc < fc_end {
                out.push(Run { fc, fc_end, look });
            }
        }
    }
    out.sort_by_key(|r| r.fc);
    out
}

/// `sprmCSymbol`: a symbol font's character (font, then character).
const SPRM_C_SYMBOL: u16 = 0x6A09;
/// `sprmCRgFtc0`: the font of the run's ASCII characters.
const SPRM_C_RG_FTC0: u16 = 0x4A4F;

/// The operand of the property `wanted` in `grpprl`, if the run sets it.
fn sprm(grpprl: &[u8], wanted: u16) -> Option<&[u8]> {
    let mut at = 0;
    while at + 2 <= grpprl.len() {
        let sprm = u16_at(grpprl, at)?;
        at += 2;
        // The operand's size is in the sprm's top three bits (`spra`).
        let size = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ => *grpprl.get(at)? as usize + 1,
        };
        if sprm == wanted {
            return grpprl.get(at..at + size);
        }
        at += size;
    }
    None
}

/// The names of the document's fonts (`SttbfFfn`), by their index.
fn font_names(sttb: &[u8]) -> Vec<String> {
    let mut names = Vec::new();
    let count = u16_at(sttb, 0).unwrap_or(0);
    let mut at = 4;
    for _ in 0..count {
        let Some(&cb) = sttb.get(at) else {
            break;
        };
        let ffn = sttb.get(at + 1..at + 1 + cb as usize).unwrap_or(&[]);
        // The name (UTF-16, ended by a zero) follows 39 bytes of metrics.
        let units: Vec<u16> = ffn
            .get(39..)
            .unwrap_or(&[])
            .chunks_exact(2)
            .map(|p| u16::from_le_bytes([p[0], p[1]]))
            .take_while(|&u| u != 0)
            .collect();
        names.push(String::from_utf16_lossy(&units));
        at += 1 + cb as usize;
    }
    names
}

/// What a symbol font's character reads as: the arrows of Wingdings and
/// Symbol as arrows, Wingdings' round bullet as a bullet; the rest of a
/// symbol font (pictures) is dropped. A character of another font is
/// itself.
fn symbol_char(font: &str, xchar: u16) -> Option<char> {
    let font = font.to_ascii_lowercase();
    // Symbol fonts' characters are often given in the private-use copy
    // of their code page (`0xF0E8` for `0xE8`).
    let code = if (0xF000..=0xF0FF).contains(&xchar) {
        xchar - 0xF000
    } else {
        xchar
    };
    const ARROWS: [char; 4] = ['←', '→', '↑', '↓'];
    if font == "wingdings" {
        // Left, right, up and down in turn: plain and heavy arrowheads
        // (0xD7–0xDE), arrows (0xDF–0xE2, 0xE7–0xEA), outlined (0xEF–0xF2).
        return match code {
            0xD7..=0xE2 => Some(ARROWS[(code as usize - 0xD7) % 4]),
            0xE7..=0xEA => Some(ARROWS[(code as usize - 0xE7) % 4]),
            0xEF..=0xF2 => Some(ARROWS[(code as usize - 0xEF) % 4]),
            0x6C | 0x9F => Some('•'),
            _ => None,
        };
    }
    if font == "symbol" {
        return match code {
            0xAC..=0xAF => Some(['←', '↑', '→', '↓'][code as usize - 0xAC]),
            0xDC..=0xDF => Some(['⇐', '⇑', '⇒', '⇓'][code as usize - 0xDC]),
            0xB7 => Some('•'),
            _ => None,
        };
    }
    if font.starts_with("wingdings") || font.starts_with("webdings") || font.starts_with("symbol") {
        return None;
    }
    char::from_u32(u32::from(xchar)).filter(|c| !('\u{E000}'..='\u{F8FF}').contains(c))
}

/// The document's characters, through the piece table.
struct Text<'a> {
    word: &'a [u8],
    pieces: &'a [Piece],
    /// In file order.
    runs: &'a [Run],
}

impl Text<'_> {
    /// The characters at positions `start..end`, as Word stores them
    /// (control characters included), with the runs of symbol and legacy
    /// fonts read as what they draw.
    fn range(&self, start: u32, end: u32) -> Result<String, Failure> {
        let mut out = String::new();
        // Pieces may point at the same bytes; a real document's text is
        // never longer than its stream.
        let mut budget = self.word.len();
        for p in self.pieces {
            let (from, to) = (start.max(p.cp), end.min(p.cp_end));
            if from >= to {
                continue;
            }
            let (skip, count) = ((from - p.cp) as usize, (to - from) as usize);
            let width = if p.compressed { 1 } else { 2 };
            budget = budget
                .checked_sub(count.saturating_mul(width))
                .ok_or_else(|| {
                    Failure::malformed("the piece table gives more text than the document holds")
                })?;
            let bytes = (p.fc as usize)
                .checked_add(skip * width)
                .and_then(|a| Some((a, a.checked_add(count * width)?)))
                .and_then(|(a, b)| self.word.get(a..b))
                .ok_or_else(|| {
                    Failure::malformed("a piece of text lies outside the document stream")
                })?;
            let s = if p.compressed {
                encoding_rs::WINDOWS_1252.decode(bytes).0
            } else {
                encoding_rs::UTF_16LE.decode_without_bom_handling(bytes).0
            };
            let first = p.fc as usize + skip * width;
            let last = first + count * width;
            // The runs that end past this piece's first byte, in order.
            let mut runs = self.runs[self.runs.partition_point(|r| r.fc_end as usize <= first)..]
                .iter()
                .take_while(|r| (r.fc as usize) < last)
                .peekable();
            if runs.peek().is_none() {
                out.push_str(&s);
                continue;
            }
            // Text of a legacy font waiting to be decoded as a whole (VNI
            // puts a letter's marks after it).
            let mut legacy: Option<(LegacyFont, String)> = None;
            for (i, c) in s.chars().enumerate() {
                let fc = first + i * width;
                while runs.next_if(|r| r.fc_end as usize <= fc).is_some() {}
                let look = runs.peek().filter(|r| r.fc as usize <= fc).map(|r| r.look);
                match look {
                    Some(Look::Legacy(font)) => match &mut legacy {
                        Some((f, pending)) if *f == font => pending.push(c),
                        _ => {
                            flush(&mut legacy, &mut out);
                            legacy = Some((font, c.to_string()));
                        }
                    },
                    Some(Look::Symbol(shown)) if c == '(' => {
                        flush(&mut legacy, &mut out);
                        out.extend(shown);
                    }
                    _ => {
                        flush(&mut legacy, &mut out);
                        out.push(c);
                    }
                }
            }
            flush(&mut legacy, &mut out);
        }
        Ok(out)
    }
}

/// Writes the waiting text of a legacy font, decoded, to `out` (Word's
/// marks, below 0x20, read the same in every font).
fn flush(legacy: &mut Option<(LegacyFont, String)>, out: &mut String) {
    if let Some((font, text)) = legacy.take() {
        out.push_str(&font.decode(&text));
    }
}

/// Word's characters to lines of text (see the module docs).
fn paragraphs(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    // For each open field: still in its code (before `\x14`).
    let mut fields: Vec<bool> = Vec::new();
    let mut prev = '\0';
    // The current row has a cell of several paragraphs; a paragraph mark
    // was seen since the last cell's end.
    let mut layout = false;
    let mut broke = false;
    // Past the first cell of a row.
    let mut in_row = false;
    for (i, c) in raw.char_indices() {
        match c {
            '\x13' => fields.push(true),
            '\x14' => {
                if let Some(code) = fields.last_mut() {
                    *code = false;
                }
            }
            '\x15' => {
                fields.pop();
            }
            _ if fields.iter().any(|&code| code) => {}
            '\r' | '\x0B' | '\x0C' => {
                end_line(&mut out);
                broke = true;
            }
            '\x07' if prev == '\x07' => {
                // A row's end after its last cell's.
                let kept = out.trim_end_matches('\t').len();
                out.truncate(kept);
                if !out.ends_with('\n') {
                    end_line(&mut out);
                }
                layout = false;
                in_row = false;
                broke = false;
            }
            '\x07' => {
                let kept = out.trim_end_matches([' ', '\r']).len();
                out.truncate(kept);
                // A cell after the first that broke, or a paragraph mark
                // in the rest of the row: the row is a layout table.
                let rest = &raw[i + 1..];
                // The row ends at the next cell's end followed by the row's
                // mark, or here when the row's mark comes next.
                let row_end = if rest.starts_with('\x07') {
                    0
                } else {
                    rest.find("\x07\x07").unwrap_or(rest.len())
                };
                layout |= broke && in_row || rest[..row_end].contains('\r');
                if layout {
                    end_line(&mut out);
                } else {
                    out.push('\t');
                }
                broke = false;
                in_row = true;
            }
            '\x1E' => out.push('-'),
            '\t' => out.push('\t'),
            '\u{A0}' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\x1F' => {}
            // A footnote's text starts after its mark and a space.
            ' ' if out.is_empty() || out.ends_with('\n') => {}
            c => out.push(c),
        }
        prev = c;
    }
    if !out.is_empty() && !out.ends_with('\n') {
        end_line(&mut out);
    }
    out
}

fn end_line(out: &mut String) {
    let kept = out.trim_end_matches([' ', '\t']).len();
    out.truncate(kept);
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_tables_and_breaks() {
        let raw = "Tiêu đề\r\rXem \x13 HYPERLINK \"x\" \x14trang này\x15 nhé.\x0BDòng hai\r\
                   Tỉnh\x07Số dân\x07\x07Đồng Tháp\x07 1,6 triệu\x07\x07\
                   Gạch\x1Enối, mềm\x1Fmại\x01\x08\r";
        assert_eq!(
            paragraphs(raw),
            "Tiêu đề\n\nXem trang này nhé.\nDòng hai\nTỉnh\tSố dân\n\
             Đồng Tháp\t 1,6 triệu\nGạch-nối, mềmmại\n"
        );
        // A row with a cell of several paragraphs (a letterhead) is read a
        // paragraph a line; the paragraph before a table is not its cell's.
        let raw = "Trước.\rỦY BAN\rSố: 5\x07CỘNG HÒA\rĐộc lập\x07\x07Sau.\r\
                   A\x07B\x07\x07C\x07D\rE\x07\x07";
        assert_eq!(
            paragraphs(raw),
            "Trước.\nỦY BAN\nSố: 5\nCỘNG HÒA\nĐộc lập\nSau.\nA\tB\nC\nD\nE\n"
        );
        // Nested fields keep the inner result only where the outer shows it.
        assert_eq!(paragraphs("a\x13 IF \x13 X \x14b\x15 \x14c\x15d"), "acd\n");
    }

    #[test]
    fn legacy_paragraphs_by_their_text() {
        let mut used = None;
        // TCVN3 (`.VnTime`), as Windows-1252 characters.
        let tcvn3 = "Héi nghÞ tæng kÕt c«ng t¸c n¨m\n";
        assert_eq!(
            redecode(tcvn3, &mut used),
            "Hội nghị tổng kết công tác năm\n"
        );
        assert_eq!(used.map(|d| d.encoding), Some(Encoding::Tcvn3));
        // VNI (`VNI-Times`).
        let vni = "Nguyeãn Vaên Baûy ñöôïc khen thöôûng\n";
        assert_eq!(
            redecode(vni, &mut used),
            "Nguyễn Văn Bảy được khen thưởng\n"
        );
        // Left alone: Unicode Vietnamese, French, too few marked words.
        for line in [
            "Tôi là ai, và đây là đâu?\n",
            "Hà Nội mùa thu à\n",
            "Le café est très bon à Paris, près de la gare.\n",
            "Héi nghÞ mai\n",
        ] {
            assert_eq!(redecode(line, &mut None), line);
        }
    }

    #[test]
    fn short_legacy_lines_decoded_in_a_legacy_document() {
        // A title with two marked words is not decoded on its own…
        let title = "THUÛ THUAÄT WORD\n";
        assert_eq!(redecode(title, &mut None), title);
        // …but it is in a document whose other lines are VNI.
        let text = format!("{title}Nguyeãn Vaên Baûy ñöôïc khen thöôûng\nCafé à Paris\n");
        let (out, used) = redecode_lines(&text);
        assert_eq!(
            out,
            "THỦ THUẬT WORD\nNguyễn Văn Bảy được khen thưởng\nCafé à Paris\n"
        );
        assert_eq!(used.map(|d| d.encoding), Some(Encoding::Vni));
        // A capitals font's marked letters, and a short line that reads
        // well both ways, in a TCVN3 document.
        let (out, _) = redecode_lines("Bé TµI CHÝNH\nSè 12\nHéi nghÞ tæng kÕt c«ng t¸c n¨m\n");
        assert_eq!(out, "Bộ TÀI CHÍNH\nSố 12\nHội nghị tổng kết công tác năm\n");
        // A Unicode document's short lines stay as they are.
        let (out, used) = redecode_lines(title);
        assert_eq!((out.as_str(), used), (title, None));
    }

    #[test]
    fn pieces_of_both_widths() {
        // "Hà " compressed at byte 8, "Nội" as UTF-16 at byte 16.
        let mut word = vec![0u8; 32];
        word[8..11].copy_from_slice(b"H\xe0 ");
        for (i, u) in "Nội".encode_utf16().enumerate() {
            word[16 + 2 * i..18 + 2 * i].copy_from_slice(&u.to_le_bytes());
        }
        let mut plc = Vec::new();
        for cp in [0u32, 3, 6] {
            plc.extend(cp.to_le_bytes());
        }
        for fc in [(16u32 | 0x4000_0000), 16] {
            plc.extend([0, 0]);
            plc.extend(fc.to_le_bytes());
            plc.extend([0, 0]);
        }
        let mut clx = vec![0x01, 2, 0, 0xAA, 0xBB, 0x02];
        clx.extend((plc.len() as u32).to_le_bytes());
        clx.extend(&plc);
        let pieces = pieces(&clx, 0, clx.len() as u32).unwrap();
        assert_eq!(pieces.len(), 2);
        let text = Text {
            word: &word,
            pieces: &pieces,
            runs: &[],
        };
        assert_eq!(text.range(0, 6).unwrap(), "Hà Nội");
        assert_eq!(text.range(1, 5).unwrap(), "à Nộ");
        // A piece past the end of the stream is an error, not a panic.
        let far = Piece {
            cp: 0,
            cp_end: 4,
            fc: u32::MAX - 2,
            compressed: false,
        };
        let text = Text {
            word: &word,
            pieces: &[far],
            runs: &[],
        };
        assert!(text.range(0, 4).is_err());
    }

    /// A document of one compressed piece, `body` at byte 1024, and one
    /// character formatting page: the runs `(from, to, grpprl)` (byte
    /// offsets into `body`; the rest has no properties), over the fonts
    /// `fonts`. Returns its text, read.
    fn formatted(body: &[u8], props: &[(u32, u32, Vec<u8>)], fonts: &[&str]) -> (usize, String) {
        let mut word = vec![0u8; 1024];
        word.extend(body);
        word.resize(2048, 0);
        // The page (page 4): each run's first byte, then the last run's
        // end; a byte per run, the half offset of its Chpx; the Chpxs from
        // byte 256 up; the count of runs last.
        let mut page = vec![0u8; 512];
        let mut at = 256;
        for (r, (from, to, grpprl)) in props.iter().enumerate() {
            page[4 * r..4 * r + 4].copy_from_slice(&(1024 + from).to_le_bytes());
            page[4 * r + 4..4 * r + 8].copy_from_slice(&(1024 + to).to_le_bytes());
            page[4 * (props.len() + 1) + r] = (at / 2) as u8;
            page[at] = grpprl.len() as u8;
            page[at + 1..at + 1 + grpprl.len()].copy_from_slice(grpprl);
            at += (1 + grpprl.len()).next_multiple_of(2);
        }
        page[511] = props.len() as u8;
        word.extend(&page);
        // The table stream: the bin table, then the font table.
        let end = 1024 + body.len() as u32;
        let mut table = Vec::new();
        table.extend(1024u32.to_le_bytes());
        table.extend(end.to_le_bytes());
        table.extend(4u32.to_le_bytes());
        let ffn_at = table.len() as u32;
        table.extend([fonts.len() as u8, 0, 0, 0]);
        for name in fonts {
            let mut ffn = vec![0u8; 39];
            for u in name.encode_utf16().chain([0]) {
                ffn.extend(u.to_le_bytes());
            }
            table.push(ffn.len() as u8);
            table.extend(ffn);
        }
        let fib = Fib {
            table_1: true,
            ccp_text: body.len() as u32,
            ccp_ftn: 0,
            ccp_hdd: 0,
            ccp_atn: 0,
            ccp_edn: 0,
            fc_clx: 0,
            lcb_clx: 0,
            fc_bte_chpx: 0,
            lcb_bte_chpx: 12,
            fc_ffn: ffn_at,
            lcb_ffn: table.len() as u32 - ffn_at,
        };
        let runs = runs(&word, &table, &fib);
        let pieces = [Piece {
            cp: 0,
            cp_end: body.len() as u32,
            fc: 1024,
            compressed: true,
        }];
        let text = Text {
            word: &word,
            pieces: &pieces,
            runs: &runs,
        };
        (runs.len(), text.range(0, body.len() as u32).unwrap())
    }

    #[test]
    fn symbol_characters_read_as_what_they_draw() {
        // Two placeholders are Wingdings arrows (`0xF0E8`), a third `(` is
        // a parenthesis. The symbol runs' properties: sprmCFBold, then
        // sprmCSymbol.
        let body = "Chon ( Them ( Luu (hoac link).";
        let arrow = vec![0x35, 0x08, 1, 0x09, 0x6A, 1, 0, 0xE8, 0xF0];
        let props = [(5, 6, arrow.clone()), (12, 13, arrow)];
        let (runs, text) = formatted(body.as_bytes(), &props, &["Times New Roman", "Wingdings"]);
        assert_eq!(runs, 2);
        assert_eq!(text, "Chon → Them → Luu (hoac link).");
        assert_eq!(symbol_char("Symbol", 0xF0AE), Some('→'));
        assert_eq!(symbol_char("Wingdings", 0xF0FC), None);
        assert_eq!(symbol_char("Times New Roman", 0x2192), Some('→'));
    }

    #[test]
    fn legacy_fonts_are_read_by_their_runs() {
        // A heading typed in the capitals font `.VnTimeH` (lower-case
        // codes, drawn as capitals), TCVN3 and VNI runs, a Unicode-font
        // run (French), a paragraph mark inside a run. The paragraph is
        // too short to be decoded by its shape alone.
        let body = "héi nghÞ t\u{00E6}ng kÕt\rNguyeãn Vaên Baûy Café\r";
        let bytes = encoding_rs::WINDOWS_1252.encode(body).0;
        // sprmCRgFtc0 and the font's index.
        let font = |ftc: u8| vec![0x4F, 0x4A, ftc, 0];
        let props = [
            (0, 9, font(1)),
            (9, 18, font(2)),
            (18, 36, font(3)),
            (36, 41, font(0)),
        ];
        let fonts = ["Times New Roman", ".VnTimeH", ".VnTime", "VNI-Times"];
        let (runs, text) = formatted(&bytes, &props, &fonts);
        assert_eq!(runs, 3);
        assert_eq!(text, "HỘI NGHỊ tổng kết\rNguyễn Văn Bảy Café\r");
        // Without the fonts, the same bytes are left as they are here (the
        // line decoder judges them by their shape later).
        let (_, plain) = formatted(&bytes, &[], &fonts);
        assert_eq!(plain, body);
    }
}
