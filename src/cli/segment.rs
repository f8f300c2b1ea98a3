//! `tomtat segment`: one line out per line in, words separated by spaces,
//! the syllables of one word joined by `_`.
//!
//! A line that cannot be segmented (longer than [`MAX_LINE`], or not
//! UTF-8) is an empty line out and a message on stderr naming it; the
//! others go on.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use tomtat::Segmenter;

use super::batch::{read_line, LineEnd, MAX_LINE};

pub fn run() -> anyhow::Result<ExitCode> {
    let seg = Segmenter::new();
    // One worker and one line buffer for the whole stream.
    let mut worker = seg.worker();
    let mut stdin = io::stdin().lock();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut line = Vec::new();
    let mut segmented = String::new();
    let mut number = 0usize;
    loop {
        line.clear();
        number += 1;
        let why = match read_line(&mut stdin, &mut line, MAX_LINE)? {
            LineEnd::Eof => break,
            LineEnd::TooLong => Some(format!("longer than {MAX_LINE} bytes (the limit)")),
            LineEnd::Line => None,
        };
        let text = line.strip_suffix(b"\r").unwrap_or(&line);
        segmented.clear();
        match why.map_or_else(|| std::str::from_utf8(text).map_err(|e| e.to_string()), Err) {
            Ok(text) => worker.segment_line(text, &mut segmented),
            Err(why) => {
                out.flush()?;
                writeln!(io::stderr(), "tomtat: line {number}: {why}; not segmented")?;
            }
        }
        segmented.push('\n');
        out.write_all(segmented.as_bytes())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
