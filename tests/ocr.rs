//! Scans and photos read by OCR, through the CLI: a page rendered here
//! from the test article (DejaVu Sans, about 300 dpi) as a png, and as a
//! pdf whose page is only an image (JPEG or raw grey pixels); a pdf with a
//! text layer is never OCR'd; a hostile image is refused; without
//! Tesseract the error says how to install it and other files still read.
//!
//! Tesseract (`tesseract-ocr`, `tesseract-ocr-vie`) and the font are
//! installed by `make test`; these tests fail, not skip, without them.

mod fixtures;
mod util;

use std::path::Path;
use std::process::Command;

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};
use serde_json::Value;
use util::Dir;

const FONT: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

/// The title and first two paragraphs of the test article, drawn black on
/// white at 12 pt and 300 dpi (50 px), wrapped at 60 characters.
fn page() -> image::GrayImage {
    let bytes = std::fs::read(FONT)
        .unwrap_or_else(|e| panic!("{FONT}: {e} (Debian package fonts-dejavu-core)"));
    let font = FontRef::try_from_slice(&bytes).expect("DejaVu Sans parses");
    let scale = PxScale::from(50.0);
    let scaled = font.as_scaled(scale);
    let mut lines = vec![fixtures::TITLE.to_string(), String::new()];
    for p in &fixtures::PARAGRAPHS[..2] {
        lines.extend(fixtures::wrap(p, 60));
        lines.push(String::new());
    }
    let (w, line_h) = (1900u32, 75.0f32);
    let h = (lines.len() as f32 * line_h + 300.0) as u32;
    let mut img = image::GrayImage::from_pixel(w, h, image::Luma([255]));
    for (i, line) in lines.iter().enumerate() {
        let mut x = 150.0f32;
        let y = 150.0 + i as f32 * line_h + scaled.ascent();
        let mut prev = None;
        for c in line.chars() {
            let id = font.glyph_id(c);
            if let Some(p) = prev {
                x += scaled.kern(p, id);
            }
            let glyph = id.with_scale_and_position(scale, ab_glyph::point(x, y));
            if let Some(outline) = font.outline_glyph(glyph) {
                let b = outline.px_bounds();
                outline.draw(|gx, gy, cov| {
                    let (px, py) = (b.min.x as i64 + gx as i64, b.min.y as i64 + gy as i64);
                    if px >= 0 && py >= 0 && (px as u32) < w && (py as u32) < h {
                        let old = img.get_pixel(px as u32, py as u32)[0];
                        let ink = (255.0 * (1.0 - cov.clamp(0.0, 1.0))) as u8;
                        img.put_pixel(px as u32, py as u32, image::Luma([old.min(ink)]));
                    }
                });
            }
            x += scaled.h_advance(id);
            prev = Some(id);
        }
    }
    img
}

fn png(img: &image::GrayImage) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

fn jpeg(img: &image::GrayImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
        .encode_image(img)
        .unwrap();
    out
}

/// A one-page A4 pdf whose page draws one image and has no text: the
/// image as a JPEG (`DCTDecode`) or as raw grey samples (`FlateDecode`).
fn scanned_pdf(img: &image::GrayImage, as_jpeg: bool) -> Vec<u8> {
    scanned_pages(std::slice::from_ref(img), as_jpeg)
}

