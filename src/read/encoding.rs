//! Which encoding a text file is in, and its decoding.
//!
//! Detection goes from the surest sign to the weakest:
//!
//! 1. a byte order mark (UTF-8, UTF-16 LE/BE; UTF-32 is named and refused);
//! 2. UTF-16 without a mark, by the pattern of NUL bytes in every other
//!    position that Latin and Vietnamese text leaves;
//! 3. valid UTF-8 (ASCII included), or UTF-8 with a few bad or cut-off
//!    bytes, replaced by U+FFFD, its confidence below 1 (`mostly_utf8`);
//! 4. otherwise each legacy Vietnamese encoding (Windows-1258, VISCII,
//!    TCVN3, VNI) and `chardetng`'s guess are tried, and the one whose words
//!    are most often valid Vietnamese syllables wins. The share of valid
//!    words is the [`Detected::confidence`].
//!
//! A forced encoding ([`ReadOptions::encoding`](super::ReadOptions)) skips
//! the guessing but still honours a byte order mark.

use std::fmt;
use std::str::FromStr;

use unicode_normalization::UnicodeNormalization;

use super::legacy;
use crate::vi::is_syllable;

/// A text encoding the reader can decode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8, with or without a byte order mark.
    Utf8,
    /// UTF-16, little-endian.
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// Windows-1258 (Vietnamese; tone marks as combining characters).
    Windows1258,
    /// VISCII (RFC 1456).
    Viscii,
    /// TCVN3 / ABC (TCVN 5712:1993 VN3, the `.VnTime` fonts).
    Tcvn3,
    /// VNI Windows (the `VNI-Times` fonts).
    Vni,
    /// Windows-1252 (Western European).
    Windows1252,
}

impl Encoding {
    /// Every encoding, in the order detection prefers on a tie.
    pub const ALL: [Encoding; 8] = [
        Encoding::Utf8,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
        Encoding::Windows1258,
        Encoding::Viscii,
        Encoding::Tcvn3,
        Encoding::Vni,
        Encoding::Windows1252,
    ];

    /// The canonical name, as [`FromStr`] accepts it.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1258 => "windows-1258",
            Encoding::Viscii => "viscii",
            Encoding::Tcvn3 => "tcvn3",
            Encoding::Vni => "vni",
            Encoding::Windows1252 => "windows-1252",
        }
    }

    /// Decodes `bytes` (without a byte order mark) into NFC text; the error
    /// says where the bytes are not text in this encoding.
    pub fn decode(self, bytes: &[u8]) -> Result<String, String> {
        let text = match self {
            Encoding::Utf8 => return utf8(bytes),
            Encoding::Utf16Le => return utf16(bytes, u16::from_le_bytes),
            Encoding::Utf16Be => return utf16(bytes, u16::from_be_bytes),
            Encoding::Windows1258 => {
                let (text, _) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(bytes);
                // Tone marks are combining characters in this code page.
                text.nfc().collect()
            }
            Encoding::Windows1252 => {
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
                text.into_owned()
            }
            Encoding::Viscii => legacy::decode_viscii(bytes),
            Encoding::Tcvn3 => legacy::decode_tcvn3(bytes),
            Encoding::Vni => legacy::decode_vni(bytes),
        };
        no_nul(&text)?;
        Ok(text)
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Encoding {
    type Err = String;

    /// Names and common aliases, any case: `utf-8`, `utf-16le`, `cp1258`,
    /// `windows-1258`, `viscii`, `tcvn3`, `abc`, `vni`, `cp1252`, `latin1`.
    fn from_str(s: &str) -> Result<Encoding, String> {
        let key: String = s
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        Ok(match key.as_str() {
            "utf8" => Encoding::Utf8,
            "utf16" | "utf16le" => Encoding::Utf16Le,
            "utf16be" => Encoding::Utf16Be,
            "windows1258" | "cp1258" | "win1258" => Encoding::Windows1258,
            "viscii" => Encoding::Viscii,
            "tcvn3" | "tcvn" | "abc" | "tcvn5712" | "vn3" | "vntime" => Encoding::Tcvn3,
            "vni" | "vniwindows" | "vnitimes" => Encoding::Vni,
            "windows1252" | "cp1252" | "latin1" | "iso88591" => Encoding::Windows1252,
            _ => {
                let names: Vec<&str> = Encoding::ALL.iter().map(|e| e.name()).collect();
                return Err(format!(
                    "unknown encoding `{s}` (known: {})",
                    names.join(", ")
                ));
            }
        })
    }
}

/// An encoding the reader chose, and how sure it was.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Detected {
    /// The encoding.
    pub encoding: Encoding,
    /// From 0 to 1: 1 for a byte order mark, a forced encoding or valid
    /// UTF-8 with non-ASCII text; for a legacy encoding, the share of words
    /// with non-ASCII letters that decode to valid Vietnamese syllables.
    pub confidence: f32,
}

