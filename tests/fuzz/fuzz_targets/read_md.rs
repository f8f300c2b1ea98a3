#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|input: &[u8]| {
    common::check(input, tomtat::read::Format::Markdown);
});
