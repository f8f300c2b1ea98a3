//! Stage 2: raw text in, display text out; and the canonical key of a word.
//!
//! [`normalize`] produces the text the reader sees and every later span
//! points into: Unicode NFC (decomposed input with combining marks comes out
//! the same as precomposed), line breaks as `\n`, every odd space (no-break,
//! thin, ideographic, tab…) as a plain space, zero-width characters and
//! other invisible controls removed, runs of spaces folded, line ends
//! trimmed, at most one empty line in a row. The author's spelling is kept.
//!
//! [`canonical`] is the key under which a word is counted: lower case, and
//! one tone-mark placement for the syllables that end in `oa`, `oe` and `uy`
//! (the mark goes on the first vowel: `hoà` → `hòa`, `uỷ` → `ủy`, `thuỷ` →
//! `thủy`, `khoẻ` → `khỏe`), the placement that `vi_eval.py` also uses.
//! Syllables starting with `qu` keep their mark where it is (`quý`, `quả`).

use unicode_normalization::{IsNormalized, UnicodeNormalization};

/// Display text from raw text. Idempotent.
pub fn normalize(raw: &str) -> String {
    if already_normal(raw) {
        return raw.to_owned();
    }
    normalize_all(raw)
}

/// [`normalize`] without the shortcut for text that is already normal.
fn normalize_all(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    // Invisible characters go before composing: a mark separated from its
    // letter by a zero-width space (`a\u{200b}\u{301}`) must compose once the
    // space is gone, or a second pass would change the text.
    let visible = raw.chars().filter(|&c| !matches!(classify(c), Class::Drop));
    // Most text is already NFC (and much of it ASCII): composing it again
    // changes nothing, and `nfc()` costs more than everything else here.
    // The visible characters are some of `raw`'s: when all of `raw` is in
    // the fast ranges of `is_nfc`, so are they, without filtering first.
    if raw.chars().all(nfc_alone) || is_nfc(visible.clone()) {
        clean(visible.peekable(), &mut out);
    } else {
        clean(visible.nfc().peekable(), &mut out);
    }
    out
}

/// Whether [`normalize`] would return `raw` unchanged, in one pass over
/// its bytes and without building anything: visible characters that are
/// NFC whatever surrounds them, separated by one space, one line break or
/// one empty line, nothing before the first or after the last. Most input
/// (and every display text) is already so.
fn already_normal(raw: &str) -> bool {
    plainly_normal(raw) || already_normal_by_chars(raw)
}

/// A sufficient condition for [`already_normal`] that holds for most
/// Vietnamese text, checked on each byte and the two after it without a
/// branch per byte, so that the compiler compares many bytes at once (the
/// loop of [`already_normal_by_chars`] costs about nine instructions a
/// byte). Every byte is printable ASCII, a space or a line break, a
/// continuation byte, or the first byte of a letter of Vietnamese
/// (`C3`…`C8`, and `E1` before `B8`…`BB`: U+00C0…U+023F and
/// U+1E00…U+1EFF, see `already_normal_by_chars`) or of the dashes, quotes
/// and `…` of U+2010…U+2027 (`E2 80 90`…`E2 80 A7`); no space or break
/// starts or ends the text, none follows a space, no space follows a
/// break, and no three breaks come in a row.
fn plainly_normal(raw: &str) -> bool {
    let b = raw.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return true;
    };
    if matches!(first, b' ' | b'\n') || !(b'!'..=b'~').contains(&last) && last < 0x80 {
        return false;
    }
    // `x` is a byte, `y` and `z` the two after it. `&` and `|`, not `&&`
    // and `||`: no branch, so that the loop below is vectorized.
    let bad = |x: u8, y: u8, z: u8| {
        let control = (x < 0x20) & (x != b'\n') | (x == 0x7F);
        let other_lead = (x >= 0xC0)
            & !(0xC3..=0xC8).contains(&x)
            & !((x == 0xE1) & (0xB8..=0xBB).contains(&y))
            & !((x == 0xE2) & (y == 0x80) & (0x90..=0xA7).contains(&z));
        let spacing = ((x == b' ') | (x == b'\n')) & (y == b' ') | (x == b' ') & (y == b'\n');
        control | other_lead | spacing
    };
    let n = b.len();
    let mut triples = false;
    if n >= 3 {
        // Three slices of one length: no bounds checks in the loop.
        let (xs, ys, zs) = (&b[..n - 2], &b[1..n - 1], &b[2..]);
        for i in 0..xs.len() {
            triples |= bad(xs[i], ys[i], zs[i]);
        }
    }
    // The last pair; a lead byte there, whose character would need a
    // third byte, is not valid UTF-8 anyway. `last` was checked above.
    let last_pair = n >= 2 && bad(b[n - 2], b[n - 1], 0);
    !triples && !last_pair && memchr::memmem::find(b, b"\n\n\n").is_none()
}