/// An A4 pdf of one page for each image, as [`scanned_pdf`] makes it.
fn scanned_pages(imgs: &[image::GrayImage], as_jpeg: bool) -> Vec<u8> {
    use lopdf::{dictionary, Object, Stream};
    let mut doc = lopdf::Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let mut kids: Vec<Object> = Vec::new();
    for img in imgs {
        let dict = dictionary! {
            "Type" => "XObject", "Subtype" => "Image",
            "Width" => img.width() as i64, "Height" => img.height() as i64,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        };
        let image_id = if as_jpeg {
            let mut dict = dict;
            dict.set("Filter", "DCTDecode");
            doc.add_object(Stream::new(dict, jpeg(img)).with_compression(false))
        } else {
            let mut s = Stream::new(dict, img.as_raw().clone());
            s.compress().unwrap();
            doc.add_object(s)
        };
        // The image over the page's width, at its proportions.
        let (pw, ph) = (595.0f32, 595.0 * img.height() as f32 / img.width() as f32);
        let content = doc.add_object(Stream::new(
            dictionary! {},
            format!("q {pw} 0 0 {ph} 0 {} cm /Im0 Do Q", 842.0 - ph).into_bytes(),
        ));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Resources" => dictionary! { "XObject" => dictionary! { "Im0" => image_id } },
        });
        kids.push(page.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// Runs `tomtat ARGS` in `dir`, with `path` as `PATH` when given.
fn tomtat(dir: &Dir, args: &[&str], path: Option<&Path>) -> (i32, String, String) {
    let mut cmd = Command::new(util::bin());
    cmd.current_dir(dir.path()).args(args);
    if let Some(p) = path {
        cmd.env("PATH", p);
    }
    let out = cmd.output().expect("run tomtat");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The JSON of one file, checked to be read by OCR with a good confidence
/// and to say what the page says.
fn assert_read_by_ocr(out: &str, err: &str) {
    let v: Value = serde_json::from_str(out.lines().next().unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    let ocr = &v["ocr"];
    let conf = ocr["confidence"].as_f64().unwrap_or(0.0);
    assert!(conf > 80.0, "confidence {conf}: {v}");
    assert_eq!(ocr["pages"].as_array().map(Vec::len), Some(1), "{v}");
    assert_eq!(ocr["pages"][0]["low"], Value::Bool(false), "{v}");
    let title = v["title"].as_str().unwrap_or_default();
    assert_eq!(title, fixtures::TITLE, "{v}");
    let summary: Vec<&str> = util::summary_of(&v)
        .iter()
        .filter_map(|s| s["text"].as_str())
        .collect();
    // Each summary sentence is a sentence of the article, word for word.
    let article = fixtures::PARAGRAPHS[..2].join(" ");
    assert!(!summary.is_empty(), "{v}");
    for s in &summary {
        assert!(article.contains(s), "{s:?} is not in the article: {v}");
    }
}

#[test]
fn a_png_of_a_page_is_read_by_ocr() {
    let dir = Dir::new("ocr-png");
    dir.create_bytes("trang.png", &png(&page()));
    let (code, out, err) = tomtat(&dir, &["--json", "trang.png"], None);
    assert_eq!(code, 0, "{out}\n{err}");
    assert_read_by_ocr(&out, &err);
}

#[test]
fn a_scanned_pdf_is_read_by_ocr() {
    let dir = Dir::new("ocr-pdf");
    let img = page();
    dir.create_bytes("scan-jpeg.pdf", &scanned_pdf(&img, true));
    dir.create_bytes("scan-flate.pdf", &scanned_pdf(&img, false));
    for f in ["scan-jpeg.pdf", "scan-flate.pdf"] {
        let (code, out, err) = tomtat(&dir, &["--json", f], None);
        assert_eq!(code, 0, "{f}: {out}\n{err}");
        assert_read_by_ocr(&out, &err);
    }
    // Text output carries the mark.
    let (code, out, _) = tomtat(&dir, &["scan-jpeg.pdf"], None);
    assert_eq!(code, 0);
    assert!(out.contains("Đọc bằng OCR: độ tin cậy"), "{out}");
    // Turned off: the scan has no text layer, as before OCR.
    let (code, out, err) = tomtat(&dir, &["--no-ocr", "--json", "scan-jpeg.pdf"], None);
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("no text layer"), "{err}");
}

#[test]
fn without_tesseract_the_error_says_how_to_install_it() {
    let dir = Dir::new("ocr-missing");
    let empty = dir.join("khong-co-gi");
    std::fs::create_dir(&empty).unwrap();
    dir.create_bytes("scan.pdf", &scanned_pdf(&page(), true));
    dir.create("bai.txt", &fixtures::plain());
    let text_pdf = fixtures::article_pdf(70);
    dir.create_bytes("bai.pdf", &text_pdf);
    let (code, out, err) = tomtat(
        &dir,
        &["--json", "scan.pdf", "bai.txt", "bai.pdf"],
        Some(&empty),
    );
    assert_eq!(code, 2, "{out}\n{err}");
    assert!(
        err.contains("scan.pdf")
            && err.contains("sudo apt install tesseract-ocr tesseract-ocr-vie"),
        "{err}"
    );
    let lines = util::json_lines(&out).unwrap();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0]["error"].is_string(), "{out}");
    // The text file and the pdf with a text layer read as ever: never by
    // OCR (it could not have run), and without its mark.
    for v in &lines[1..] {
        assert!(!util::summary_of(v).is_empty(), "{v}");
        assert!(v.get("ocr").is_none(), "{v}");
    }
}