/// Decodes text bytes: the encoding `forced`, or the one detected.
pub fn decode(bytes: &[u8], forced: Option<Encoding>) -> Result<(String, Detected), String> {
    // Checked before UTF-16 LE, whose mark is a prefix of this one.
    if bytes.starts_with(b"\xFF\xFE\x00\x00") || bytes.starts_with(b"\x00\x00\xFE\xFF") {
        return Err("UTF-32 text is not supported".into());
    }
    for (bom, enc) in [
        (&b"\xEF\xBB\xBF"[..], Encoding::Utf8),
        (b"\xFF\xFE", Encoding::Utf16Le),
        (b"\xFE\xFF", Encoding::Utf16Be),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let text = enc.decode(rest).map_err(|e| shift(e, bom.len()))?;
            return Ok((text, sure(enc)));
        }
    }
    if let Some(enc) = forced {
        return Ok((enc.decode(bytes)?, sure(enc)));
    }
    if let Some(enc) = utf16_by_nuls(bytes) {
        if let Ok(text) = enc.decode(bytes) {
            return Ok((
                text,
                Detected {
                    encoding: enc,
                    confidence: 0.9,
                },
            ));
        }
    }
    match utf8(bytes) {
        Ok(text) => {
            not_binary(&text, 10)?;
            return Ok((text, sure(Encoding::Utf8)));
        }
        Err(e) if e.contains("NUL") => return Err(e),
        Err(_) => {}
    }
    if let Some(confidence) = mostly_utf8(bytes) {
        let text = String::from_utf8_lossy(bytes).into_owned();
        not_binary(&text, 10)?;
        let det = Detected {
            encoding: Encoding::Utf8,
            confidence,
        };
        return Ok((text, det));
    }
    let (text, det) = guess_legacy(bytes)
        .ok_or_else(|| "neither UTF-8 nor a legacy Vietnamese encoding".to_string())?;
    not_binary(&text, 50)?;
    Ok((text, det))
}

