//! rtf: a hand-written text extractor.
//!
//! No maintained crate reads rtf text with code pages and Unicode escapes
//! done right, and the part we need is small. The reader walks the tokens
//! once, with an explicit stack of groups (no recursion):
//!
//! - `\uN` is a Unicode character (negative N wraps, surrogate pairs are
//!   joined), and the `\ucN` fallback characters after it are skipped;
//! - `\'hh` and 8-bit bytes are in the font's code page (`\fcharsetN`),
//!   else the document's `\ansicpgN` (1258 is Vietnamese; its combining
//!   tone marks are composed to NFC);
//! - text in a legacy font (`.VnTime`, `VNI-Times`) is decoded to Unicode;
//! - destinations that are not text are skipped: font, colour and style
//!   tables, pictures, objects, headers and footers, field instructions,
//!   and every `\*` destination;
//! - `\par`, `\line`, `\row` end lines; `\cell` and `\tab` are tabs;
//!   footnotes go after the body; `\info`'s `\title` is the title.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use super::docx::decode_run;
use super::encoding::{Detected, Encoding};
use super::{with_title, Failure, Format, Outcome, Raw, ReadOptions};

#[derive(Clone, Copy, PartialEq)]
enum Dest {
    Body,
    Skip,
    /// `\info`: skipped, but for its `\title`.
    Info,
    FontTable,
    Title,
    Footnote,
}

#[derive(Clone, Copy)]
struct Group {
    dest: Dest,
    uc: usize,
    font: i32,
}

#[derive(Default)]
struct Font {
    name: String,
    /// Listed in `Reader::named`.
    named: bool,
    charset: Option<i32>,
}

pub fn read(bytes: &[u8], _opts: &ReadOptions) -> Outcome {
    if !bytes.starts_with(b"{\\rtf") {
        return Err(Failure::malformed("does not start with `{\\rtf`"));
    }
    let mut r = Reader::default();
    r.run(bytes);
    let mut body = r.take(Dest::Body);
    let notes = r.take(Dest::Footnote);
    if !notes.trim().is_empty() {
        body.push_str("\n\n");
        body.push_str(&notes);
    }
    let title = r.take(Dest::Title);
    let title = title.trim();
    let mut encoding = r.legacy.map(|encoding| Detected {
        encoding,
        confidence: 1.0,
    });
    // A legacy font the table does not name (`PdTime`, a vendor's copy of
    // `.VnTime`): its paragraphs told by their text, as in a .doc.
    if encoding.is_none() {
        let (text, found) = super::doc::redecode_lines(&body);
        if found.is_some() {
            body = text;
            encoding = found;
        }
    }
    Ok(Raw {
        text: with_title((!title.is_empty()).then_some(title), &body),
        format: Format::Rtf,
        encoding,
        ocr: None,
    })
}

struct Reader {
    stack: Vec<Group>,
    group: Group,
    fonts: HashMap<i32, Font>,
    /// The fonts whose names grew since the font table was last left: only
    /// they are trimmed when it is left again, so a file of many font
    /// tables costs its length, not its length times its fonts.
    named: Vec<i32>,
    ansicpg: &'static encoding_rs::Encoding,
    /// Output per destination.
    out: HashMap<u8, String>,
    /// Undecoded bytes and characters of the current run, and its font.
    run: Vec<u8>,
    run_dest: Dest,
    run_font: i32,
    skip_fallback: usize,
    high_surrogate: Option<u16>,
    legacy: Option<Encoding>,
    /// The destination a `\*` group was opened in: `\*\ud` in `\info`
    /// is the Unicode copy of what comes before it.
    starred_in: Dest,
}

impl Default for Reader {
    fn default() -> Reader {
        let group = Group {
            dest: Dest::Body,
            uc: 1,
            font: -1,
        };
        Reader {
            stack: Vec::new(),
            group,
            fonts: HashMap::new(),
            named: Vec::new(),
            ansicpg: encoding_rs::WINDOWS_1252,
            out: HashMap::new(),
            run: Vec::new(),
            run_dest: Dest::Body,
            starred_in: Dest::Body,
            run_font: -1,
            skip_fallback: 0,
            high_surrogate: None,
            legacy: None,
        }
    }
}

fn key(d: Dest) -> u8 {
    d as u8
}

impl Reader {
    fn take(&mut self, d: Dest) -> String {
        let s = self.out.remove(&key(d)).unwrap_or_default();
        s.nfc().collect()
    }

