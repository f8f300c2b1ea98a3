//! Decoders for the legacy Vietnamese encodings: VISCII, TCVN3 (ABC) and VNI.
//!
//! The tables are written from the published standards:
//!
//! - VISCII, RFC 1456 (1993): a full 8-bit code page; six capitals sit in C0
//!   control positions (`0x02`, `0x05`, `0x06`, `0x14`, `0x19`, `0x1E`).
//! - TCVN3 is TCVN 5712:1993 "VN3", the set the ABC keyboard and the
//!   `.VnTime` fonts use: the lower-case precomposed letters and the
//!   capitals without tone marks. Capitals with tone marks were typed in a
//!   second font (`.VnTimeH`) that draws the same codes as capitals, so a
//!   font name ending in `H` means "upper case" (see [`decode_tcvn3`]).
//! - VNI (VNI Windows, the `VNI-Times` fonts) writes a letter with marks as
//!   the base letter followed by a mark byte at a Windows-1252 position:
//!   `Vieät` is `Việt`. Its few one-byte letters (`ñ` for `đ`, `ö` for `ư`,
//!   `ô` for `ơ`, `ò` for `ị`...) complete it.
//!
//! Bytes a table leaves free decode as Windows-1252, which is what the
//! legacy fonts drew there too (curly quotes, dashes, `…`). Output is NFC.
//!
//! The unit tests cross-check VISCII and TCVN3 against glibc's `iconv`
//! (`VISCII`, `TCVN5712-1`) when it is installed, and round-trip text
//! written for the purpose through each table.

use unicode_normalization::UnicodeNormalization;

/// VISCII `0x80..=0xFF`, RFC 1456.
const VISCII_HIGH: [char; 128] = [
    // 0x80
    'Ạ', 'Ắ', 'Ằ', 'Ặ', 'Ấ', 'Ầ', 'Ẩ', 'Ậ', 'Ẽ', 'Ẹ', 'Ế', 'Ề', 'Ể', 'Ễ', 'Ệ', 'Ố',
    // 0x90
    'Ồ', 'Ổ', 'Ỗ', 'Ộ', 'Ợ', 'Ớ', 'Ờ', 'Ở', 'Ị', 'Ỏ', 'Ọ', 'Ỉ', 'Ủ', 'Ũ', 'Ụ', 'Ỳ',
    // 0xA0
    'Õ', 'ắ', 'ằ', 'ặ', 'ấ', 'ầ', 'ẩ', 'ậ', 'ẽ', 'ẹ', 'ế', 'ề', 'ể', 'ễ', 'ệ', 'ố',
    // 0xB0
    'ồ', 'ổ', 'ỗ', 'Ỡ', 'Ơ', 'ộ', 'ờ', 'ở', 'ị', 'Ự', 'Ứ', 'Ừ', 'Ử', 'ơ', 'ớ', 'Ư',
    // 0xC0
    'À', 'Á', 'Â', 'Ã', 'Ả', 'Ă', 'ẳ', 'ẵ', 'È', 'É', 'Ê', 'Ẻ', 'Ì', 'Í', 'Ĩ', 'ỳ',
    // 0xD0
    'Đ', 'ứ', 'Ò', 'Ó', 'Ô', 'ạ', 'ỷ', 'ừ', 'ử', 'Ù', 'Ú', 'ỹ', 'ỵ', 'Ý', 'ỡ', 'ư',
    // 0xE0
    'à', 'á', 'â', 'ã', 'ả', 'ă', 'ữ', 'ẫ', 'è', 'é', 'ê', 'ẻ', 'ì', 'í', 'ĩ', 'ỉ',
    // 0xF0
    'đ', 'ự', 'ò', 'ó', 'ô', 'õ', 'ỏ', 'ọ', 'ụ', 'ù', 'ú', 'ũ', 'ủ', 'ý', 'ợ', 'Ữ',
];

/// VISCII's capitals in C0 control positions.
const VISCII_LOW: [(u8, char); 6] = [
    (0x02, 'Ẳ'),
    (0x05, 'Ẵ'),
    (0x06, 'Ẫ'),
    (0x14, 'Ỷ'),
    (0x19, 'Ỹ'),
    (0x1E, 'Ỵ'),
];

