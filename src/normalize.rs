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

use unicode_normalization::UnicodeNormalization;

/// Display text from raw text. Idempotent.
pub fn normalize(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    // Spaces pending on the current line, written only before a visible char.
    let mut pending_space = false;
    // Line breaks pending, written (at most two) before the next visible char.
    let mut pending_breaks = 0usize;
    let mut at_start = true;
    let mut chars = raw.nfc().peekable();
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
    out
}

enum Class {
    Keep,
    Space,
    Break,
    Drop,
}

fn classify(c: char) -> Class {
    match c {
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => Class::Break,
        ' '
        | '\t'
        | '\u{A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => Class::Space,
        // Zero-width space/joiners, word joiner, BOM, soft hyphen, bidi marks.
        '\u{200B}'..='\u{200F}'
        | '\u{2060}'..='\u{2064}'
        | '\u{FEFF}'
        | '\u{AD}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => Class::Drop,
        c if c.is_control() => Class::Drop,
        _ => Class::Keep,
    }
}

/// The canonical key of a word or phrase: lower case, one tone placement.
pub fn canonical(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    canonical_into(word, &mut out);
    out
}

/// [`canonical`], appended to `out` (which is not cleared).
pub fn canonical_into(word: &str, out: &mut String) {
    let base = out.len();
    for c in word.chars() {
        // Vietnamese letters lower-case one to one; `to_lowercase` handles
        // the rest (it may yield several chars for a few other scripts).
        out.extend(c.to_lowercase());
    }
    fix_tone_placement(out, base);
}

/// Moves the tone mark of a final `oa`/`oe`/`uy` onto its first vowel in
/// every syllable of `s[from..]` (already lower case).
fn fix_tone_placement(s: &mut String, from: usize) {
    let mut i = from;
    let mut fixed = String::new();
    let mut changed = false;
    let bytes_len = s.len();
    while i < bytes_len {
        // A syllable: a run of alphabetic characters.
        let rest = &s[i..];
        let syl_len: usize = rest
            .char_indices()
            .find(|&(_, c)| !c.is_alphabetic())
            .map_or(rest.len(), |(j, _)| j);
        if syl_len == 0 {
            let c = rest.chars().next().expect("non-empty rest");
            fixed.push(c);
            i += c.len_utf8();
            continue;
        }
        let syl = &rest[..syl_len];
        match retone(syl) {
            Some(new) => {
                fixed.push_str(&new);
                changed = true;
            }
            None => fixed.push_str(syl),
        }
        i += syl_len;
    }
    if changed {
        s.truncate(from);
        s.push_str(&fixed);
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

fn retone(syl: &str) -> Option<String> {
    if syl.starts_with("qu") {
        return None;
    }
    let mut it = syl.chars().rev();
    let last = it.next()?;
    let before = it.next()?;
    let &(_, _, marked, plain) = RETONE
        .iter()
        .find(|&&(first, second, _, _)| first == before && second == last)?;
    let stem_len = syl.len() - last.len_utf8() - before.len_utf8();
    let mut out = String::with_capacity(syl.len() + 2);
    out.push_str(&syl[..stem_len]);
    out.push(marked);
    out.push(plain);
    Some(out)
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
}
