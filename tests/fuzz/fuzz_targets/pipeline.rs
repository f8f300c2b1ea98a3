#![no_main]

//! normalize + boilerplate + sentences + segment on any text: spans stay on
//! character boundaries, in order, inside the text; words inside their
//! sentence.

#[path = "common.rs"]
#[allow(dead_code)]
mod common;

libfuzzer_sys::fuzz_target!(|text: &str| {
    let doc = common::engine().document(text, None);
    let mut last = 0;
    for s in &doc.sentences {
        assert!(s.span.start <= s.span.end && s.span.end <= doc.text.len());
        assert!(s.span.start >= last, "sentences in order");
        assert!(doc.text.is_char_boundary(s.span.start) && doc.text.is_char_boundary(s.span.end));
        last = s.span.end;
        for w in &s.words {
            assert!(
                w.start >= s.span.start && w.end <= s.span.end,
                "word in sentence"
            );
            assert!(doc.text.is_char_boundary(w.start) && doc.text.is_char_boundary(w.end));
        }
    }
});
