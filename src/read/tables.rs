//! Ruled tables on a pdf page, read cell by cell, row by row.
//!
//! A pdf knows no tables: a word processor draws each cell's text where
//! it falls and the cell borders as thin filled rectangles or stroked
//! lines. Read line by line across the page, a row whose cells hold
//! several lines comes out interleaved (`Bộ Văn hóa, Thể thao Bộ Tài
//! chính, các` / `và Du lịch bộ, cơ quan`), and two cells set close
//! together even make one run of glyphs.
//!
//! The borders say where the cells are. Runs crossed by a vertical
//! border are cut there, at a word's start; each run then lies in the
//! cell bounded by the nearest borders on its four sides; cells whose
//! heights overlap make a row. A row of two cells or more becomes one
//! run, its cells in order left to right, each cell's lines joined by a
//! space and the cells apart by a tab, as the docx and doc readers write
//! a table's row. A box drawn around text (one cell in its row), and text
//! without borders (the two-column heading of an official letter, set in
//! a table without borders) are left as they are.

use super::pdf::Run;

/// A line or thin rectangle drawn on the page (pdf units, y upwards):
/// its bounding box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rule {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rule {
    /// Whether the rule is thin and long, upright or across: a border.
    pub fn border(&self) -> bool {
        let (w, h) = (self.x1 - self.x0, self.y1 - self.y0);
        (w <= THIN && h >= LONG && h > 2.0 * w) || (h <= THIN && w >= LONG && w > 2.0 * h)
    }
}

/// How thick a rule may be: Word draws borders 0.5 pt wide, a double
/// border is two rules.
const THIN: f64 = 3.0;
/// How long a rule must be, so that a dot, a bullet or a glyph drawn as a
/// path makes none.
const LONG: f64 = 6.0;
/// How far apart two edges may be and still be one.
const TOLERANCE: f64 = 1.0;

/// A vertical border: its x and the heights it covers.
#[derive(Clone, Copy, Debug)]
struct Vertical {
    x: f64,
    y0: f64,
    y1: f64,
}

/// A horizontal border: its y and the widths it covers.
#[derive(Clone, Copy, Debug)]
struct Horizontal {
    y: f64,
    x0: f64,
    x1: f64,
}

/// A cell: its borders.
#[derive(Clone, Copy, Debug)]
struct Cell {
    left: f64,
    right: f64,
    bottom: f64,
    top: f64,
}

impl Cell {
    fn same(&self, o: &Cell) -> bool {
        (self.left - o.left).abs() <= TOLERANCE
            && (self.right - o.right).abs() <= TOLERANCE
            && (self.bottom - o.bottom).abs() <= TOLERANCE
            && (self.top - o.top).abs() <= TOLERANCE
    }
}