/// TCVN3 (TCVN 5712:1993 VN3): the assigned bytes above ASCII; the others
/// decode as Windows-1252.
const TCVN3_PAIRS: &[(u8, char)] = &[
    (0xA1, 'Ă'),
    (0xA2, 'Â'),
    (0xA3, 'Ê'),
    (0xA4, 'Ô'),
    (0xA5, 'Ơ'),
    (0xA6, 'Ư'),
    (0xA7, 'Đ'),
    (0xA8, 'ă'),
    (0xA9, 'â'),
    (0xAA, 'ê'),
    (0xAB, 'ô'),
    (0xAC, 'ơ'),
    (0xAD, 'ư'),
    (0xAE, 'đ'),
    (0xB5, 'à'),
    (0xB6, 'ả'),
    (0xB7, 'ã'),
    (0xB8, 'á'),
    (0xB9, 'ạ'),
    (0xBB, 'ằ'),
    (0xBC, 'ẳ'),
    (0xBD, 'ẵ'),
    (0xBE, 'ắ'),
    (0xC6, 'ặ'),
    (0xC7, 'ầ'),
    (0xC8, 'ẩ'),
    (0xC9, 'ẫ'),
    (0xCA, 'ấ'),
    (0xCB, 'ậ'),
    (0xCC, 'è'),
    (0xCE, 'ẻ'),
    (0xCF, 'ẽ'),
    (0xD0, 'é'),
    (0xD1, 'ẹ'),
    (0xD2, 'ề'),
    (0xD3, 'ể'),
    (0xD4, 'ễ'),
    (0xD5, 'ế'),
    (0xD6, 'ệ'),
    (0xD7, 'ì'),
    (0xD8, 'ỉ'),
    (0xDC, 'ĩ'),
    (0xDD, 'í'),
    (0xDE, 'ị'),
    (0xDF, 'ò'),
    (0xE1, 'ỏ'),
    (0xE2, 'õ'),
    (0xE3, 'ó'),
    (0xE4, 'ọ'),
    (0xE5, 'ồ'),
    (0xE6, 'ổ'),
    (0xE7, 'ỗ'),
    (0xE8, 'ố'),
    (0xE9, 'ộ'),
    (0xEA, 'ờ'),
    (0xEB, 'ở'),
    (0xEC, 'ỡ'),
    (0xED, 'ớ'),
    (0xEE, 'ợ'),
    (0xEF, 'ù'),
    (0xF1, 'ủ'),
    (0xF2, 'ũ'),
    (0xF3, 'ú'),
    (0xF4, 'ụ'),
    (0xF5, 'ừ'),
    (0xF6, 'ử'),
    (0xF7, 'ữ'),
    (0xF8, 'ứ'),
    (0xF9, 'ự'),
    (0xFA, 'ỳ'),
    (0xFB, 'ỷ'),
    (0xFC, 'ỹ'),
    (0xFD, 'ý'),
    (0xFE, 'ỵ'),
];

/// `TCVN3_PAIRS` as a table indexed by `byte - 0x80`.
const TCVN3_HIGH: [Option<char>; 128] = {
    let mut t = [None; 128];
    let mut i = 0;
    while i < TCVN3_PAIRS.len() {
        t[(TCVN3_PAIRS[i].0 - 0x80) as usize] = Some(TCVN3_PAIRS[i].1);
        i += 1;
    }
    t
};

