//! Stage 1: a file on disk to a `String` of raw text.
//!
//! The reader looks at the file's extension to choose a format, then at its
//! bytes to choose an encoding. Plain text (`.txt`, `.text`, no extension)
//! and Markdown (`.md`, `.markdown`) are read as UTF-8, with or without a
//! byte order mark, or as UTF-16 LE/BE when a byte order mark says so.
//! Anything with NUL bytes or invalid UTF-8 is refused with an error that
//! names the file. More formats plug in at [`Format`].

use std::path::Path;

use crate::error::{Error, Result};

/// The largest file the reader accepts, in bytes (256 MiB).
pub const MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// The formats the reader knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// Plain text.
    Text,
    /// Markdown: read as text, markup kept as the author wrote it.
    Markdown,
}

impl Format {
    /// The format for a path, by its extension; `None` for an unknown one.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = match path.extension() {
            None => return Some(Format::Text),
            Some(ext) => ext.to_string_lossy().to_lowercase(),
        };
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            _ => None,
        }
    }
}

/// Reads the file at `path` into raw text.
pub fn from_path(path: &Path) -> Result<String> {
    let format = Format::from_path(path).ok_or_else(|| Error::Unsupported {
        path: path.to_path_buf(),
        ext: path
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default(),
    })?;
    let read_err = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(path).map_err(read_err)?.len();
    if size > MAX_FILE_SIZE {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size,
            limit: MAX_FILE_SIZE,
        });
    }
    let bytes = std::fs::read(path).map_err(read_err)?;
    from_bytes(&bytes, format).map_err(|reason| Error::NotText {
        path: path.to_path_buf(),
        reason,
    })
}

/// Decodes the bytes of a file of the given format; the error says why the
/// bytes are not text.
pub fn from_bytes(bytes: &[u8], format: Format) -> std::result::Result<String, String> {
    match format {
        Format::Text | Format::Markdown => decode_text(bytes),
    }
}

/// UTF-8 (BOM optional) or UTF-16 with a BOM.
fn decode_text(bytes: &[u8]) -> std::result::Result<String, String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest, 3);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes);
    }
    utf8(bytes, 0)
}

fn utf8(bytes: &[u8], offset: usize) -> std::result::Result<String, String> {
    if let Some(i) = bytes.iter().position(|&b| b == 0) {
        return Err(format!("binary data: NUL byte at offset {}", i + offset));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => Err(format!(
            "invalid UTF-8 at byte {}",
            e.valid_up_to() + offset
        )),
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> std::result::Result<String, String> {
    if bytes.len() % 2 != 0 {
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
    fn encodings_with_and_without_bom() {
        let text = "Hà Nội, ngày 5/3";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        let mut bom8 = b"\xEF\xBB\xBF".to_vec();
        bom8.extend(text.as_bytes());
        for bytes in [text.as_bytes().to_vec(), bom8, le, be] {
            assert_eq!(from_bytes(&bytes, Format::Text).unwrap(), text);
        }
    }

    #[test]
    fn binary_and_broken_text_are_refused() {
        let e = from_bytes(b"PK\x03\x04\x00\x00", Format::Text).unwrap_err();
        assert!(e.contains("NUL"), "{e}");
        let e = from_bytes(b"H\xe0 N\xf4i", Format::Text).unwrap_err();
        assert!(e.contains("invalid UTF-8 at byte 1"), "{e}");
        let e = from_bytes(b"\xFF\xFEa", Format::Text).unwrap_err();
        assert!(e.contains("odd number"), "{e}");
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(Format::from_path(Path::new("a.TXT")), Some(Format::Text));
        assert_eq!(Format::from_path(Path::new("a.md")), Some(Format::Markdown));
        assert_eq!(Format::from_path(Path::new("README")), Some(Format::Text));
        assert_eq!(Format::from_path(Path::new("a.exe")), None);
    }
}
