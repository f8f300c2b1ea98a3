//! The one error type of the core, with a `Result` alias.
//!
//! Messages are lowercase with no final period and name the bad value; the
//! path of a file is attached where the file is opened (`read.rs`).

use std::path::PathBuf;

/// A specialized `Result` for this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// Everything that can go wrong between a file on disk and its summary.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be opened or read.
    #[error("{}: cannot read file", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The bytes are not text in an encoding the reader knows.
    #[error("{}: not a text file ({reason})", path.display())]
    NotText {
        /// The file.
        path: PathBuf,
        /// What gave it away, e.g. "NUL bytes" or "invalid UTF-8 at byte 17".
        reason: String,
    },
    /// The file's extension names a format the reader does not handle.
    #[error("{}: unsupported file type `{ext}`", path.display())]
    Unsupported {
        /// The file.
        path: PathBuf,
        /// The extension, without the dot.
        ext: String,
    },
    /// The file is larger than the reader accepts.
    #[error("{}: file too large ({size} bytes, limit {limit})", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// Nothing in the input is left to summarize after cleaning.
    #[error("no text to summarize")]
    Empty,
    /// An [`Options`](crate::Options) value is out of range.
    #[error("invalid option `{name}`: {reason}")]
    InvalidOption {
        /// The field's name.
        name: &'static str,
        /// Why the value is rejected.
        reason: String,
    },
}

/// The kind of an [`Error`], for front ends that branch without parsing messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// [`Error::Read`].
    Read,
    /// [`Error::NotText`].
    NotText,
    /// [`Error::Unsupported`].
    Unsupported,
    /// [`Error::TooLarge`].
    TooLarge,
    /// [`Error::Empty`].
    Empty,
    /// [`Error::InvalidOption`].
    InvalidOption,
}

impl Error {
    /// The file the error is about, when there is one.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            Error::Read { path, .. }
            | Error::NotText { path, .. }
            | Error::Unsupported { path, .. }
            | Error::TooLarge { path, .. } => Some(path),
            Error::Empty | Error::InvalidOption { .. } => None,
        }
    }

    /// The kind of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Read { .. } => ErrorKind::Read,
            Error::NotText { .. } => ErrorKind::NotText,
            Error::Unsupported { .. } => ErrorKind::Unsupported,
            Error::TooLarge { .. } => ErrorKind::TooLarge,
            Error::Empty => ErrorKind::Empty,
            Error::InvalidOption { .. } => ErrorKind::InvalidOption,
        }
    }
}

impl ErrorKind {
    /// A stable lowercase name, e.g. `"not_text"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Read => "read",
            ErrorKind::NotText => "not_text",
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Empty => "empty",
            ErrorKind::InvalidOption => "invalid_option",
        }
    }
}
