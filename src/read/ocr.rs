//! OCR: scanned pdf pages and image files (`.png`, `.jpg`, `.tif`), read
//! by Tesseract 5 with its Vietnamese model (see [`LANGUAGES`]).
//!
//! A pdf page's image is taken straight from the file (its largest image
//! XObject, through `lopdf`): a JPEG (`DCTDecode`) or raw pixels
//! (`FlateDecode`, `LZWDecode`, none) go to Tesseract as a grey PNM, a
//! CCITT fax image (`CCITTFaxDecode`, G3/G4) wrapped in a one-page TIFF.
//! `JBIG2Decode` and `JPXDecode` pages are not read (an error when no page
//! could be). An image below 150 dpi (a pdf made from 96 dpi page images,
//! a screenshot) is enlarged to about 200 dpi first: Tesseract's models
//! want letters some 20 pixels high. A page turned with `/Rotate` is
//! turned back.
//!
//! Tesseract's words come back with their line and box (its TSV output);
//! paragraphs come from the gaps between lines (see `parse_tsv`), their
//! lines are joined as the pdf reader joins them
//! ([`reflow_scanned`](super::reflow::reflow_scanned)), and pages follow
//! one another. Each page's confidence is the mean of its words' confidences,
//! weighted by their length; the document's is the same over all pages.
//! NFC and the rest of the cleaning are the normalize stage's, as for any
//! other text: Tesseract writes precomposed letters, and the counting key
//! already makes `hoà`/`hòa` one word, so no letter of the display text is
//! changed here (a `đ`/`d` or tone confusion is left as read).
//!
//! # Design
//!
//! Tesseract runs as a child process (`tesseract stdin stdout … tsv`), one
//! per page, with `OMP_THREAD_LIMIT=1`, as many at a time as the machine
//! has cores. Against the `leptess` binding (measured on four real scan
//! pages: 8.6 s in one process against 11.1 s as four processes, the
//! model load is ~0.16 s a page) the program costs a few percent and buys
//! three things: a crash or an abort inside Leptonica on a hostile image
//! ends that process only, it can be killed at a deadline, and the
//! `tomtat` binary neither links `libtesseract` (it starts, and reads every
//! other format, where Tesseract is not installed) nor needs libclang to
//! build. Where the program is missing the error says how to install it.
//!
//! Bounds: an image of more than [`MAX_PIXELS`] pixels is refused before it
//! is decoded; each Tesseract run is killed after [`PAGE_TIME`]; in the
//! reader's worker process ([`Isolation::Process`](super::Isolation)) the
//! children inherit its memory cap and die with it. There the worker's
//! bound ([`ReadOptions::memory_bound`]) holds the Tesseracts too: a page
//! goes to Tesseract, and its image is decoded, only while its memory
//! (`page_memory`) fits beside the pages in flight and what the worker
//! holds. A small scan at 300 dpi reads two pages at once as before; pages
//! of 20 megapixels go one at a time (two took 285 MiB on a scan whose
//! bound is 259 MiB); a machine of many cores no longer starts a Tesseract
//! for each.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::{Failure, Format, Outcome, Raw, ReadOptions};
use crate::budget::Budget;

/// The Tesseract model used: Vietnamese alone. Its alphabet holds the
/// English letters, and the English model beside it (`vie+eng`) made
/// Tesseract read capitals without their marks (`CONG HOA XA HOI`): on
/// the eight pages of three real scans, 11 of 15 checked phrases came out
/// right with `vie+eng`, 15 of 15 with `vie` (on grey images).
///
/// Tesseract's model of the Vietnamese script (`-l Vietnamese`, Debian's
/// `tesseract-ocr-script-viet`) was measured against `vie` and not taken:
/// on `make eval-ocr` it gave the same summary on 17 of 18 pages against
/// 16 (CER 0.17 % against 0.15 %, syllable error rate 0.76 % against
/// 0.58 %, about a sixth slower), but on the real scans it dropped tone
/// marks that `vie` reads (`Viên thông` for `Viễn thông`, `Hội thị` for
/// `Hội thi` in scan_vanban_275, `Hồ Chí Mình` in kehoach753's title),
/// and each of the four realdocs scans failed a check (thongtu_58 by
/// running past the time limit, under a load of about 12).
pub const LANGUAGES: &str = "vie";

/// How long one page may take in Tesseract before it is killed.
pub const PAGE_TIME: Duration = Duration::from_secs(60);

/// The largest image OCR accepts, in pixels (an A4 page at 600 dpi is
/// 35 million).
pub const MAX_PIXELS: u64 = 100_000_000;

/// The most pixels a page goes to Tesseract with (see `to_pnm`): an A4
/// page at 450 dpi. Tesseract's memory grows with the page's pixels, and
/// a page is read within its file's memory bound (four times the file and
/// 256 MiB) only if a photo of 50 megapixels is not read at its size.
pub const OCR_PIXELS: u64 = 20_000_000;

/// A page whose confidence is below this (0 to 100) is flagged as low.
pub const LOW_CONFIDENCE: f32 = 80.0;

/// How a document was read by OCR.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Ocr {
    /// The mean confidence of the words read, 0 to 100.
    pub confidence: f32,
    /// Each page (or the image) read, in order.
    pub pages: Vec<OcrPage>,
}

/// One page read by OCR.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OcrPage {
    /// The page number, from 1.
    pub page: u32,
    /// The mean confidence of its words, 0 to 100 (0 for a page without any).
    pub confidence: f32,
    /// How many words were read on it.
    pub words: u32,
    /// True when the page has words and their confidence is below
    /// [`LOW_CONFIDENCE`]: its text is kept, but it may be wrong.
    pub low: bool,
}

impl Ocr {
    /// The pages flagged [`OcrPage::low`].
    pub fn low_pages(&self) -> impl Iterator<Item = &OcrPage> {
        self.pages.iter().filter(|p| p.low)
    }
}

/// Progress of a long read: `done` of `pages` pages read by OCR. The
/// first report, with `done` 0, comes when the page count is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageDone {
    /// Pages finished so far.
    pub done: usize,
    /// Pages in all.
    pub pages: usize,
}

/// A function told of each page OCR finishes (see [`PageDone`]); none by
/// default. It is called from the reader's threads, in any order.
#[derive(Clone, Default)]
pub struct Progress(Option<Arc<dyn Fn(PageDone) + Send + Sync>>);

impl Progress {
    /// Progress reported to `f`.
    pub fn new(f: impl Fn(PageDone) + Send + Sync + 'static) -> Progress {
        Progress(Some(Arc::new(f)))
    }

    pub(crate) fn report(&self, p: PageDone) {
        if let Some(f) = &self.0 {
            f(p);
        }
    }
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Progress(..)"
        } else {
            "Progress(none)"
        })
    }
}

impl PartialEq for Progress {
    fn eq(&self, other: &Progress) -> bool {
        match (&self.0, &other.0) {
            (None, None) => true,
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

/// A flag that stops a long read (OCR of a scan) before its end; none by
/// default. Once set, the read ends with [`Error::Cancelled`](crate::Error::Cancelled):
/// a worker process is killed at once, OCR on a thread stops after the
/// pages it is reading.
#[derive(Clone, Default)]
pub struct Cancel(Option<Arc<std::sync::atomic::AtomicBool>>);

impl Cancel {
    /// A read stopped when `flag` is set.
    pub fn new(flag: Arc<std::sync::atomic::AtomicBool>) -> Cancel {
        Cancel(Some(flag))
    }

    /// Whether the read should stop.
    pub fn is_set(&self) -> bool {
        self.0.as_ref().is_some_and(|f| f.load(Ordering::Relaxed))
    }
}

impl std::fmt::Debug for Cancel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Cancel(..)"
        } else {
            "Cancel(none)"
        })
    }
}

