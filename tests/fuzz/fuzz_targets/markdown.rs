#![no_main]

//! Markdown stripping alone: one output line per input line, and no
//! character that was not in the input (markup only goes away).

use tomtat::read::strip_markdown;

libfuzzer_sys::fuzz_target!(|text: &str| {
    let out = strip_markdown(text);
    assert!(
        out.lines().count() <= text.lines().count() + 1,
        "{} lines from {}",
        out.lines().count(),
        text.lines().count()
    );
    assert!(out.len() <= 2 * text.len() + 16, "grew: {} from {}", out.len(), text.len());
});
