//! Character classes and the canonical key of a syllable, without a
//! Unicode table lookup or an allocation for Vietnamese text.
//!
//! [`class`] answers the `char` predicates the tokenizer asks
//! (`is_whitespace`, `is_alphanumeric`, `is_alphabetic`, case) from a
//! table for ASCII and a `match` for the 134 Vietnamese letters, and asks
//! `std` only for other characters. [`KeyFold`] writes the key that
//! [`canonical_into`] would write, lower case and one tone placement, for
//! a token made of those characters; any other character in the token
//! marks it [`KeyFold::slow`], and the caller falls back to
//! [`canonical_into`]. Tests check both against `std` and [`vi`](crate::vi).

#[cfg(doc)]
use crate::vi::canonical_into;

/// `char::is_whitespace`.
pub(super) const SPACE: u8 = 1;
/// `char::is_alphanumeric`.
pub(super) const ALNUM: u8 = 2;
/// `char::is_alphabetic`.
pub(super) const ALPHA: u8 = 4;
/// `char::is_uppercase` (exact for fast characters only).
pub(super) const UPPER: u8 = 8;
/// `char::is_lowercase` (exact for fast characters only).
pub(super) const LOWER: u8 = 16;
/// A combining mark, U+0300 to U+036F.
pub(super) const MARK: u8 = 32;
/// Not ASCII and not a Vietnamese letter: case and key need `std`.
pub(super) const SLOW: u8 = 64;

const fn ascii_classes() -> [u8; 128] {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = if b.is_ascii_uppercase() {
            ALNUM | ALPHA | UPPER
        } else if b.is_ascii_lowercase() {
            ALNUM | ALPHA | LOWER
        } else if b.is_ascii_digit() {
            ALNUM
        } else if matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
            SPACE
        } else {
            0
        };
        i += 1;
    }
    t
}

static ASCII: [u8; 128] = ascii_classes();

/// The class bits of `c`.
#[inline(always)]
pub(super) fn class(c: char) -> u8 {
    let u = c as u32;
    if u < 0x80 {
        ASCII[u as usize]
    } else if u < 0x250 {
        match LATIN[u as usize - 0x80] {
            SLOW => slow_class(c),
            k => k,
        }
    } else if (0x1EA0..=0x1EF9).contains(&u) {
        // Ạ ạ … Ỹ ỹ: upper case even, lower case odd
        if u.is_multiple_of(2) {
            ALNUM | ALPHA | UPPER
        } else {
            ALNUM | ALPHA | LOWER
        }
    } else if (0x2010..=0x2027).contains(&u) {
        // Dashes, curly quotes, bullets, the ellipsis: marks, and `’`
        // inside `M’Drắk`.
        0
    } else {
        slow_class(c)
    }
}

/// Classes of U+0080 to U+024F: the Vietnamese letters, and [`SLOW`] for
/// the rest (their classes then come from `std`).
static LATIN: [u8; 0x250 - 0x80] = latin_classes();

const fn latin_classes() -> [u8; 0x250 - 0x80] {
    let mut t = [SLOW; 0x250 - 0x80];
    let mut u = 0x80;
    while u < 0x250 {
        t[u - 0x80] = match u {
            // À Á Â Ã È É Ê Ì Í Ò Ó Ô Õ Ù Ú Ý, Ă Đ Ĩ Ũ Ơ Ư
            0xC0..=0xC3 | 0xC8..=0xCA | 0xCC | 0xCD | 0xD2..=0xD5 | 0xD9 | 0xDA | 0xDD => {
                ALNUM | ALPHA | UPPER
            }
            0x102 | 0x110 | 0x128 | 0x168 | 0x1A0 | 0x1AF => ALNUM | ALPHA | UPPER,
            0xE0..=0xE3 | 0xE8..=0xEA | 0xEC | 0xED | 0xF2..=0xF5 | 0xF9 | 0xFA | 0xFD => {
                ALNUM | ALPHA | LOWER
            }
            0x103 | 0x111 | 0x129 | 0x169 | 0x1A1 | 0x1B0 => ALNUM | ALPHA | LOWER,
            _ => SLOW,
        };
        u += 1;
    }
    t
}