#[test]
fn a_huge_image_is_refused_before_it_is_decoded() {
    let dir = Dir::new("ocr-huge");
    // 100000×100000 pixels in the header, none after it.
    let mut ihdr = Vec::new();
    ihdr.extend(100_000u32.to_be_bytes());
    ihdr.extend(100_000u32.to_be_bytes());
    ihdr.extend([8, 0, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [(&b"IHDR"[..], &ihdr[..]), (b"IDAT", &[]), (b"IEND", &[])] {
        png.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        png.extend(&body);
        png.extend(crc32(&body).to_be_bytes());
    }
    dir.create_bytes("khong-lo.png", &png);
    // And a tiff that is nothing but its first bytes.
    dir.create_bytes("hong.tif", b"II*\0\x08\0\0\0\xff\xff");
    dir.create("bai.txt", &fixtures::plain());
    let started = std::time::Instant::now();
    let (code, out, err) = tomtat(&dir, &["khong-lo.png", "hong.tif", "bai.txt"], None);
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(code, 2, "{out}\n{err}");
    assert!(
        err.contains("khong-lo.png") && err.contains("100000×100000"),
        "{err}"
    );
    assert!(err.contains("hong.tif"), "{err}");
    assert!(out.contains(fixtures::TITLE), "{out}");
}

fn crc32(bytes: &[u8]) -> u32 {
    !bytes.iter().fold(!0u32, |mut c, &b| {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 == 1 {
                (c >> 1) ^ 0xEDB8_8320
            } else {
                c >> 1
            };
        }
        c
    })
}

#[test]
fn a_cancel_flag_stops_ocr_on_a_thread_and_in_a_worker() {
    use std::sync::atomic::AtomicBool;
    use std::sync::Arc;
    use tomtat::read::{self, Cancel, Isolation, ReadOptions, WorkerProcess};
    let dir = Dir::new("ocr-cancel");
    dir.create_bytes("scan.pdf", &scanned_pdf(&page(), true));
    let path = dir.join("scan.pdf");
    for isolation in [
        Isolation::Thread,
        Isolation::Process(WorkerProcess::new(env!("CARGO_BIN_EXE_tomtat"))),
    ] {
        let flag = Arc::new(AtomicBool::new(false));
        let opts = ReadOptions {
            isolation: isolation.clone(),
            cancel: Cancel::new(flag.clone()),
            ..ReadOptions::default()
        };
        // Not set: the scan is read.
        let raw = read::read(&path, &opts).unwrap_or_else(|e| panic!("{isolation:?}: {e}"));
        assert!(raw.ocr.is_some(), "{isolation:?}");
        // Set: the read ends as cancelled, whatever page it was at.
        flag.store(true, std::sync::atomic::Ordering::Relaxed);
        let err = read::read(&path, &opts).unwrap_err();
        assert_eq!(
            err.kind(),
            tomtat::ErrorKind::Cancelled,
            "{isolation:?}: {err}"
        );
        assert_eq!(err.path(), Some(path.as_path()));
    }
}

/// The resident memory of process `pid` alone, in bytes (Linux's
/// `/proc`; 0 once it is gone).
fn resident(pid: u32) -> u64 {
    // SAFETY: sysconf reads a constant of the system.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) }.max(0) as u64;
    std::fs::read_to_string(format!("/proc/{pid}/statm"))
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .unwrap_or(0)
        * page
}

/// The processes `pid` started, from each of its threads.
fn children(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    for task in std::fs::read_dir(format!("/proc/{pid}/task"))
        .into_iter()
        .flatten()
        .flatten()
    {
        if let Ok(list) = std::fs::read_to_string(task.path().join("children")) {
            out.extend(
                list.split_whitespace()
                    .filter_map(|k| k.parse::<u32>().ok()),
            );
        }
    }
    out
}

/// The resident memory of process `pid` and every process under it.
fn tree_resident(pid: u32) -> u64 {
    resident(pid) + children(pid).into_iter().map(tree_resident).sum::<u64>()
}

// Issue 19: OCR ran a Tesseract for each core, outside the reader worker's
// bound (4 × the file + 256 MiB): two pages of 20 megapixels, a scan of
// under a megabyte, took the worker and its Tesseracts to 285 MiB on two
// cores, over the file's 259 MiB, and each further core adds one more
// Tesseract of about 107 MiB. Pages now go to Tesseract only while their
// memory fits beside the worker's (here one at a time), and the parent
// counts the Tesseracts in the worker's memory.
#[test]
fn ocr_with_its_tesseracts_stays_within_the_files_bound() {
    let dir = Dir::new("ocr-bound");
    // The article's page on an A4 sheet at 450 dpi: 20 megapixels, the
    // most OCR reads a page at.
    let mut sheet = image::GrayImage::from_pixel(3720, 5262, image::Luma([255]));
    image::imageops::overlay(&mut sheet, &page(), 300, 400);
    let pdf = scanned_pages(&[sheet.clone(), sheet], true);
    dir.create_bytes("scan.pdf", &pdf);
    let bound = tomtat::read::resident_bound(pdf.len(), tomtat::read::MEMORY_LIMIT);
    let mut child = Command::new(util::bin())
        .current_dir(dir.path())
        .args(["--json", "scan.pdf"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run tomtat");
    // The readers under the command: what it holds itself is not the
    // worker's.
    let (mut peak, started) = (0, std::time::Instant::now());
    while child.try_wait().expect("wait").is_none() {
        assert!(
            started.elapsed().as_secs() < 300,
            "OCR of two pages took 5 minutes"
        );
        let readers: u64 = children(child.id()).into_iter().map(tree_resident).sum();
        peak = peak.max(readers);
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let out = child.wait_with_output().expect("output");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(peak > 0, "the worker was never seen");
    assert!(
        peak <= bound,
        "the worker and its Tesseracts peaked at {} MiB, over the file's {} MiB",
        peak >> 20,
        bound >> 20
    );
    let v: Value = serde_json::from_str(stdout.lines().next().unwrap_or_default()).unwrap();
    assert_eq!(v["ocr"]["pages"].as_array().map(Vec::len), Some(2), "{v}");
    assert_eq!(v["title"].as_str(), Some(fixtures::TITLE), "{v}");
}
