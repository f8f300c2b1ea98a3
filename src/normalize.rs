//! Stage 2: raw text in, display text out.
//!
//! [`normalize`] produces the text the reader sees and every later span
//! points into: Unicode NFC (decomposed input with combining marks comes out
//! the same as precomposed), line breaks as `\n`, every odd space (no-break,
//! thin, ideographic…) as a plain space, zero-width characters and
//! other invisible controls removed, runs of spaces folded, line ends
//! trimmed, at most one empty line in a row. The author's spelling is kept.
//! Letters in a mathematical font style (𝑥, 𝐲, 𝜃, ℒ, of Mathematical
//! Alphanumeric Symbols and Letterlike Symbols) and the Latin ligatures
//! (ﬁ, ﬀ) become the plain letters they are drawn from, as Unicode's
//! compatibility decomposition has them (`plain_letter`): "x", searchable
//! and counted, not "𝑥". Only those: NFKC on the whole text would change
//! other characters the author chose.
//! A tab stays, one for a run of spaces that holds one: readers put a tab
//! between the cells of a table row (and between a letterhead's columns),
//! and later stages tell a row from a sentence by it.
//!
//! [`canonical`], the key under which a word is counted (lower case, one
//! tone placement), lives in [`vi`](crate::vi) with the rest of the
//! spelling rules; it is re-exported here.

use unicode_normalization::{IsNormalized, UnicodeNormalization};

pub use crate::vi::{canonical, canonical_into};
use crate::vi::{is_nfc, nfc_alone};

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
    let visible = raw
        .chars()
        .filter(|&c| !matches!(classify(c), Class::Drop))
        .flat_map(Plain::of);
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
/// NFC whatever surrounds them, separated by one space or tab, one line break or
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
    let n = b.len();
    let triples = n >= 3 && any_bad_triple(b);
    // The last pair; a lead byte there, whose character would need a
    // third byte, is not valid UTF-8 anyway. `last` was checked above.
    let last_pair = n >= 2 && bad(b[n - 2], b[n - 1], 0);
    !triples && !last_pair && memchr::memmem::find(b, b"\n\n\n").is_none()
}

/// Whether byte `x`, followed by `y` and `z`, breaks [`plainly_normal`]'s
/// condition. `&` and `|`, not `&&` and `||`: no branch, so that the loop
/// over the bytes is vectorized.
#[inline(always)]
fn bad(x: u8, y: u8, z: u8) -> bool {
    let control = (x < 0x20) & (x != b'\n') | (x == 0x7F);
    let other_lead = (x >= 0xC0)
        & !(0xC3..=0xC8).contains(&x)
        & !((x == 0xE1) & (0xB8..=0xBB).contains(&y))
        & !((x == 0xE2) & (y == 0x80) & (0x90..=0xA7).contains(&z));
    let spacing = ((x == b' ') | (x == b'\n')) & (y == b' ') | (x == b' ') & (y == b'\n');
    control | other_lead | spacing
}

/// Whether [`bad`] holds for some byte of `b` with the two after it (`b`
/// has three bytes or more), with AVX2 where the processor has it.
fn any_bad_triple(b: &[u8]) -> bool {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") {
        // SAFETY: this processor has AVX2.
        return unsafe { any_bad_triple_avx2(b) };
    }
    any_bad_triple_in(b)
}

/// [`any_bad_triple_in`] compiled for AVX2: 32 bytes a step, not 16, and
/// compares without the sign flips of SSE2. The same code, so the same
/// answer: [`normalize`] took 0.022 M instructions an article of vietnews
/// DEV, 0.016 M so (the loop 0.018 M, 0.004 M so).
///
/// # Safety
/// The processor must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn any_bad_triple_avx2(b: &[u8]) -> bool {
    any_bad_triple_in(b)
}

#[inline(always)]
fn any_bad_triple_in(b: &[u8]) -> bool {
    let n = b.len();
    // Three slices of one length: no bounds checks in the loop.
    let (xs, ys, zs) = (&b[..n - 2], &b[1..n - 1], &b[2..]);
    let mut triples = false;
    for i in 0..xs.len() {
        triples |= bad(xs[i], ys[i], zs[i]);
    }
    triples
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
                (b' ' | b'\t', After::Visible) => After::Space,
                (b'\n', After::Visible) => After::Break,
                (b'\n', After::Break) => After::Breaks,
                _ => return false,
            };
            i += 1;
        } else {
            let c = raw[i..].chars().next().expect("a char at a char boundary");
            if !matches!(classify(c), Class::Keep) || !nfc_anywhere(c) || !Plain::is_plain(c) {
                return false;
            }
            after = After::Visible;
            i += c.len_utf8();
        }
    }
    matches!(after, After::Start | After::Visible)
}

/// The plain letter or digit a styled one is drawn from: the
/// compatibility decomposition of Mathematical Alphanumeric Symbols
/// (U+1D400…U+1D7FF: 𝑥 → x, 𝜃 → θ, 𝟏 → 1) and of the Letterlike Symbols
/// that are one Latin or Greek letter in a font style (ℒ → L, ℎ → h,
/// ℓ → l; not ™ or ℃, which stand for more than a letter). Anything else
/// is itself.
#[inline]
fn plain_letter(c: char) -> char {
    if c < '\u{2100}' {
        return c;
    }
    let styled = matches!(c, '\u{2100}'..='\u{214F}' | '\u{1D400}'..='\u{1D7FF}');
    if !styled {
        return c;
    }
    let mut one = None;
    let mut count = 0;
    unicode_normalization::char::decompose_compatible(c, |d| {
        one = Some(d);
        count += 1;
    });
    match one {
        Some(d) if count == 1 && d < '\u{400}' && d.is_alphanumeric() => d,
        // The block's two symbols that are not letters: 𝛁 ∇ and 𝛛 ∂.
        Some(d) if count == 1 && c >= '\u{1D400}' => d,
        _ => c,
    }
}

