//! Flags, and their one mapping onto `tomtat::Options`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Extractive summaries and keywords for Vietnamese documents.
///
/// With files: prints each file's title, summary and keywords (or JSON with
/// --json). `tomtat batch` reads JSON Lines on stdin; `tomtat segment`
/// splits text on stdin into words, `tomtat tag` tags them.
#[derive(Debug, Parser)]
#[command(name = "tomtat", version, subcommand_precedence_over_arg = true)]
pub struct Args {
    /// Files to summarize (.txt, .md, .html, .docx, .doc, .odt, .rtf, .pdf,
    /// and scans or photos of pages: .png, .jpg, .jpeg, .tif, .tiff).
    pub files: Vec<PathBuf>,
    /// Read text files in this encoding instead of detecting it: utf-8,
    /// utf-16le, utf-16be, windows-1258, viscii, tcvn3 (abc), vni,
    /// windows-1252.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<tomtat::read::Encoding>,
    /// Print JSON (one object per file, one per line) instead of text.
    #[arg(long)]
    pub json: bool,
    /// Also print each file's outline (Dàn ý): its headings in order, each
    /// with one or two sentences of its section.
    #[arg(long)]
    pub outline: bool,
    /// Summarize all files together as one set (multi-document summary).
    #[arg(long)]
    pub together: bool,
    /// Number of summary sentences [default: about the square root of the
    /// number of sentences, 1 to 7].
    #[arg(
        long,
        short = 's',
        value_name = "N",
        conflicts_with = "ratio",
        global = true
    )]
    pub sentences: Option<usize>,
    /// Summary length as a percentage of the sentences.
    #[arg(long, short = 'r', value_name = "P", global = true)]
    pub ratio: Option<f64>,
    /// Number of keywords.
    #[arg(
        long,
        short = 'k',
        value_name = "N",
        default_value_t = 10,
        global = true
    )]
    pub keywords: usize,
    /// Do not read scanned pdf pages and images by OCR (Tesseract).
    #[arg(long, global = true)]
    pub no_ocr: bool,
    /// Print each page read by OCR on stderr (when it is a terminal).
    #[arg(long, global = true)]
    pub progress: bool,
    /// Words to keep whole when the text is split into words, one a line
    /// ("chuyển đổi số", "Quân khu 5"); blank lines and lines starting
    /// with `#` are skipped.
    #[arg(long, value_name = "FILE", global = true)]
    pub dict: Option<PathBuf>,
    /// Terms that are never keywords (nor phrases holding them), one a
    /// line.
    #[arg(long, value_name = "FILE", global = true)]
    pub exclude: Option<PathBuf>,
    /// Terms weighed up as keywords wherever the text has them, one a line.
    #[arg(long, value_name = "FILE", global = true)]
    pub boost: Option<PathBuf>,
    /// Worker threads [default: one per core].
    #[arg(long, short = 'j', value_name = "N", global = true)]
    pub threads: Option<usize>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// JSON Lines in, JSON Lines out: {"id", "text"} or {"id", "docs": [...]},
    /// optional "sentences" and "keywords"; one line out per line in.
    Batch,
    /// Text in, one line out per line in: words separated by spaces, the
    /// syllables of a word joined by `_`.
    Segment,
    /// Text in, one line out per line in: each word as `word/UPOS` (its
    /// part of speech), the syllables of a word joined by `_`.
    Tag {
        /// The input is already split into words: one sentence a line,
        /// words separated by spaces, the syllables of a word joined by `_`
        /// (as `tomtat segment` writes them).
        #[arg(long)]
        words: bool,
    },
    /// Prints the text the summary is made from (the app's full text):
    /// paragraphs separated by empty lines, page furniture (signing and
    /// download stamps, running headers and page numbers) left out. Also
    /// converts TCVN3, VNI and pdf documents to Unicode text.
    Text {
        /// Files to read.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Keep the page furniture too, each such line marked `[khung trang]`.
        #[arg(long)]
        all: bool,
        /// Write the text to this file instead of the standard output.
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Builds the background document-frequency table from JSON Lines files
    /// whose lines carry "text" or "docs" (used by `make df`).
    #[command(hide = true)]
    DfTable {
        /// Input files.
        files: Vec<PathBuf>,
        /// Keep words seen in at least this many documents.
        #[arg(long, default_value_t = 2)]
        min_df: u32,
    },
}

impl Args {
    /// How to read the input files.
    pub fn read_options(&self) -> tomtat::read::ReadOptions {
        // Every reader runs in a child process of this binary (see `main`).
        tomtat::read::ReadOptions {
            encoding: self.encoding,
            ocr: !self.no_ocr,
            ..tomtat::read::ReadOptions::isolated()
        }
    }

    /// How to read `path`: [`Args::read_options`], with OCR progress on
    /// stderr when asked for and stderr is a terminal.
    pub fn read_options_for(
        &self,
        base: &tomtat::read::ReadOptions,
        path: &std::path::Path,
    ) -> tomtat::read::ReadOptions {
        use std::io::IsTerminal;
        let mut opts = base.clone();
        if self.progress && std::io::stderr().is_terminal() {
            let name = path.display().to_string();
            opts.progress = tomtat::read::Progress::new(move |p| {
                if p.done > 0 {
                    eprintln!("tomtat: {name}: OCR trang {}/{}", p.done, p.pages);
                }
            });
        }
        opts
    }

    /// The library options these flags ask for; fails when a list of
    /// terms cannot be read.
    pub fn options(&self) -> anyhow::Result<tomtat::Options> {
        Ok(tomtat::Options {
            sentences: self.sentences,
            ratio: self.ratio,
            keywords: self.keywords,
            dict: terms(self.dict.as_deref())?,
            exclude: terms(self.exclude.as_deref())?,
            boost: terms(self.boost.as_deref())?,
        })
    }
}

/// The terms of a list file, one a line: trimmed, blank lines and lines
/// starting with `#` skipped, a byte order mark ignored.
fn terms(path: Option<&std::path::Path>) -> anyhow::Result<Vec<String>> {
    use anyhow::Context;
    let Some(path) = path else {
        return Ok(Vec::new());
    };
    let bytes = std::fs::read(path)
        .with_context(|| format!("không đọc được danh sách từ {}", path.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("danh sách từ {} không phải văn bản UTF-8", path.display()))?;
    Ok(text
        .trim_start_matches('\u{feff}')
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect())
}