/// [`already_normal`], one character at a time.
fn already_normal_by_chars(raw: &str) -> bool {
    /// What came last: the start, a visible character, a space, one or two
    /// line breaks.
    #[derive(Clone, Copy, PartialEq)]
    enum After {
        Start,
        Visible,
        Space,
        Break,
        Breaks,
    }
    let bytes = raw.as_bytes();
    let mut after = After::Start;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if (b'!'..=b'~').contains(&b) {
            // Printable ASCII, and the rest of its run.
            i += 1;
            while i < bytes.len() && (b'!'..=b'~').contains(&bytes[i]) {
                i += 1;
            }
            after = After::Visible;
        } else if matches!(b, 0xC3..=0xC8) {
            // The letters of Vietnamese, U+00C0…U+023F and U+1E00…U+1EFF:
            // visible and NFC anywhere (see `vietnamese_letters_are_kept`),
            // recognized by their first bytes without decoding.
            after = After::Visible;
            i += 2;
        } else if b == 0xE1 && matches!(bytes.get(i + 1), Some(0xB8..=0xBB)) {
            after = After::Visible;
            i += 3;
        } else if b.is_ascii() {
            after = match (b, after) {
                (b' ', After::Visible) => After::Space,
                (b'\n', After::Visible) => After::Break,
                (b'\n', After::Break) => After::Breaks,
                _ => return false,
            };
            i += 1;
        } else {
            let c = raw[i..].chars().next().expect("a char at a char boundary");
            if !matches!(classify(c), Class::Keep) || !nfc_anywhere(c) {
                return false;
            }
            after = After::Visible;
            i += c.len_utf8();
        }
    }
    matches!(after, After::Start | After::Visible)
}

/// Is `c` NFC next to any other character: quick check Yes (it composes
/// with nothing before it) and combining class 0 (nothing reorders
/// around it)?
#[inline]
fn nfc_anywhere(c: char) -> bool {
    nfc_alone(c)
        || (unicode_normalization::char::canonical_combining_class(c) == 0
            && unicode_normalization::is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes)
}

/// Whether `chars` is in NFC, quickly for the letters of Vietnamese.
fn is_nfc(chars: impl Iterator<Item = char> + Clone) -> bool {
    // Below U+0300 (ASCII, Latin-1, Latin Extended-A/B: ă, đ, ơ, ư) and in
    // Latin Extended Additional (ạ, ế, ữ…) every character is NFC on its
    // own and starts no composition with what precedes it (quick check
    // Yes, combining class 0; see the test `fast_nfc_ranges`).
    chars.clone().all(nfc_alone) || unicode_normalization::is_nfc_quick(chars) == IsNormalized::Yes
}

