//! Specks of dust cleaned from a scanned page before OCR.
//!
//! Tesseract reads a speck of dust in a word space as a full stop
//! (`lặp. lại`) or as a letter, and specks in the margins and between the
//! lines mislead its layout (a line read without its first letters:
//! `Tổng thống` as `ng thống`). The page's ink is cut into blots
//! (8-connected pixels darker than the page's Otsu threshold); a blot is
//! a speck when it is
//!
//! - small: no side longer than a third of the page's usual letter
//!   height (the median height of its blots);
//! - no mark of a letter: it does not sit just above or below a bigger
//!   blot (the dot below, `dấu nặng`, the dot of an `i`, a tone mark, or
//!   a mark on such a mark: a hook on a circumflex, a colon's upper dot),
//!   nor against such a mark (the acute a serif face sets beside the
//!   circumflex of `ố`);
//! - and either alone (no letter, mark or kept blot within half a letter
//!   height: the dots of `...` keep one another) or faint: less than half
//!   the ink of the page's own round dots (the dots of `i` and the dots
//!   below, which a font sets all alike, as it sets its full stop).
//!
//! A speck is painted over with the paper around it. A page whose letters
//! are under [`MIN_LETTER`] pixels high (a 96 dpi page, before it is
//! enlarged) is left as it is: its dots and its dust are a pixel or two
//! alike.
//!
//! Measured by `make eval-ocr` (18 DEV pages with 400 specks each): CER
//! 1.42 % → 0.16 %, syllable error rate 3.13 % → 0.64 %, same summary as
//! the text drawn 61 % → 89 %.
//!
//! An acute beside a circumflex was once taken for a faint speck (the
//! serif page's `Tổng thống` read `Tổng thông`); kept as a mark, the 18
//! pages read to the same summary on 94 % (89 % before), SER 0.55 %
//! (0.58 %).
//!
//! Tried after it on the same pages and not taken, for a speck that
//! touches a letter (`hủy` read `Hủy`) and tone marks lost in a serif
//! face (`thống` read `thông`, before the acute was kept): a median over each pixel's 5 × 5 square
//! removes the speck but thins the hook above to an acute (`để` → `đế`,
//! `chuyển` → `chuyến`: three times the character errors on eight pages);
//! a 3 × 3 median reads `ủy` there, still another summary, and adds
//! errors (38 against 33 on fourteen pages); the page enlarged 1.5 times
//! keeps both errors and takes about twice as long. The letters of those
//! pages are 22 px high (the median height of the page's blots), against
//! 26 and 27 for the two sans faces.

use image::GrayImage;

/// The smallest usual letter height, in pixels, at which specks are told
/// from dots.
const MIN_LETTER: u32 = 12;

/// One blot of ink.
#[derive(Clone, Debug)]
struct Blot {
    x0: u32,
    y0: u32,
    x1: u32,
    y1: u32,
    /// A pixel of it, to find it again.
    seed: (u32, u32),
    /// Its ink: how much darker than the threshold its pixels are, summed.
    ink: u64,
}

impl Blot {
    fn width(&self) -> u32 {
        self.x1 - self.x0 + 1
    }
    fn height(&self) -> u32 {
        self.y1 - self.y0 + 1
    }
    fn side(&self) -> u32 {
        self.width().max(self.height())
    }
}