#[cold]
#[inline(never)]
fn slow_class(c: char) -> u8 {
    let mut k = SLOW;
    if c.is_whitespace() {
        k |= SPACE;
    }
    if c.is_alphanumeric() {
        k |= ALNUM;
    }
    if c.is_alphabetic() {
        k |= ALPHA;
    }
    if matches!(c, '\u{300}'..='\u{36F}') {
        k |= MARK;
    }
    k
}

/// The lower case of a fast upper-case letter, which is also the
/// difference of the last bytes of their UTF-8 forms: `0x20` in ASCII
/// and Latin-1, 1 for the rest.
#[inline(always)]
fn lower_delta(c: char) -> u8 {
    if (c as u32) < 0x100 {
        0x20
    } else {
        1
    }
}

/// The longest key folded on the fast path; longer tokens take the slow
/// one.
pub(super) const KEY_MAX: usize = 32;

/// What [`letters`] found: a run of fast letters, whose key it folded.
#[derive(Debug)]
pub(super) struct Letters {
    /// The key's length in bytes.
    pub(super) len: usize,
    /// Letters other than ASCII lower case, and their bytes.
    others: u32,
    other_bytes: usize,
    pub(super) uppers: u32,
    pub(super) first_upper: bool,
    /// The key needs the slow path: longer than [`KEY_MAX`], or its last
    /// two letters may need the tone mark moved (`hoà`, `thuỷ`).
    pub(super) slow: bool,
}

impl Letters {
    /// What [`letters`] gives for `len` bytes of lower-case letters that
    /// need no slow path (a syllable [`plain_len`] found). It does not
    /// count the letters, which only [`Letters::one`] reads, and only
    /// for a capital.
    #[inline(always)]
    pub(super) fn lower(len: usize) -> Letters {
        Letters {
            len,
            others: 0,
            other_bytes: 0,
            uppers: 0,
            first_upper: false,
            slow: false,
        }
    }

    /// Whether it is one letter.
    #[inline(always)]
    pub(super) fn one(&self) -> bool {
        self.len == 1 || self.others == 1 && self.other_bytes == self.len
    }

    /// Whether some letter is lower case.
    #[inline(always)]
    pub(super) fn any_lower(&self) -> bool {
        self.len > self.other_bytes || self.others > self.uppers
    }
}

/// The bytes [`letters`] works on: [`KEY_MAX`] and a letter's length.
pub(super) const LETTERS_BUF: usize = KEY_MAX + 4;

/// The letters at the start of `buf`, ASCII or Vietnamese, within its
/// first `avail` bytes, folded in place to their key: the fast path for
/// the usual syllable, which gives what [`KeyFold`] gives for a token of
/// letters only, without a `char` per letter or a copy per byte.
///
/// `buf` holds a copy of the text from the token's start (zeros past the
/// text's end), since the key of such a token is its bytes but for the
/// case. The scan only finds where the letters end and lower-cases the
/// capitals in place: `0x20` (ASCII, Latin-1) or 1 more on the last byte,
/// as in [`KeyFold::push`]. An ASCII lower-case letter, the usual byte, costs
/// a compare; an ASCII byte otherwise the class table, a two-byte letter
/// the Latin table, and the three-byte letters U+1EA0 to U+1EF9 (`E1 BA
/// A0` to `E1 BB B9`) the parity of their code point. `avail` ends on a
/// char boundary.
#[inline(always)]
pub(super) fn letters(buf: &mut [u8; LETTERS_BUF], avail: usize) -> Letters {
    let lim = avail.min(KEY_MAX);
    let (mut others, mut other_bytes, mut uppers) = (0, 0, 0);
    let (mut first_upper, mut slow) = (false, false);
    let mut j = 0;
    while j < lim {
        let b = buf[j];
        if b.wrapping_sub(b'a') < 26 {
            j += 1;
            continue;
        }
        // Each kind of letter on its own branch, so that each adds only
        // what it needs.
        let n = if b < 0x80 {
            if ASCII[usize::from(b)] & ALPHA == 0 {
                break;
            }
            // An ASCII capital.
            buf[j] += 0x20;
            uppers += 1;
            first_upper |= j == 0;
            1
        } else if b < 0xE0 {
            let u = usize::from(b & 0x1F) << 6 | usize::from(buf[j + 1] & 0x3F);
            let k = LATIN.get(u.wrapping_sub(0x80)).copied().unwrap_or(SLOW);
            if k & (ALPHA | SLOW) != ALPHA {
                break;
            }
            if j + 2 > lim {
                // Past `KEY_MAX` (`lim` is on a char boundary otherwise).
                slow = true;
                break;
            }
            if k & UPPER != 0 {
                buf[j + 1] += if u < 0x100 { 0x20 } else { 1 };
                uppers += 1;
                first_upper |= j == 0;
            }
            2
        } else if b == 0xE1 && matches!(buf[j + 1], 0xBA | 0xBB) {
            let u = 0x1E00 | usize::from(buf[j + 1] & 0x3F) << 6 | usize::from(buf[j + 2] & 0x3F);
            if !(0x1EA0..=0x1EF9).contains(&u) {
                break;
            }
            if j + 3 > lim {
                slow = true;
                break;
            }
            // Upper case even, lower case odd.
            if u % 2 == 0 {
                buf[j + 2] += 1;
                uppers += 1;
                first_upper |= j == 0;
            }
            3
        } else {
            break;
        };
        j += n;
        others += 1;
        other_bytes += n;
    }
    // Stopped at the length limit, maybe not at the end of the letters:
    // the general path decides.
    slow |= j == KEY_MAX;
    let len = j;
    // `KeyFold::end_run` moves a tone only from a marked vowel, never ASCII,
    // after an ASCII `o` or `u`: look closer then.
    if len >= 3 && buf[len - 1] >= 0x80 {
        let last = if buf[len - 2] >= 0xC0 {
            len - 2
        } else {
            len - 3
        };
        if last >= 1 && matches!(buf[last - 1], b'o' | b'u') {
            slow |= retones(&buf[last - 1..len]);
        }
    }
    Letters {
        len,
        others,
        other_bytes,
        uppers,
        first_upper,
        slow,
    }
}