impl PartialEq for Cancel {
    fn eq(&self, other: &Cancel) -> bool {
        match (&self.0, &other.0) {
            (None, None) => true,
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

/// The text a user reads when Tesseract cannot be run.
fn missing(e: &std::io::Error) -> Failure {
    Failure::NoOcr(format!(
        "không chạy được Tesseract ({e}); để đọc văn bản scan và ảnh, hãy cài \
         Tesseract và gói tiếng Việt: `sudo apt install tesseract-ocr tesseract-ocr-vie` \
         (Debian/Ubuntu), hoặc bỏ OCR với --no-ocr"
    ))
}

/// One page's image, ready for Tesseract.
struct PageImage {
    page: u32,
    /// Encoded bytes Tesseract (Leptonica) reads: JPEG, PNG, TIFF, PNM.
    bytes: Vec<u8>,
    /// The resolution to tell Tesseract, where known.
    dpi: Option<u32>,
}

/// What Tesseract read on one page.
#[derive(Debug, Default, PartialEq)]
struct PageText {
    /// Lines, a blank line between paragraphs.
    text: String,
    /// Sum of word confidences times word length, and the total length.
    conf_sum: f64,
    chars: u64,
    words: u32,
}

// ---------------------------------------------------------------- images

/// Reads an image file (png, jpeg, tiff) by OCR.
pub(crate) fn read_image(bytes: &[u8], opts: &ReadOptions) -> Outcome {
    if !opts.ocr {
        return Err(Failure::NoTextLayer);
    }
    let (w, h) = image_size(bytes)?;
    let max = w.max(h);
    // A photo or a 300 dpi scan is read at its size; a small image (a
    // screenshot, a 96 dpi page) is enlarged so that letters are tall
    // enough for the models.
    let scale = if max < 2000 {
        (2400 / max.max(1)).clamp(1, 4)
    } else {
        1
    };
    let (bytes, _) = to_pnm(decode(bytes)?.into_luma8(), scale);
    let image = PageImage {
        page: 1,
        bytes,
        dpi: Some(300),
    };
    recognize(vec![Ok(image)], opts)
}

/// The width and height an image file's header gives, refused past
/// [`MAX_PIXELS`] before anything is decoded.
fn image_size(bytes: &[u8]) -> Result<(u32, u32), Failure> {
    let format = image::guess_format(bytes)
        .map_err(|_| Failure::malformed("not a png, jpeg or tiff image"))?;
    let reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    let (w, h) = reader
        .into_dimensions()
        .map_err(|e| Failure::malformed_by("cannot read the image", e))?;
    check_size(w, h)?;
    Ok((w, h))
}

fn check_size(w: u32, h: u32) -> Result<(), Failure> {
    let pixels = u64::from(w) * u64::from(h);
    if pixels > MAX_PIXELS || w == 0 || h == 0 {
        return Err(Failure::malformed(format!(
            "the image is {w}×{h} pixels; OCR reads images of at most {} million pixels",
            MAX_PIXELS / 1_000_000
        )));
    }
    Ok(())
}

/// Decodes an image file, with the decoder's own limits set to ours.
fn decode(bytes: &[u8]) -> Result<image::DynamicImage, Failure> {
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| Failure::malformed_by("cannot read the image", e))?;
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 4);
    reader.limits(limits);
    reader
        .decode()
        .map_err(|e| Failure::malformed_by("cannot decode the image", e))
}

/// A grey image as a binary PNM (P5) for Tesseract, and the factor its
/// sides were changed by. Grey, for Tesseract reads a grey page better than
/// the colour JPEG it came from (its own conversion loses faint marks).
///
/// An image of more than [`OCR_PIXELS`] is made smaller to that size first
/// (a 48-megapixel photo of a page: Tesseract took 7 s and 530 MB on the
/// colour file, 270 MB on its grey pixels, and its letters stay some 50
/// pixels high at 20 megapixels); a small one is enlarged `scale` times,
/// never past [`OCR_PIXELS`] either.
fn to_pnm(img: image::GrayImage, scale: u32) -> (Vec<u8>, f64) {
    let (mut img, mut factor) = match smaller(img.width(), img.height()) {
        // Area averaging straight into the smaller image: `resize` keeps
        // an intermediate of four floats a pixel (540 MB for 48 megapixels).
        Some((w, h)) => {
            let f = f64::from(w) / f64::from(img.width());
            (image::imageops::thumbnail(&img, w, h), f)
        }
        None => (img, 1.0),
    };
    super::despeckle::clean(&mut img);
    let scale = larger(img.width(), img.height(), scale);
    if scale > 1 {
        img = image::imageops::resize(
            &img,
            img.width() * scale,
            img.height() * scale,
            image::imageops::FilterType::CatmullRom,
        );
        factor *= f64::from(scale);
    }
    let header = format!("P5\n{} {}\n255\n", img.width(), img.height());
    let mut out = Vec::with_capacity(header.len() + img.as_raw().len());
    out.extend_from_slice(header.as_bytes());
    out.extend_from_slice(img.as_raw());
    (out, factor)
}

/// The size an image of `w`×`h` is made smaller to, when it has more than
/// [`OCR_PIXELS`]: its sides in the same proportion.
fn smaller(w: u32, h: u32) -> Option<(u32, u32)> {
    let pixels = u64::from(w) * u64::from(h);
    if pixels <= OCR_PIXELS {
        return None;
    }
    let f = (OCR_PIXELS as f64 / pixels as f64).sqrt();
    let side = |n: u32| ((f64::from(n) * f) as u32).max(1);
    Some((side(w), side(h)))
}

/// How many times an image of `w`×`h` is enlarged when `scale` is asked:
/// no more than keeps it within [`OCR_PIXELS`].
fn larger(w: u32, h: u32, scale: u32) -> u32 {
    let room = (OCR_PIXELS as f64 / (u64::from(w) * u64::from(h)).max(1) as f64).sqrt();
    scale.min(room as u32).max(1)
}

// ---------------------------------------------------------------- pdf

/// Reads a scanned pdf by OCR, page by page.
pub(crate) fn read_pdf(bytes: &[u8], opts: &ReadOptions) -> Outcome {
    if !opts.ocr {
        return Err(Failure::NoTextLayer);
    }
    let doc = super::pdf::open(bytes)?;
    let pages: Vec<(u32, ObjectId)> = doc.get_pages().into_iter().collect();
    // Images are prepared in the OCR threads, one page at a time, so that
    // memory holds a few pages, not the whole document.
    let jobs: Vec<Job> = pages.iter().map(|&(n, id)| Job::Pdf(&doc, n, id)).collect();
    recognize_jobs(jobs, Format::Pdf, opts)
}

enum Job<'a> {
    Ready(Result<PageImage, Failure>),
    Pdf(&'a Document, u32, ObjectId),
}

impl Job<'_> {
    /// Reads the page by OCR, once the memory it may take fits in `room`
    /// beside the pages in flight: a pdf page's image is decoded only then.
    fn read(self, room: Option<&Budget>) -> Result<PageText, Failure> {
        let admit = |(source, ocr)| room.map(|r| r.take(page_memory(source, ocr)));
        match self {
            Job::Ready(r) => {
                let img = r?;
                let px = img.bytes.len() as u64;
                let _permit = admit((px, px));
                tesseract(&img)
            }
            Job::Pdf(doc, n, id) => {
                let plan = plan(doc, n, id)?;
                let _permit = admit(plan.pixels());
                tesseract(&plan.image(doc)?)
            }
        }
    }
}

