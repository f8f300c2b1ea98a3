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
    /// The file holds more text than one document may carry
    /// ([`MAX_TEXT`](crate::read::MAX_TEXT)): a small docx can unpack to far
    /// more text than its size, and the analysis needs a few times the text
    /// in memory. Its [`ErrorKind`] is [`ErrorKind::TooLarge`].
    #[error(
        "{}: văn bản quá dài để tóm tắt ({} MiB chữ, tối đa {} MiB một tệp): hãy tách thành nhiều tệp",
        path.display(), len.div_ceil(1 << 20), limit >> 20
    )]
    TooMuchText {
        /// The file.
        path: PathBuf,
        /// Its text's length in bytes (UTF-8).
        len: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// Documents summarized together hold more text, all told, than one
    /// document may ([`MAX_TEXT`](crate::read::MAX_TEXT)): their analysis
    /// is one, and takes a few times their text in memory. Its
    /// [`ErrorKind`] is [`ErrorKind::TooMuchTogether`].
    #[error(
        "các văn bản quá dài để tóm tắt chung ({} MiB chữ, tối đa {} MiB): hãy chọn ít văn bản hơn",
        len.div_ceil(1 << 20), limit >> 20
    )]
    TooMuchTogether {
        /// Their texts' length in bytes (UTF-8), all told.
        len: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The file is damaged, or is not what its extension says: a truncated
    /// docx, a pdf whose objects cannot be parsed, a zip bomb.
    #[error("{}: cannot read this {format} file", path.display())]
    Malformed {
        /// The file.
        path: PathBuf,
        /// The format it was read as, e.g. `"docx"`.
        format: &'static str,
        /// What was wrong with it.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A pdf with pages but no text on them (a scan, most likely), or an
    /// image, where OCR is off or read nothing.
    #[error("{}: no text layer, and OCR is off or found no text (scanned?)", path.display())]
    NoTextLayer {
        /// The file.
        path: PathBuf,
    },
    /// The file needs OCR (a scan, an image) and Tesseract cannot run:
    /// the reason says, in Vietnamese, how to install it.
    #[error("{}: {reason}", path.display())]
    OcrUnavailable {
        /// The file.
        path: PathBuf,
        /// What is missing and how to install it.
        reason: String,
    },
    /// Reading the file took longer than the time limit.
    #[error("{}: gave up reading after {secs} s (time limit)", path.display())]
    TimedOut {
        /// The file.
        path: PathBuf,
        /// The limit, in seconds.
        secs: f32,
    },
    /// The parser, in its worker process, needed more memory than it may
    /// have: a pdf that unpacks to gigabytes, most likely.
    #[error("{}: gave up reading: the parser needed more than {} MiB (memory limit)", path.display(), limit >> 20)]
    OutOfMemory {
        /// The file.
        path: PathBuf,
        /// The limit, in bytes.
        limit: u64,
    },
    /// The read was stopped by its [`ReadOptions::cancel`](crate::read::ReadOptions::cancel)
    /// flag (a user's Cancel during a long OCR).
    #[error("{}: reading was cancelled", path.display())]
    Cancelled {
        /// The file.
        path: PathBuf,
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
    /// [`Error::TooLarge`], [`Error::TooMuchText`].
    TooLarge,
    /// [`Error::TooMuchTogether`].
    TooMuchTogether,
    /// [`Error::Malformed`].
    Malformed,
    /// [`Error::NoTextLayer`].
    NoTextLayer,
    /// [`Error::OcrUnavailable`].
    OcrUnavailable,
    /// [`Error::TimedOut`].
    TimedOut,
    /// [`Error::OutOfMemory`].
    OutOfMemory,
    /// [`Error::Cancelled`].
    Cancelled,
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
            | Error::TooLarge { path, .. }
            | Error::TooMuchText { path, .. }
            | Error::Malformed { path, .. }
            | Error::NoTextLayer { path }
            | Error::OcrUnavailable { path, .. }
            | Error::TimedOut { path, .. }
            | Error::OutOfMemory { path, .. }
            | Error::Cancelled { path } => Some(path),
            Error::Empty | Error::InvalidOption { .. } | Error::TooMuchTogether { .. } => None,
        }
    }

    /// The kind of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Read { .. } => ErrorKind::Read,
            Error::NotText { .. } => ErrorKind::NotText,
            Error::Unsupported { .. } => ErrorKind::Unsupported,
            Error::TooLarge { .. } | Error::TooMuchText { .. } => ErrorKind::TooLarge,
            Error::TooMuchTogether { .. } => ErrorKind::TooMuchTogether,
            Error::Malformed { .. } => ErrorKind::Malformed,
            Error::NoTextLayer { .. } => ErrorKind::NoTextLayer,
            Error::OcrUnavailable { .. } => ErrorKind::OcrUnavailable,
            Error::TimedOut { .. } => ErrorKind::TimedOut,
            Error::OutOfMemory { .. } => ErrorKind::OutOfMemory,
            Error::Cancelled { .. } => ErrorKind::Cancelled,
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
            ErrorKind::TooMuchTogether => "too_much_together",
            ErrorKind::Malformed => "malformed",
            ErrorKind::NoTextLayer => "no_text_layer",
            ErrorKind::OcrUnavailable => "ocr_unavailable",
            ErrorKind::TimedOut => "timed_out",
            ErrorKind::OutOfMemory => "out_of_memory",
            ErrorKind::Cancelled => "cancelled",
            ErrorKind::Empty => "empty",
            ErrorKind::InvalidOption => "invalid_option",
        }
    }
}