/// Windows-1252 `0x80..=0x9F` (the rest of its upper half is Latin-1).
const CP1252_C1: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// The Windows-1252 character of byte `b`.
pub fn cp1252(b: u8) -> char {
    match b {
        0x80..=0x9F => CP1252_C1[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// The Windows-1252 byte a character stands for, as a font-encoded run in
/// a word processor stores it; `None` for characters outside Windows-1252.
pub fn cp1252_byte(c: char) -> Option<u8> {
    match c as u32 {
        0..=0x7F | 0xA0..=0xFF => Some(c as u8),
        _ => CP1252_C1
            .iter()
            .position(|&x| x == c)
            .map(|i| 0x80 + i as u8),
    }
}

/// VISCII bytes to text.
pub fn decode_viscii(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(viscii(b));
    }
    out
}

fn viscii(b: u8) -> char {
    if b >= 0x80 {
        VISCII_HIGH[(b - 0x80) as usize]
    } else {
        VISCII_LOW
            .iter()
            .find(|&&(x, _)| x == b)
            .map_or(b as char, |&(_, c)| c)
    }
}

/// TCVN3 bytes to text.
///
/// Text typed in a `…H` font (`.VnTimeH`) should be upper-cased after
/// decoding; this function cannot know the font, the docx reader does.
pub fn decode_tcvn3(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(tcvn3(b));
    }
    out
}

fn tcvn3(b: u8) -> char {
    if b >= 0x80 {
        TCVN3_HIGH[(b - 0x80) as usize].unwrap_or_else(|| cp1252(b))
    } else {
        b as char
    }
}

/// VNI Windows bytes to text.
pub fn decode_vni(bytes: &[u8]) -> String {
    vni_chars(bytes.iter().map(|&b| cp1252(b)))
}

const GRAVE: char = '\u{300}';
const ACUTE: char = '\u{301}';
const CIRCUMFLEX: char = '\u{302}';
const TILDE: char = '\u{303}';
const BREVE: char = '\u{306}';
const HOOK: char = '\u{309}';
const HORN: char = '\u{31B}';
const DOT: char = '\u{323}';

/// What a VNI mark byte adds: (a vowel modifier, a tone).
fn vni_mark(c: char) -> Option<(Option<char>, Option<char>)> {
    let m = match c.to_lowercase().next()? {
        'ø' => (None, Some(GRAVE)),
        'ù' => (None, Some(ACUTE)),
        'û' => (None, Some(HOOK)),
        'õ' => (None, Some(TILDE)),
        'ï' => (None, Some(DOT)),
        'â' => (Some(CIRCUMFLEX), None),
        'á' => (Some(CIRCUMFLEX), Some(ACUTE)),
        'à' => (Some(CIRCUMFLEX), Some(GRAVE)),
        'å' => (Some(CIRCUMFLEX), Some(HOOK)),
        'ã' => (Some(CIRCUMFLEX), Some(TILDE)),
        'ä' => (Some(CIRCUMFLEX), Some(DOT)),
        'ê' => (Some(BREVE), None),
        'é' => (Some(BREVE), Some(ACUTE)),
        'è' => (Some(BREVE), Some(GRAVE)),
        'ú' => (Some(BREVE), Some(HOOK)),
        'ü' => (Some(BREVE), Some(TILDE)),
        'ë' => (Some(BREVE), Some(DOT)),
        _ => return None,
    };
    Some(m)
}

/// VNI's one-byte letters, as base letter and marks.
fn vni_letter(c: char) -> Option<(char, &'static [char])> {
    Some(match c {
        'ñ' => ('đ', &[]),
        'Ñ' => ('Đ', &[]),
        'ô' => ('o', &[HORN]),
        'Ô' => ('O', &[HORN]),
        'ö' => ('u', &[HORN]),
        'Ö' => ('U', &[HORN]),
        'ó' => ('i', &[TILDE]),
        'Ó' => ('I', &[TILDE]),
        'æ' => ('i', &[HOOK]),
        'Æ' => ('I', &[HOOK]),
        'ò' => ('i', &[DOT]),
        'Ò' => ('I', &[DOT]),
        'î' => ('y', &[DOT]),
        'Î' => ('Y', &[DOT]),
        _ => return None,
    })
}

fn is_tone(c: char) -> bool {
    matches!(c, GRAVE | ACUTE | HOOK | TILDE | DOT)
}

/// VNI over characters that stand for Windows-1252 bytes (a decoded file,
/// or the text of a `VNI-Times` run in a word processor file).
pub fn vni_chars(chars: impl Iterator<Item = char>) -> String {
    // Decomposed: a base letter then its marks; NFC at the end.
    let mut out: Vec<char> = Vec::new();
    // Where the current letter's base is in `out`, if it is a vowel.
    let mut base: Option<usize> = None;
    for c in chars {
        if let (Some(b), Some((modifier, tone))) = (base, vni_mark(c)) {
            let letter = out[b].to_lowercase().next().unwrap_or(out[b]);
            let marks = &out[b + 1..];
            let fits = match modifier {
                Some(CIRCUMFLEX) => matches!(letter, 'a' | 'e' | 'o') && marks.is_empty(),
                Some(_) => letter == 'a' && marks.is_empty(),
                None => true,
            } && !marks.iter().any(|&m| is_tone(m));
            if fits {
                out.extend(modifier);
                out.extend(tone);
                continue;
            }
        }
        if let Some((letter, marks)) = vni_letter(c) {
            out.push(letter);
            out.extend_from_slice(marks);
            base = (letter != 'đ' && letter != 'Đ').then_some(out.len() - 1 - marks.len());
            continue;
        }
        out.push(c);
        base = matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
            .then_some(out.len() - 1);
    }
    out.into_iter().nfc().collect()
}

/// TCVN3 over characters that stand for Windows-1252 bytes.
pub fn tcvn3_chars(chars: impl Iterator<Item = char>) -> String {
    chars.map(|c| cp1252_byte(c).map_or(c, tcvn3)).collect()
}

/// VISCII over characters that stand for Windows-1252 bytes.
pub fn viscii_chars(chars: impl Iterator<Item = char>) -> String {
    chars.map(|c| cp1252_byte(c).map_or(c, viscii)).collect()
}

/// The Vietnamese letters of the `VnN…` fonts (`VnNCentury2`) at their
/// Windows-1252 codes: the letters with a circumflex, breve or horn, `đ`,
/// and `i` with each tone (too narrow to carry a separate mark).
const VNN_LETTERS: [(char, char); 24] = [
    ('ê', 'â'),
    ('Ê', 'Â'),
    ('ï', 'ê'),
    ('Ï', 'Ê'),
    ('ö', 'ô'),
    ('Ö', 'Ô'),
    ('ù', 'ă'),
    ('Ù', 'Ă'),
    ('ú', 'ơ'),
    ('Ú', 'Ơ'),
    ('û', 'ư'),
    ('Û', 'Ư'),
    ('à', 'đ'),
    ('À', 'Đ'),
    ('ò', 'ì'),
    ('Ò', 'Ì'),
    ('ñ', 'í'),
    ('Ñ', 'Í'),
    ('ó', 'ỉ'),
    ('Ó', 'Ỉ'),
    ('ô', 'ĩ'),
    ('Ô', 'Ĩ'),
    ('õ', 'ị'),
    ('Õ', 'Ị'),
];

/// The tone marks of the `VnN…` fonts, a glyph after its vowel: one row
/// for a plain vowel (`á â ã ä å`: acute, grave, hook, tilde, dot below),
/// one drawn higher over a circumflex (`ë ì í î`) and one over a breve
/// (`æ ç è é`); the dot below serves all three. Capitals draw the same.
fn vnn_mark(c: char) -> Option<char> {
    Some(match c.to_lowercase().next()? {
        'á' | 'ë' | 'æ' => ACUTE,
        'â' | 'ì' | 'ç' => GRAVE,
        'ã' | 'í' | 'è' => HOOK,
        'ä' | 'î' | 'é' => TILDE,
        'å' => DOT,
        _ => return None,
    })
}

/// A legacy Vietnamese font, known by its name: how the characters of its
/// codes (read as Windows-1252) are to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegacyFont {
    /// TCVN3 (`.VnTime`).
    Tcvn3 {
        /// The font draws every letter as a capital (`.VnTimeH`,
        /// `VnArialNarrowH`).
        capitals: bool,
    },
    /// VNI Windows (`VNI-Times`).
    Vni,
    /// The `VnN…` fonts (`VnNCentury2`): a vowel then its tone mark, the
    /// marked letters at Latin-1 codes (see `VNN_LETTERS`, `vnn_mark`).
    Vnn,
}

