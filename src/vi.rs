//! Vietnamese spelling, in one place: the key a word is counted under,
//! the character classes, the syllable check and case-insensitive matching.
//!
//! [`canonical`] is the key under which a word is counted: lower case, and
//! one tone-mark placement for the syllables that end in `oa`, `oe` and `uy`
//! (the mark goes on the first vowel: `hoà` → `hòa`, `uỷ` → `ủy`, `thuỷ` →
//! `thủy`, `khoẻ` → `khỏe`), the placement that `vi_eval.py` also uses.
//! Syllables starting with `qu` keep their mark where it is (`quý`, `quả`).
//!
//! [`is_syllable`] checks the shape of one written syllable (initial,
//! vowel group, final, one tone mark); [`is_ascii_syllable`] is its fast,
//! looser form for plain ASCII keys (marks dropped), tested to accept every
//! syllable the full check accepts.
//!
//! Hot paths elsewhere keep their own tables for speed, each derived from
//! or tested against this module: the segmenter's character classes and
//! streaming key (`segment/fold.rs`), the summary's folding table
//! (`summarize.rs`). No other module decides what a Vietnamese letter, key
//! or syllable is.

use std::sync::LazyLock;

use unicode_normalization::{IsNormalized, UnicodeNormalization};

use crate::hash::FxHashMap;

/// Whether `chars` is in NFC, quickly for the letters of Vietnamese.
pub(crate) fn is_nfc(chars: impl Iterator<Item = char> + Clone) -> bool {
    // Below U+0300 (ASCII, Latin-1, Latin Extended-A/B: ă, đ, ơ, ư) and in
    // Latin Extended Additional (ạ, ế, ữ…) every character is NFC on its
    // own and starts no composition with what precedes it (quick check
    // Yes, combining class 0; see the test `fast_nfc_ranges`).
    chars.clone().all(nfc_alone) || unicode_normalization::is_nfc_quick(chars) == IsNormalized::Yes
}

/// Is `c` in the ranges where `is_nfc` needs no table?
#[inline]
pub(crate) fn nfc_alone(c: char) -> bool {
    c < '\u{300}' || ('\u{1E00}'..='\u{1EFF}').contains(&c)
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

/// [`char::is_alphanumeric`], with [`is_alphabetic`]'s shortcut for the
/// letters of Vietnamese.
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    is_alphabetic(c) || c.is_numeric()
}

/// [`char::is_uppercase`], without a table search for the letters
/// [`lower_vi`] knows (a capital is one whose lower case differs).
#[inline]
pub(crate) fn is_uppercase(c: char) -> bool {
    match lower_vi(c) {
        Some(l) => l != c,
        None => c.is_uppercase(),
    }
}

