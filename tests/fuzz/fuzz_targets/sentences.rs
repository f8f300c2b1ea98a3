#![no_main]

//! The sentence splitter alone, on any text: spans in order, trimmed, on
//! character boundaries, inside the text.

use tomtat::{sentences, Span};

libfuzzer_sys::fuzz_target!(|text: &str| {
    let spans = sentences::split(text, Span::new(0, text.len()));
    let mut last = 0;
    for s in spans {
        assert!(s.start >= last && s.start < s.end && s.end <= text.len(), "{s:?}");
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        let t = s.of(text);
        assert_eq!(t, t.trim(), "sentence trimmed");
        last = s.end;
    }
});
