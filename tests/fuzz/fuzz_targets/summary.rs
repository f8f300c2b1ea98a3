#![no_main]

//! Keywords, summary and outline (the structure stage) on any text: every
//! picked sentence is one of the document's, every keyword non-empty.

#[path = "common.rs"]
#[allow(dead_code)]
mod common;

libfuzzer_sys::fuzz_target!(|text: &str| {
    let engine = common::engine();
    let doc = engine.document(text, None);
    let _ = engine.outline(&doc);
    match engine.summarize(std::slice::from_ref(&doc), &tomtat::Options::default()) {
        Ok(summary) => {
            for k in &summary.keywords {
                assert!(!k.text.trim().is_empty(), "{k:?}");
            }
            assert!(summary.sentences.len() <= doc.sentences.len());
        }
        Err(e) => assert!(doc.sentences.is_empty(), "{e}"),
    }
});