/// A page's runs with the rows of its ruled tables made one run each (see
/// the module docs), in the page's order: a row stands where its first
/// run stood. A run that is in no row stays whole, even where a border
/// crossed it (a box drawn around a word in a line).
pub fn read_rows(runs: Vec<Run>, rules: &[Rule]) -> Vec<Run> {
    let mut verticals = Vec::new();
    let mut horizontals = Vec::new();
    for r in rules {
        let (w, h) = (r.x1 - r.x0, r.y1 - r.y0);
        if w <= THIN && h >= LONG && h > 2.0 * w {
            verticals.push(Vertical {
                x: (r.x0 + r.x1) / 2.0,
                y0: r.y0,
                y1: r.y1,
            });
        } else if h <= THIN && w >= LONG && w > 2.0 * h {
            horizontals.push(Horizontal {
                y: (r.y0 + r.y1) / 2.0,
                x0: r.x0,
                x1: r.x1,
            });
        }
    }
    // A table of two columns has three vertical borders at least.
    let mut xs: Vec<f64> = verticals.iter().map(|v| v.x).collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() <= TOLERANCE);
    if xs.len() < 3 || horizontals.len() < 2 {
        return runs;
    }
    // The pieces of the runs cut at the borders, each with its run.
    let pieces = cut_at_borders(&runs, &verticals);
    // Each piece's cell, and the distinct cells.
    let mut cells: Vec<Cell> = Vec::new();
    let mut cell_pieces: Vec<Vec<usize>> = Vec::new();
    for (i, (piece, _)) in pieces.iter().enumerate() {
        let Some(c) = cell_of(piece, &verticals, &horizontals) else {
            continue;
        };
        match cells.iter().position(|d| d.same(&c)) {
            Some(k) => cell_pieces[k].push(i),
            None => {
                cells.push(c);
                cell_pieces.push(vec![i]);
            }
        }
    }
    if cells.len() < 2 {
        return runs;
    }
    // Rows: cells whose heights overlap, top to bottom; each row's cells
    // left to right.
    let mut order: Vec<usize> = (0..cells.len()).collect();
    order.sort_by(|&a, &b| cells[b].top.total_cmp(&cells[a].top));
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut bottom = f64::INFINITY;
    for &c in &order {
        match rows.last_mut() {
            Some(row) if cells[c].top > bottom + TOLERANCE => {
                row.push(c);
                bottom = bottom.min(cells[c].bottom);
            }
            _ => {
                rows.push(vec![c]);
                bottom = cells[c].bottom;
            }
        }
    }
    for row in &mut rows {
        row.sort_by(|&a, &b| {
            cells[a]
                .left
                .total_cmp(&cells[b].left)
                .then(cells[b].top.total_cmp(&cells[a].top))
        });
    }
    let same_column = |a: &Cell, b: &Cell| {
        (a.left - b.left).abs() <= TOLERANCE && (a.right - b.right).abs() <= TOLERANCE
    };
    // A row is two columns or more whose cells the borders join (boxes
    // around words in a line are apart).
    let is_table = |row: &[usize]| {
        let mut columns = 1;
        for w in row.windows(2) {
            let (a, b) = (&cells[w[0]], &cells[w[1]]);
            if same_column(a, b) {
                continue;
            }
            columns += 1;
            if !joined(a, b, &horizontals) {
                return false;
            }
        }
        columns >= 2
    };
    let tables: Vec<bool> = rows.iter().map(|r| is_table(r)).collect();
    // The cells of the tables' rows: a row of one cell between two of
    // their columns' borders, above or below one of them, is a table's
    // row too (the rest of a row the page cut).
    let grid: Vec<&Cell> = rows
        .iter()
        .zip(&tables)
        .filter(|(_, &t)| t)
        .flat_map(|(row, _)| row.iter().map(|&c| &cells[c]))
        .collect();
    let on_grid = |x: f64| {
        grid.iter()
            .any(|g| (g.left - x).abs() <= TOLERANCE || (g.right - x).abs() <= TOLERANCE)
    };
    let next_to = |c: &Cell| {
        grid.iter().any(|g| {
            (g.top - c.bottom).abs() <= 2.0 * THIN || (g.bottom - c.top).abs() <= 2.0 * THIN
        })
    };
    // The run each row is made into, at the place of its first piece.
    let mut made: Vec<Option<Run>> = vec![None; pieces.len()];
    let mut gone = vec![false; pieces.len()];
    for (row, &table) in rows.iter().zip(&tables) {
        let single = row.iter().all(|&c| same_column(&cells[c], &cells[row[0]]));
        let cell = &cells[row[0]];
        let rest = single && on_grid(cell.left) && on_grid(cell.right) && next_to(cell);
        if !table && !rest {
            continue;
        }
        let members: Vec<usize> = row
            .iter()
            .flat_map(|&c| cell_pieces[c].iter().copied())
            .collect();
        let Some(&first) = members.iter().min() else {
            continue;
        };
        // Cells of one column (a cell cut by an underline) read as one.
        let mut text = String::new();
        for (k, &c) in row.iter().enumerate() {
            if k > 0 {
                let column = same_column(&cells[row[k - 1]], &cells[c]);
                text.push(if column { ' ' } else { '\t' });
            }
            text.push_str(&cell_text(&pieces, &cell_pieces[c]));
        }
        if rest {
            // Its own paragraph, as a row is (see `pdf::layout`).
            text.push('\t');
        }
        for &i in &members {
            gone[i] = true;
        }
        made[first] = Some(Run {
            x0: row
                .iter()
                .map(|&c| cells[c].left)
                .fold(f64::INFINITY, f64::min),
            x1: row
                .iter()
                .map(|&c| cells[c].right)
                .fold(f64::NEG_INFINITY, f64::max),
            y: members
                .iter()
                .map(|&i| pieces[i].0.y)
                .fold(f64::NEG_INFINITY, f64::max),
            size: pieces[first].0.size,
            text,
            cuts: Vec::new(),
        });
    }
    // A run none of whose pieces went into a row stays whole.
    let mut cut = vec![false; runs.len()];
    for (i, (_, from)) in pieces.iter().enumerate() {
        cut[*from] |= gone[i];
    }
    let mut runs: Vec<Option<Run>> = runs.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(runs.len());
    for (i, (piece, from)) in pieces.into_iter().enumerate() {
        if let Some(row) = made[i].take() {
            out.push(row);
        } else if !cut[from] {
            out.extend(runs[from].take());
        } else if !gone[i] {
            out.push(piece);
        }
    }
    out
}