/// Where a syllable that is already its own key would end in `buf`: the
/// length of the bytes before the first ASCII byte other than a letter,
/// within the first `avail`, when it is 1 to 16 and no ASCII capital
/// comes before it. Bytes past ASCII are taken as they come.
///
/// The usual token is a lower-case syllable the dictionary has: its bytes
/// are its key, and [`letters`] would fold nothing. The caller looks the
/// bytes up as they are and, when they are such a syllable, skips
/// [`letters`]; else it folds as usual. Eight bytes at a time, as words:
/// a compare per byte cost more than the fold it saves.
#[inline(always)]
pub(super) fn plain_len(buf: &[u8; LETTERS_BUF], avail: usize) -> Option<usize> {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const CASE: u64 = 0x2020_2020_2020_2020;
    /// The high bit of each byte that ends the syllable, and of each
    /// ASCII capital.
    #[inline(always)]
    fn stops(w: u64) -> (u64, u64) {
        // Each byte below 0x80, with the case bit set: no sum below
        // carries into the next byte.
        let x = w & LOW7 | CASE;
        let from_a = x + 0x1F1F_1F1F_1F1F_1F1F; // x >= b'a'
        let past_z = x + 0x0505_0505_0505_0505; // x > b'z'
        let letter = from_a & !past_z & !w & HIGH;
        let stop = !(letter | w) & HIGH;
        // A letter without the case bit (bit 5, moved to bit 7).
        let upper = letter & !(w << 2);
        (stop, upper)
    }
    let word = |k: usize| u64::from_le_bytes(buf[k..k + 8].try_into().expect("8 bytes"));
    let (stop0, upper0) = stops(word(0));
    let (len, upper1) = if stop0 != 0 {
        ((stop0.trailing_zeros() / 8) as usize, 0)
    } else {
        let (stop1, upper1) = stops(word(8));
        if stop1 == 0 && avail > 16 {
            // Maybe longer than 16 bytes.
            return None;
        }
        (8 + (stop1.trailing_zeros() / 8).min(8) as usize, upper1)
    };
    let len = len.min(avail);
    // The capitals before `len` only.
    let [m0, m1] = SHORT_MASKS[len];
    (len > 0 && (upper0 & m0 | upper1 & m1) == 0).then_some(len)
}

