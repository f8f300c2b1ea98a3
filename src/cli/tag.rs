//! `tomtat tag`: one line out per line in, each word as `word/UPOS`, the
//! syllables of a word joined by `_`. With `--words` the line is already
//! words (as `tomtat segment` writes them) and they are kept as given.

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use tomtat::tag::Tagger;
use tomtat::{Segmenter, Span};

pub fn run(given_words: bool) -> anyhow::Result<ExitCode> {
    let seg = Segmenter::new();
    let tagger = Tagger::new();
    let mut seg_worker = seg.worker();
    let mut worker = tagger.worker();
    let mut stdin = io::stdin().lock();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut line = String::new();
    let mut spans = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut tags = Vec::new();
    let mut written = String::new();
    loop {
        line.clear();
        if stdin.read_line(&mut line)? == 0 {
            break;
        }
        let text = line.strip_suffix('\n').unwrap_or(&line);
        let text = text.strip_suffix('\r').unwrap_or(text);
        words.clear();
        if given_words {
            words.extend(text.split_whitespace().map(str::to_string));
        } else {
            spans.clear();
            seg_worker.words(text, Span::new(0, text.len()), &mut spans);
            words.extend(
                spans
                    .iter()
                    .map(|s| s.of(text).split_whitespace().collect::<Vec<_>>().join("_")),
            );
        }
        tags.clear();
        worker.tag(words.iter().map(String::as_str), &mut tags);
        written.clear();
        for (i, (w, t)) in words.iter().zip(&tags).enumerate() {
            if i > 0 {
                written.push(' ');
            }
            written.push_str(w);
            written.push('/');
            written.push_str(t.as_str());
        }
        written.push('\n');
        out.write_all(written.as_bytes())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