/// [`char::is_lowercase`], without a table search for the letters
/// [`lower_vi`] knows beyond ASCII (all but `÷` are letters).
#[inline]
pub(crate) fn is_lowercase(c: char) -> bool {
    match lower_vi(c) {
        Some(l) if !c.is_ascii() && c != '\u{F7}' => l == c,
        _ => c.is_lowercase(),
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

/// `s.to_lowercase().starts_with(prefix)`, for a lower-case `prefix`
/// without a Greek sigma (the one letter whose lower case depends on what
/// follows), without lower-casing all of `s`.
pub(crate) fn starts_with_ci(s: &str, prefix: &str) -> bool {
    let mut lower = Lower::new(s);
    prefix.chars().all(|p| lower.next() == Some(p))
}

/// `s.to_lowercase() == t`, on the same terms as [`starts_with_ci`].
pub(crate) fn eq_ci(s: &str, t: &str) -> bool {
    let mut lower = Lower::new(s);
    t.chars().all(|p| lower.next() == Some(p)) && lower.next().is_none()
}

/// The first character of `s` in lower case (the first of
/// `char::to_lowercase`), by [`lower_vi`] where it knows it.
#[inline]
pub(crate) fn lower_first(s: &str) -> Option<char> {
    Lower::new(s).next()
}

/// The characters of `s` in lower case, each as `char::to_lowercase`
/// gives it (so `s.to_lowercase()` but for a final sigma), by
/// [`lower_vi`] where it knows the character: no table search for the
/// letters of Vietnamese.
struct Lower<'a> {
    chars: std::str::Chars<'a>,
    /// The rest of a character that lower-cases to several.
    rest: Option<std::char::ToLowercase>,
}

impl<'a> Lower<'a> {
    fn new(s: &'a str) -> Lower<'a> {
        Lower {
            chars: s.chars(),
            rest: None,
        }
    }
}

impl Iterator for Lower<'_> {
    type Item = char;

    #[inline]
    fn next(&mut self) -> Option<char> {
        if let Some(rest) = &mut self.rest {
            match rest.next() {
                Some(l) => return Some(l),
                None => self.rest = None,
            }
        }
        let c = self.chars.next()?;
        match lower_vi(c) {
            Some(l) => Some(l),
            None => {
                let mut all = c.to_lowercase();
                let first = all.next();
                self.rest = Some(all);
                first
            }
        }
    }
}

/// The tone marks, combining: grave, acute, tilde, hook, dot below.
pub(crate) const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Whether `word` is one Vietnamese syllable: an initial consonant, a
/// vowel group of Vietnamese vowels, a final consonant, one tone mark.
pub fn is_syllable(word: &str) -> bool {
    // The letters in lower case without their tone marks, each by the
    // table of the letters of Vietnamese, in a buffer on the stack: no
    // decomposition, no allocation. A word with another character (a
    // combining mark, `ñ`), or too long for the buffer, is decomposed.
    let mut buf = [0u8; 48];
    let (mut len, mut tones) = (0, 0);
    for c in word.chars() {
        let (letter, tone) = if c.is_ascii() {
            (c.to_ascii_lowercase(), 0)
        } else {
            match UNTONED.get(&c) {
                Some(&pair) => pair,
                None => return syllable_by_decomposition(word),
            }
        };
        if len + letter.len_utf8() > buf.len() {
            return syllable_by_decomposition(word);
        }
        tones += tone;
        len += letter.encode_utf8(&mut buf[len..]).len();
    }
    tones <= 1 && has_syllable_shape(std::str::from_utf8(&buf[..len]).expect("whole chars"))
}

/// [`is_syllable`] by decomposing the word (NFD): what its table of
/// letters is built from, and the way for any other character.
fn syllable_by_decomposition(word: &str) -> bool {
    let (letters, tones) = untoned(word);
    tones <= 1 && has_syllable_shape(&letters)
}

/// The letters of `word` in lower case without their tone marks,
/// composed again (`â`, `ơ`, `ư`, `đ`), and the number of tone marks.
fn untoned(word: &str) -> (String, usize) {
    let mut letters = String::new();
    let mut tones = 0;
    for c in word.nfd() {
        if TONES.contains(&c) {
            tones += 1;
        } else {
            letters.extend(c.to_lowercase());
        }
    }
    // Back to precomposed letters (â, ơ, ư, đ...) without tones.
    (letters.nfc().collect(), tones)
}

/// Each precomposed letter of Vietnamese (`Ấ`, `ư`, `Đ`) and the other
/// letters of Latin-1 and Latin Extended-A and B up to `ư`: its [`untoned`]
/// letter and its number of tone marks, for those that give one letter.
/// Built from [`untoned`] itself, so that [`is_syllable`] gives what the
/// decomposition gives (a test checks it on words of every kind).
static UNTONED: LazyLock<FxHashMap<char, (char, u8)>> = LazyLock::new(|| {
    let mut table = FxHashMap::default();
    for c in ('\u{C0}'..='\u{1B0}').chain('\u{1EA0}'..='\u{1EF9}') {
        let mut buf = [0u8; 4];
        let (letters, tones) = untoned(c.encode_utf8(&mut buf));
        let mut chars = letters.chars();
        if let (Some(letter), None) = (chars.next(), chars.next()) {
            let tones = u8::try_from(tones).expect("a few marks");
            table.insert(c, (letter, tones));
        }
    }
    table
});

/// Whether `letters` (lower case, no tone marks, NFC) is an initial, a
/// vowel group and a final.
fn has_syllable_shape(letters: &str) -> bool {
    let rest = strip_initial(letters);
    let nucleus_len = rest
        .char_indices()
        .find(|&(_, c)| !is_vowel(c))
        .map_or(rest.len(), |(i, _)| i);
    let (nucleus, coda) = rest.split_at(nucleus_len);
    NUCLEI.contains(&nucleus)
        && matches!(coda, "" | "c" | "ch" | "m" | "n" | "ng" | "nh" | "p" | "t")
}

/// The vowel groups of Vietnamese syllables (after `gi` or `qu`, too),
/// tone marks left out.
const NUCLEI: &[&str] = &[
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây",
    "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo", "ua", "uâ", "uê", "ui",
    "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê", "iêu", "yêu", "oai", "oay", "oao", "oeo",
    "uây", "uôi", "ươi", "ươu", "uya", "uyê", "uyu", "ay", "eu",
];

/// Whether `c` is a Vietnamese vowel letter (lower case, no tone mark).
pub(crate) fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y'
    )
}