/// The first `len` bytes of `buf` as two words, zero-padded, when `len`
/// is 1 to 16: [`KeyFold::short`] without writing the zeros.
#[inline(always)]
pub(super) fn short_of(buf: &[u8; LETTERS_BUF], len: usize) -> Option<[u64; 2]> {
    if !(1..=16).contains(&len) {
        return None;
    }
    // The mask from a table: a shift of 128 bits by a variable count
    // took a dozen instructions (6.5 M over vietnews DEV).
    let [m0, m1] = SHORT_MASKS[len];
    Some([
        u64::from_le_bytes(buf[..8].try_into().expect("8 bytes")) & m0,
        u64::from_le_bytes(buf[8..16].try_into().expect("8 bytes")) & m1,
    ])
}

/// By length `n` (0 to 16), the mask of the first `n` bytes of two
/// little-endian words, for [`short_of`].
const SHORT_MASKS: [[u64; 2]; 17] = {
    let mut m = [[0; 2]; 17];
    let mut n = 1;
    while n <= 16 {
        let w = u128::MAX >> (128 - 8 * n);
        m[n] = [w as u64, (w >> 64) as u64];
        n += 1;
    }
    m
};

/// Whether `pair`, an ASCII vowel and a letter, has its tone moved by
/// [`retone`].
#[cold]
fn retones(pair: &[u8]) -> bool {
    let mut cs = std::str::from_utf8(pair).into_iter().flat_map(str::chars);
    match (cs.next(), cs.next()) {
        (Some(a), Some(b)) => retone(a, b).is_some(),
        _ => false,
    }
}

/// The canonical key of one token, written as its characters come.
///
/// Tracks the current run of letters, whose last two letters may need the
/// tone mark moved (`hoà` → `hòa`), and the case counts that tell a
/// capitalized word from an abbreviation.
#[derive(Debug)]
pub(super) struct KeyFold {
    /// The key, zero after `len`.
    pub(super) buf: [u8; KEY_MAX + 4],
    pub(super) len: usize,
    /// Where the current run of letters starts in the key, or `usize::MAX`.
    run: usize,
    /// The last two letters of the run and where they start.
    last: (char, usize),
    before: (char, usize),
    uppers: u32,
    pub(super) first_upper: bool,
    any_lower: bool,
    /// A character outside the fast set was seen, or the key is too long:
    /// use `canonical_into`.
    pub(super) slow: bool,
}

impl KeyFold {
    /// Starts a token whose first character has class `first_class`.
    #[inline(always)]
    pub(super) fn new(first_class: u8) -> KeyFold {
        KeyFold {
            buf: [0; KEY_MAX + 4],
            len: 0,
            run: usize::MAX,
            last: ('\0', 0),
            before: ('\0', 0),
            uppers: 0,
            first_upper: first_class & UPPER != 0,
            any_lower: false,
            slow: false,
        }
    }

    /// Appends the key of `c`, of class `k`, whose UTF-8 form is `bytes`.
    #[inline(always)]
    pub(super) fn push(&mut self, c: char, bytes: &[u8], k: u8) {
        if k & SLOW != 0 || self.len + bytes.len() > KEY_MAX {
            self.slow = true;
            return;
        }
        let at = self.len;
        // A loop, not `copy_from_slice`: a call to `memcpy` per char cost
        // 7% of the segmenter's instructions.
        for (k, &b) in bytes.iter().enumerate() {
            self.buf[at + k] = b;
        }
        self.len += bytes.len();
        if k & ALPHA == 0 {
            self.end_run();
            return;
        }
        let mut lower = c;
        if k & UPPER != 0 {
            self.uppers += 1;
            let d = lower_delta(c);
            self.buf[self.len - 1] += d;
            lower = char::from_u32(c as u32 + u32::from(d)).unwrap_or(c);
        } else {
            self.any_lower = true;
        }
        if self.run == usize::MAX {
            self.run = at;
        }
        self.before = self.last;
        self.last = (lower, at);
    }

    /// Ends the token: the last run gets its tone placement.
    #[inline(always)]
    pub(super) fn finish(&mut self) {
        self.end_run();
    }