/// For bytes that are not UTF-8 throughout: whether they are UTF-8 with a
/// few bad or cut-off bytes (a file broken in transit, a truncated
/// download) rather than a legacy encoding, and then the share of the
/// non-ASCII sequences that are valid, below 1 (its [`Detected::confidence`]).
///
/// Legacy Vietnamese text is a run of high bytes that rarely happen to
/// form a UTF-8 sequence, so its bad sequences far outnumber its valid
/// ones; a UTF-8 file with a bad byte is the other way round. Four valid
/// characters for each bad sequence are asked.
pub(super) fn mostly_utf8(bytes: &[u8]) -> Option<f32> {
    let (mut valid, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    (bad > 0 && valid >= 4 * bad).then(|| valid as f32 / (valid + bad) as f32)
}

/// Refuses text with more than one control character in `one_in` (bar
/// tabs, line ends and form feeds): it is binary data.
fn not_binary(text: &str, one_in: usize) -> Result<(), String> {
    let controls = text
        .chars()
        .filter(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'))
        .count();
    if controls > 0 && controls * one_in > text.chars().count() {
        return Err(format!("binary data: {controls} control characters"));
    }
    Ok(())
}

fn sure(encoding: Encoding) -> Detected {
    Detected {
        encoding,
        confidence: 1.0,
    }
}

/// Moves the byte offset in an error message past a byte order mark.
fn shift(e: String, by: usize) -> String {
    // Messages put the offset last: "... at byte 17".
    match e.rsplit_once(' ') {
        Some((head, n)) if e.contains("at byte") => match n.parse::<usize>() {
            Ok(n) => format!("{head} {}", n + by),
            Err(_) => e,
        },
        _ => e,
    }
}

/// UTF-16 without a mark: in text of Latin letters, one byte of each pair
/// is NUL; Vietnamese letters (U+00C0–U+1EF9) keep the high byte at 0x00,
/// 0x01 or 0x1E, so most pairs still have a NUL.
fn utf16_by_nuls(bytes: &[u8]) -> Option<Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd * 10 >= pairs * 6 && even * 10 <= pairs {
        Some(Encoding::Utf16Le)
    } else if even * 10 >= pairs * 6 && odd * 10 <= pairs {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// The legacy encoding whose decoding reads most like Vietnamese.
fn guess_legacy(bytes: &[u8]) -> Option<(String, Detected)> {
    let mut candidates = vec![
        Encoding::Windows1258,
        Encoding::Viscii,
        Encoding::Tcvn3,
        Encoding::Vni,
    ];
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let guess = det.guess(Some(b"vn"), chardetng::Utf8Detection::Allow);
    if guess == encoding_rs::WINDOWS_1252 {
        candidates.push(Encoding::Windows1252);
    }
    let mut best: Option<(String, Detected)> = None;
    for enc in candidates {
        let Ok(text) = enc.decode(bytes) else {
            continue;
        };
        let score = vietnamese_score(&text);
        if best.as_ref().is_none_or(|(_, b)| score > b.confidence) {
            best = Some((
                text,
                Detected {
                    encoding: enc,
                    confidence: score,
                },
            ));
        }
    }
    let (text, det) = best?;
    if det.confidence < 0.5 && guess != encoding_rs::WINDOWS_1258 {
        // Not Vietnamese in any legacy encoding: trust chardetng's guess
        // when it names one of ours, else the best we have.
        if guess == encoding_rs::WINDOWS_1252 {
            let text = Encoding::Windows1252.decode(bytes).ok()?;
            return Some((
                text,
                Detected {
                    encoding: Encoding::Windows1252,
                    confidence: 0.5,
                },
            ));
        }
    }
    Some((text, det))
}

/// The share of words with a non-ASCII character that are valid Vietnamese
/// syllables; 0 when there are none.
pub fn vietnamese_score(text: &str) -> f32 {
    let mut total = 0u32;
    let mut valid = 0u32;
    for word in
        text.split(|c: char| c.is_whitespace() || (c.is_ascii() && !c.is_ascii_alphanumeric()))
    {
        if word.is_ascii() {
            continue;
        }
        total += 1;
        if is_syllable(word) {
            valid += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        valid as f32 / total as f32
    }
}

fn no_nul(text: &str) -> Result<(), String> {
    match text.find('\0') {
        Some(i) => Err(format!(
            "binary data: NUL at character {}",
            text[..i].chars().count()
        )),
        None => Ok(()),
    }
}

pub(super) fn utf8(bytes: &[u8]) -> Result<String, String> {
    if let Some(i) = bytes.iter().position(|&b| b == 0) {
        return Err(format!("binary data: NUL byte at offset {i}"));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => Err(format!("invalid UTF-8 at byte {}", e.valid_up_to())),
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, String> {
    if !bytes.len().is_multiple_of(2) {
        return Err("UTF-16 text with an odd number of bytes".into());
    }
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut out = String::with_capacity(bytes.len());
    for (i, r) in char::decode_utf16(units).enumerate() {
        match r {
            Ok('\0') => return Err(format!("binary data: NUL at UTF-16 unit {i}")),
            Ok(c) => out.push(c),
            Err(_) => return Err(format!("invalid UTF-16 at unit {i}")),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_aliases() {
        for e in Encoding::ALL {
            assert_eq!(e.name().parse::<Encoding>(), Ok(e));
        }
        assert_eq!("ABC".parse::<Encoding>(), Ok(Encoding::Tcvn3));
        assert_eq!("CP-1258".parse::<Encoding>(), Ok(Encoding::Windows1258));
        assert!("koi8"
            .parse::<Encoding>()
            .unwrap_err()
            .contains("unknown encoding `koi8`"));
    }

    #[test]
    fn bomless_utf16_by_nuls() {
        let text = "Hà Nội mùa thu, cây cơm nguội vàng.";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le, None).unwrap().0, text);
        assert_eq!(decode(&be, None).unwrap().1.encoding, Encoding::Utf16Be);
    }
}