/// Style words a font's name may end in (`VnTimeHBoldItalic`).
const STYLES: [&str; 11] = [
    "Italic", "Bold", "Normal", "Medium", "Regular", "Oblique", "Light", "Demi", "Book",
    "Semibold", "Heavy",
];

/// The legacy font `name` is, if it is one: `.VnTime`, `VnTime` (pdf
/// writers drop the dot), `VnTimeH,Bold`, `VNI-Times`, `VnNCentury2`; a
/// pdf subset's tag (`ABCDEF+`) is skipped.
pub fn legacy_font(name: &str) -> Option<LegacyFont> {
    let name = name.trim();
    let name = match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => rest,
        _ => name,
    };
    let family = name.split(',').next().unwrap_or(name).trim();
    let lower = family.to_ascii_lowercase();
    if lower.starts_with("vni-") || lower.starts_with("vni ") {
        return Some(LegacyFont::Vni);
    }
    let capital_after = |prefix: &str| {
        family
            .strip_prefix(prefix)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| c.is_ascii_uppercase())
    };
    if !lower.starts_with(".vn") && capital_after("VnN") {
        return Some(LegacyFont::Vnn);
    }
    if !lower.starts_with(".vn") && !capital_after("Vn") {
        return None;
    }
    let mut stem = family.trim_end_matches(['-', ' ']);
    while let Some(shorter) = STYLES.iter().find_map(|s| stem.strip_suffix(s)) {
        stem = shorter.trim_end_matches(['-', ' ']);
    }
    Some(LegacyFont::Tcvn3 {
        capitals: stem.ends_with('H'),
    })
}