/// The resident memory Tesseract takes besides the pixels it reads
/// (measured alone on grey pages: 60 MiB for 8 megapixels, 107 MiB for
/// 20).
const TESSERACT_BASE: u64 = 40 << 20;

/// The most memory a page in flight holds, in bytes, for an image of
/// `source` pixels in the file read as `ocr` pixels: while it is decoded,
/// up to four bytes a source pixel (colour samples and their grey copy)
/// and the image made for Tesseract; while Tesseract reads it,
/// [`TESSERACT_BASE`] and 3.5 bytes a pixel in that process, beside the
/// image still held here.
fn page_memory(source: u64, ocr: u64) -> usize {
    let decoding = source.saturating_mul(4).saturating_add(ocr);
    let reading = TESSERACT_BASE.saturating_add(ocr.saturating_mul(9) / 2);
    usize::try_from(decoding.max(reading)).unwrap_or(usize::MAX)
}

/// The largest image XObject a page draws (looking one form deep), and its
/// pixel count.
fn largest_image(doc: &Document, page: ObjectId) -> Option<(ObjectId, u64)> {
    let mut best: Option<(ObjectId, u64)> = None;
    let mut resources: Vec<&Dictionary> = Vec::new();
    if let Ok((own, inherited)) = doc.get_page_resources(page) {
        resources.extend(own);
        resources.extend(
            inherited
                .iter()
                .filter_map(|&id| doc.get_dictionary(id).ok()),
        );
    }
    let mut depth = 0;
    while !resources.is_empty() && depth < 3 {
        let mut forms = Vec::new();
        for res in resources {
            let Ok(xobjects) = res.get_deref(b"XObject", doc).and_then(Object::as_dict) else {
                continue;
            };
            for (_, v) in xobjects.iter() {
                let Ok(id) = v.as_reference() else { continue };
                let Ok(Object::Stream(s)) = doc.get_object(id) else {
                    continue;
                };
                match s.dict.get(b"Subtype").and_then(Object::as_name) {
                    Ok(b"Image") => {
                        let w = int(&s.dict, b"Width", doc).unwrap_or(0);
                        let h = int(&s.dict, b"Height", doc).unwrap_or(0);
                        let px = w.saturating_mul(h);
                        if px > 0 && best.is_none_or(|(_, b)| px > b) {
                            best = Some((id, px));
                        }
                    }
                    Ok(b"Form") => {
                        if let Ok(r) = s
                            .dict
                            .get_deref(b"Resources", doc)
                            .and_then(Object::as_dict)
                        {
                            forms.push(r);
                        }
                    }
                    _ => {}
                }
            }
        }
        resources = forms;
        depth += 1;
    }
    best
}

fn int(dict: &Dictionary, key: &[u8], doc: &Document) -> Option<u64> {
    dict.get_deref(key, doc)
        .ok()?
        .as_i64()
        .ok()
        .and_then(|v| u64::try_from(v).ok())
}

/// What a pdf page's image is and how it will be read, known before a
/// pixel of it is decoded.
struct Plan<'a> {
    n: u32,
    stream: &'a Stream,
    w: u32,
    h: u32,
    rotate: i64,
    dpi: u32,
    /// How many times its sides are enlarged (a page below 150 dpi).
    scale: u32,
}

/// How page `n`'s image will be read: its largest image, refused past
/// [`MAX_PIXELS`], its resolution and turn.
fn plan(doc: &Document, n: u32, page: ObjectId) -> Result<Plan<'_>, Failure> {
    let Some((id, _)) = largest_image(doc, page) else {
        return Err(Failure::NoTextLayer);
    };
    let Ok(Object::Stream(stream)) = doc.get_object(id) else {
        return Err(Failure::NoTextLayer);
    };
    let w = int(&stream.dict, b"Width", doc).unwrap_or(0);
    let h = int(&stream.dict, b"Height", doc).unwrap_or(0);
    let (w, h) = (
        u32::try_from(w).unwrap_or(u32::MAX),
        u32::try_from(h).unwrap_or(u32::MAX),
    );
    check_size(w, h)?;
    // The page's width in inches gives the scan's resolution.
    let page_dict = doc.get_dictionary(page).ok();
    let media = page_dict.and_then(|d| inherited(doc, d, b"MediaBox"));
    let rotate = page_dict
        .and_then(|d| inherited(doc, d, b"Rotate"))
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0)
        .rem_euclid(360);
    let page_w = media
        .and_then(|m| m.as_array().ok())
        .filter(|a| a.len() == 4)
        .map(|a| {
            let f = |o: &Object| o.as_float().map(f64::from).unwrap_or(0.0);
            (f(&a[2]) - f(&a[0])).abs()
        })
        .filter(|w| *w > 1.0)
        .unwrap_or(595.0);
    // The width the page draws the image at, or else the page's width (the
    // media box is the page before `/Rotate` turns it, as the image is).
    let drawn = drawn_width(doc, page, id).unwrap_or(page_w);
    let dpi = (f64::from(w) / (drawn / 72.0)).round();
    let dpi = (dpi as u32).clamp(50, 1200);
    // Enlarged to about 200 dpi: on a 96 dpi Công báo page, twice the size
    // read as well as three or four times, and faster.
    let scale = if dpi < 150 {
        ((200.0 / f64::from(dpi)).round() as u32).clamp(1, 4)
    } else {
        1
    };
    Ok(Plan {
        n,
        stream,
        w,
        h,
        rotate,
        dpi,
        scale,
    })
}

impl Plan<'_> {
    /// The pixels of the image in the file, and of the image Tesseract
    /// will read (made smaller past [`OCR_PIXELS`], or enlarged).
    fn pixels(&self) -> (u64, u64) {
        let source = u64::from(self.w) * u64::from(self.h);
        let (w, h) = smaller(self.w, self.h).unwrap_or((self.w, self.h));
        let k = u64::from(larger(w, h, self.scale));
        (source, u64::from(w) * u64::from(h) * k * k)
    }

    /// The page's image, decoded, as Tesseract reads it.
    fn image(self, doc: &Document) -> Result<PageImage, Failure> {
        let Plan {
            n,
            stream: s,
            w,
            h,
            rotate,
            dpi,
            scale,
        } = self;
        let filters: Vec<Vec<u8>> = s
            .filters()
            .map(|f| f.into_iter().map(<[u8]>::to_vec).collect())
            .unwrap_or_default();
        let last = filters.last().map(Vec::as_slice);
        let (bytes, factor) = match last {
            Some(b"DCTDecode") => {
                let img = decode(&pre_decoded(s, &filters)?)?;
                to_pnm(turn(img, rotate).into_luma8(), scale)
            }
            Some(b"CCITTFaxDecode") => {
                let data = pre_decoded(s, &filters)?;
                let tiff = ccitt_tiff(&s.dict, doc, w, h, &data);
                // Passed as it is when it needs no turning or enlarging: the
                // image decoder may not know every fax coding Leptonica reads.
                if scale == 1 && rotate == 0 {
                    (tiff, 1.0)
                } else {
                    let img = decode(&tiff)?;
                    to_pnm(turn(img, rotate).into_luma8(), scale)
                }
            }
            Some(b"JBIG2Decode") | Some(b"JPXDecode") => {
                return Err(Failure::malformed(format!(
                    "page {n}: its image is {}, which OCR does not read yet",
                    String::from_utf8_lossy(last.unwrap_or_default())
                )))
            }
            _ => {
                let data = s.decompressed_content().map_err(|e| {
                    Failure::malformed_by(format!("page {n}: cannot unpack its image"), e)
                })?;
                let img = raw_pixels(&s.dict, doc, w, h, &data).ok_or_else(|| {
                    Failure::malformed(format!("page {n}: an image OCR cannot read"))
                })?;
                let img = turn(image::DynamicImage::ImageLuma8(img), rotate);
                to_pnm(img.into_luma8(), scale)
            }
        };
        Ok(PageImage {
            page: n,
            bytes,
            dpi: Some((f64::from(dpi) * factor).round().max(1.0) as u32),
        })
    }
}

