//! Lines broken where a page ran out, joined back into paragraphs: the pdf
//! reader's lines, and plain text saved hard-wrapped (a pdf read by another
//! tool, a mail, a crawl).
//!
//! A line break is a wrap, and becomes a space, when the line does not
//! end a sentence and the next line starts in lower case or with a digit,
//! or when the line is nearly as long as the longest (a short line without
//! a stop is more likely a heading). A Latin word cut by a hyphen at the
//! line end is joined whole (`infor-` `mation`); a line that goes on with
//! a hyphen glued to its first word (`18` `-KL/TW`) is joined without a
//! space. Empty lines stay paragraph breaks, and a table's row (cells
//! apart by tabs) stays a line of its own.

use crate::lines::{bullet, formula_piece, is_formula, latin, list_item, numbered, section_number};

/// Joins the wrapped lines of `text` (see the module docs).
pub fn reflow(text: &str) -> String {
    join_lines(text, false)
}

/// [`reflow`] for lines read by OCR, where a speck at the end of a line is
/// often read as a full stop: such a stop does not end the paragraph when
/// the next line goes on in lower case and is no list item (`a)`, `b.`).
pub fn reflow_scanned(text: &str) -> String {
    join_lines(text, true)
}

fn join_lines(text: &str, specks: bool) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    // A table's row (cells apart by tabs) is no measure of the page's width.
    let longest = lines
        .iter()
        .filter(|l| !l.contains('\t'))
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::with_capacity(text.len());
    let mut prev_open = false;
    let mut prev_soft = false;
    let mut prev_formula = false;
    let mut prev_full = false;
    let mut prev_stop = false;
    // An empty line was left out since the last line.
    let mut gap = false;
    // The next line with text at or after the current one, found once
    // for a run of empty lines (a scan per empty line would be quadratic
    // in a file of blank lines).
    let mut ahead = 0;
    for (at, &line) in lines.iter().enumerate() {
        if line.is_empty() {
            // A word cut by a hyphen does not end a paragraph, however
            // wide the gap below it (a title's lines on a cover page).
            if prev_open && cut_by_hyphen(&out) {
                continue;
            }
            // Nor does a sentence that runs to the margin and goes on in
            // lower case past a page break or a wide gap, nor a display formula set in pieces
            // (its sub- and superscripts smaller, apart from its line).
            if ahead <= at {
                ahead = (at..lines.len())
                    .find(|&j| !lines[j].is_empty())
                    .unwrap_or(lines.len());
            }
            let next = lines.get(ahead);
            if next.is_some_and(|next| {
                (prev_formula && !numbered(&out) && (is_formula(next) || formula_piece(next)))
                    || ((prev_open || prev_soft)
                        && prev_full
                        && !prev_formula
                        && goes_on_lower(next))
            }) {
                gap = true;
                continue;
            }
            if !out.ends_with("\n\n") && !out.is_empty() {
                out.push('\n');
            }
            prev_open = false;
            prev_soft = false;
            prev_formula = false;
            prev_stop = false;
            continue;
        }
        let mut chars = line.chars();
        let first = chars.next();
        let second = chars.next();
        let starts_low = first.is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
        // `-KL/TW`, `-xã hội` : a hyphen glued to a word goes on a compound.
        let glued_hyphen = first == Some('-') && second.is_some_and(char::is_alphanumeric);
        let goes_on = specks && prev_stop && starts_low && !list_item(line);
        // A table's row (cells apart by tabs) is joined to no other line.
        let row = line.contains('\t');
        let cut = prev_open && cut_by_hyphen(&out);
        // A display formula is a paragraph of its own, its pieces joined.
        let formula = !row && (is_formula(line) || (prev_formula && formula_piece(line)));
        // A display ends at its number (`… (2.4)`), and a bullet or a list
        // item opens a new one.
        let display_goes_on = prev_formula
            && formula
            && !numbered(&out)
            && !bullet(line)
            && !list_item(line)
            && !line.starts_with(['-', '+']);
        let prose = !formula && !prev_formula;
        // A list's item (`5. Nhấp Close …`, `• Skip: …`), not a mark alone
        // (`Ctrl +` / `C.`), opens a line of its own.
        let item =
            bullet(line) || ((list_item(line) || section_number(line)) && line.contains(' '));
        let wraps = prev_open && (((starts_low || prev_full) && !item) || glued_hyphen || cut);
        // After `:` or `;` a line in lower case goes on with the sentence
        // (`… gồm:` / `cán bộ, công chức …;` / `triển khai …`): a new
        // paragraph or item opens with a capital or a mark.
        let after_soft = prev_soft && goes_on_lower(line);
        if !row
            && !out.is_empty()
            && (display_goes_on || (prose && (wraps || goes_on || after_soft)))
        {
            out.pop();
            if glued_hyphen || kept_hyphen(&out, line) {
                // Joined as written: `18-KL/TW`, `ROC-AUC`.
            } else if latin_hyphenated(&out) && first.is_some_and(|c| c.is_ascii_lowercase()) {
                out.pop();
            } else {
                out.push(' ');
            }
        } else if gap {
            // An empty line left out above, and the line not joined after
            // all: the paragraph ends here.
            out.push('\n');
        }
        gap = false;
        out.push_str(line);
        out.push('\n');
        let stop = line.ends_with(['.', '!', '?', '…']) || quote_after_stop(line);
        prev_soft = !row && line.ends_with([':', ';']);
        prev_open = !row && !stop && !prev_soft && !contents_entry(line);
        prev_formula = formula;
        prev_stop = line.ends_with('.');
        prev_full = line.chars().count() * 10 >= longest * 7;
    }
    out
}