/// Whether the borders join two cells of a row, `a` left of `b`: they
/// share a border, or a border runs along the top or the bottom of the
/// cells between them (empty cells).
fn joined(a: &Cell, b: &Cell, horizontals: &[Horizontal]) -> bool {
    let (from, to) = (a.right + TOLERANCE, b.left - TOLERANCE);
    if to <= from + TOLERANCE {
        return true;
    }
    [a.top, a.bottom, b.top, b.bottom].iter().any(|&y| {
        let mut spans: Vec<(f64, f64)> = horizontals
            .iter()
            .filter(|h| (h.y - y).abs() <= TOLERANCE)
            .map(|h| (h.x0, h.x1))
            .collect();
        spans.sort_by(|p, q| p.0.total_cmp(&q.0));
        let mut reached = from;
        for (x0, x1) in spans {
            if x0 > reached + TOLERANCE {
                break;
            }
            reached = reached.max(x1);
        }
        reached >= to
    })
}

/// Whether a vertical border runs beside a run's glyphs.
fn beside(v: &Vertical, r: &Run) -> bool {
    let mid = r.y + 0.3 * r.size;
    v.y0 - TOLERANCE <= mid && mid <= v.y1 + TOLERANCE
}

/// The runs cut where a vertical border crosses them, at the first word
/// that starts right of it (a run crossed where no word starts stays
/// whole), each piece with the index of its run.
fn cut_at_borders(runs: &[Run], verticals: &[Vertical]) -> Vec<(Run, usize)> {
    let mut out = Vec::with_capacity(runs.len());
    for (from, r) in runs.iter().enumerate() {
        let mut r = r.clone();
        loop {
            let at = verticals
                .iter()
                .filter(|v| v.x > r.x0 + TOLERANCE && v.x < r.x1 - TOLERANCE && beside(v, &r))
                .map(|v| v.x)
                .fold(f64::INFINITY, f64::min);
            if !at.is_finite() {
                break;
            }
            let Some(k) = r.cuts.iter().position(|&(_, x)| x >= at - TOLERANCE) else {
                break;
            };
            let (byte, x) = r.cuts[k];
            let right = Run {
                x0: x,
                x1: r.x1,
                y: r.y,
                size: r.size,
                text: r.text[byte..].to_string(),
                cuts: r.cuts[k + 1..]
                    .iter()
                    .map(|&(b, x)| (b - byte, x))
                    .collect(),
            };
            r.text.truncate(byte);
            let kept = r.text.trim_end().len();
            r.text.truncate(kept);
            r.x1 = at.min(r.x1);
            r.cuts.truncate(k);
            let done = std::mem::replace(&mut r, right);
            if !done.text.is_empty() {
                out.push((done, from));
            }
        }
        if !r.text.is_empty() {
            out.push((r, from));
        }
    }
    out
}