    /// The key.
    #[inline(always)]
    pub(super) fn key(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    /// The key as two words, zero-padded, when it has at most 16 bytes.
    #[inline(always)]
    pub(super) fn short(&self) -> Option<[u64; 2]> {
        (self.len <= 16).then(|| {
            [
                u64::from_le_bytes(self.buf[..8].try_into().expect("8 bytes")),
                u64::from_le_bytes(self.buf[8..16].try_into().expect("8 bytes")),
            ]
        })
    }

    /// Two capitals or more and no lower-case letter: `UBND`, `QK2`.
    #[inline(always)]
    pub(super) fn abbreviation(&self) -> bool {
        self.uppers >= 2 && !self.any_lower
    }

    /// The tone of a final `oa`, `oe`, `uy` moves to the first vowel,
    /// except after `qu`: `vi::fix_tone_placement`, on one run.
    #[inline(always)]
    fn end_run(&mut self) {
        if self.run == usize::MAX {
            return;
        }
        let run = std::mem::replace(&mut self.run, usize::MAX);
        let (last, end) = std::mem::replace(&mut self.last, ('\0', 0));
        let (before, at) = std::mem::replace(&mut self.before, ('\0', 0));
        if matches!(before, 'o' | 'u') && at >= run {
            self.retone_run(run, before, at, last, end);
        }
    }

    #[cold]
    fn retone_run(&mut self, run: usize, before: char, at: usize, last: char, end: usize) {
        if self.buf[run..].starts_with(b"qu") {
            return;
        }
        let Some((marked, plain)) = retone(before, last) else {
            return;
        };
        // The run ends the key so far, but a non-letter may follow it.
        let tail_start = end + last.len_utf8();
        let mut tail = [0u8; KEY_MAX + 4];
        let tail_len = self.len - tail_start;
        tail[..tail_len].copy_from_slice(&self.buf[tail_start..self.len]);
        let mut w = at;
        for ch in [marked, plain] {
            w += ch.encode_utf8(&mut self.buf[w..]).len();
        }
        self.buf[w..w + tail_len].copy_from_slice(&tail[..tail_len]);
        w += tail_len;
        self.buf[w..].fill(0);
        self.len = w;
    }
}

/// `vi::RETONE`: a first vowel and a marked second vowel, to the
/// marked first vowel and the plain second one.
#[inline]
fn retone(first: char, second: char) -> Option<(char, char)> {
    Some(match (first, second) {
        ('o', 'à') | ('o', 'è') => ('ò', plain(second)),
        ('o', 'á') | ('o', 'é') => ('ó', plain(second)),
        ('o', 'ả') | ('o', 'ẻ') => ('ỏ', plain(second)),
        ('o', 'ã') | ('o', 'ẽ') => ('õ', plain(second)),
        ('o', 'ạ') | ('o', 'ẹ') => ('ọ', plain(second)),
        ('u', 'ỳ') => ('ù', 'y'),
        ('u', 'ý') => ('ú', 'y'),
        ('u', 'ỷ') => ('ủ', 'y'),
        ('u', 'ỹ') => ('ũ', 'y'),
        ('u', 'ỵ') => ('ụ', 'y'),
        _ => return None,
    })
}

fn plain(marked: char) -> char {
    if matches!(marked, 'à' | 'á' | 'ả' | 'ã' | 'ạ') {
        'a'
    } else {
        'e'
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vi::canonical;

    #[test]
    fn short_of_keeps_the_first_bytes_only() {
        let mut buf = [0u8; LETTERS_BUF];
        for (i, b) in buf.iter_mut().enumerate() {
            *b = 0xA0 + i as u8;
        }
        for len in 1..=16 {
            let mut want = [0u8; 16];
            want[..len].copy_from_slice(&buf[..len]);
            let want = [
                u64::from_le_bytes(want[..8].try_into().unwrap()),
                u64::from_le_bytes(want[8..].try_into().unwrap()),
            ];
            assert_eq!(short_of(&buf, len), Some(want), "{len}");
        }
        assert_eq!(short_of(&buf, 0), None);
        assert_eq!(short_of(&buf, 17), None);
    }

    #[test]
    fn classes_agree_with_std() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let k = class(c);
            assert_eq!(k & SPACE != 0, c.is_whitespace(), "{c:?}");
            assert_eq!(k & ALNUM != 0, c.is_alphanumeric(), "{c:?}");
            assert_eq!(k & ALPHA != 0, c.is_alphabetic(), "{c:?}");
            assert_eq!(k & MARK != 0, matches!(c, '\u{300}'..='\u{36F}'), "{c:?}");
            if k & SLOW == 0 {
                assert_eq!(k & UPPER != 0, c.is_uppercase(), "{c:?}");
                assert_eq!(k & LOWER != 0, c.is_lowercase(), "{c:?}");
                if k & UPPER != 0 {
                    let lower: Vec<char> = c.to_lowercase().collect();
                    let d = u32::from(lower_delta(c));
                    assert_eq!(lower, [char::from_u32(c as u32 + d).unwrap()], "{c:?}");
                    let (mut a, mut b) = ([0u8; 4], [0u8; 4]);
                    let (a, b) = (c.encode_utf8(&mut a), lower[0].encode_utf8(&mut b));
                    assert_eq!(a.len(), b.len(), "{c:?}");
                    assert_eq!(
                        a.as_bytes()[a.len() - 1] + d as u8,
                        b.as_bytes()[b.len() - 1]
                    );
                }
            }
        }
        let fast = (0x80..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| class(c) & (SLOW | ALPHA) == ALPHA)
            .count();
        assert_eq!(fast, 134, "Vietnamese letters that are not ASCII");
    }