/// The width, in points, at which the page's content draws the image
/// `image` (the length of the image's x axis in the current matrix when
/// `Do` paints it): a scan set at 96 dpi in a margin does not fill the
/// page. None when the page does not draw it itself (a form does).
fn drawn_width(doc: &Document, page: ObjectId, image: ObjectId) -> Option<f64> {
    let (own, inherited) = doc.get_page_resources(page).ok()?;
    let names: Vec<Vec<u8>> = own
        .into_iter()
        .chain(
            inherited
                .iter()
                .filter_map(|&id| doc.get_dictionary(id).ok()),
        )
        .filter_map(|r| r.get_deref(b"XObject", doc).and_then(Object::as_dict).ok())
        .flat_map(|x| x.iter())
        .filter(|(_, v)| v.as_reference().ok() == Some(image))
        .map(|(k, _)| k.clone())
        .collect();
    let content = doc.get_page_content(page).ok()?;
    let ops = lopdf::content::Content::decode(&content).ok()?.operations;
    // The matrix's linear part, [a b c d]; q and Q save and restore it.
    let mut ctm = [1.0f64, 0.0, 0.0, 1.0];
    let mut saved = Vec::new();
    for op in ops {
        match op.operator.as_str() {
            "q" if saved.len() < 64 => saved.push(ctm),
            "Q" => ctm = saved.pop().unwrap_or([1.0, 0.0, 0.0, 1.0]),
            "cm" if op.operands.len() == 6 => {
                let m: Vec<f64> = op
                    .operands
                    .iter()
                    .map(|o| o.as_float().map(f64::from).unwrap_or(0.0))
                    .collect();
                // M × CTM.
                ctm = [
                    m[0] * ctm[0] + m[1] * ctm[2],
                    m[0] * ctm[1] + m[1] * ctm[3],
                    m[2] * ctm[0] + m[3] * ctm[2],
                    m[2] * ctm[1] + m[3] * ctm[3],
                ];
            }
            "Do" => {
                let name = op.operands.first().and_then(|o| o.as_name().ok());
                if name.is_some_and(|n| names.iter().any(|k| k == n)) {
                    let width = ctm[0].hypot(ctm[1]);
                    return (width > 1.0).then_some(width);
                }
            }
            _ => {}
        }
    }
    None
}

/// A page attribute, from the page or the nearest ancestor that has it.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..64 {
        if let Ok(v) = node.get_deref(key, doc) {
            return Some(v);
        }
        node = node.get_deref(b"Parent", doc).ok()?.as_dict().ok()?;
    }
    None
}

/// The stream's bytes with the filters before the last one undone.
fn pre_decoded(s: &Stream, filters: &[Vec<u8>]) -> Result<Vec<u8>, Failure> {
    if filters.len() <= 1 {
        return Ok(s.content.clone());
    }
    let mut partial = s.clone();
    partial.dict.set(
        "Filter",
        Object::Array(
            filters[..filters.len() - 1]
                .iter()
                .map(|f| Object::Name(f.clone()))
                .collect(),
        ),
    );
    partial
        .decompressed_content()
        .map_err(|e| Failure::malformed_by("cannot unpack an image", e))
}

fn turn(img: image::DynamicImage, rotate: i64) -> image::DynamicImage {
    // /Rotate turns the page clockwise for display.
    match rotate {
        90 => img.rotate90(),
        180 => img.rotate180(),
        270 => img.rotate270(),
        _ => img,
    }
}

/// Raw samples (8-bit grey, RGB or CMYK, or 1-bit) as a grey image.
fn raw_pixels(
    dict: &Dictionary,
    doc: &Document,
    w: u32,
    h: u32,
    data: &[u8],
) -> Option<image::GrayImage> {
    let bpc = int(dict, b"BitsPerComponent", doc).unwrap_or(8);
    let mask = matches!(dict.get(b"ImageMask"), Ok(Object::Boolean(true)));
    let cs = dict.get_deref(b"ColorSpace", doc).ok();
    let (components, indexed) = color_space(cs, doc);
    let (w, h) = (w as usize, h as usize);
    let mut out = image::GrayImage::new(w as u32, h as u32);
    if bpc == 1 || mask {
        let row = w.div_ceil(8);
        if data.len() < row * h {
            return None;
        }
        // 1 is white in DeviceGray, black in an image mask (painted).
        let one_is_white = !mask;
        for (y, line) in data.chunks(row).take(h).enumerate() {
            for x in 0..w {
                let bit = line[x / 8] >> (7 - x % 8) & 1 == 1;
                let white = bit == one_is_white;
                out.put_pixel(
                    x as u32,
                    y as u32,
                    image::Luma([if white { 255 } else { 0 }]),
                );
            }
        }
        return Some(out);
    }
    if bpc != 8 {
        return None;
    }
    if let Some(palette) = indexed {
        if data.len() < w * h {
            return None;
        }
        for (i, &ix) in data.iter().take(w * h).enumerate() {
            let g = palette.get(ix as usize).copied().unwrap_or(255);
            out.put_pixel((i % w) as u32, (i / w) as u32, image::Luma([g]));
        }
        return Some(out);
    }
    if data.len() < w * h * components {
        return None;
    }
    for (i, px) in data.chunks_exact(components).take(w * h).enumerate() {
        let g = match *px {
            [g] => g,
            [r, g, b] => {
                ((u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114) / 1000) as u8
            }
            [c, m, y, k] => {
                let inv = |v: u8| 255 - (u32::from(v) + u32::from(k)).min(255);
                ((inv(c) * 299 + inv(m) * 587 + inv(y) * 114) / 1000) as u8
            }
            _ => 255,
        };
        out.put_pixel((i % w) as u32, (i / w) as u32, image::Luma([g]));
    }
    Some(out)
}