impl LegacyFont {
    /// The encoding of the font's text, for the report; `None` for the
    /// `VnN…` fonts, whose encoding has no name of its own here.
    pub fn encoding(self) -> Option<super::encoding::Encoding> {
        use super::encoding::Encoding;
        match self {
            LegacyFont::Tcvn3 { .. } => Some(Encoding::Tcvn3),
            LegacyFont::Vni => Some(Encoding::Vni),
            LegacyFont::Vnn => None,
        }
    }

    /// What the glyph at the character `c` (a Windows-1252 character) is,
    /// alone: a letter, or a combining mark that NFC puts on the letter
    /// before it. For a font's map from codes to text (a pdf's `ToUnicode`).
    pub fn glyph(self, c: char) -> String {
        match self {
            LegacyFont::Tcvn3 { capitals } => {
                let c = cp1252_byte(c).map_or(c, tcvn3);
                if capitals {
                    c.to_uppercase().collect()
                } else {
                    c.to_string()
                }
            }
            LegacyFont::Vni => {
                if let Some((letter, marks)) = vni_letter(c) {
                    std::iter::once(letter)
                        .chain(marks.iter().copied())
                        .collect()
                } else if let Some((modifier, tone)) = vni_mark(c) {
                    modifier.into_iter().chain(tone).collect()
                } else {
                    c.to_string()
                }
            }
            LegacyFont::Vnn => VNN_LETTERS
                .iter()
                .find(|&&(k, _)| k == c)
                .map(|&(_, v)| v)
                .or_else(|| vnn_mark(c))
                .unwrap_or(c)
                .to_string(),
        }
    }

    /// A run of text set in the font, decoded (NFC).
    pub fn decode(self, text: &str) -> String {
        match self {
            LegacyFont::Vni => vni_chars(text.chars()),
            _ => text
                .chars()
                .map(|c| self.glyph(c))
                .collect::<String>()
                .nfc()
                .collect(),
        }
    }
}