/// Is `c` in the ranges where `is_nfc` needs no table?
#[inline]
fn nfc_alone(c: char) -> bool {
    c < '\u{300}' || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// The cleaning loop of [`normalize`] over composed, visible characters.
fn clean(mut chars: std::iter::Peekable<impl Iterator<Item = char>>, out: &mut String) {
    // Spaces pending on the current line, written only before a visible char.
    let mut pending_space = false;
    // Line breaks pending, written (at most two) before the next visible char.
    let mut pending_breaks = 0usize;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        match classify(c) {
            Class::Break => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                pending_breaks += 1;
                pending_space = false;
            }
            Class::Space => pending_space = true,
            Class::Drop => {}
            Class::Keep => {
                if !at_start {
                    if pending_breaks > 0 {
                        out.push('\n');
                        if pending_breaks > 1 {
                            out.push('\n');
                        }
                    } else if pending_space {
                        out.push(' ');
                    }
                }
                pending_breaks = 0;
                pending_space = false;
                at_start = false;
                out.push(c);
            }
        }
    }
}

enum Class {
    Keep,
    Space,
    Break,
    Drop,
}

fn classify(c: char) -> Class {
    match c {
        // Printable ASCII, most of any text, in one comparison.
        '!'..='~' => Class::Keep,
        // The letters of Vietnamese: no space, break or invisible among them.
        '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' => Class::Keep,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => Class::Break,
        ' '
        | '\t'
        | '\u{A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => Class::Space,
        // Zero-width space/joiners, word joiner, BOM, soft hyphen, bidi marks
        // (including the Arabic letter mark), the old Mongolian vowel
        // separator, interlinear annotation marks.
        '\u{200B}'..='\u{200F}'
        | '\u{61C}'
        | '\u{180E}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{2060}'..='\u{2064}'
        | '\u{FEFF}'
        | '\u{AD}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => Class::Drop,
        c if c.is_control() => Class::Drop,
        _ => Class::Keep,
    }
}

/// [`char::is_alphabetic`], without a table search for the letters of
/// Vietnamese (ASCII, Latin-1, Latin Extended-A/B and Additional).
#[inline]
pub(crate) fn is_alphabetic(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{7F}' | '\u{D7}' | '\u{F7}' => false,
        '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' => true,
        _ => c.is_alphabetic(),
    }
}

/// The canonical key of a word or phrase: lower case, one tone placement.
pub fn canonical(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    canonical_into(word, &mut out);
    out
}

/// [`canonical`], appended to `out` (which is not cleared).
///
/// Words from a [`Document`](crate::Document) are already NFC; anything
/// else (a user's stop-word list, a decomposed query) is composed first, so
/// `ho\u{300}a` and `hòa` get one key.
pub fn canonical_into(word: &str, out: &mut String) {
    let base = out.len();
    if word.is_ascii() {
        // No tone marks to move: every marked vowel is outside ASCII.
        out.push_str(word);
        out[base..].make_ascii_lowercase();
        return;
    }
    match lower_vi_into(word, out) {
        // The pair is known to be there: no need to look for it again.
        Some(true) => return retone_syllables(out, base),
        Some(false) => return,
        None => {}
    }
    let lower = |c: char, out: &mut String| match lower_vi(c) {
        Some(l) => out.push(l),
        // `to_lowercase` handles the rest (several chars for a few other
        // scripts).
        None => out.extend(c.to_lowercase()),
    };
    if is_nfc(word.chars()) {
        word.chars().for_each(|c| lower(c, out));
    } else {
        word.nfc().for_each(|c| lower(c, out));
    }
    fix_tone_placement(out, base);
}

/// Appends the lower case of `word` when [`lower_vi`] knows all its
/// characters (so it is NFC), and says whether it has an old-style tone
/// pair for [`fix_tone_placement`]; appends nothing and returns `None` when
/// a character is unknown. Runs of characters that are already lower case
/// are copied whole.
fn lower_vi_into(word: &str, out: &mut String) -> Option<bool> {
    let base = out.len();
    let mut prev = '\0';
    let mut any_pair = false;
    let bytes = word.as_bytes();
    // `word[copied..i]` is lower case and waits to be copied.
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            if b.is_ascii_uppercase() {
                out.push_str(&word[copied..i]);
                out.push(char::from(b.to_ascii_lowercase()));
                copied = i + 1;
            }
            prev = char::from(b.to_ascii_lowercase());
            i += 1;
            continue;
        }
        let c = word[i..].chars().next().expect("a char at a char boundary");
        let Some(l) = lower_vi(c) else {
            out.truncate(base);
            return None;
        };
        any_pair |= is_tone_pair(prev, l);
        prev = l;
        if l != c {
            out.push_str(&word[copied..i]);
            out.push(l);
            copied = i + c.len_utf8();
        }
        i += c.len_utf8();
    }
    out.push_str(&word[copied..]);
    Some(any_pair)
}