/// Whether `line` ends with a closing quote right after a sentence's stop
/// (`… “hậu kiểm”.` ends with the stop; `… là “trọng tài”` goes on).
fn quote_after_stop(line: &str) -> bool {
    let mut back = line.chars().rev();
    back.next().is_some_and(|c| matches!(c, '"' | '”' | '»'))
        && back
            .next()
            .is_some_and(|c| matches!(c, '.' | '!' | '?' | '…'))
}

/// Whether `line` goes on the sentence of the line before: it opens with
/// a letter of Vietnamese or another Latin script in lower case (not a
/// Greek letter of a formula), and is no list item (`a)`, `đ.`) nor
/// bullet nor table row.
fn goes_on_lower(line: &str) -> bool {
    let first = line.chars().next();
    first.is_some_and(|c| c.is_lowercase() && latin(c))
        && !list_item(line)
        && !bullet(line)
        && !line.contains('\t')
        && !is_formula(line)
}

/// Whether `line` is an entry of a table of contents: dot leaders, then
/// a page number (`1.2 Mục tiêu . . . . . 12`, `Tóm tắt ........ iii`).
/// The next entry starts with a figure too, and is no wrap of it.
fn contents_entry(line: &str) -> bool {
    let Some((head, page)) = line.rsplit_once([' ', '.', '\u{2026}']) else {
        return false;
    };
    let number = !page.is_empty()
        && (page.bytes().all(|b| b.is_ascii_digit())
            || page.bytes().all(|b| b"ivxlcdm".contains(&b)));
    let leaders = head.trim_end().ends_with("...")
        || head.trim_end().ends_with(". . .")
        || head.trim_end().ends_with('\u{2026}');
    number && leaders
}

/// Whether `s` ends with a word and a hyphen that stays when `next` goes
/// on after it: the word is a compound already (`out-of-` before
/// `distribution`), or `next` starts with a capital or a figure (`ROC-`
/// before `AUC`, `Covid-` before `19`), which a word cut in two does not.
fn kept_hyphen(s: &str, next: &str) -> bool {
    let word = s.rsplit(char::is_whitespace).next().unwrap_or("");
    let Some(stem) = word.strip_suffix('-') else {
        return false;
    };
    let first = next.chars().next();
    stem.chars().last().is_some_and(char::is_alphanumeric)
        && first.is_some_and(char::is_alphanumeric)
        && (stem.contains('-') || !first.is_some_and(char::is_lowercase))
}

/// Whether the last line of `s` (its line break included) ends with a
/// word and one hyphen: `ONE-`, `infor-`, not `--` or `a -`.
fn cut_by_hyphen(s: &str) -> bool {
    let mut back = s.strip_suffix('\n').unwrap_or(s).chars().rev();
    back.next() == Some('-') && back.next().is_some_and(char::is_alphanumeric)
}

/// Whether `s` ends with a Latin word cut by a hyphen: two ASCII letters,
/// then `-`.
fn latin_hyphenated(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 3
        && b[b.len() - 1] == b'-'
        && b[b.len() - 2].is_ascii_lowercase()
        && b[b.len() - 3].is_ascii_alphabetic()
}