    /// The code page of a font, by its charset.
    fn codepage(&self, font: i32) -> &'static encoding_rs::Encoding {
        let label = match self.fonts.get(&font).and_then(|f| f.charset) {
            Some(163) => "windows-1258",
            Some(238) => "windows-1250",
            Some(204) => "windows-1251",
            Some(161) => "windows-1253",
            Some(162) => "windows-1254",
            Some(177) => "windows-1255",
            Some(178) => "windows-1256",
            Some(186) => "windows-1257",
            Some(222) => "windows-874",
            _ => return self.ansicpg,
        };
        encoding_rs::Encoding::for_label(label.as_bytes()).unwrap_or(self.ansicpg)
    }

    /// Decodes the pending bytes into the output of their destination.
    fn flush(&mut self) {
        if self.run.is_empty() {
            return;
        }
        let bytes = std::mem::take(&mut self.run);
        let font = self.fonts.get(&self.run_font).map(|f| f.name.as_str());
        let text = if font.is_some_and(|f| super::docx::legacy_font(f).is_some()) {
            // Legacy fonts are font-encoded over Windows-1252.
            let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
            decode_run(&s, font, &mut self.legacy)
        } else {
            let (s, _) = self
                .codepage(self.run_font)
                .decode_without_bom_handling(&bytes);
            s.into_owned()
        };
        self.out
            .entry(key(self.run_dest))
            .or_default()
            .push_str(&text);
    }

    fn push_byte(&mut self, b: u8) {
        if self.skip_fallback > 0 {
            self.skip_fallback -= 1;
            return;
        }
        match self.group.dest {
            Dest::Skip | Dest::Info => {}
            Dest::FontTable => {
                let f = self.fonts.entry(self.group.font).or_default();
                // Leading spaces are never kept (see `leave_font_table`).
                if b != b';' && !(f.name.is_empty() && (b as char).is_whitespace()) {
                    if !f.named {
                        f.named = true;
                        self.named.push(self.group.font);
                    }
                    f.name.push(b as char);
                }
            }
            d => {
                if d != self.run_dest || self.group.font != self.run_font {
                    self.flush();
                    self.run_dest = d;
                    self.run_font = self.group.font;
                }
                self.run.push(b);
            }
        }
    }

    fn push_str(&mut self, s: &str) {
        if matches!(self.group.dest, Dest::Skip | Dest::Info | Dest::FontTable) {
            return;
        }
        self.flush();
        self.run_dest = self.group.dest;
        self.out
            .entry(key(self.group.dest))
            .or_default()
            .push_str(s);
    }

    /// Trims the font names that grew in the table just left: in place, at
    /// their end (their start never takes a space).
    fn leave_font_table(&mut self) {
        for id in self.named.drain(..) {
            if let Some(f) = self.fonts.get_mut(&id) {
                let len = f.name.trim_end().len();
                f.name.truncate(len);
                f.named = false;
            }
        }
    }

    fn run(&mut self, bytes: &[u8]) {
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            i += 1;
            match b {
                b'{' => {
                    self.stack.push(self.group);
                    self.skip_fallback = 0;
                }
                b'}' => {
                    if let Some(g) = self.stack.pop() {
                        if self.group.dest == Dest::FontTable && g.dest != Dest::FontTable {
                            self.leave_font_table();
                        }
                        self.group = g;
                    }
                    self.skip_fallback = 0;
                }
                b'\r' | b'\n' => {}
                b'\\' => i = self.control(bytes, i),
                _ => self.push_byte(b),
            }
        }
        self.flush();
    }

    /// A control symbol or word after the backslash at `i - 1`; returns the
    /// index after it.
    fn control(&mut self, bytes: &[u8], mut i: usize) -> usize {
        let Some(&c) = bytes.get(i) else { return i };
        if !c.is_ascii_alphabetic() {
            i += 1;
            match c {
                b'\'' => {
                    let hex = bytes
                        .get(i..i + 2)
                        .and_then(|h| std::str::from_utf8(h).ok());
                    if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                        self.push_byte(v);
                        return i + 2;
                    }
                }
                b'\\' | b'{' | b'}' => self.push_byte(c),
                b'~' => self.push_str("\u{a0}"),
                b'_' => self.push_str("-"),
                b'*' => {
                    self.starred_in = self.group.dest;
                    self.group.dest = Dest::Skip;
                }
                b'\r' | b'\n' => self.push_str("\n"),
                _ => {}
            }
            return i;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphabetic() && i - start < 32 {
            i += 1;
        }
        let word = std::str::from_utf8(&bytes[start..i]).unwrap_or("");
        let num_start = i;
        if i < bytes.len() && bytes[i] == b'-' {
            i += 1;
        }
        while i < bytes.len() && bytes[i].is_ascii_digit() && i - num_start < 11 {
            i += 1;
        }
        let param: Option<i64> = std::str::from_utf8(&bytes[num_start..i])
            .ok()
            .and_then(|s| s.parse().ok());
        if i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
        if word == "bin" {
            // Binary data: skipped whole, whatever it contains.
            return i
                .saturating_add(param.unwrap_or(0).max(0) as usize)
                .min(bytes.len());
        }
        self.word(word, param);
        i
    }

    fn word(&mut self, word: &str, param: Option<i64>) {
        let in_text = !matches!(self.group.dest, Dest::Skip | Dest::Info | Dest::FontTable);
        if word != "u" && self.skip_fallback > 0 && in_text {
            // A control word counts as one fallback character.
            self.skip_fallback -= 1;
            return;
        }
        match word {
            "fonttbl" => self.group.dest = Dest::FontTable,
            "f" if self.group.dest == Dest::FontTable => {
                self.group.font = param.unwrap_or(0) as i32;
                self.fonts.entry(self.group.font).or_default();
            }
            "f" => self.group.font = param.unwrap_or(0) as i32,
            "fcharset" if self.group.dest == Dest::FontTable => {
                self.fonts.entry(self.group.font).or_default().charset = param.map(|p| p as i32);
            }
            "ansicpg" => {
                let label = format!("windows-{}", param.unwrap_or(1252));
                if let Some(e) = encoding_rs::Encoding::for_label(label.as_bytes()) {
                    self.ansicpg = e;
                }
            }
            "uc" => self.group.uc = param.unwrap_or(1).clamp(0, 16) as usize,
            "u" => {
                let n = param.unwrap_or(0);
                let unit = if n < 0 { (n + 65536) as u16 } else { n as u16 };
                self.unicode(unit);
                self.skip_fallback = self.group.uc;
            }
            "info" => self.group.dest = Dest::Info,
            "title" if self.group.dest == Dest::Info => self.group.dest = Dest::Title,
            // `{\upr{\title ANSI}{\*\ud{\title Unicode}}}`: a title in
            // the code page, where Vietnamese letters outside it are `?`,
            // then the same title in Unicode, which replaces it.
            "ud" if self.group.dest == Dest::Skip && self.starred_in == Dest::Info => {
                self.flush();
                self.out.remove(&key(Dest::Title));
                self.group.dest = Dest::Info;
            }
            "footnote" if in_text => {
                self.push_str("");
                self.group.dest = Dest::Footnote;
            }
            "colortbl" | "stylesheet" | "pict" | "object" | "header" | "footer" | "headerl"
            | "headerr" | "headerf" | "footerl" | "footerr" | "footerf" | "fldinst"
            | "xmlnstbl" | "listtable" | "listoverridetable" | "rsidtbl" | "generator"
            | "themedata" | "colorschememapping" | "datastore" | "latentstyles" | "revtbl"
            | "filetbl" | "pgdsctbl" | "private" | "annotation" | "atnid" | "atnauthor"
            | "objdata" | "shppict" | "nonshppict" | "pntext" | "listtext" | "author"
            | "operator" | "company" | "subject" | "keywords" | "comment" | "doccomm"
            | "hlinkbase" | "buptim" | "creatim" | "revtim" | "printim" => {
                self.group.dest = Dest::Skip
            }
            "par" | "line" | "row" | "page" | "sect" => self.push_str("\n"),
            "cell" | "tab" => self.push_str("\t"),
            "emdash" => self.push_str("—"),
            "endash" => self.push_str("–"),
            "bullet" => self.push_str("•"),
            "lquote" => self.push_str("‘"),
            "rquote" => self.push_str("’"),
            "ldblquote" => self.push_str("“"),
            "rdblquote" => self.push_str("”"),
            _ => {}
        }
    }

    fn unicode(&mut self, unit: u16) {
        if (0xD800..0xDC00).contains(&unit) {
            self.high_surrogate = Some(unit);
            return;
        }
        let c = match self.high_surrogate.take() {
            Some(hi) if (0xDC00..0xE000).contains(&unit) => {
                char::decode_utf16([hi, unit]).next().and_then(|r| r.ok())
            }
            _ => char::from_u32(unit as u32),
        };
        if let Some(c) = c.filter(|&c| c != '\0') {
            self.push_str(c.encode_utf8(&mut [0; 4]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unicode_copy_of_the_title_wins() {
        // As LibreOffice writes the title of a Vietnamese document: first in
        // the code page, where `ế` has no byte and becomes `?`, then in
        // Unicode inside `\*\ud`.
        let rtf = br"{\rtf1\ansi\ansicpg1252{\info{\upr{\title Ti\'3fng Vi\'3ft}{\*\ud{\title Ti\u7871\'3fng Vi\u7879\'3ft}}}{\author A}}\pard Xin ch\u224\'e0o.\par}";
        let raw = read(rtf, &ReadOptions::default()).expect("reads");
        assert_eq!(raw.text, "Tiếng Việt\n\nXin chào.\n");
        // Without `\upr`, the plain title is the title.
        let rtf = br"{\rtf1\ansi{\info{\title Tin v\u7855\'3fn}}\pard Xin ch\u224\'e0o.\par}";
        let raw = read(rtf, &ReadOptions::default()).expect("reads");
        assert_eq!(raw.text, "Tin vắn\n\nXin chào.\n");
    }
}
