//! Writes a long pdf for `make bench` (issue 8: "a 100-page pdf summarized
//! in under a second after the drop"), from the DEV articles of
//! `../shared/data/vietnews/dev.jsonl` read at bench time:
//!
//! ```text
//! cargo run --release --example bench-pdf -- DEV.jsonl OUT.pdf [PAGES]
//! ```
//!
//! Each page holds about 45 lines of 95 characters in DejaVu Sans embedded
//! the way office software embeds it (the test fixtures' writer), so the
//! pdf reader does its full work: fonts, `ToUnicode` maps, glyph positions.
//! The file is written to `OUT.pdf` and never committed.

#[path = "../tests/fixtures/mod.rs"]
mod fixtures;

const LINES_PER_PAGE: usize = 45;
const LINE_CHARS: usize = 95;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dev, out, rest @ ..] = args.as_slice() else {
        return Err("usage: bench-pdf DEV.jsonl OUT.pdf [PAGES]".into());
    };
    let pages: usize = rest.first().map_or(Ok(100), |p| p.parse())?;
    let mut lines: Vec<String> = Vec::new();
    for line in std::fs::read_to_string(dev)?.lines() {
        if lines.len() >= pages * LINES_PER_PAGE {
            break;
        }
        let item: serde_json::Value = serde_json::from_str(line)?;
        let docs = item["docs"].as_array().into_iter().flatten();
        for text in docs.filter_map(|d| d.as_str()) {
            for paragraph in text.split('\n').filter(|p| !p.trim().is_empty()) {
                lines.extend(fixtures::wrap(paragraph.trim(), LINE_CHARS));
                lines.push(String::new());
            }
        }
    }
    lines.truncate(pages * LINES_PER_PAGE);
    if lines.len() < pages * LINES_PER_PAGE {
        return Err(format!("{dev}: not enough text for {pages} pages").into());
    }
    let placed: Vec<Vec<(f32, f32, String, f32)>> = lines
        .chunks(LINES_PER_PAGE)
        .map(|page| {
            page.iter()
                .enumerate()
                .filter(|(_, l)| !l.is_empty())
                .map(|(i, l)| (50.0, 800.0 - 16.5 * i as f32, l.clone(), 11.0))
                .collect()
        })
        .collect();
    let refs: Vec<&[(f32, f32, String, f32)]> = placed.iter().map(Vec::as_slice).collect();
    let bytes = fixtures::pdf_pages(&refs, Some("Tin tức tổng hợp"));
    std::fs::write(out, &bytes)?;
    println!("{out}: {pages} pages, {} bytes", bytes.len());
    Ok(())
}