/// The character of a code of the Symbol font (Adobe's Symbol encoding):
/// Greek letters and mathematical signs; `None` for a space, the font's
/// bullets, suits and the pieces of its large brackets and arrows, which
/// are no text.
pub fn symbol_char(code: u8) -> Option<char> {
    const GREEK_CAPITALS: &str = "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ";
    const GREEK_SMALL: &str = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ";
    Some(match code {
        0x21 => '!',
        0x22 => '∀',
        0x23 => '#',
        0x24 => '∃',
        0x25 => '%',
        0x26 => '&',
        0x27 => '∋',
        0x28..=0x2C | 0x2E..=0x3F | 0x5B | 0x5D | 0x5F | 0x7B..=0x7D => code as char,
        0x2D => '−',
        0x40 => '≅',
        0x41..=0x5A => GREEK_CAPITALS.chars().nth(usize::from(code - 0x41))?,
        0x5C => '∴',
        0x5E => '⊥',
        0x61..=0x7A => GREEK_SMALL.chars().nth(usize::from(code - 0x61))?,
        0x7E => '∼',
        0xA0 => '€',
        0xA1 => 'ϒ',
        0xA2 => '′',
        0xA3 => '≤',
        0xA4 => '⁄',
        0xA5 => '∞',
        0xA6 => 'ƒ',
        0xAB => '↔',
        0xAC => '←',
        0xAD => '↑',
        0xAE => '→',
        0xAF => '↓',
        0xB0 => '°',
        0xB1 => '±',
        0xB2 => '″',
        0xB3 => '≥',
        0xB4 => '×',
        0xB5 => '∝',
        0xB6 => '∂',
        0xB8 => '÷',
        0xB9 => '≠',
        0xBA => '≡',
        0xBB => '≈',
        0xBC => '…',
        0xC0 => 'ℵ',
        0xC1 => 'ℑ',
        0xC2 => 'ℜ',
        0xC3 => '℘',
        0xC4 => '⊗',
        0xC5 => '⊕',
        0xC6 => '∅',
        0xC7 => '∩',
        0xC8 => '∪',
        0xC9 => '⊃',
        0xCA => '⊇',
        0xCB => '⊄',
        0xCC => '⊂',
        0xCD => '⊆',
        0xCE => '∈',
        0xCF => '∉',
        0xD0 => '∠',
        0xD1 => '∇',
        0xD2 | 0xE2 => '®',
        0xD3 | 0xE3 => '©',
        0xD4 | 0xE4 => '™',
        0xD5 => '∏',
        0xD6 => '√',
        0xD7 => '⋅',
        0xD8 => '¬',
        0xD9 => '∧',
        0xDA => '∨',
        0xDB => '⇔',
        0xDC => '⇐',
        0xDD => '⇑',
        0xDE => '⇒',
        0xDF => '⇓',
        0xE0 => '◊',
        0xE1 => '〈',
        0xE5 => '∑',
        0xF1 => '〉',
        0xF2 => '∫',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte for each character of `text` in a table, for round trips.
    fn encode(text: &str, decode: fn(u8) -> char) -> Vec<u8> {
        text.chars()
            .map(|c| {
                (0..=255u8)
                    .find(|&b| decode(b) == c)
                    .unwrap_or_else(|| panic!("{c:?} has no byte"))
            })
            .collect()
    }

    const TEXT: &str = "Người dân ở đồng bằng sông Cửu Long đã chuẩn bị kỹ lưỡng \
        cho mùa lũ năm nay, huyện ủy và ủy ban xã cũng vậy.";

    #[test]
    fn viscii_round_trip_every_letter() {
        let all: String = VISCII_HIGH
            .iter()
            .chain(VISCII_LOW.iter().map(|(_, c)| c))
            .collect();
        for text in [TEXT, TEXT.to_uppercase().as_str(), all.as_str()] {
            assert_eq!(decode_viscii(&encode(text, viscii)), text);
        }
    }

    #[test]
    fn tcvn3_round_trip() {
        assert_eq!(decode_tcvn3(&encode(TEXT, tcvn3)), TEXT);
        // "Việt Nam" as the ABC keyboard typed it.
        assert_eq!(decode_tcvn3(b"Vi\xd6t Nam"), "Việt Nam");
        // Curly quotes and dashes at the Windows-1252 places.
        assert_eq!(decode_tcvn3(b"\x93\xb8\x94 \x96"), "“á” –");
    }

    #[test]
    fn symbol_font_codes() {
        let got: String = [0x61u8, 0x62, 0x44, 0x53, 0x57, 0x6C, 0xB1, 0xA3, 0xB3, 0xE5]
            .iter()
            .map(|&c| symbol_char(c).unwrap())
            .collect();
        assert_eq!(got, "αβΔΣΩλ±≤≥∑");
        // The bullet, the suits and a bracket's piece are no text.
        for code in [0xB7u8, 0xA7, 0xE6, 0x20] {
            assert_eq!(symbol_char(code), None, "{code:#X}");
        }
    }

    #[test]
    fn legacy_fonts_by_name() {
        use LegacyFont::*;
        for (name, want) in [
            (".VnTime", Some(Tcvn3 { capitals: false })),
            (".VnTimeH", Some(Tcvn3 { capitals: true })),
            ("ABCDEF+.VnTimeH,Bold", Some(Tcvn3 { capitals: true })),
            (".VnArial", Some(Tcvn3 { capitals: false })),
            ("VnTimeItalic", Some(Tcvn3 { capitals: false })),
            ("VnTimeHBoldItalic", Some(Tcvn3 { capitals: true })),
            ("VnClarendonHNormal", Some(Tcvn3 { capitals: true })),
            ("VnArialNarrowH", Some(Tcvn3 { capitals: true })),
            ("VNI-Times", Some(Vni)),
            ("VNI-Helve", Some(Vni)),
            ("VnNCentury2Normal", Some(Vnn)),
            ("ABCDEF+VnNTimes,Bold", Some(Vnn)),
            ("Times New Roman", None),
            ("Vinh", None),
            ("Vnexpress", None),
        ] {
            assert_eq!(legacy_font(name), want, "{name}");
        }
    }

    /// Text written for the purpose in the `VnN…` fonts' layout: every
    /// marked letter, capitals too, through the run decoder and glyph by
    /// glyph.
    #[test]
    fn vnn_letters_and_marks() {
        for (vnn, want) in [
            ("Àûúåc muöën lêìn trûúác", "Được muốn lần trước"),
            ("Gùæn bùçng chùèng sùén lùåp", "Gắn bằng chẳng sẵn lặp"),
            ("vêîn Chuyïín nhiïìu viïåt", "vẫn Chuyển nhiều việt"),
            ("Tñnh hònh chó àõnh àôa Kyá", "Tính hình chỉ định đĩa Ký"),
            ("THUÃ THUÊÅT ÊËN ÀÛÚÂNG", "THỦ THUẬT ẤN ĐƯỜNG"),
            ("Chûä Nûäa Múã cuãa", "Chữ Nữa Mở của"),
        ] {
            assert_eq!(LegacyFont::Vnn.decode(vnn), want, "{vnn}");
            let glyphs: String = vnn.chars().map(|c| LegacyFont::Vnn.glyph(c)).collect();
            assert_eq!(glyphs.nfc().collect::<String>(), want, "{vnn}");
        }
    }

    #[test]
    fn glyphs_alone() {
        let caps = LegacyFont::Tcvn3 { capitals: true };
        assert_eq!(caps.glyph('\u{b8}'), "Á");
        assert_eq!(LegacyFont::Tcvn3 { capitals: false }.glyph('\u{b8}'), "á");
        // VNI: `Vieät` glyph by glyph.
        let vni: String = "Vieät".chars().map(|c| LegacyFont::Vni.glyph(c)).collect();
        assert_eq!(vni.nfc().collect::<String>(), "Việt");
    }

    #[test]
    fn vni_table() {
        for (vni, want) in [
            (&b"Vie\xe4t Nam"[..], "Việt Nam"),
            (b"\xf1\xf6\xf4\xefc", "được"),
            (b"Ng\xf6\xf4\xf8i d\xe2n", "Người dân"),
            (b"NG\xd6\xd4\xd8I", "NGƯỜI"),
            (b"ng\xf6\xf4\xf8i", "người"),
            (b"hu\xf6\xf5", "huữ"),
            (b"a\xea", "ă"),
            (b"a\xe9", "ắ"),
            (b"\xd1a\xf8 Na\xfcng", "Đà Nẵng"),
            (b"ca\xe3n", "cẫn"),
            (b"k\xf5", "kõ"), // a mark after a consonant is a letter
            (b"ch\xf2", "chị"),
            (b"t\xe6nh", "tỉnh"),
            (b"m\xf3", "mĩ"),
            (b"\xee", "ỵ"),
            (b"\x93a\xf9\x94", "“á”"),
        ] {
            assert_eq!(decode_vni(vni), want, "{vni:?}");
        }
    }

    /// glibc's tables, when `iconv` is installed: each byte alone.
    fn iconv_byte(charset: &str, b: u8) -> Option<String> {
        use std::io::Write;
        use std::process::{Command, Stdio};
        let mut child = Command::new("iconv")
            .args(["-f", charset, "-t", "UTF-8"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        child.stdin.take()?.write_all(&[b]).ok()?;
        let out = child.wait_with_output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).nfc().collect())
    }

    #[test]
    fn viscii_matches_glibc() {
        if iconv_byte("VISCII", b'a').is_none() {
            eprintln!("iconv with VISCII not installed; skipped");
            return;
        }
        for b in 0..=255u8 {
            if let Some(want) = iconv_byte("VISCII", b) {
                assert_eq!(viscii(b).to_string(), want, "VISCII byte {b:#04x}");
            }
        }
    }

    #[test]
    fn tcvn3_matches_glibc() {
        if iconv_byte("TCVN5712-1", b'a').is_none() {
            eprintln!("iconv with TCVN5712-1 not installed; skipped");
            return;
        }
        for &(b, c) in TCVN3_PAIRS {
            assert_eq!(
                iconv_byte("TCVN5712-1", b).as_deref(),
                Some(c.to_string().as_str()),
                "TCVN3 byte {b:#04x}"
            );
        }
    }
}