/// Components per pixel of a colour space, and the grey of each entry of
/// an indexed one's palette.
fn color_space(cs: Option<&Object>, doc: &Document) -> (usize, Option<Vec<u8>>) {
    let base = |o: &Object| -> usize {
        match o.as_name() {
            Ok(b"DeviceRGB" | b"CalRGB") => 3,
            Ok(b"DeviceCMYK") => 4,
            Ok(_) => 1,
            Err(_) => match o.as_array() {
                Ok(a) => match a.first().and_then(|n| n.as_name().ok()) {
                    Some(b"ICCBased") => a
                        .get(1)
                        .and_then(|r| r.as_reference().ok())
                        .and_then(|id| doc.get_object(id).ok())
                        .and_then(|o| o.as_stream().ok())
                        .and_then(|s| int(&s.dict, b"N", doc))
                        .map_or(3, |n| n as usize),
                    Some(b"CalRGB" | b"Lab") => 3,
                    _ => 1,
                },
                Err(_) => 1,
            },
        }
    };
    let Some(cs) = cs else { return (1, None) };
    if let Ok(a) = cs.as_array() {
        if a.first().and_then(|n| n.as_name().ok()) == Some(b"Indexed") && a.len() >= 4 {
            let n = a.get(1).map_or(1, |b| {
                let b = doc.dereference(b).map(|(_, o)| o).unwrap_or(b);
                base(b)
            });
            let lookup = match doc.dereference(&a[3]).map(|(_, o)| o) {
                Ok(Object::String(s, _)) => s.clone(),
                Ok(Object::Stream(s)) => s.get_plain_content().unwrap_or_default(),
                _ => Vec::new(),
            };
            let palette = lookup
                .chunks_exact(n.max(1))
                .map(|px| match *px {
                    [r, g, b] => {
                        ((u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114) / 1000)
                            as u8
                    }
                    [g, ..] => g,
                    [] => 255,
                })
                .collect();
            return (1, Some(palette));
        }
    }
    (base(cs), None)
}

/// A CCITT fax stream wrapped in a one-strip TIFF, which Leptonica reads.
fn ccitt_tiff(dict: &Dictionary, doc: &Document, w: u32, h: u32, data: &[u8]) -> Vec<u8> {
    let parms = dict
        .get_deref(b"DecodeParms", doc)
        .ok()
        .and_then(|p| match p {
            Object::Array(a) => a
                .last()
                .and_then(|o| doc.dereference(o).ok())
                .map(|(_, o)| o),
            o => Some(o),
        })
        .and_then(|o| o.as_dict().ok());
    let k = parms
        .and_then(|p| p.get(b"K").ok())
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0);
    let black_is_1 = matches!(
        parms.and_then(|p| p.get(b"BlackIs1").ok()),
        Some(Object::Boolean(true))
    );
    // K < 0: G4 (compression 4); otherwise G3 (3), 2-D when K > 0.
    let (compression, t_options): (u16, Option<(u16, u32)>) = if k < 0 {
        (4, None)
    } else {
        (3, Some((292, u32::from(k > 0))))
    };
    let mut entries: Vec<(u16, u16, u32)> = vec![
        (256, 4, w),                      // ImageWidth
        (257, 4, h),                      // ImageLength
        (258, 3, 1),                      // BitsPerSample
        (259, 3, u32::from(compression)), // Compression
        (262, 3, u32::from(black_is_1)),  // Photometric: 0 = white is zero
        (273, 4, 0),                      // StripOffsets (set below)
        (277, 3, 1),                      // SamplesPerPixel
        (278, 4, h),                      // RowsPerStrip
        (279, 4, data.len() as u32),      // StripByteCounts
    ];
    if let Some((tag, v)) = t_options {
        entries.push((tag, 4, v));
    }
    entries.sort_by_key(|e| e.0);
    let ifd_len = 2 + entries.len() * 12 + 4;
    let data_at = 8 + ifd_len as u32;
    let mut out = Vec::with_capacity(data.len() + 8 + ifd_len);
    out.extend(b"II*\0");
    out.extend(8u32.to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    for (tag, typ, v) in entries {
        let v = if tag == 273 { data_at } else { v };
        out.extend(tag.to_le_bytes());
        out.extend(typ.to_le_bytes());
        out.extend(1u32.to_le_bytes());
        if typ == 3 {
            out.extend((v as u16).to_le_bytes());
            out.extend([0, 0]);
        } else {
            out.extend(v.to_le_bytes());
        }
    }
    out.extend(0u32.to_le_bytes());
    out.extend(data);
    out
}

// ---------------------------------------------------------------- OCR

fn recognize(images: Vec<Result<PageImage, Failure>>, opts: &ReadOptions) -> Outcome {
    recognize_jobs(
        images.into_iter().map(Job::Ready).collect(),
        Format::Image,
        opts,
    )
}