/// Cleans specks from `img` in place (see the module docs); returns how
/// many were removed.
pub(crate) fn clean(img: &mut GrayImage) -> usize {
    let Some(threshold) = otsu(img) else {
        return 0;
    };
    let blots = blots(img, threshold);
    let mut heights: Vec<u32> = blots
        .iter()
        .filter(|b| b.side() >= 3)
        .map(Blot::height)
        .collect();
    if heights.len() < 20 {
        return 0;
    }
    heights.sort_unstable();
    let letter = heights[heights.len() / 2];
    if letter < MIN_LETTER {
        return 0;
    }
    let letter = f64::from(letter);
    let small = |b: &Blot| f64::from(b.side()) <= letter / 3.0;
    let grid = Grid::new(img.width(), img.height(), letter.ceil() as u32, &blots);
    // Marks: small blots centred just above or below a bigger blot, or
    // above or below such a mark (a hook on a circumflex).
    let mut mark = vec![false; blots.len()];
    let gap = (letter * 0.3).max(2.0);
    for _ in 0..2 {
        for (i, b) in blots.iter().enumerate() {
            if !small(b) || mark[i] {
                continue;
            }
            mark[i] = grid.near(b, gap.ceil() as u32).any(|j| {
                let o = &blots[j];
                // Over the letter, or a little beside it (the acute of
                // `ế` sits right of the circumflex).
                let stacked = (!small(o) || mark[j])
                    && f64::from(b.x1) + gap / 2.0 >= f64::from(o.x0)
                    && f64::from(b.x0) <= f64::from(o.x1) + gap / 2.0
                    && {
                        let below = f64::from(b.y0) - f64::from(o.y1);
                        let above = f64::from(o.y0) - f64::from(b.y1);
                        below.max(above) <= gap && below.max(above) >= -1.0
                    };
                // Or against a mark, at its height: a serif face sets the
                // acute of `ố` beside the circumflex's right arm, too far
                // above the `o` to be its mark. (A circumflex is wider
                // than a small blot, but no taller than half a letter.)
                let flat = mark[j] || f64::from(o.height()) <= letter / 2.0;
                let beside = flat && f64::from(distance(b, o)) <= gap / 2.0;
                j != i && (stacked || beside)
            });
        }
    }
    // The font's dots: the median ink of the round marks (the dots of
    // `i` and the dots below; tone marks are longer one way).
    let mut dots: Vec<u64> = blots
        .iter()
        .zip(&mark)
        .filter(|(b, &m)| m && b.width().abs_diff(b.height()) <= 1.max(b.side() / 4))
        .map(|(b, _)| b.ink)
        .collect();
    dots.sort_unstable();
    let dot = dots.get(dots.len() / 2).copied();
    let reach = (letter / 2.0).ceil() as u32;
    let faint = |b: &Blot| dots.len() >= 10 && dot.is_some_and(|d| b.ink * 2 < d);
    // Kept: letters, marks, and small blots near them, or near a small
    // blot kept so (the dots of `...` one after another, a stop after a
    // closing quote).
    let mut keep: Vec<bool> = blots
        .iter()
        .zip(&mark)
        .map(|(b, &m)| !small(b) || m)
        .collect();
    for _ in 0..3 {
        let mut grew = false;
        for (i, b) in blots.iter().enumerate() {
            if keep[i] || faint(b) {
                continue;
            }
            if grid
                .near(b, reach)
                .any(|j| j != i && keep[j] && distance(b, &blots[j]) <= reach)
            {
                keep[i] = true;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    let mut removed = 0;
    for (b, _) in blots.iter().zip(&keep).filter(|(_, &k)| !k) {
        erase(img, b, threshold);
        removed += 1;
    }
    removed
}

/// The distance between two blots' boxes along the longer way, 0 when
/// they overlap.
fn distance(a: &Blot, b: &Blot) -> u32 {
    let dx = a.x0.saturating_sub(b.x1).max(b.x0.saturating_sub(a.x1));
    let dy = a.y0.saturating_sub(b.y1).max(b.y0.saturating_sub(a.y1));
    dx.max(dy)
}

/// Otsu's threshold of the page's grey levels: ink is darker. None for a
/// page of one level.
fn otsu(img: &GrayImage) -> Option<u8> {
    let mut hist = [0u64; 256];
    for &p in img.as_raw() {
        hist[usize::from(p)] += 1;
    }
    let total: u64 = hist.iter().sum();
    let sum: f64 = hist
        .iter()
        .enumerate()
        .map(|(i, &n)| i as f64 * n as f64)
        .sum();
    let (mut w0, mut sum0) = (0u64, 0.0f64);
    let mut best = (0.0f64, None);
    for (t, &n) in hist.iter().enumerate().take(255) {
        w0 += n;
        sum0 += t as f64 * n as f64;
        let w1 = total - w0;
        if w0 == 0 || w1 == 0 {
            continue;
        }
        let m0 = sum0 / w0 as f64;
        let m1 = (sum - sum0) / w1 as f64;
        let between = w0 as f64 * w1 as f64 * (m0 - m1) * (m0 - m1);
        if between > best.0 {
            best = (between, Some(t as u8));
        }
    }
    best.1
}

/// The page's blots: 8-connected pixels at or below `threshold`.
fn blots(img: &GrayImage, threshold: u8) -> Vec<Blot> {
    let (w, h) = img.dimensions();
    let px = img.as_raw();
    let mut seen = vec![0u64; px.len().div_ceil(64)];
    let mut out = Vec::new();
    let mut stack: Vec<(u32, u32)> = Vec::new();
    for y in 0..h {
        for x in 0..w {
            let i = (y * w + x) as usize;
            if px[i] > threshold || seen[i / 64] >> (i % 64) & 1 == 1 {
                continue;
            }
            seen[i / 64] |= 1 << (i % 64);
            let mut b = Blot {
                x0: x,
                y0: y,
                x1: x,
                y1: y,
                seed: (x, y),
                ink: 0,
            };
            stack.push((x, y));
            while let Some((x, y)) = stack.pop() {
                b.x0 = b.x0.min(x);
                b.x1 = b.x1.max(x);
                b.y0 = b.y0.min(y);
                b.y1 = b.y1.max(y);
                b.ink += u64::from(threshold - px[(y * w + x) as usize]) + 1;
                for (dx, dy) in NEIGHBOURS {
                    let (nx, ny) = (x as i64 + dx, y as i64 + dy);
                    if nx < 0 || ny < 0 || nx >= i64::from(w) || ny >= i64::from(h) {
                        continue;
                    }
                    let j = (ny as u32 * w + nx as u32) as usize;
                    if px[j] <= threshold && seen[j / 64] >> (j % 64) & 1 == 0 {
                        seen[j / 64] |= 1 << (j % 64);
                        stack.push((nx as u32, ny as u32));
                    }
                }
            }
            out.push(b);
        }
    }
    out
}

const NEIGHBOURS: [(i64, i64); 8] = [
    (-1, -1),
    (0, -1),
    (1, -1),
    (-1, 0),
    (1, 0),
    (-1, 1),
    (0, 1),
    (1, 1),
];

/// Paints a blot, and the grey rim around it, with the paper's grey
/// around its box.
fn erase(img: &mut GrayImage, b: &Blot, threshold: u8) {
    let (w, h) = img.dimensions();
    // The paper: the mean of the light pixels on a ring two pixels out.
    let (mut sum, mut n) = (0u64, 0u64);
    let x0 = b.x0.saturating_sub(2);
    let y0 = b.y0.saturating_sub(2);
    let x1 = (b.x1 + 2).min(w - 1);
    let y1 = (b.y1 + 2).min(h - 1);
    for y in y0..=y1 {
        for x in x0..=x1 {
            if x != x0 && x != x1 && y != y0 && y != y1 {
                continue;
            }
            let p = img.get_pixel(x, y)[0];
            if p > threshold {
                sum += u64::from(p);
                n += 1;
            }
        }
    }
    let paper = sum.checked_div(n).map_or(255, |p| p as u8);
    // Flood the blot again from its seed, painting it and its rim.
    let mut stack = vec![b.seed];
    let mut rim = Vec::new();
    img.put_pixel(b.seed.0, b.seed.1, image::Luma([paper.max(threshold + 1)]));
    while let Some((x, y)) = stack.pop() {
        for (dx, dy) in NEIGHBOURS {
            let (nx, ny) = (x as i64 + dx, y as i64 + dy);
            if nx < 0 || ny < 0 || nx >= i64::from(w) || ny >= i64::from(h) {
                continue;
            }
            let (nx, ny) = (nx as u32, ny as u32);
            let p = img.get_pixel(nx, ny)[0];
            if p <= threshold {
                img.put_pixel(nx, ny, image::Luma([paper.max(threshold + 1)]));
                stack.push((nx, ny));
            } else if p < paper {
                rim.push((nx, ny));
            }
        }
    }
    for (x, y) in rim {
        img.put_pixel(x, y, image::Luma([paper]));
    }
}

/// The blots in square cells, to find a blot's neighbours.
struct Grid {
    cell: u32,
    cols: u32,
    rows: u32,
    cells: Vec<Vec<usize>>,
}

impl Grid {
    fn new(w: u32, h: u32, cell: u32, blots: &[Blot]) -> Grid {
        let cell = cell.max(1);
        let (cols, rows) = (w.div_ceil(cell), h.div_ceil(cell));
        let mut cells = vec![Vec::new(); (cols * rows) as usize];
        for (i, b) in blots.iter().enumerate() {
            for cy in b.y0 / cell..=b.y1 / cell {
                for cx in b.x0 / cell..=b.x1 / cell {
                    cells[(cy * cols + cx) as usize].push(i);
                }
            }
        }
        Grid {
            cell,
            cols,
            rows,
            cells,
        }
    }

    /// The blots whose boxes come within `reach` pixels of `b`'s box (and
    /// some a little further), each once or more.
    fn near<'a>(&'a self, b: &Blot, reach: u32) -> impl Iterator<Item = usize> + 'a {
        let cx0 = b.x0.saturating_sub(reach) / self.cell;
        let cy0 = b.y0.saturating_sub(reach) / self.cell;
        let cx1 = ((b.x1 + reach) / self.cell).min(self.cols - 1);
        let cy1 = ((b.y1 + reach) / self.cell).min(self.rows - 1);
        (cy0..=cy1).flat_map(move |cy| {
            (cx0..=cx1)
                .flat_map(move |cx| self.cells[(cy * self.cols + cx) as usize].iter().copied())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Paints a box of ink (`grey`) from (x, y), `w` by `h` pixels.
    fn ink(img: &mut GrayImage, x: u32, y: u32, w: u32, h: u32, grey: u8) {
        for yy in y..y + h {
            for xx in x..x + w {
                img.put_pixel(xx, yy, image::Luma([grey]));
            }
        }
    }

    fn inked(img: &GrayImage, x: u32, y: u32, w: u32, h: u32) -> bool {
        (y..y + h).any(|yy| (x..x + w).any(|xx| img.get_pixel(xx, yy)[0] < 128))
    }

    /// Lines of "letters" 30 px high (baseline at y + 30), 16 px wide,
    /// 4 px apart, words of four letters 34 px apart, from (60, 40), 80 px
    /// a line; paper at 235.
    fn page() -> GrayImage {
        let mut img = GrayImage::from_pixel(1000, 400, image::Luma([235]));
        for line in 0..4u32 {
            let y = 40 + line * 80;
            for word in 0..8u32 {
                for letter in 0..4u32 {
                    let x = 60 + word * 110 + letter * 20;
                    ink(&mut img, x, y, 16, 30, 10);
                    // The dots of `i` and the dots below, all alike.
                    if (word + letter) % 3 == 0 {
                        ink(&mut img, x + 6, y - 10, 5, 5, 10);
                    }
                    if (word + letter) % 4 == 1 {
                        ink(&mut img, x + 6, y + 35, 5, 5, 10);
                    }
                }
            }
        }
        img
    }

    #[test]
    fn dust_goes_and_the_marks_of_letters_stay() {
        let mut img = page();
        let y = 40;
        // A full stop after the first word, an ellipsis after the second.
        ink(&mut img, 60 + 76 + 3, y + 25, 5, 5, 10);
        for k in 0..3 {
            ink(&mut img, 60 + 110 + 76 + 3 + k * 9, y + 25, 5, 5, 10);
        }
        // Dust: a small grey speck in the third word space, at the
        // baseline (Tesseract's full stop); one alone in the margin; one
        // between two lines.
        ink(&mut img, 60 + 2 * 110 + 76 + 6, y + 27, 3, 3, 90);
        ink(&mut img, 20, 200, 4, 4, 20);
        ink(&mut img, 500, 40 + 80 + 52, 3, 3, 40);
        let before = img.clone();
        assert_eq!(clean(&mut img), 3);
        assert!(!inked(&img, 60 + 2 * 110 + 76 + 6, y + 27, 3, 3));
        assert!(!inked(&img, 20, 200, 4, 4));
        assert!(!inked(&img, 500, 40 + 80 + 52, 3, 3));
        // Everything else is as it was.
        let changed = img
            .pixels()
            .zip(before.pixels())
            .filter(|(a, b)| a != b)
            .count();
        assert!(changed <= 9 + 16 + 9 + 3 * 20, "{changed} pixels changed");
        assert!(inked(&img, 60 + 76 + 3, y + 25, 5, 5));
        for k in 0..3 {
            assert!(inked(&img, 60 + 110 + 76 + 3 + k * 9, y + 25, 5, 5));
        }
    }

    #[test]
    fn a_tone_mark_beside_a_circumflex_stays() {
        // `ố` in a serif face: over the second letter of the last word, a
        // circumflex (14 × 6, 8 px above the letter) and, a pixel right
        // of its arm and reaching 2 px into its height, a thin acute
        // (4 × 7, faint: less ink than half a dot), 12 px above the
        // letter: too far to be the letter's mark, and beside the
        // circumflex, not over it.
        let mut img = page();
        let (x, y) = (60 + 7 * 110 + 20, 40 + 3 * 80);
        ink(&mut img, x + 1, y - 14, 14, 6, 10);
        ink(&mut img, x + 16, y - 18, 4, 7, 90);
        assert_eq!(clean(&mut img), 0);
        assert!(inked(&img, x + 16, y - 18, 4, 7));
    }

    #[test]
    fn a_page_of_small_print_is_left_as_it_is() {
        // Letters 8 px high: dust and dots are alike at this size.
        let mut img = GrayImage::from_pixel(400, 200, image::Luma([235]));
        for k in 0..60u32 {
            ink(&mut img, 10 + (k % 20) * 18, 20 + (k / 20) * 30, 5, 8, 10);
        }
        ink(&mut img, 390, 190, 2, 2, 10);
        let before = img.clone();
        assert_eq!(clean(&mut img), 0);
        assert_eq!(img, before);
    }
}