/// Plain text as the text reader returns it: without a crawler's slugs
/// ([`strip_slugs`](super::furniture::strip_slugs)); when the text is
/// hard-wrapped (most often a pdf's reading saved as text), its page
/// numbers, running headers and signing or download stamps dropped and
/// the wrapped lines joined; any other text as it is.
pub fn plain_text(text: String) -> String {
    let text = super::furniture::strip_slugs(text);
    let lines: Vec<&str> = text.lines().collect();
    if !hard_wrapped(&lines) {
        return text;
    }
    let stamps = super::furniture::stamp_lines(&lines);
    let running = running_lines(&lines);
    let mut kept = String::with_capacity(text.len());
    for ((line, stamp), run) in lines.iter().zip(stamps).zip(running) {
        if !stamp && !run {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    reflow(&kept)
}

/// Whether the lines were cut at a fixed width: many lines, most of them
/// near the longest, and many ending inside a sentence.
fn hard_wrapped(lines: &[&str]) -> bool {
    let filled: Vec<usize> = lines
        .iter()
        .map(|l| l.trim().chars().count())
        .filter(|&n| n > 0)
        .collect();
    if filled.len() < 20 {
        return false;
    }
    let mut sorted = filled.clone();
    sorted.sort_unstable();
    let width = sorted[sorted.len() * 9 / 10];
    if !(40..=200).contains(&width) {
        return false;
    }
    let near = filled.iter().filter(|&&n| n * 10 >= width * 8).count();
    let open = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| l.chars().count() * 10 >= width * 8)
        .filter(|l| !l.ends_with(['.', '!', '?', ':', ';', '…', '"', '”']))
        .count();
    near * 10 >= filled.len() * 4 && open * 2 >= near
}

/// Lines of a hard-wrapped text that are page furniture: a bare page
/// number, or a short line with figures whose shape (figures left out)
/// comes back three times or more (`CÔNG BÁO/Số 12/Ngày 3-1-2024`).
fn running_lines(lines: &[&str]) -> Vec<bool> {
    let shape = |l: &str| -> Option<String> {
        let l = l.trim();
        if l.chars().count() > 80 || !l.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        Some(
            l.chars()
                .filter(|c| !c.is_ascii_digit() && !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect(),
        )
    };
    let mut counts: std::collections::HashMap<String, usize> = Default::default();
    for l in lines {
        if let Some(s) = shape(l) {
            *counts.entry(s).or_default() += 1;
        }
    }
    lines
        .iter()
        .map(|l| match shape(l) {
            Some(s) if s.is_empty() || s == "-" || s == "--" => l.trim().len() <= 5,
            Some(s) => s.chars().count() >= 4 && counts[&s] >= 3,
            None => false,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_join() {
        let got = reflow("Tiêu đề\n\nSáng nay, trời\nmưa to. Đường\nngập.\nHai.\n");
        assert_eq!(got, "Tiêu đề\n\nSáng nay, trời mưa to. Đường ngập.\nHai.\n");
        let got = reflow("Mục một\nSáng nay ở Hà Nội, trời\nHà Nội mưa to.\n");
        assert_eq!(got, "Mục một\nSáng nay ở Hà Nội, trời Hà Nội mưa to.\n");
        // A Latin word cut at the line end; a compound cut before its hyphen.
        let got = reflow(
            "Hệ thống quản lý thông tin infor-\nmation và Kết luận số 18\n-KL/TW của Trung ương.\n",
        );
        assert_eq!(
            got,
            "Hệ thống quản lý thông tin information và Kết luận số 18-KL/TW của Trung ương.\n"
        );
        // A hyphen that is part of the words stays, and no space comes in.
        let got = reflow("Kết quả được đánh giá bằng đường cong ROC-\nAUC và các mẫu dị biệt (out-of-\ndistribution) khi dùng Covid-\n19 làm ví dụ.\n");
        assert_eq!(
            got,
            "Kết quả được đánh giá bằng đường cong ROC-AUC và các mẫu dị biệt (out-of-distribution) khi dùng Covid-19 làm ví dụ.\n"
        );
    }

    #[test]
    fn a_line_in_lower_case_goes_on_after_a_colon_or_a_semicolon() {
        // Written for this test: a list's head ending in `:`, its text
        // going on in lower case, a clause ending in `;` and going on.
        let text = "- Đối tượng làm công tác đối ngoại không thường xuyên:\n\
                    cán bộ, công chức của các cơ quan được giao nhiệm vụ hỗ trợ;\n\
                    triển khai hoạt động giao lưu, hợp tác quốc tế.\n\
                    2. Phạm vi\n";
        assert_eq!(
            reflow(text),
            "- Đối tượng làm công tác đối ngoại không thường xuyên: cán bộ, công chức của \
             các cơ quan được giao nhiệm vụ hỗ trợ; triển khai hoạt động giao lưu, hợp tác \
             quốc tế.\n2. Phạm vi\n"
        );
        // Items after a colon keep their lines: a mark, a capital, a bullet.
        let text = "Gồm các việc sau:\na) lập kế hoạch;\nb) báo cáo;\nMột việc khác:\n\
                    o Tìm hiểu lý thuyết\n• Viết báo cáo\n";
        assert_eq!(reflow(text), text);
        // A quoted word at the end of a line is no end of a sentence.
        let text = "Tập kiểm tra đóng vai trò là những “trọng tài”\nhoàn toàn độc lập.\n\
                    Họ nói: “Xong rồi.”\nĐoạn sau.\n";
        assert_eq!(
            reflow(text),
            "Tập kiểm tra đóng vai trò là những “trọng tài” hoàn toàn độc lập.\n\
             Họ nói: “Xong rồi.”\nĐoạn sau.\n"
        );
    }

    #[test]
    fn a_sentence_goes_on_past_a_gap_when_it_runs_to_the_margin() {
        // A page break in text saved hard-wrapped, its header left out.
        let text =
            "Người nào vi phạm thì tùy theo tính chất, mức độ mà bị xử phạt vi phạm hành\n\n\n\
                    chính hoặc bị truy cứu trách nhiệm hình sự.\n\nĐoạn mới.\n";
        assert_eq!(
            reflow(text),
            "Người nào vi phạm thì tùy theo tính chất, mức độ mà bị xử phạt vi phạm hành \
             chính hoặc bị truy cứu trách nhiệm hình sự.\n\nĐoạn mới.\n"
        );
        // A short line (a table's head) stays apart from the rows below.
        let text = "Bảng mã gõ tiếng Việt kiểu Telex cho các bài tập soạn thảo văn bản.\n\n\
                    Gõ Được chữ\n\naa â\n\naw ă\n";
        assert_eq!(reflow(text), text);
    }

    #[test]
    fn a_heading_and_its_first_item_stay_apart() {
        // Written for this test: an article's heading as long as the
        // page's lines, its clauses, a section of two levels, and a key
        // name cut from its key (`Ctrl +` / `C.`).
        let text = "Điều 2. Đối tượng áp dụng của Luật về người lao động đi làm việc ở nước ngoài\n\
                    1. Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng lao động.\n\
                    4. Các khái niệm liên quan đến việc tổ chức đánh giá kỹ năng nghề quốc gia\n\
                    4.1. Chứng chỉ kỹ năng nghề quốc gia và những điều kiện để được cấp chứng chỉ.\n\
                    Vậy là Word lại nhớ lưu dữ liệu khi nhấn tổ hợp phím Ctrl + Shift + Alt +\n\
                    C.\n";
        let got = reflow(text);
        assert_eq!(got.lines().count(), 5, "{got}");
        assert!(got.ends_with("Ctrl + Shift + Alt + C.\n"), "{got}");
    }

    #[test]
    fn a_display_formula_is_a_paragraph_of_its_own() {
        // Written for this test: a formula set in pieces (a sum's bounds
        // on lines of their own, apart by gaps), numbered, between
        // sentences; then a formula right after a sentence's colon.
        let text = "Ước lượng độ lợi được tính bằng GAE với hai tham số như sau,\n\n\
                    Ât =\n\nT\n\n∑\n\nl=0\n\n(γλ)lδt, δt = rt + γVϕ(st+1) − Vϕ(st) (2.3)\n\n\
                    trong đó λ là hệ số chiết khấu của độ lợi.\n\
                    Gradient Descent cập nhật tham số theo hướng ngược với gradient của hàm loss:\n\
                    θt+1 = θt − α∇θJ(θt) (2.4)\n\
                    trong đó α > 0 là learning rate (tốc độ học), và ∇θJ(θt) là gradient của loss.\n";
        let got = reflow(text);
        let paragraphs: Vec<&str> = got.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(
            paragraphs,
            [
                "Ước lượng độ lợi được tính bằng GAE với hai tham số như sau,",
                "Ât = T ∑ l=0 (γλ)lδt, δt = rt + γVϕ(st+1) − Vϕ(st) (2.3)",
                "trong đó λ là hệ số chiết khấu của độ lợi.",
                "Gradient Descent cập nhật tham số theo hướng ngược với gradient của hàm loss:",
                "θt+1 = θt − α∇θJ(θt) (2.4)",
                "trong đó α > 0 là learning rate (tốc độ học), và ∇θJ(θt) là gradient của loss.",
            ],
            "{got}"
        );
    }

    #[test]
    fn a_word_cut_by_a_hyphen_goes_on_past_a_wide_gap() {
        // A cover page's title, its lines far apart.
        let got = reflow("TRONG BÀI TOÁN ONE-\n\nSHOT BẰNG MÔ HÌNH\n\nKHÓA LUẬN\n");
        assert_eq!(got, "TRONG BÀI TOÁN ONE-SHOT BẰNG MÔ HÌNH\n\nKHÓA LUẬN\n");
        let got = reflow("hệ thống infor-\n\nmation mới\n");
        assert_eq!(got, "hệ thống information mới\n");
        // A dash apart from its word, or two, ends a line like any mark.
        let text = "Mục lục --\n\nPhần một -\n\nPhần hai\n";
        assert_eq!(reflow(text), text);
    }

    #[test]
    fn a_table_of_contents_keeps_an_entry_a_line() {
        let text = "1.1 Lý do chọn đề tài . . . . . . . . 1\n1.2 Mục tiêu nghiên cứu ....... 2\n\
                    Tóm tắt . . . . . iii\n2 TỔNG QUAN . . . 3\n";
        assert_eq!(reflow(text), text);
    }

    #[test]
    fn a_table_row_stays_a_line_of_its_own() {
        // A row long beside the page's lines, between a paragraph's last
        // line and the next page's first.
        let row = "1\tTốc độ tăng trưởng GDP bình quân/năm (%)\tPhấn đấu ≥ 10,0\t\
                   Bộ Tài chính đầu mối tham mưu điều hành kịch bản tăng trưởng\t\
                   Các đơn vị có liên quan.";
        let text = format!(
            "Dòng một của đoạn văn, dòng\nđầy đủ của đoạn văn và bảng sau\n{row}\nnăm 2030 (USD)\n"
        );
        let got = reflow(&text);
        assert_eq!(
            got,
            format!(
                "Dòng một của đoạn văn, dòng đầy đủ của đoạn văn và bảng sau\n{row}\n\
                 năm 2030 (USD)\n"
            )
        );
    }

    #[test]
    fn on_a_scan_a_stop_before_a_line_in_lower_case_does_not_end_the_paragraph() {
        // A speck read as a full stop at the end of a scanned line.
        let text = "Dự án giúp Mỹ tránh lặp.\nlại sai lầm năm ngoái.\nĐây là dự án.\n";
        let got = reflow_scanned(text);
        assert_eq!(
            got,
            "Dự án giúp Mỹ tránh lặp. lại sai lầm năm ngoái.\nĐây là dự án.\n"
        );
        // Text with a text layer keeps its stops.
        assert_eq!(reflow(text), text);
        let got = reflow_scanned("Sản lượng đạt gần.\n11.800 triệu kWh.\n");
        assert_eq!(got, "Sản lượng đạt gần. 11.800 triệu kWh.\n");
        // List items stay lines of their own.
        let text = "Gồm hai việc.\na) Lập kế hoạch.\nb. Báo cáo.\n2. Tổ chức.\n12) Khác.\n";
        assert_eq!(reflow_scanned(text), text);
    }

    #[test]
    fn hard_wrapped_text_loses_its_page_furniture() {
        let mut text = String::new();
        for page in 1..=4 {
            text.push_str(&format!("CÔNG BÁO/Số {page}/Ngày 2-1-2025\n"));
            for _ in 0..6 {
                text.push_str("người lao động được hưởng các chế độ bảo hiểm theo quy định\n");
            }
            text.push_str("của pháp luật.\n");
            text.push_str(&format!("{page}\n"));
        }
        let got = plain_text(text);
        assert!(!got.contains("CÔNG BÁO"), "{got}");
        assert_eq!(got.lines().count(), 4, "{got}");
        assert!(
            got.starts_with("người lao động được hưởng các chế độ bảo hiểm theo quy định người")
        );
        // Text that is not hard-wrapped stays as it is.
        let plain = "Một đoạn văn.\nĐoạn thứ hai.\n".to_string();
        assert_eq!(plain_text(plain.clone()), plain);
    }
}
