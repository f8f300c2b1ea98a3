//! `tomtat text FILE...`: the display text each file is read to, the text
//! the summary is made from and the app shows as its full text.
//!
//! Paragraphs are separated by an empty line. Page furniture (signing and
//! download stamps; the pdf reader already leaves out running headers,
//! footers and page numbers) is left out, or kept and marked with
//! `--all`. A file that cannot be read gets one line in Vietnamese on
//! stderr; the other files still print.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::files::{escape_controls, in_vietnamese};
use rayon::prelude::*;

use super::args::Args;

/// Files read at once (see `files.rs`).
const CHUNK: usize = 64;

/// The mark before a line of page furniture, with `--all`.
const FURNITURE: &str = "[khung trang] ";

pub fn run(
    args: &Args,
    files: &[PathBuf],
    all: bool,
    output: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let read_opts = args.read_options();
    let mut out: Box<dyn Write> = match output {
        Some(path) => {
            Box::new(BufWriter::new(File::create(path).map_err(|e| {
                anyhow::anyhow!("không ghi được tệp {}: {e}", path.display())
            })?))
        }
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let mut failed = false;
    let mut empty = false;
    for chunk in files.chunks(CHUNK) {
        let texts: Vec<_> = chunk
            .par_iter()
            .map(|path| {
                tomtat::read::read(path, &args.read_options_for(&read_opts, path)).map(|raw| {
                    // The display text the summary reads: normalized,
                    // paragraphs cut after a comma joined.
                    let (text, _) =
                        tomtat::boilerplate::blocks_joined(tomtat::normalize::normalize(&raw.text));
                    display(&text, all)
                })
            })
            .collect();
        for (path, text) in chunk.iter().zip(texts) {
            match text {
                Ok(text) => {
                    if files.len() > 1 {
                        writeln!(out, "== {}\n", path.display())?;
                    }
                    if text.is_empty() {
                        empty = true;
                        writeln!(
                            io::stderr(),
                            "tomtat: {}: không có chữ nào",
                            escape_controls(&path.display().to_string())
                        )?;
                    }
                    out.write_all(text.as_bytes())?;
                }
                Err(err) => {
                    failed = true;
                    writeln!(
                        io::stderr(),
                        "tomtat: {}",
                        escape_controls(&in_vietnamese(path, &err))
                    )?;
                }
            }
        }
        out.flush()?;
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(2)
    } else if empty {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The paragraphs of a display text, an empty line after each; furniture
/// left out, or marked when `all`.
fn display(text: &str, all: bool) -> String {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let stamps = tomtat::read::furniture::stamp_lines(&lines);
    let mut out = String::with_capacity(text.len() + lines.len());
    for (line, stamp) in lines.iter().zip(stamps) {
        if stamp {
            if !all {
                continue;
            }
            out.push_str(FURNITURE);
        }
        out.push_str(line);
        out.push_str("\n\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_apart_and_stamps_left_out_or_marked() {
        let text = "Tiêu đề\nĐoạn một.\nKý bởi: Cơ quan A\nThời gian ký: 1.1.2024\nĐoạn hai.";
        assert_eq!(
            display(text, false),
            "Tiêu đề\n\nĐoạn một.\n\nĐoạn hai.\n\n"
        );
        assert_eq!(
            display(text, true),
            "Tiêu đề\n\nĐoạn một.\n\n[khung trang] Ký bởi: Cơ quan A\n\n\
             [khung trang] Thời gian ký: 1.1.2024\n\nĐoạn hai.\n\n"
        );
    }
}