/// The cell a run lies in: the nearest borders left, right, above and
/// below it; `None` when one side is open.
fn cell_of(r: &Run, verticals: &[Vertical], horizontals: &[Horizontal]) -> Option<Cell> {
    let left = verticals
        .iter()
        .filter(|v| v.x <= r.x0 + TOLERANCE && beside(v, r))
        .map(|v| v.x)
        .fold(f64::NEG_INFINITY, f64::max);
    // The first border right of where the run starts: the run's end may
    // lie past it by a space or a stop (a border that a word starts after
    // has cut it already).
    let right = verticals
        .iter()
        .filter(|v| v.x > r.x0 + TOLERANCE && beside(v, r))
        .map(|v| v.x)
        .fold(f64::INFINITY, f64::min);
    if !(left.is_finite() && right.is_finite()) {
        return None;
    }
    let mid = r.y + 0.3 * r.size;
    let x = (r.x0 + r.x1) / 2.0;
    let across = |h: &&Horizontal| h.x0 - TOLERANCE <= x && x <= h.x1 + TOLERANCE;
    let top = horizontals
        .iter()
        .filter(across)
        .filter(|h| h.y > mid)
        .map(|h| h.y)
        .fold(f64::INFINITY, f64::min);
    let bottom = horizontals
        .iter()
        .filter(across)
        .filter(|h| h.y < mid)
        .map(|h| h.y)
        .fold(f64::NEG_INFINITY, f64::max);
    (top.is_finite() && bottom.is_finite()).then_some(Cell {
        left,
        right,
        bottom,
        top,
    })
}

