//! `tomtat segment`: one line out per line in, words separated by spaces,
//! the syllables of one word joined by `_`.

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use tomtat::Segmenter;

pub fn run() -> anyhow::Result<ExitCode> {
    let seg = Segmenter::new();
    // One worker and one line buffer for the whole stream.
    let mut worker = seg.worker();
    let mut stdin = io::stdin().lock();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut line = String::new();
    let mut segmented = String::new();
    loop {
        line.clear();
        if stdin.read_line(&mut line)? == 0 {
            break;
        }
        let text = line.strip_suffix('\n').unwrap_or(&line);
        let text = text.strip_suffix('\r').unwrap_or(text);
        segmented.clear();
        worker.segment_line(text, &mut segmented);
        segmented.push('\n');
        out.write_all(segmented.as_bytes())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