/// Is `second` after `first` (both lower case) an old-style `oa`, `oe`,
/// `uy` with the mark on the second vowel?
#[inline]
fn is_tone_pair(first: char, second: char) -> bool {
    // Every marked second vowel is at or above U+00E0 (`à`).
    second >= '\u{E0}'
        && matches!(first, 'o' | 'u')
        && RETONE.iter().any(|&(f, s, _, _)| f == first && s == second)
}

/// The lower case of the letters of Vietnamese without a table search:
/// ASCII, Latin-1 capitals (`À`…`Þ`, not `×`), most of Latin
/// Extended-A, `Ơ`, `Ư` and Latin Extended Additional (`Ạ`…`Ỹ`, capitals on even code points). `None` for any
/// other character. Checked against `char::to_lowercase` in a test.
#[inline]
fn lower_vi(c: char) -> Option<char> {
    let u = c as u32;
    match u {
        0..=0x7F => Some(c.to_ascii_lowercase()),
        0xC0..=0xDE if u != 0xD7 => char::from_u32(u + 0x20),
        0xDF..=0xFF => Some(c),
        // Latin Extended-A where capitals are on even code points (`Ă`,
        // `Đ`, `Ĩ`, `Ũ`…), and the horned `Ơ`.
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 | 0x1A0 | 0x1A1 => char::from_u32(u | 1),
        0x1AF | 0x1B0 => Some('\u{1B0}'),
        0x1EA0..=0x1EFF => char::from_u32(u | 1),
        _ => None,
    }
}

/// Whether `s` holds an old-style tone pair ([`is_tone_pair`]) anywhere.
#[inline]
fn has_tone_pair(s: &str) -> bool {
    let mut prev = '\0';
    s.chars().any(|c| {
        let pair = is_tone_pair(prev, c);
        prev = c;
        pair
    })
}

/// Moves the tone mark of a final `oa`/`oe`/`uy` onto its first vowel in
/// every syllable of `s[from..]` (already lower case).
fn fix_tone_placement(s: &mut String, from: usize) {
    // Most keys have no old-style pair at all: check before rebuilding.
    if has_tone_pair(&s[from..]) {
        retone_syllables(s, from);
    }
}