/// A character of the raw text as display text has it: a styled letter
/// as its plain letter ([`plain_letter`]), a Latin ligature (U+FB00…U+FB06,
/// ﬁ) as its letters, anything else as itself.
#[derive(Clone)]
enum Plain {
    One(Option<char>),
    Letters(std::str::Chars<'static>),
}

impl Plain {
    #[inline]
    fn of(c: char) -> Plain {
        match ligature(c) {
            Some(letters) => Plain::Letters(letters.chars()),
            None => Plain::One(Some(plain_letter(c))),
        }
    }

    /// Whether `c` is its own display form.
    fn is_plain(c: char) -> bool {
        ligature(c).is_none() && plain_letter(c) == c
    }
}

impl Iterator for Plain {
    type Item = char;
    #[inline]
    fn next(&mut self) -> Option<char> {
        match self {
            Plain::One(c) => c.take(),
            Plain::Letters(letters) => letters.next(),
        }
    }
}

/// The letters of a Latin ligature, which fonts draw as one glyph and pdf
/// and word processors sometimes keep as one character (U+FB00…U+FB06).
#[inline]
fn ligature(c: char) -> Option<&'static str> {
    match c {
        '\u{FB00}' => Some("ff"),
        '\u{FB01}' => Some("fi"),
        '\u{FB02}' => Some("fl"),
        '\u{FB03}' => Some("ffi"),
        '\u{FB04}' => Some("ffl"),
        '\u{FB05}' | '\u{FB06}' => Some("st"),
        _ => None,
    }
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

/// The cleaning loop of [`normalize`] over composed, visible characters.
fn clean(mut chars: std::iter::Peekable<impl Iterator<Item = char>>, out: &mut String) {
    // Spaces pending on the current line, written only before a visible char.
    let mut pending_space = false;
    // A tab pending among them: the line goes on in its next cell.
    let mut pending_tab = false;
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
                pending_tab = false;
            }
            Class::Space => pending_space = true,
            Class::Tab => pending_tab = true,
            Class::Drop => {}
            Class::Keep => {
                if !at_start {
                    if pending_breaks > 0 {
                        out.push('\n');
                        if pending_breaks > 1 {
                            out.push('\n');
                        }
                    } else if pending_tab {
                        out.push('\t');
                    } else if pending_space {
                        out.push(' ');
                    }
                }
                pending_breaks = 0;
                pending_space = false;
                pending_tab = false;
                at_start = false;
                out.push(c);
            }
        }
    }
}

enum Class {
    Keep,
    Space,
    Tab,
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
        '\t' => Class::Tab,
        ' '
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
            'a',
            'é',
            ' ',
            '\n',
            '\r',
            '\t',
            '\u{301}',
            '\u{200b}',
            '\u{a0}',
            '“',
            '\u{1100}',
            '\u{1161}',
            '\u{2028}',
            'ơ',
            '\u{1D465}',
            '\u{FB01}',
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
        (
            "a run with a tab is one tab",
            "Tỉnh\tHuyện \t\t Xã",
            "Tỉnh\tHuyện\tXã",
        ),
        (
            "a tab at a line's ends goes",
            "\tTỉnh\t\n\tXã\t",
            "Tỉnh\nXã",
        ),
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
            "math letters are plain letters",
            "hàm \u{1D453}(\u{1D465}) = \u{1D6FC}\u{1D465}\u{2080} + \u{1D41B}, \u{2112}, \u{210E}, \u{1D7CF}",
            "hàm f(x) = αx\u{2080} + b, L, h, 1",
        ),
        (
            "a math letter takes its mark",
            "\u{1D466}\u{302} = \u{1D6C1}",
            "ŷ = ∇",
        ),
        (
            "ligatures are their letters",
            "coe\u{FB00}icient \u{FB01}le \u{FB03}",
            "coefficient file ffi",
        ),
        (
            "letterlike symbols of more than a letter stay",
            "25\u{2103} \u{2116} 5 \u{2122} \u{2135}",
            "25\u{2103} \u{2116} 5 \u{2122} \u{2135}",
        ),
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

    proptest::proptest! {
        /// The loop compiled for AVX2 (where the processor has it) and the
        /// plain one agree, and with the bytes one at a time.
        #[test]
        fn the_triple_loops_agree(
            bytes in proptest::collection::vec(
                proptest::sample::select(vec![b' ', b'\n', b'a', 0x1F, 0x7F, 0x80, 0xB8, 0xC3, 0xC9, 0xE1, 0xE2, 0x90]),
                3..80,
            ),
        ) {
            let one_by_one = bytes.windows(3).any(|w| bad(w[0], w[1], w[2]));
            proptest::prop_assert_eq!(any_bad_triple_in(&bytes), one_by_one);
            proptest::prop_assert_eq!(any_bad_triple(&bytes), one_by_one);
        }
    }
}