/// Runs Tesseract on each page, as many at once as there are cores and as
/// fit in [`ReadOptions::memory_bound`] beside what this process holds
/// already, and puts the pages together.
fn recognize_jobs(jobs: Vec<Job<'_>>, format: Format, opts: &ReadOptions) -> Outcome {
    let pages = jobs.len();
    opts.progress.report(PageDone { done: 0, pages });
    let room = opts.memory_bound.map(|bound| {
        let held = super::worker::own_resident().unwrap_or(0);
        Budget::new(usize::try_from(bound.saturating_sub(held)).unwrap_or(usize::MAX))
    });
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(pages)
        .max(1);
    let queue: Mutex<Vec<(usize, Job<'_>)>> =
        Mutex::new(jobs.into_iter().enumerate().rev().collect());
    let results: Mutex<Vec<Option<PageResult>>> = Mutex::new((0..pages).map(|_| None).collect());
    let done = AtomicUsize::new(0);
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                if stop.load(Ordering::Relaxed) || opts.cancel.is_set() {
                    break;
                }
                let next = queue.lock().map(|mut q| q.pop()).unwrap_or(None);
                let Some((i, job)) = next else { break };
                let page = match &job {
                    Job::Ready(Ok(img)) => img.page,
                    Job::Ready(Err(_)) => i as u32 + 1,
                    Job::Pdf(_, n, _) => *n,
                };
                let r = job.read(room.as_ref());
                // Tesseract missing: every other page would say the same.
                if matches!(r, Err(Failure::NoOcr(_))) {
                    stop.store(true, Ordering::Relaxed);
                }
                if let Ok(mut res) = results.lock() {
                    res[i] = Some((page, r));
                }
                let d = done.fetch_add(1, Ordering::Relaxed) + 1;
                opts.progress.report(PageDone { done: d, pages });
            });
        }
    });
    if opts.cancel.is_set() {
        return Err(Failure::Cancelled);
    }
    let results = results.into_inner().unwrap_or_default();
    let mut text = String::new();
    let mut ocr_pages = Vec::new();
    let (mut conf_sum, mut chars) = (0.0f64, 0u64);
    let mut first_error = None;
    for (page, r) in results.into_iter().flatten() {
        match r {
            Ok(t) => {
                let confidence = if t.chars > 0 {
                    (t.conf_sum / t.chars as f64) as f32
                } else {
                    0.0
                };
                conf_sum += t.conf_sum;
                chars += t.chars;
                ocr_pages.push(OcrPage {
                    page,
                    confidence: round1(confidence),
                    words: t.words,
                    low: t.words > 0 && confidence < LOW_CONFIDENCE,
                });
                if !t.text.trim().is_empty() {
                    text.push_str(&t.text);
                    text.push('\n');
                }
            }
            Err(Failure::NoOcr(m)) => return Err(Failure::NoOcr(m)),
            Err(Failure::NoTextLayer) => {}
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    if !text.chars().any(char::is_alphanumeric) {
        return Err(first_error.unwrap_or(Failure::NoTextLayer));
    }
    Ok(Raw {
        text: super::marks::repair(&super::reflow::reflow_scanned(&text)),
        format,
        encoding: None,
        ocr: Some(Ocr {
            confidence: round1(if chars > 0 {
                (conf_sum / chars as f64) as f32
            } else {
                0.0
            }),
            pages: ocr_pages,
        }),
    })
}

/// A page's number and what Tesseract made of it.
type PageResult = (u32, Result<PageText, Failure>);

fn round1(x: f32) -> f32 {
    (x * 10.0).round() / 10.0
}

/// Runs `tesseract` on one image, killed after [`PAGE_TIME`].
fn tesseract(img: &PageImage) -> Result<PageText, Failure> {
    let mut cmd = Command::new("tesseract");
    cmd.args(["stdin", "stdout", "-l", LANGUAGES, "--psm", "3"]);
    if let Some(dpi) = img.dpi {
        cmd.args(["--dpi", &dpi.to_string()]);
    }
    cmd.arg("tsv")
        // Pages run in parallel already; Tesseract's own threads would
        // only fight over the same cores.
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: prctl is async-signal-safe and touches no memory of ours;
        // it makes the child die with the thread that started it (the
        // worker killed at its deadline takes its Tesseracts along).
        unsafe {
            cmd.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                Ok(())
            });
        }
    }
    let mut child = cmd.spawn().map_err(|e| missing(&e))?;
    let (mut stdin, mut stdout, mut stderr) = (
        child.stdin.take().expect("piped"),
        child.stdout.take().expect("piped"),
        child.stderr.take().expect("piped"),
    );
    let started = Instant::now();
    let (out, err, status) = std::thread::scope(|scope| {
        scope.spawn(move || {
            let _ = stdin.write_all(&img.bytes);
        });
        let err = scope.spawn(move || {
            let mut buf = Vec::new();
            let _ = (&mut stderr).take(16 << 10).read_to_end(&mut buf);
            let _ = std::io::copy(&mut stderr, &mut std::io::sink());
            String::from_utf8_lossy(&buf).into_owned()
        });
        let out = scope.spawn(move || {
            let mut buf = Vec::new();
            let _ = stdout.read_to_end(&mut buf);
            buf
        });
        let status = loop {
            match child.try_wait() {
                Ok(Some(s)) => break Some(s),
                Ok(None) if started.elapsed() < PAGE_TIME => {
                    std::thread::sleep(Duration::from_millis(20))
                }
                _ => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break None;
                }
            }
        };
        (
            out.join().unwrap_or_default(),
            err.join().unwrap_or_default(),
            status,
        )
    });
    let Some(status) = status else {
        return Err(Failure::malformed(format!(
            "page {}: OCR took more than {} s",
            img.page,
            PAGE_TIME.as_secs()
        )));
    };
    if !status.success() {
        if err.contains("Failed loading language") || err.contains("Error opening data file") {
            return Err(Failure::NoOcr(format!(
                "Tesseract thiếu dữ liệu tiếng Việt; hãy cài: `sudo apt install tesseract-ocr-vie` \
                 (Debian/Ubuntu), hoặc bỏ OCR với --no-ocr ({})",
                err.lines().next().unwrap_or_default().trim()
            )));
        }
        let why = err
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with("Estimating") && !l.starts_with("Warning"))
            .unwrap_or("no message");
        return Err(Failure::malformed(format!(
            "page {}: OCR failed ({status}): {why}",
            img.page
        )));
    }
    Ok(parse_tsv(&String::from_utf8_lossy(&out)))
}

/// A word Tesseract read, with its box.
struct Word<'a> {
    text: &'a str,
    left: f64,
    right: f64,
    bottom: f64,
    height: f64,
    conf: f64,
}

/// Below this confidence a word without a letter or a digit, or of one or
/// two letters less than half as tall as the line's, is dropped: specks, a
/// stamp's edge, dot leaders read as `:`, `_`, `|` or `ễ`. A line left
/// with no letter or digit is dropped whole.
const SPECK: f64 = 75.0;

/// A line of three letters or fewer, every word read below this
/// confidence, is noise (a smudge between two lines read as `~tt`).
const NOISE: f64 = 40.0;

/// A line whose baseline lies more than this many times the page's usual
/// line pitch below the line before starts a new paragraph.
const PARAGRAPH_GAP: f64 = 1.3;

/// Whether `word` goes on a figure that `before` ends with a thousands
/// dot: `630.` `000` is `630.000`, as written (a space crept in where the
/// dot's ink was).
fn thousands(before: &str, word: &str) -> bool {
    let Some(head) = before.strip_suffix('.') else {
        return false;
    };
    let group = head
        .rsplit(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap_or("");
    let start = head.len() - group.len();
    let figure = start == 0 || head[..start].ends_with(['.', ' ', '(', '\n']);
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    figure && (1..=3).contains(&group.len()) && digits == 3
}

/// Whether `word`, a word of letters ending in a full stop (or a stop
/// alone), goes on in
/// `next`, a word in lower case on the same line: no sentence ends so,
/// and the stop is a speck of dust read beside the word (`lặp. lại`).
/// An abbreviation's stop (`v.v.`, `TP.`) is left alone when a capital or
/// a figure follows.
fn stop_before_lower(word: &str, next: &str) -> bool {
    let Some(head) = word.strip_suffix('.') else {
        return false;
    };
    (head.is_empty() || head.chars().count() >= 2 && head.chars().all(char::is_alphabetic))
        && next.chars().next().is_some_and(char::is_lowercase)
}

/// Two words in lower case that Tesseract read as one, joined by a speck
/// read as a stop (`tác.thuê`), split again; a web address (`abc.com`)
/// has no Vietnamese letter and is left alone.
fn joined_by_a_speck(word: &str) -> std::borrow::Cow<'_, str> {
    let syllable = |s: &str| !s.is_empty() && s.chars().all(char::is_lowercase);
    match word.split_once('.') {
        Some((a, b))
            if syllable(a)
                && syllable(b.trim_end_matches([',', '.', ';', ':']))
                && !word.is_ascii() =>
        {
            std::borrow::Cow::Owned(format!("{a} {b}"))
        }
        _ => std::borrow::Cow::Borrowed(word),
    }
}

/// One line read, and its baseline: the highest bottom of its first
/// three words (a word with a descender or a dot below, `g`, `ạ`, reaches
/// further down).
struct Line {
    text: String,
    baseline: f64,
}