/// [`fix_tone_placement`] once a pair is known to be there: each syllable
/// (a run of alphabetic characters) that ends in an old-style pair, and
/// does not start with `qu`, has its last two characters replaced in place,
/// without building the rest again.
fn retone_syllables(s: &mut String, from: usize) {
    let mut i = from;
    while i < s.len() {
        let rest = &s[i..];
        let syl_len = rest
            .char_indices()
            .find(|&(_, c)| !is_alphabetic(c))
            .map_or(rest.len(), |(j, _)| j);
        if syl_len == 0 {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let Some((at, marked, plain)) = retone(&rest[..syl_len]) else {
            i += syl_len;
            continue;
        };
        // The new pair is never longer than the old one (`oẽ` is five
        // bytes, `õe` three): the rest of `s` moves back, if at all.
        let mut buf = [0u8; 8];
        let n = marked.encode_utf8(&mut buf).len();
        let n = n + plain.encode_utf8(&mut buf[n..]).len();
        let pair = std::str::from_utf8(&buf[..n]).expect("two chars");
        s.replace_range(i + at..i + syl_len, pair);
        i += at + n;
    }
}

/// The old-style tone placement of a final `oa`, `oe`, `uy`, and the new one.
const RETONE: &[(char, char, char, char)] = &[
    // (first vowel, marked second vowel, first vowel marked, plain second)
    ('o', 'à', 'ò', 'a'),
    ('o', 'á', 'ó', 'a'),
    ('o', 'ả', 'ỏ', 'a'),
    ('o', 'ã', 'õ', 'a'),
    ('o', 'ạ', 'ọ', 'a'),
    ('o', 'è', 'ò', 'e'),
    ('o', 'é', 'ó', 'e'),
    ('o', 'ẻ', 'ỏ', 'e'),
    ('o', 'ẽ', 'õ', 'e'),
    ('o', 'ẹ', 'ọ', 'e'),
    ('u', 'ỳ', 'ù', 'y'),
    ('u', 'ý', 'ú', 'y'),
    ('u', 'ỷ', 'ủ', 'y'),
    ('u', 'ỹ', 'ũ', 'y'),
    ('u', 'ỵ', 'ụ', 'y'),
];

/// Where the old-style final pair of a syllable starts, and the new pair;
/// `None` for a syllable without one, or one after `qu`.
fn retone(syl: &str) -> Option<(usize, char, char)> {
    if syl.starts_with("qu") {
        return None;
    }
    let mut it = syl.chars().rev();
    let last = it.next()?;
    let before = it.next()?;
    let &(_, _, marked, plain) = RETONE
        .iter()
        .find(|&&(first, second, _, _)| first == before && second == last)?;
    let at = syl.len() - last.len_utf8() - before.len_utf8();
    Some((at, marked, plain))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_equals_precomposed() {
        // "Việt" with combining dot below and circumflex, "hòa" with a combining grave.
        let decomposed = "Vie\u{323}\u{302}t Nam ho\u{300}a bi\u{300}nh";
        assert_eq!(normalize(decomposed), "Việt Nam hòa bình");
    }

    #[test]
    fn odd_spaces_and_invisible_characters() {
        let raw = "Thứ 3,\u{a0}18/12/2018\u{200b}\r\n\r\n\r\n\r\n Hà\u{2009}Nội \t ";
        assert_eq!(normalize(raw), "Thứ 3, 18/12/2018\n\nHà Nội");
    }

    #[test]
    fn shortcut_only_for_normal_text() {
        // Every string of up to 4 characters over an alphabet of the
        // characters each rule of `normalize` looks at.
        let alphabet = [
            'a', 'é', ' ', '\n', '\r', '\t', '\u{301}', '\u{200b}', '\u{a0}', '“', '\u{1100}',
            '\u{1161}', '\u{2028}', 'ơ',
        ];
        let mut strings = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = strings
                .iter()
                .filter(|s| s.chars().count() == strings.last().unwrap().chars().count())
                .flat_map(|s| alphabet.iter().map(move |&c| format!("{s}{c}")))
                .collect();
            strings.extend(longer);
        }
        let mut shortcuts = 0;
        let mut plain = 0;
        for s in &strings {
            let all = normalize_all(s);
            if plainly_normal(s) {
                assert!(already_normal_by_chars(s), "{s:?}");
                plain += 1;
            }
            assert_eq!(normalize(s), all, "{s:?}");
            if already_normal(s) {
                assert_eq!(all, *s, "{s:?}");
                shortcuts += 1;
            } else if all == *s {
                // Only characters that compose with a neighbour, in some
                // context, miss the shortcut when they are already normal.
                assert!(s.chars().any(|c| !nfc_anywhere(c)), "{s:?}");
            }
        }
        assert!(shortcuts > 100, "{shortcuts}");
        assert!(plain > 50, "{plain}");
    }

    #[test]
    fn normalize_is_idempotent() {
        let once = normalize("  a\u{a0}\u{a0}b\n\n\n\nc\u{feff}d  ");
        assert_eq!(normalize(&once), once);
    }

    #[test]
    fn tone_placement_is_one_key() {
        for (a, b) in [
            ("hoà", "hòa"),
            ("Uỷ ban", "ủy ban"),
            ("thuỷ", "thủy"),
            ("KHOẺ", "khỏe"),
            ("Đảng uỷ", "đảng ủy"),
        ] {
            assert_eq!(canonical(a), canonical(b), "{a} vs {b}");
        }
        assert_eq!(canonical("Hoà Bình"), "hòa bình");
        // qu- syllables and closed syllables are left alone.
        assert_eq!(canonical("quý"), "quý");
        assert_eq!(canonical("hoàn"), "hoàn");
    }
    /// One row per behaviour: (name, raw, display).
    const NORMALIZE_CASES: &[(&str, &str, &str)] = &[
        (
            "old Mac line breaks",
            "Hà Nội\rSáng nay\r\rTrời mưa",
            "Hà Nội\nSáng nay\n\nTrời mưa",
        ),
        ("CRLF counts once", "a\r\nb\r\n\r\nc", "a\nb\n\nc"),
        ("CR then CRLF is a blank line", "a\r\r\nb", "a\n\nb"),
        (
            "line and paragraph separators",
            "a\u{2028}b\u{2029}c\u{85}d",
            "a\nb\nc\nd",
        ),
        (
            "form feed between pages",
            "trang 1\u{c}trang 2",
            "trang 1\ntrang 2",
        ),
        (
            "BOM in the middle",
            "Bộ Tư\u{feff} lệnh\u{feff}",
            "Bộ Tư lệnh",
        ),
        ("BOM at the start", "\u{feff}Quân khu", "Quân khu"),
        ("tabs are spaces", "Tỉnh\tHuyện\t\tXã", "Tỉnh Huyện Xã"),
        ("tab only line is empty", "a\n\t\n\t\nb", "a\n\nb"),
        ("soft hyphen inside a word", "phối\u{ad}hợp", "phốihợp"),
        (
            "other format characters",
            "a\u{61c}b\u{180e}c\u{fff9}d",
            "abcd",
        ),
        ("controls dropped", "a\u{1}b\u{7f}c\u{9b}d", "abcd"),
        ("lone mark at the start is kept", "\u{301}abc", "\u{301}abc"),
        (
            "mark after a space stays after it",
            "a \u{301}b",
            "a \u{301}b",
        ),
        // A zero-width space between a letter and its mark: found by
        // tests/properties.rs (normalize was not idempotent).
        ("mark meets its letter", "ta\u{200b}\u{301}m", "tám"),
        (
            "mark meets its letter past a control",
            "e\u{1}\u{302}\u{301}",
            "ế",
        ),
        ("spaces only", " \t\u{a0}\u{3000} ", ""),
        ("breaks only", "\n\r\n\u{2028}", ""),
        ("empty", "", ""),
        ("emoji kept", "Chúc mừng 🎉🇻🇳", "Chúc mừng 🎉🇻🇳"),
        (
            "narrow no-break space in numbers",
            "3\u{202f}500 người",
            "3 500 người",
        ),
    ];

    #[test]
    fn normalize_table() {
        for &(name, raw, want) in NORMALIZE_CASES {
            let got = normalize(raw);
            assert_eq!(got, want, "{name}: {raw:?}");
            assert_eq!(normalize(&got), got, "{name}: not idempotent");
        }
    }

    /// One row per behaviour: (name, word, key).
    const CANONICAL_CASES: &[(&str, &str, &str)] = &[
        ("capital, old placement", "Hoà", "hòa"),
        ("all capitals", "HOÀ", "hòa"),
        ("all capitals, new placement", "HÒA", "hòa"),
        ("capital Uỷ", "UỶ BAN", "ủy ban"),
        ("Đ lower-cases", "ĐẢNG UỶ", "đảng ủy"),
        ("uơ with horn is not uy", "thuở", "thuở"),
        ("qu keeps its mark", "quở", "quở"),
        ("qu capital", "QUÝ", "quý"),
        ("qu with oa", "quà", "quà"),
        ("gi syllables untouched", "gìn giữ", "gìn giữ"),
        (
            "three vowels untouched",
            "ngoài khuỷu xoáy",
            "ngoài khuỷu xoáy",
        ),
        ("closed syllables untouched", "hoàn thuyết", "hoàn thuyết"),
        ("oe", "khoẻ Xoè", "khỏe xòe"),
        ("uy with dot below", "thuỵ", "thụy"),
        ("words with punctuation", "Hoà-Bình, (Uỷ)", "hòa-bình, (ủy)"),
        ("digits next to a syllable", "hoà2", "hòa2"),
        ("decomposed input", "Ho\u{300}a U\u{309}y", "hòa ủy"),
        ("decomposed, old placement", "hoa\u{300}", "hòa"),
        ("single vowel", "Ý", "ý"),
        ("empty", "", ""),
    ];

    #[test]
    fn canonical_table() {
        for &(name, word, want) in CANONICAL_CASES {
            assert_eq!(canonical(word), want, "{name}: {word:?}");
            assert_eq!(canonical(want), want, "{name}: key not stable");
        }
    }

    #[test]
    fn fast_is_alphabetic() {
        for c in ('\0'..='\u{2FFF}').chain('\u{1E000}'..='\u{1E0FF}') {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn vietnamese_letters_are_kept() {
        for c in ('\u{C0}'..='\u{24F}').chain('\u{1E00}'..='\u{1EFF}') {
            assert!(!c.is_whitespace() && !c.is_control(), "{c:?}");
            assert_eq!(normalize(&c.to_string()), c.to_string(), "{c:?}");
        }
    }

    #[test]
    fn display_texts_take_the_plain_shortcut() {
        for raw in [
            include_str!("../tests/data/scrape-hoi-nghi.txt"),
            include_str!("../tests/data/hoi-nghi.txt"),
            include_str!("../tests/data/lua-gao.txt"),
            include_str!("../tests/data/sample.txt"),
        ] {
            let text = normalize(raw);
            assert!(plainly_normal(&text), "{text}");
        }
        // The characters let through by their bytes.
        for c in ('\u{C0}'..='\u{23F}')
            .chain('\u{1E00}'..='\u{1EFF}')
            .chain('\u{2010}'..='\u{2027}')
        {
            assert!(
                matches!(classify(c), Class::Keep) && nfc_anywhere(c),
                "{c:?}"
            );
            assert!(plainly_normal(&format!("a{c}")), "{c:?}");
            assert!(plainly_normal(&format!("{c} {c}")), "{c:?}");
        }
        for not in [
            "\u{200b}",
            "a\u{2028}",
            "\u{2028}",
            "\u{202f}",
            "\u{2030}",
            "\u{200f}b",
        ] {
            assert!(!plainly_normal(not), "{not:?}");
        }
        for not in [
            "Hà\u{a0}Nội",
            "a\tb",
            "x\u{7f}",
            "ᄀ",
            "a\n\n\nb",
            "a \nb",
            "a\n",
            " a",
        ] {
            assert!(!plainly_normal(not), "{not:?}");
        }
    }

    #[test]
    fn fast_lower_case() {
        for c in ('\0'..='\u{2FF}').chain('\u{1E00}'..='\u{1EFF}') {
            if let Some(l) = lower_vi(c) {
                assert_eq!(c.to_lowercase().collect::<String>(), l.to_string(), "{c:?}");
            }
        }
        for c in ['a', 'Z', 'À', 'Đ', 'Ơ', 'Ư', 'Ạ', 'ạ', 'Ỹ'] {
            assert_eq!(
                canonical(&c.to_string()),
                c.to_lowercase().collect::<String>()
            );
        }
    }

    #[test]
    fn fast_lower_case_keeps_the_length() {
        for c in ('\0'..='\u{2FF}').chain('\u{1E00}'..='\u{1EFF}') {
            if let Some(l) = lower_vi(c) {
                assert_eq!(l.len_utf8(), c.len_utf8(), "{c:?}");
            }
        }
        let long = "Uỷ ban Nhân dân Thành phố Hồ Chí Minh, Đảng uỷ Khối Doanh nghiệp";
        assert_eq!(
            canonical(long),
            "ủy ban nhân dân thành phố hồ chí minh, đảng ủy khối doanh nghiệp"
        );
    }

    #[test]
    fn fast_nfc_ranges() {
        use unicode_normalization::char::canonical_combining_class;
        let fast = ('\0'..'\u{300}').chain('\u{1E00}'..='\u{1EFF}');
        for c in fast {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(
                unicode_normalization::is_nfc_quick(std::iter::once(c)),
                IsNormalized::Yes,
                "{c:?}"
            );
        }
    }

    /// `fix_tone_placement` as first written: each syllable built again
    /// into a new string.
    fn fix_tone_by_rebuilding(s: &mut String, from: usize) {
        if !has_tone_pair(&s[from..]) {
            return;
        }
        let mut i = from;
        let mut fixed = String::new();
        while i < s.len() {
            let rest = &s[i..];
            let syl_len: usize = rest
                .char_indices()
                .find(|&(_, c)| !c.is_alphabetic())
                .map_or(rest.len(), |(j, _)| j);
            if syl_len == 0 {
                let c = rest.chars().next().unwrap();
                fixed.push(c);
                i += c.len_utf8();
                continue;
            }
            let syl = &rest[..syl_len];
            let mut it = syl.chars().rev();
            let pair = match (it.next(), it.next()) {
                (Some(last), Some(before)) if !syl.starts_with("qu") => RETONE
                    .iter()
                    .find(|&&(f, sec, _, _)| f == before && sec == last)
                    .map(|&(_, _, m, p)| (last, before, m, p)),
                _ => None,
            };
            match pair {
                Some((last, before, m, p)) => {
                    fixed.push_str(&syl[..syl.len() - last.len_utf8() - before.len_utf8()]);
                    fixed.push(m);
                    fixed.push(p);
                }
                None => fixed.push_str(syl),
            }
            i += syl_len;
        }
        s.truncate(from);
        s.push_str(&fixed);
    }

    #[test]
    fn tone_placement_in_place_agrees_with_rebuilding() {
        // Every string of up to four characters over letters that make or
        // break the pairs, marks of every length, and separators; and
        // longer strings from a fixed pseudo-random sequence.
        let alphabet: Vec<char> = "ouqaeyàáảãạèéẻẽẹỳýỷỹỵ đш1-\u{a0}".chars().collect();
        let check = |w: &str| {
            for from in [0, w.len().min(1)] {
                if !w.is_char_boundary(from) {
                    continue;
                }
                let (mut fast, mut slow) = (w.to_string(), w.to_string());
                fix_tone_placement(&mut fast, from);
                fix_tone_by_rebuilding(&mut slow, from);
                assert_eq!(fast, slow, "{w:?} from {from}");
            }
        };
        let k = alphabet.len();
        for len in 0..=4 {
            for mut n in 0..k.pow(len) {
                let mut w = String::new();
                for _ in 0..len {
                    w.push(alphabet[n % k]);
                    n /= k;
                }
                check(&w);
            }
        }
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..20_000 {
            let mut w = String::new();
            for _ in 0..(x % 13) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                w.push(alphabet[(x % k as u64) as usize]);
            }
            check(&w);
            x = x.wrapping_add(1);
        }
        for w in [
            "hoà bình",
            "thuỷ",
            "quý",
            "khoẻ",
            "hoẽ",
            "uỹ",
            "Hoà",
            "loà-xoà",
            "oà",
        ] {
            check(w);
        }
        assert_eq!(
            canonical("Hoà bình, thuỷ lợi, quý, khoẻ"),
            "hòa bình, thủy lợi, quý, khỏe"
        );
    }

    #[test]
    fn canonical_into_appends() {
        let mut s = String::from("Hoà|");
        canonical_into("Uỷ", &mut s);
        assert_eq!(s, "Hoà|ủy");
    }
}