/// The initial consonants of Vietnamese syllables, longest first.
pub(crate) const INITIALS: [&str; 27] = [
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

fn strip_initial(s: &str) -> &str {
    for i in INITIALS {
        if let Some(rest) = s.strip_prefix(i) {
            // `gi` and `qu` only when a vowel follows (`gì`, `quá`).
            if !rest.is_empty() {
                return rest;
            }
        }
    }
    s
}

/// A rough check of Vietnamese syllable shape for plain ASCII syllables:
/// an allowed initial, a vowel nucleus, an allowed final.
///
/// Every initial that opens the syllable is tried (`ngh`, `ng`, `n` and
/// none all open `nghe`), by byte comparisons rather than a search of the
/// lists of initials and finals: this runs for every ASCII key. A test
/// checks it against that search on every short string.
pub fn is_ascii_syllable(s: &str) -> bool {
    let s = s.as_bytes();
    let one = matches!(
        s.first(),
        Some(
            b'b' | b'c'
                | b'd'
                | b'g'
                | b'h'
                | b'k'
                | b'l'
                | b'm'
                | b'n'
                | b'p'
                | b'r'
                | b's'
                | b't'
                | b'v'
                | b'x'
        )
    );
    let two = s.len() >= 2
        && matches!(
            &s[..2],
            b"ch" | b"gh" | b"gi" | b"kh" | b"ng" | b"nh" | b"ph" | b"qu" | b"th" | b"tr"
        );
    let three = s.starts_with(b"ngh");
    nucleus_and_final(s)
        || (one && nucleus_and_final(&s[1..]))
        || (two && nucleus_and_final(&s[2..]))
        || (three && nucleus_and_final(&s[3..]))
}

/// What follows the initial of a syllable: a nucleus of one to three
/// vowels (no longer than the vowels that open `rest`), then one of the
/// finals `ch ng nh c m n p t i y o u`, or none.
fn nucleus_and_final(rest: &[u8]) -> bool {
    let vowels = rest
        .iter()
        .take_while(|b| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y'))
        .count()
        .min(3);
    let n = rest.len();
    (n >= 1 && n <= vowels)
        || (n > 1
            && n - 1 <= vowels
            && matches!(
                rest[n - 1],
                b'c' | b'm' | b'n' | b'p' | b't' | b'i' | b'y' | b'o' | b'u'
            ))
        || (n > 2 && n - 2 <= vowels && matches!(&rest[n - 2..], b"ch" | b"ng" | b"nh"))
}

#[cfg(test)]
mod tests {
    use super::*;

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
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_uppercase(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_lowercase(c), c.is_lowercase(), "{c:?}");
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
    fn lower_chars_are_char_to_lowercase() {
        let texts = [
            "",
            "Uỷ BAN Nhân Dân",
            "İSTANBUL İi ΣΑΣ Ǆ ǅ ß ẞ",
            "ĐẢNG ỦY, 12/2024 — “Hà Nội”",
        ];
        let all: String = ('\0'..='\u{2FFF}').collect();
        for t in texts.iter().copied().chain([all.as_str()]) {
            let want: String = t.chars().flat_map(char::to_lowercase).collect();
            assert_eq!(Lower::new(t).collect::<String>(), want, "{t}");
        }
        assert!(starts_with_ci("İSTANBUL", "i\u{307}s"));
        for t in ["", "Ạ", "İs", "ΣΑΣ", "đ", "7"] {
            let want = t.chars().next().and_then(|c| c.to_lowercase().next());
            assert_eq!(lower_first(t), want, "{t}");
        }
        assert!(eq_ci("ĐẢNG ỦY", "đảng ủy") && !eq_ci("ĐẢNG ỦY", "đảng ủ"));
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

    #[test]
    fn syllables() {
        for w in [
            "Việt",
            "người",
            "khuyên",
            "giữ",
            "quốc",
            "gì",
            "được",
            "ĐƯỜNG",
            "xoong",
            "a",
        ] {
            assert!(is_syllable(w), "{w}");
        }
        for w in [
            "Vieảt",
            "Vieät",
            "ñöôïc",
            "Hé¸i",
            "ươà",
            "tiếngg",
            "ăo",
            "Ng\u{AD}êi",
        ] {
            assert!(!is_syllable(w), "{w}");
        }
    }

    #[test]
    fn syllable_check_by_table_agrees_with_the_decomposition() {
        // Every letter of the table's ranges alone and inside a syllable,
        // then words drawn from letters of every kind: precomposed and
        // decomposed marks, two tones, other scripts, soft hyphens, words
        // longer than the stack buffer.
        let mut checked = 0;
        let mut check = |w: &str| {
            assert_eq!(is_syllable(w), syllable_by_decomposition(w), "{w:?}");
            checked += usize::from(is_syllable(w));
        };
        for c in ('\u{A0}'..='\u{24F}').chain('\u{1E00}'..='\u{1EFF}') {
            for w in [
                format!("{c}"),
                format!("ng{c}"),
                format!("th{c}ng"),
                format!("{c}n"),
            ] {
                check(&w);
            }
        }
        let alphabet: Vec<char> = "aAbcdđĐeghiklmnNopqrstuvxyYăâêôơưƯàáảãạẤẦẨẪẬằẮềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ\
             \u{300}\u{301}\u{302}\u{303}\u{309}\u{323}\u{306}\u{31B}ñöïçİß\u{AD}-1 "
            .chars()
            .collect();
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..200_000 {
            let len = 1 + (next() % 7) as usize;
            let w: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            check(&w);
        }
        // Syllables spelled out, each with its tone on every vowel.
        for w in [
            "Nguyễn",
            "NGƯỜI",
            "khuya",
            "quốc",
            "giữ",
            "hoà",
            "thuở",
            "Đường",
        ] {
            check(w);
            check(&w.nfd().collect::<String>());
        }
        check(&"a".repeat(60));
        check(&"ư".repeat(30));
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn syllable_shapes() {
        for s in ["anh", "cho", "trong", "nghieng", "khuya", "gi", "quoc", "a"] {
            assert!(is_ascii_syllable(s), "{s}");
        }
        for s in ["esports", "online", "streaming", "fan", "x"] {
            // "fan" has an f; "x" has no vowel
            assert!(!is_ascii_syllable(s), "{s}");
        }
    }

    /// The syllable check as first written: a search of the initials, then
    /// of the finals.
    fn syllable_by_search(s: &str) -> bool {
        const INITIALS: [&str; 27] = [
            "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "g",
            "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
        ];
        const FINALS: [&str; 13] = [
            "ch", "ng", "nh", "c", "m", "n", "p", "t", "i", "y", "o", "u", "",
        ];
        let s = s.as_bytes();
        INITIALS.iter().any(|init| {
            let Some(rest) = s.strip_prefix(init.as_bytes()) else {
                return false;
            };
            let vowels = rest
                .iter()
                .take_while(|b| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y'))
                .count()
                .min(3);
            FINALS.iter().any(|f| {
                rest.len() > f.len()
                    && rest.len() - f.len() <= vowels
                    && rest.ends_with(f.as_bytes())
            })
        })
    }

    #[test]
    fn syllable_check_agrees_with_the_search() {
        // Every string of up to four ASCII letters, and of five and six
        // over the letters that make up syllables.
        fn each(alphabet: &[u8], len: usize, f: &mut impl FnMut(&str)) {
            let mut word = vec![0u8; len];
            let total = alphabet.len().pow(len as u32);
            for mut n in 0..total {
                for b in word.iter_mut() {
                    *b = alphabet[n % alphabet.len()];
                    n /= alphabet.len();
                }
                f(std::str::from_utf8(&word).unwrap());
            }
        }
        let mut check = |w: &str| assert_eq!(is_ascii_syllable(w), syllable_by_search(w), "{w:?}");
        let letters: Vec<u8> = (b'a'..=b'z').collect();
        for len in 0..=4 {
            each(&letters, len, &mut check);
        }
        for len in 5..=6 {
            each(b"aeiouyghnctq", len, &mut check);
        }
        for w in [
            "nghieng",
            "khuya",
            "nguyen",
            "truong",
            "streaming",
            "esports",
            "x y",
            "A",
        ] {
            check(w);
        }
    }

    /// The ASCII spelling of a word: marks dropped, `đ` as `d`.
    fn unmarked(s: &str) -> String {
        s.nfd()
            .map(|c| if c == 'đ' { 'd' } else { c })
            .filter(char::is_ascii)
            .collect()
    }

    #[test]
    fn ascii_check_accepts_every_syllable_of_the_full_one() {
        // Every syllable shape the full check knows, marks dropped: the
        // fast check must not call a Vietnamese word foreign.
        const INITIALS: [&str; 28] = [
            "", "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d",
            "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
        ];
        const CODAS: [&str; 9] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];
        let mut checked = 0;
        for i in INITIALS {
            for n in NUCLEI {
                for c in CODAS {
                    let w = format!("{i}{n}{c}");
                    if is_syllable(&w) {
                        checked += 1;
                        assert!(is_ascii_syllable(&unmarked(&w)), "{w}");
                    }
                }
            }
        }
        assert!(checked > 5000, "{checked}");
        // And every ASCII string of up to four letters.
        let letters: Vec<u8> = (b'a'..=b'z').collect();
        for len in 1..=4u32 {
            for mut n in 0..letters.len().pow(len) {
                let mut w = String::new();
                for _ in 0..len {
                    w.push(char::from(letters[n % letters.len()]));
                    n /= letters.len();
                }
                if is_syllable(&w) {
                    assert!(is_ascii_syllable(&w), "{w}");
                }
            }
        }
    }
}