    /// The fast key, or `None` where the caller would take the slow path.
    pub(crate) fn fold(s: &str) -> Option<String> {
        let first = s.chars().next()?;
        let mut f = KeyFold::new(class(first));
        for (i, c) in s.char_indices() {
            f.push(c, &s.as_bytes()[i..i + c.len_utf8()], class(c));
        }
        f.finish();
        (!f.slow).then(|| String::from_utf8(f.key().to_vec()).unwrap())
    }

    #[test]
    fn keys_agree_with_canonical() {
        let cases = [
            "Hoà",
            "HOÀ",
            "hoà",
            "thuỷ",
            "Khoẻ",
            "QUÝ",
            "quả",
            "oẽ",
            "toạ",
            "uỵ",
            "tp.hcm",
            "H'leo",
            "M’Drắk",
            "29A-123",
            "hoà.hoà",
            "ĐẮK",
            "Ỹ",
            "Ea",
            "1.000",
            "oà1oà",
        ];
        for s in cases {
            assert_eq!(fold(s).as_deref(), Some(canonical(s).as_str()), "{s:?}");
        }
        for s in ["ho\u{300}a", "straße", "Ωmega"] {
            assert_eq!(fold(s), None, "{s:?}");
        }
    }

    /// [`plain_len`] byte by byte.
    fn plain_len_slowly(bytes: &[u8], avail: usize) -> Option<usize> {
        let stop = bytes[..avail.min(bytes.len())]
            .iter()
            .position(|b| b.is_ascii() && !b.is_ascii_alphabetic())
            .unwrap_or(avail.min(bytes.len()));
        // Sixteen bytes are all it reads.
        if stop >= 16 && avail > 16 {
            return None;
        }
        let capital = bytes[..stop].iter().any(u8::is_ascii_uppercase);
        (stop > 0 && !capital).then_some(stop)
    }

    #[test]
    fn plain_len_finds_lower_case_syllables() {
        let cases: &[(&str, Option<usize>)] = &[
            ("người ta", Some(8)),
            ("người", Some(8)),
            ("Người ta", None),
            ("xã, ", Some(3)),
            ("TP", None),
            ("aB", None),
            ("ab1", Some(2)),
            (" a", None),
            ("nghiêngnghiêng x", None),
            ("nghiêngnghiê x", Some(14)),
        ];
        for &(text, want) in cases {
            let mut buf = [0u8; LETTERS_BUF];
            let n = text.len().min(LETTERS_BUF);
            buf[..n].copy_from_slice(&text.as_bytes()[..n]);
            assert_eq!(plain_len(&buf, text.len()), want, "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn plain_len_agrees_byte_by_byte(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), LETTERS_BUF),
            avail in 0usize..=LETTERS_BUF,
        ) {
            let buf: [u8; LETTERS_BUF] = bytes[..].try_into().unwrap();
            proptest::prop_assert_eq!(plain_len(&buf, avail), plain_len_slowly(&bytes, avail));
        }

        #[test]
        fn any_fast_key_agrees_with_canonical(
            s in "[a-zA-Z0-9'’.,/:\\-oOuUqQàáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴđĐăâêôơưẮỮ]{1,12}",
        ) {
            if let Some(key) = fold(&s) {
                proptest::prop_assert_eq!(key, canonical(&s));
            }
        }
    }
}
