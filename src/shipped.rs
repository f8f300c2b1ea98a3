//! Test support for the data files the core embeds (`src/data/*.bin`).
//!
//! Each is statistics a committed command builds from `../shared` (the
//! treebank, the word lists, the TRAIN articles). Its test rebuilds it
//! with the same code and fails when the shipped bytes differ, so a change
//! to the code or the data never ships a stale file.

/// The text of `../shared/<rel>`, which rebuilding a data file needs: the
/// check fails when it is missing rather than passing unchecked. The
/// training code that rebuilds them is compiled with the `train` feature.
#[cfg(feature = "train")]
pub(crate) fn shared_text(rel: &str) -> String {
    let path = format!("{}/../shared/{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}: needed to rebuild the shipped data"))
}

/// Fails unless `rebuilt` is byte for byte `src/data/<file>` as shipped;
/// `command` is what rebuilds it.
pub(crate) fn assert_shipped(file: &str, rebuilt: &[u8], shipped: &[u8], command: &str) {
    assert!(
        rebuilt == shipped,
        "src/data/{file} is stale: run {command}"
    );
}
