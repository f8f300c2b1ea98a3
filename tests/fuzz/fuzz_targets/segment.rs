#![no_main]

//! The word segmenter alone: words of a line in order, inside it, on
//! character boundaries; the space-joined form keeps every non-space
//! character of the line.

#[path = "common.rs"]
#[allow(dead_code)]
mod common;

use tomtat::Span;

libfuzzer_sys::fuzz_target!(|text: &str| {
    let segmenter = common::engine().segmenter();
    let mut worker = segmenter.worker();
    let mut words = Vec::new();
    worker.words(text, Span::new(0, text.len()), &mut words);
    let mut last = 0;
    for w in &words {
        assert!(w.start >= last && w.start < w.end && w.end <= text.len(), "{w:?}");
        assert!(text.is_char_boundary(w.start) && text.is_char_boundary(w.end));
        last = w.end;
    }
    let line: String = text.lines().next().unwrap_or("").to_string();
    let joined = segmenter.segment_line(&line);
    let kept = |s: &str| s.chars().filter(|c| !c.is_whitespace() && *c != '_').count();
    assert!(kept(&joined) >= kept(&line), "{line:?} -> {joined:?}");
});
