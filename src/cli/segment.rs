//! `tomtat segment`: one line out per line in, words separated by spaces,
//! the syllables of one word joined by `_`.

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use tomtat::Segmenter;

pub fn run() -> anyhow::Result<ExitCode> {
    let seg = Segmenter::new();
    let stdin = io::stdin().lock();
    let mut out = BufWriter::new(io::stdout().lock());
    for line in stdin.lines() {
        let line = line?;
        writeln!(out, "{}", seg.segment_line(&line))?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
