#![no_main]

//! Line classification alone: blocks in order, on character boundaries,
//! inside the text, none empty.

use tomtat::boilerplate;

libfuzzer_sys::fuzz_target!(|text: &str| {
    let mut last = 0;
    for b in boilerplate::blocks(text) {
        let s = b.span;
        assert!(s.start >= last && s.start < s.end && s.end <= text.len(), "{s:?}");
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        last = s.end;
    }
});