/// A cell's text: its lines top to bottom, each left to right, joined by
/// spaces.
fn cell_text(pieces: &[(Run, usize)], members: &[usize]) -> String {
    let runs: Vec<&Run> = members.iter().map(|&i| &pieces[i].0).collect();
    let mut order: Vec<usize> = (0..runs.len()).collect();
    order.sort_by(|&a, &b| runs[b].y.total_cmp(&runs[a].y));
    let mut lines: Vec<Vec<usize>> = Vec::new();
    for i in order {
        let r = &runs[i];
        match lines.last_mut() {
            Some(line) if (runs[line[0]].y - r.y).abs() <= 0.5 * r.size => line.push(i),
            _ => lines.push(vec![i]),
        }
    }
    let mut text = String::new();
    for mut line in lines {
        line.sort_by(|&a, &b| runs[a].x0.total_cmp(&runs[b].x0));
        for i in line {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(runs[i].text.trim());
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A run of pieces of text, each from its x (5 units a char), its
    /// words starting where the text has spaces and at each piece.
    fn pieces(y: f64, pieces: &[(f64, &str)]) -> Run {
        let mut text = String::new();
        let mut cuts = Vec::new();
        let mut x1 = 0.0;
        for &(x0, piece) in pieces {
            if !text.is_empty() {
                text.push(' ');
                cuts.push((text.len(), x0));
            }
            let mut x = x0;
            for c in piece.chars() {
                x += 5.0;
                text.push(c);
                if c == ' ' {
                    cuts.push((text.len(), x));
                }
            }
            x1 = x;
        }
        Run {
            x0: pieces[0].0,
            x1,
            y,
            size: 10.0,
            text,
            cuts,
        }
    }

    fn run(x0: f64, y: f64, text: &str) -> Run {
        pieces(y, &[(x0, text)])
    }

    fn line(x0: f64, y0: f64, x1: f64, y1: f64) -> Rule {
        Rule { x0, y0, x1, y1 }
    }

    /// Borders of a grid: columns between the `xs`, rows between the `ys`
    /// (top to bottom), each cell's border drawn on its own as Word does.
    fn grid(xs: &[f64], ys: &[f64]) -> Vec<Rule> {
        let mut rules = Vec::new();
        for w in ys.windows(2) {
            for &x in xs {
                rules.push(line(x - 0.25, w[1], x + 0.25, w[0]));
            }
        }
        for &y in ys {
            for w in xs.windows(2) {
                rules.push(line(w[0], y - 0.25, w[1], y + 0.25));
            }
        }
        rules
    }

    #[test]
    fn cells_read_one_after_the_other() {
        // Two rows of two cells; the first row's lines drawn across the
        // page, and its first line one run over both cells.
        let rules = grid(&[50.0, 200.0, 400.0], &[700.0, 650.0, 620.0]);
        let runs = vec![
            pieces(
                688.0,
                &[(55.0, "Bộ Văn hóa, Thể thao"), (205.0, "Bộ Tài chính, các")],
            ),
            run(55.0, 676.0, "và Du lịch"),
            run(205.0, 676.0, "bộ, cơ quan, địa"),
            run(205.0, 664.0, "phương."),
            run(55.0, 635.0, "Bộ Ngoại giao"),
            run(205.0, 635.0, "Các bộ."),
        ];
        let out = read_rows(runs, &rules);
        let texts: Vec<&str> = out.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Bộ Văn hóa, Thể thao và Du lịch\tBộ Tài chính, các bộ, cơ quan, địa phương.",
                "Bộ Ngoại giao\tCác bộ."
            ]
        );
    }

    #[test]
    fn text_outside_the_table_and_boxes_stay() {
        // A paragraph above the table, a box of one cell below it.
        let mut rules = grid(&[50.0, 200.0, 400.0], &[700.0, 650.0]);
        rules.extend([
            line(50.0, 500.0, 50.5, 560.0),
            line(400.0, 500.0, 400.5, 560.0),
            line(50.0, 500.0, 400.0, 500.5),
            line(50.0, 560.0, 400.0, 560.5),
        ]);
        let runs = vec![
            run(50.0, 750.0, "Đoạn văn trên bảng."),
            run(55.0, 680.0, "Ô một"),
            run(205.0, 680.0, "Ô hai"),
            run(55.0, 540.0, "Dòng một trong khung"),
            run(55.0, 525.0, "dòng hai trong khung."),
        ];
        let out = read_rows(runs, &rules);
        let texts: Vec<&str> = out.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Đoạn văn trên bảng.",
                "Ô một\tÔ hai",
                "Dòng một trong khung",
                "dòng hai trong khung."
            ]
        );
    }

    #[test]
    fn boxes_around_words_in_a_line_make_no_row() {
        // Inline code set in boxes, as Typst draws it: the runs stay
        // whole, the boxes' edges notwithstanding.
        let boxed = |x0: f64, x1: f64| {
            vec![
                line(x0, 695.0, x0 + 0.5, 712.0),
                line(x1, 695.0, x1 + 0.5, 712.0),
                line(x0, 695.0, x1, 695.5),
                line(x0, 712.0, x1, 712.5),
            ]
        };
        let mut rules = boxed(148.0, 197.0);
        rules.extend(boxed(213.0, 242.0));
        let runs = vec![
            pieces(
                700.0,
                &[
                    (60.0, "các trường"),
                    (150.0, "b5_cipher"),
                    (200.0, "và"),
                    (215.0, "b5_iv"),
                ],
            ),
            run(60.0, 685.0, "dòng sau."),
        ];
        assert_eq!(read_rows(runs.clone(), &rules), runs);
    }

    #[test]
    fn the_rest_of_a_row_cut_by_the_page_is_one_paragraph() {
        // On top of the page, the last lines of a cell of the row the
        // page before ended on, then the table's next row.
        let rules = grid(&[50.0, 200.0, 400.0], &[760.0, 700.0, 650.0]);
        let runs = vec![
            run(205.0, 745.0, "dữ liệu và cân bằng lớp;"),
            run(205.0, 730.0, "phát triển phần mềm."),
            run(55.0, 680.0, "Lưu Đức Linh"),
            run(205.0, 680.0, "Thiết kế mô hình."),
        ];
        let texts: Vec<String> = read_rows(runs, &rules)
            .into_iter()
            .map(|r| r.text)
            .collect();
        assert_eq!(
            texts,
            [
                "dữ liệu và cân bằng lớp; phát triển phần mềm.\t",
                "Lưu Đức Linh\tThiết kế mô hình."
            ]
        );
    }

    #[test]
    fn without_borders_nothing_changes() {
        // A letterhead in two columns with a rule under each side's name.
        let rules = [
            line(80.0, 760.0, 180.0, 760.5),
            line(330.0, 760.0, 480.0, 760.5),
        ];
        let runs = vec![
            run(60.0, 780.0, "BỘ TÀI CHÍNH"),
            run(300.0, 780.0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            run(320.0, 765.0, "Độc lập - Tự do - Hạnh phúc"),
        ];
        assert_eq!(read_rows(runs.clone(), &rules), runs);
    }
}
