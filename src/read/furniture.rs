//! Page furniture that a line's own words give away, whatever the format:
//! signing stamps and download stamps.
//!
//! A digitally signed official document carries the signature's stamp as
//! text: `Ký bởi: …` (or `Người ký: …`), `Email: …`, `Cơ quan: …`,
//! `Thời gian ký: …` (or `Ngày ký: …`), one field a line; sites that sell
//! downloads stamp every page with `Downloaded by … (mail)` and an id like
//! `lOMoARcPSD|123456`; legal databases sign each document `Copyright
//! ©2010, …`; crawlers put the page's address slug
//! (`Nghi-dinh-65-2022-ND-CP.`) before paragraphs. Read as text, they glue
//! themselves into sentences and become keywords. The pdf reader also finds running headers and
//! footers by where they sit and how they repeat (see `pdf.rs`); this
//! module knows only what a line says, so the plain-text, doc and pdf
//! readers can share it.

/// Which of `lines` are stamp lines (see the module docs).
///
/// A signing field (`Email:`, `Cơ quan:`) counts only beside a line that
/// names the signing (`Ký bởi:`, `Người ký:`, `Thời gian ký:`, `Ngày ký:`),
/// so a form's own `Email:` field stays.
pub fn stamp_lines<S: AsRef<str>>(lines: &[S]) -> Vec<bool> {
    let kinds: Vec<Field> = lines.iter().map(|l| field(l.as_ref().trim())).collect();
    let mut out: Vec<bool> = kinds
        .iter()
        .map(|k| matches!(k, Field::Signing | Field::Download))
        .collect();
    // Signing fields next to a signing line (blank lines between do not
    // count as a gap), spreading through a run of fields.
    let mut changed = true;
    while changed {
        changed = false;
        for i in 0..lines.len() {
            if out[i] || kinds[i] != Field::Side {
                continue;
            }
            let filled = |j: &usize| !lines[*j].as_ref().trim().is_empty();
            let before = (0..i).rev().find(filled).is_some_and(|j| out[j]);
            let after = (i + 1..lines.len()).find(filled).is_some_and(|j| out[j]);
            if before || after {
                out[i] = true;
                changed = true;
            }
        }
    }
    out
}

/// `text` without the address slug a crawler put before its paragraphs
/// (`Nghi-dinh-65-2022-ND-CP. Điều 1. …`): a first word made of ASCII
/// letters and digits joined by four or more hyphens, numbers among them,
/// that opens two lines or more.
pub fn strip_slugs(text: String) -> String {
    fn slug(line: &str) -> Option<&str> {
        let word = line.split_whitespace().next()?;
        let bare = word.strip_suffix('.').unwrap_or(word);
        let parts: Vec<&str> = bare.split('-').collect();
        let ok = parts.len() >= 5
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()))
            && parts.iter().any(|p| p.bytes().all(|b| b.is_ascii_digit()))
            && parts
                .iter()
                .any(|p| p.bytes().any(|b| b.is_ascii_alphabetic()));
        ok.then_some(word)
    }
    let mut seen = crate::hash::FxHashMap::<&str, usize>::default();
    for line in text.lines() {
        if let Some(w) = slug(line.trim_start()) {
            *seen.entry(w).or_default() += 1;
        }
    }
    if seen.values().all(|&n| n < 2) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let body = line.trim_start();
        match slug(body).filter(|w| seen.get(w).is_some_and(|&n| n >= 2)) {
            Some(w) => {
                let rest = body[w.len()..].trim_start_matches([' ', '\t']);
                if !rest.trim().is_empty() {
                    out.push_str(rest);
                }
            }
            None => out.push_str(line),
        }
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    /// A line that says who signed or when.
    Signing,
    /// A field that only a signing stamp's neighbours make part of it.
    Side,
    /// A download stamp.
    Download,
    Other,
}

fn field(line: &str) -> Field {
    if line.len() > 200 {
        return Field::Other;
    }
    let lower = line.to_lowercase();
    let label = |l: &str| {
        lower
            .strip_prefix(l)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    };
    if label("ký bởi") || label("người ký") || label("thời gian ký") || label("ngày ký")
    {
        return Field::Signing;
    }
    if label("email") || label("e-mail") || label("cơ quan") || label("chức vụ") {
        return Field::Side;
    }
    if lower.starts_with("downloaded by ") {
        return Field::Download;
    }
    // `Copyright ©2010, LawSoft Corp.`, `© 2024 Báo X`, `Bản quyền thuộc
    // về …`: a copyright notice alone on its line.
    if (lower.starts_with("copyright")
        || lower.starts_with('©')
        || lower.starts_with("(c) ")
        || lower.starts_with("bản quyền"))
        && line.split_whitespace().count() <= 15
    {
        return Field::Download;
    }
    // `lOMoARcPSD|1234567`: an id then `|` then digits, alone on its line.
    if let Some((id, num)) = line.split_once('|') {
        let num = num.trim();
        if !id.is_empty()
            && id.len() <= 16
            && !id.contains(' ')
            && id.chars().all(|c| c.is_ascii_alphanumeric())
            && num.len() >= 5
            && num.bytes().all(|b| b.is_ascii_digit())
        {
            return Field::Download;
        }
    }
    Field::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signing_stamps_and_their_fields() {
        let lines = [
            "Ký bởi: Cổng Thông tin điện tử Chính phủ",
            "Email: thongtinchinhphu@chinhphu.vn",
            "Cơ quan: Văn phòng Chính phủ",
            "Thời gian ký: 23.12.2020 10:45:09 +07:00",
            "",
            "QUỐC HỘI",
            "Email: lienhe@example.vn",
        ];
        assert_eq!(
            stamp_lines(&lines),
            [true, true, true, true, false, false, false]
        );
        // A form's fields alone are not a stamp.
        assert_eq!(
            stamp_lines(&["Họ tên: Nguyễn Văn A", "Email: a@b.vn", "Cơ quan: Sở X"]),
            [false, false, false]
        );
    }

    #[test]
    fn download_stamps() {
        let lines = [
            "Downloaded by Nguyen Van A (a@gmail.com)",
            "lOMoARcPSD|12345678",
            "Một câu | có gạch đứng 2024",
            "Copyright ©2010, Công ty Luật X.",
            "Bản quyền tác giả được bảo hộ theo quy định tại Điều 14 của luật này, gồm các tác phẩm văn học, nghệ thuật và khoa học sau đây.",
        ];
        assert_eq!(stamp_lines(&lines), [true, true, false, true, false]);
    }

    #[test]
    fn crawler_slugs() {
        let text = "Thong-tu-12-2024-TT-BTC. BỘ TÀI CHÍNH\nCăn cứ Luật số 12-2024-QH-15 …\n\
                    Thong-tu-12-2024-TT-BTC. Điều 1. Phạm vi\nThong-tu-12-2024-TT-BTC.\nHết.\n";
        assert_eq!(
            strip_slugs(text.to_string()),
            "BỘ TÀI CHÍNH\nCăn cứ Luật số 12-2024-QH-15 …\nĐiều 1. Phạm vi\nHết.\n"
        );
        // Once is not a crawler's habit.
        let once = "Mau-so-01-2024-TT. Tờ khai\nHọ tên\n";
        assert_eq!(strip_slugs(once.to_string()), once);
    }
}
