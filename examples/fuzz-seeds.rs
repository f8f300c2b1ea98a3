//! Writes the test files of every format as seeds for the fuzz targets of
//! `tests/fuzz` (`DIR/read_docx/seed-N`, ...), each after the two option
//! bytes the reader targets read first (`[0, 0]`: detect the encoding,
//! default limits):
//!
//! ```text
//! cargo run --release --example fuzz-seeds -- DIR
//! TOMTAT_FUZZ_SEEDS=DIR cargo run --release --example fuzz-seeds
//! ```
//!
//! The files are the ones `tests/formats.rs` reads (the fixtures' writers),
//! so iconv (CP1258) and DejaVu Sans must be installed, as for the tests.

use std::path::PathBuf;

#[path = "../tests/fixtures/mod.rs"]
mod fixtures;

use fixtures::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args_os()
        .nth(1)
        .or_else(|| std::env::var_os("TOMTAT_FUZZ_SEEDS"))
        .map(PathBuf::from)
        .ok_or("usage: fuzz-seeds DIR (or TOMTAT_FUZZ_SEEDS=DIR)")?;
    let mut seeds: Vec<(&str, Vec<u8>)> = vec![
        ("read_text", plain().into_bytes()),
        ("read_text", vni(&plain())),
        ("read_docx", article_docx()),
        ("read_doc", article_doc()),
        ("read_odt", article_odt()),
        ("read_rtf", article_rtf_unicode()),
        ("read_rtf", article_rtf_cp1258()),
        ("read_html", article_html().into_bytes()),
        ("pipeline", plain().into_bytes()),
    ];
    // Paragraphs in TCVN3 and VNI, as Windows-1252 characters.
    let (word, table) = doc_streams(
        "Héi nghÞ tæng kÕt c«ng t¸c n¨m\rNguyeãn Vaên Baûy ñöôïc khen thöôûng\r",
        "",
    );
    seeds.push(("read_doc", doc_file(&word, &table)));
    seeds.push(("read_pdf", without_font(&article_pdf(70))?));
    seeds.push(("read_pdf", without_font(&article_pdf_columns())?));
    let count = seeds.len();
    for (i, (target, bytes)) in seeds.into_iter().enumerate() {
        let d = dir.join(target);
        std::fs::create_dir_all(&d)?;
        // The pipeline target reads no option bytes.
        let mut data = if target == "pipeline" {
            vec![]
        } else {
            vec![0, 0]
        };
        data.extend(bytes);
        std::fs::write(d.join(format!("seed-{i}")), data)?;
    }
    println!("{}: {count} seeds", dir.display());
    Ok(())
}

/// The pdf without its 750 kB font file, so that one run of a target takes
/// milliseconds, not most of a second.
fn without_font(pdf: &[u8]) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let mut doc = lopdf::Document::load_mem(pdf)?;
    let mut font_files = Vec::new();
    for (_, o) in doc.objects.iter_mut() {
        if let Ok(d) = o.as_dict_mut() {
            if let Ok(id) = d.get(b"FontFile2").and_then(|f| f.as_reference()) {
                font_files.push(id);
                d.remove(b"FontFile2");
            }
        }
    }
    for id in font_files {
        doc.objects.remove(&id);
    }
    let mut out = Vec::new();
    doc.save_to(&mut out)?;
    Ok(out)
}