/// Tesseract's TSV: one row per page, block, paragraph, line and word;
/// words (level 5) carry a box, a confidence and their text.
///
/// A line is cut where the gap between two words is wider than three
/// times the line's letter height: the two columns of a letterhead
/// (issuing body on the left, state name on the right) come out as lines
/// of their own, as they are set.
///
/// Paragraphs come from the page's geometry, not from Tesseract's blocks
/// and paragraphs, which noise on a scan splits mid-sentence: a blank
/// line where the gap to the line before is wider than the page's usual
/// line pitch ([`PARAGRAPH_GAP`] times), or where the text goes back up the
/// page (the next column). Lines set at the usual pitch are left to
/// [`reflow_scanned`](super::reflow::reflow_scanned) to join.
fn parse_tsv(tsv: &str) -> PageText {
    let mut t = PageText::default();
    let mut lines: Vec<Line> = Vec::new();
    let mut line: Vec<Word<'_>> = Vec::new();
    let mut line_key = None;
    let flush = |line: &mut Vec<Word<'_>>, t: &mut PageText, lines: &mut Vec<Line>| {
        let mut heights: Vec<f64> = line
            .iter()
            .filter(|w| w.text.chars().any(char::is_alphanumeric))
            .map(|w| w.height)
            .collect();
        heights.sort_by(f64::total_cmp);
        let height = heights.get(heights.len() / 2).copied().unwrap_or(0.0);
        // Specks: marks without a letter or digit read with little
        // confidence, and a letter or two far smaller than the line's.
        let speck = |w: &Word<'_>| {
            let alnum = w.text.chars().any(char::is_alphanumeric);
            let tiny = w.height < 0.4 * height && w.text.chars().count() <= 2;
            w.conf < SPECK && (!alnum || tiny)
        };
        let kept = || line.iter().filter(|w| !speck(w));
        let letters: usize = kept()
            .map(|w| w.text.chars().filter(|c| c.is_alphanumeric()).count())
            .sum();
        // A line of nothing but specks, or of a few letters all read
        // with little confidence (`~tt` from a smudge between two lines).
        if letters == 0 || (letters <= 3 && kept().all(|w| w.conf < NOISE)) {
            line.clear();
            return;
        }
        // The baseline where the line starts: lines start at the same
        // margin, so a page scanned askew does not move one against the
        // next.
        let baseline = kept()
            .filter(|w| w.text.chars().any(char::is_alphanumeric))
            .take(3)
            .map(|w| w.bottom)
            .fold(f64::INFINITY, f64::min);
        // A gap is measured between any two marks, specks included: a
        // word misread as `...` and dropped leaves no gutter behind.
        let mut text = String::new();
        let mut prev_right: Option<f64> = None;
        let mut gutter = false;
        // Where the last word kept starts in `text`.
        let mut last = 0;
        for w in line.drain(..) {
            if let Some(r) = prev_right {
                gutter |= height > 0.0 && w.left - r > 3.0 * height;
            }
            prev_right = Some(w.right);
            if speck(&w) {
                continue;
            }
            if !gutter && stop_before_lower(&text[last..], w.text) {
                text.pop();
                text.truncate(text.trim_end().len());
            }
            if !text.is_empty() && (gutter || !thousands(&text, w.text)) {
                text.push(if gutter { '\n' } else { ' ' });
            }
            gutter = false;
            last = text.len();
            text.push_str(&joined_by_a_speck(w.text));
            if w.conf >= 0.0 {
                let n = w.text.chars().count() as u64;
                t.conf_sum += w.conf * n as f64;
                t.chars += n;
                t.words += 1;
            }
        }
        lines.push(Line { text, baseline });
    };
    for row in tsv.lines() {
        let cols: Vec<&str> = row.split('\t').collect();
        if cols.len() < 12 || cols[0] != "5" {
            continue;
        }
        let text = cols[11].trim();
        if text.is_empty() {
            continue;
        }
        let num = |i: usize| cols[i].parse::<u32>().unwrap_or(0);
        let float = |i: usize| cols[i].parse::<f64>().unwrap_or(0.0);
        let conf = cols[10].parse::<f64>().unwrap_or(-1.0);
        let key = (num(2), num(3), num(4));
        if line_key != Some(key) {
            if !line.is_empty() {
                flush(&mut line, &mut t, &mut lines);
            }
            line_key = Some(key);
        }
        line.push(Word {
            text,
            left: float(6),
            right: float(6) + float(8),
            bottom: float(7) + float(9),
            height: float(9),
            conf,
        });
    }
    if !line.is_empty() {
        flush(&mut line, &mut t, &mut lines);
    }
    // The usual pitch: a short step down from one line to the next (the
    // lower quarter: on a page of short paragraphs a good share of the
    // steps are paragraph gaps).
    let mut steps: Vec<f64> = lines
        .windows(2)
        .map(|w| w[1].baseline - w[0].baseline)
        .filter(|&d| d > 0.0)
        .collect();
    steps.sort_by(f64::total_cmp);
    let pitch = steps.get(steps.len() / 4).copied().unwrap_or(0.0);
    let mut prev: Option<f64> = None;
    for l in &lines {
        if let Some(p) = prev {
            let step = l.baseline - p;
            if step <= 0.0 || step > PARAGRAPH_GAP * pitch {
                t.text.push('\n');
            }
        }
        prev = Some(l.baseline);
        t.text.push_str(&l.text);
        t.text.push('\n');
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_go_to_tesseract_within_their_pixels() {
        // A 48-megapixel photo is made smaller, its sides in proportion.
        let (w, h) = smaller(6000, 8000).expect("made smaller");
        assert!(u64::from(w) * u64::from(h) <= OCR_PIXELS, "{w}×{h}");
        assert!(
            u64::from(w) * u64::from(h) > OCR_PIXELS * 99 / 100,
            "{w}×{h}"
        );
        assert!(
            (f64::from(w) / f64::from(h) - 0.75).abs() < 0.001,
            "{w}×{h}"
        );
        // A 300 dpi page is read at its size.
        assert_eq!(smaller(2480, 3508), None);
        // A small image is enlarged as asked, a larger one less, or not.
        assert_eq!(larger(800, 1100, 2), 2);
        assert_eq!(larger(1999, 1999, 4), 2);
        assert_eq!(larger(3000, 4000, 4), 1);
    }

    #[test]
    fn tsv_words_make_lines_and_paragraphs() {
        let head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext";
        let rows = [
            "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t",
            "5\t1\t1\t1\t1\t1\t0\t0\t40\t30\t96.5\tHà",
            "5\t1\t1\t1\t1\t2\t50\t0\t40\t30\t90\tNội",
            // A speck between the columns of a letterhead, then the
            // right column, far off.
            "5\t1\t1\t1\t1\t3\t120\t0\t5\t5\t31\t:",
            "5\t1\t1\t1\t1\t4\t400\t0\t40\t30\t91\tĐộc",
            "5\t1\t1\t1\t1\t5\t445\t0\t40\t30\t92\tlập",
            "5\t1\t1\t1\t2\t1\t0\t40\t40\t30\t80\tmùa",
            "5\t1\t2\t1\t1\t1\t0\t90\t40\t30\t50\tThu",
            "5\t1\t2\t1\t1\t2\t50\t90\t5\t5\t93\t-",
            "5\t1\t2\t1\t1\t3\t0\t0\t1\t1\t-1\t ",
        ];
        let t = parse_tsv(&format!("{head}\n{}\n", rows.join("\n")));
        // Three lines at an even pitch: no paragraph break, whatever
        // Tesseract's blocks say.
        assert_eq!(t.text, "Hà Nội\nĐộc lập\nmùa\nThu -\n");
        let t = parse_tsv(&format!(
            "{head}\n{}\n",
            rows.iter()
                .filter(|r| !r.contains("Độc") && !r.contains("lập") && !r.ends_with("\t-"))
                .copied()
                .collect::<Vec<_>>()
                .join("\n")
        ));
        assert_eq!(t.text, "Hà Nội\nmùa\nThu\n");
        assert_eq!(t.words, 4);
        assert_eq!(t.chars, 2 + 3 + 3 + 3);
        let mean = t.conf_sum / t.chars as f64;
        assert!((mean - (96.5 * 2.0 + 90.0 * 3.0 + 80.0 * 3.0 + 50.0 * 3.0) / 11.0).abs() < 1e-9);
    }

    /// Rows of words, one line each: (block, paragraph, line, top,
    /// confidence, text); each word set `skew` pixels lower than the one
    /// before, as on a page scanned askew.
    fn tsv(skew: u32, lines: &[(u32, u32, u32, u32, u32, &str)]) -> String {
        let mut out = String::from(
            "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n",
        );
        for &(block, par, line, top, conf, text) in lines {
            for (i, w) in text.split(' ').enumerate() {
                out.push_str(&format!(
                    "5\t1\t{block}\t{par}\t{line}\t{}\t{}\t{}\t40\t30\t{conf}\t{w}\n",
                    i + 1,
                    i * 50,
                    top + i as u32 * skew
                ));
            }
        }
        out
    }

    #[test]
    fn paragraphs_come_from_the_gaps_between_lines_not_from_tesseracts_blocks() {
        let t = parse_tsv(&tsv(
            0,
            &[
                (1, 1, 1, 0, 95, "Dự án giúp tránh lặp"),
                // Tesseract starts a block mid-sentence; the pitch is even.
                (2, 1, 1, 40, 95, "lại sai lầm trong trận"),
                (2, 2, 1, 80, 95, "năm ngoái."),
                // A smudge between two lines.
                (2, 2, 2, 100, 30, "~tt"),
                // A wider gap: a new paragraph, in the same block.
                (2, 2, 3, 140, 95, "Đây là dự án"),
                (2, 2, 4, 180, 95, "lớn nhất."),
                // Back up the page: the next column.
                (3, 1, 1, 0, 95, "Cột hai"),
            ],
        ));
        assert_eq!(
            t.text,
            "Dự án giúp tránh lặp\nlại sai lầm trong trận\nnăm ngoái.\n\n\
             Đây là dự án\nlớn nhất.\n\nCột hai\n"
        );
        // Askew: long and short lines at an even pitch stay one paragraph.
        let t = parse_tsv(&tsv(
            4,
            &[
                (1, 1, 1, 0, 95, "một hai ba bốn năm sáu bảy tám chín"),
                (1, 1, 2, 40, 95, "mười một."),
                (1, 1, 3, 80, 95, "một hai ba bốn năm sáu bảy tám chín"),
                (1, 1, 4, 120, 95, "mười hai."),
                (1, 1, 5, 160, 95, "một hai ba bốn năm sáu bảy tám chín"),
            ],
        ));
        assert!(!t.text.contains("\n\n"), "{}", t.text);
    }

    #[test]
    fn a_figure_cut_after_its_thousands_dot_is_joined() {
        assert!(thousands("khoảng 630.", "000"));
        assert!(thousands("(1.630.", "000,"));
        assert!(!thousands("khoảng 630.", "Đây"));
        assert!(!thousands("năm 2018.", "100"));
        assert!(!thousands("khoảng 630", "000"));
        assert!(!thousands("số A630.", "000"));
    }

    #[test]
    fn a_stop_between_words_in_lower_case_is_a_speck() {
        let t = parse_tsv(&tsv(
            0,
            &[
                (1, 1, 1, 0, 88, "tránh lặp. lại sai lầm. Đây"),
                (
                    1,
                    1,
                    2,
                    40,
                    92,
                    "đối tác.thuê máy bay, xem lepinworld.com .",
                ),
                (
                    1,
                    1,
                    3,
                    80,
                    90,
                    "trong . những v.v. và TP. Hà Nội năm 2018. tăng",
                ),
            ],
        ));
        assert_eq!(
            t.text,
            "tránh lặp lại sai lầm. Đây\nđối tác thuê máy bay, xem lepinworld.com .\n\
             trong những v.v. và TP. Hà Nội năm 2018. tăng\n"
        );
    }

    #[test]
    fn a_dropped_speck_leaves_no_gutter_behind() {
        let head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext";
        let rows = [
            "5\t1\t1\t1\t1\t1\t0\t0\t40\t30\t96\tbắt",
            "5\t1\t1\t1\t1\t2\t50\t0\t40\t30\t96\tgiữ",
            // `người,` misread, with no confidence: dropped, but it filled
            // the space between `giữ` and `theo`.
            "5\t1\t1\t1\t1\t3\t100\t0\t130\t40\t0\t...",
            "5\t1\t1\t1\t1\t4\t240\t0\t40\t30\t96\ttheo",
        ];
        let t = parse_tsv(&format!("{head}\n{}\n", rows.join("\n")));
        assert_eq!(t.text, "bắt giữ theo\n");
    }

    /// Appends a PNG chunk, with its CRC.
    pub(crate) fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend(kind);
        out.extend(data);
        let crc = out[start..].iter().fold(!0u32, |mut c, &b| {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 == 1 {
                    (c >> 1) ^ 0xEDB8_8320
                } else {
                    c >> 1
                };
            }
            c
        });
        out.extend((!crc).to_be_bytes());
    }

    #[test]
    fn huge_images_are_refused_before_decoding() {
        // A PNG that claims 100000×100000 pixels, with no pixels.
        let mut ihdr = Vec::new();
        ihdr.extend(100_000u32.to_be_bytes());
        ihdr.extend(100_000u32.to_be_bytes());
        ihdr.extend([8, 0, 0, 0, 0]);
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png_chunk(&mut png, b"IHDR", &ihdr);
        png_chunk(&mut png, b"IDAT", &[]);
        png_chunk(&mut png, b"IEND", &[]);
        let e = image_size(&png).unwrap_err();
        assert!(
            matches!(&e, Failure::Malformed(m) if m.chain().contains("100000×100000")),
            "{e:?}"
        );
    }

    #[test]
    fn the_scans_resolution_comes_from_the_size_the_page_draws_it_at() {
        use lopdf::dictionary;
        let mut doc = Document::with_version("1.7");
        let image = doc.add_object(Stream::new(
            dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 651, "Height" => 884 },
            vec![0; 16],
        ));
        let mut page = |content: &str| {
            let content = doc.add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
            doc.add_object(dictionary! {
                "Type" => "Page", "Contents" => content,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                "Resources" => dictionary! { "XObject" => dictionary! { "Im0" => image } },
            })
        };
        // A 96 dpi scan set in the page's margins: 651 px over 488 pt,
        // inside a scaled and a saved matrix.
        let margins = page("q 0.5 0 0 0.5 0 0 cm q 976.5 0 0 1326 100 80 cm /Im0 Do Q Q");
        let turned = page("q 0 488.25 -663 0 500 50 cm /Im0 Do Q");
        let elsewhere = page("q 595 0 0 842 0 0 cm /Fm0 Do Q");
        let at = |p| drawn_width(&doc, p, image);
        assert_eq!(at(margins), Some(488.25));
        assert_eq!(at(turned), Some(488.25));
        assert_eq!(at(elsewhere), None);
    }

    #[test]
    fn ccitt_tiff_has_the_fax_header() {
        let d = Dictionary::new();
        let doc = Document::new();
        let t = ccitt_tiff(&d, &doc, 10, 20, &[1, 2, 3]);
        assert!(t.starts_with(b"II*\0"));
        assert!(t.ends_with(&[1, 2, 3]));
        // The strip offset points at the data.
        let at = t.len() - 3;
        let entries = u16::from_le_bytes([t[8], t[9]]) as usize;
        let offset = (0..entries)
            .map(|i| 10 + i * 12)
            .find(|&e| u16::from_le_bytes([t[e], t[e + 1]]) == 273)
            .map(|e| u32::from_le_bytes(t[e + 8..e + 12].try_into().unwrap()))
            .unwrap();
        assert_eq!(offset as usize, at);
    }
}
