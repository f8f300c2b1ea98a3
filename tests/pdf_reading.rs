//! The pdf reader on pages written by the tests as office software and
//! gazettes write them (issue 14): 1.5 line spacing, running headers and
//! page numbers, a text layer of headers only, a broken cross-reference
//! table, legacy fonts (TCVN3, VNI, the `VnN…` fonts), widths given as
//! ranges, ruled tables, text on a turned baseline.

mod fixtures;

use std::path::Path;

use fixtures::{pdf_drawn, pdf_pages, pdf_pages_in, pdf_simple_font};
use tomtat::read::{self, ReadOptions};
use tomtat::ErrorKind;
use unicode_normalization::UnicodeNormalization;

/// One placed line: x, baseline y, text, font size.
type Placed = (f32, f32, String, f32);

fn read_pdf(bytes: &[u8]) -> Result<String, tomtat::Error> {
    read::read_bytes(
        bytes,
        read::Format::Pdf,
        Path::new("a.pdf"),
        &ReadOptions::default(),
    )
    .map(|raw| raw.text)
}

/// Lines set one under the other from `y`, `pitch` apart.
fn lines_at(y: f32, pitch: f32, size: f32, lines: &[&str]) -> Vec<Placed> {
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| (60.0, y - i as f32 * pitch, l.to_string(), size))
        .collect()
}

#[test]
fn one_and_a_half_spacing_keeps_a_paragraph_whole() {
    let size = 12.0;
    // 1.5 spacing as Word sets it: baselines 1.5 × 1.15 × the size apart.
    let pitch = size * 1.5 * 1.15;
    let mut page = lines_at(
        780.0,
        pitch,
        size,
        &[
            "Luận văn này nghiên cứu bài toán điều khiển",
            "phân tán cho hệ đa robot tránh va chạm trong",
            "môi trường kho hàng tự động và nhà máy thông",
            "minh.",
        ],
    );
    // The next paragraph, after a paragraph's spacing.
    let y = 780.0 - 3.0 * pitch - 2.0 * pitch;
    page.extend(lines_at(
        y,
        pitch,
        size,
        &[
            "Chương hai trình bày các phương pháp học tăng",
            "cường sâu được dùng trong luận văn.",
        ],
    ));
    let pdf = pdf_pages(&[&page], None);
    let text = read_pdf(&pdf).unwrap();
    let paras: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(
        paras,
        [
            "Luận văn này nghiên cứu bài toán điều khiển phân tán cho hệ đa robot tránh va \
             chạm trong môi trường kho hàng tự động và nhà máy thông minh.",
            "Chương hai trình bày các phương pháp học tăng cường sâu được dùng trong luận văn.",
        ],
        "{text}"
    );
}

/// Pages of a gazette: its running header on top, the page number at the
/// bottom, and `body(page)` in between.
fn gazette(pages: usize, body: impl Fn(usize) -> Vec<String>) -> Vec<Vec<Placed>> {
    (1..=pages)
        .map(|n| {
            let mut page = vec![(
                180.0,
                810.0,
                "CÔNG BÁO/Số 1183 + 1184/Ngày 24-12-2020".to_string(),
                11.0,
            )];
            let lines = body(n);
            let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
            page.extend(lines_at(770.0, 16.0, 12.0, &lines));
            page.push((290.0, 30.0, format!("{}", n + 4), 11.0));
            page
        })
        .collect()
}

#[test]
fn running_headers_and_page_numbers_are_left_out() {
    // Each page ends inside a sentence that the next page finishes.
    let who = [
        "người lao động",
        "doanh nghiệp",
        "cơ quan quản lý",
        "tổ chức",
    ];
    let what = [
        "bảo hiểm xã hội",
        "an toàn lao động",
        "tiền lương",
        "đào tạo nghề",
    ];
    let how = ["chính sách", "quy chế", "kế hoạch", "chương trình"];
    let pages = gazette(4, |n| {
        let mut lines = Vec::new();
        if n > 1 {
            lines.push(format!("nhà nước có liên quan đến {}.", who[n - 2]));
        }
        lines.push(format!(
            "Điều {n}. {} có quyền được hưởng các chế độ",
            who[n - 1]
        ));
        lines.push(format!("{} theo quy định hiện hành và được", what[n - 1]));
        lines.push(format!(
            "cung cấp thông tin về {}, pháp luật của",
            how[n - 1]
        ));
        if n == 4 {
            lines.push("nhà nước.".to_string());
        }
        lines
    });
    let pages: Vec<&[Placed]> = pages.iter().map(Vec::as_slice).collect();
    let pdf = pdf_pages(&pages, None);
    let text = read_pdf(&pdf).unwrap();
    assert!(!text.contains("CÔNG BÁO"), "{text}");
    assert!(
        !text.lines().any(|l| l.trim().parse::<u32>().is_ok()),
        "a page number is left: {text}"
    );
    // The sentence goes on over the page break.
    assert!(
        text.contains(
            "Điều 2. doanh nghiệp có quyền được hưởng các chế độ an toàn lao động theo quy \
             định hiện hành và được cung cấp thông tin về quy chế, pháp luật của nhà nước \
             có liên quan đến doanh nghiệp."
        ),
        "{text}"
    );
}

#[test]
fn a_footer_numbered_in_roman_numerals_is_left_out() {
    // A thesis's front matter: each page's footer names the supervisor
    // and the student, and ends with the page number in roman numerals.
    let numbers = ["i", "ii", "iii", "iv", "v", "vi"];
    let body = [
        "Em xin chân thành cảm ơn thầy đã tận tình hướng dẫn",
        "Khóa luận trình bày một hệ thống hỏi đáp cho sinh viên",
        "Chương một giới thiệu bài toán và mục tiêu của đề tài",
        "Chương hai trình bày cơ sở lý thuyết của mô hình ngôn ngữ",
        "Chương ba mô tả dữ liệu và cách đánh giá hệ thống",
        "Chương bốn tổng kết các kết quả và hướng phát triển",
    ];
    let pages: Vec<Vec<Placed>> = numbers
        .iter()
        .zip(body)
        .map(|(n, line)| {
            let mut page = lines_at(770.0, 18.0, 12.0, &[line, "trong suốt thời gian qua."]);
            page.push((
                60.0,
                40.0,
                format!("GVHD: Trần Văn Bình    SVTH: Lê Thị Hoa    {n}"),
                11.0,
            ));
            page
        })
        .collect();
    let pages: Vec<&[Placed]> = pages.iter().map(Vec::as_slice).collect();
    let text = read_pdf(&pdf_pages(&pages, None)).unwrap();
    assert!(!text.contains("GVHD"), "{text}");
    assert!(text.contains("Chương ba mô tả dữ liệu"), "{text}");
    // A lone roman page number goes too; a last line of the text that
    // ends with a roman-looking word stays.
    let pages: Vec<Vec<Placed>> = numbers
        .iter()
        .zip(body)
        .map(|(n, line)| {
            let words: Vec<&str> = line.split_whitespace().take(4).collect();
            let last = format!("{} theo mục vi", words.join(" "));
            let mut page = lines_at(770.0, 18.0, 12.0, &[line, last.as_str()]);
            page.push((290.0, 40.0, n.to_string(), 11.0));
            page
        })
        .collect();
    let pages: Vec<&[Placed]> = pages.iter().map(Vec::as_slice).collect();
    let text = read_pdf(&pdf_pages(&pages, None)).unwrap();
    assert!(
        !text.lines().any(|l| numbers.contains(&l.trim())),
        "a page number is left: {text}"
    );
    assert_eq!(text.matches("theo mục vi").count(), 6, "{text}");
}

#[test]
fn a_title_cut_by_a_hyphen_on_a_cover_page_is_one_line() {
    // A cover page: the title's lines far apart, centred, the first
    // ending with a compound's hyphen.
    let page: Vec<Placed> = vec![
        (120.0, 700.0, "TĂNG CƯỜNG KHẢ NĂNG SINH".to_string(), 16.0),
        (110.0, 660.0, "CHỮ TRONG BÀI TOÁN ONE-".to_string(), 16.0),
        (150.0, 620.0, "SHOT BẰNG MÔ HÌNH MỚI".to_string(), 16.0),
        (160.0, 500.0, "KHÓA LUẬN TỐT NGHIỆP".to_string(), 14.0),
    ];
    let text = read_pdf(&pdf_pages(&[&page], None)).unwrap();
    assert!(
        text.contains("CHỮ TRONG BÀI TOÁN ONE-SHOT BẰNG MÔ HÌNH MỚI"),
        "{text}"
    );
}

#[test]
fn a_text_layer_of_page_headers_only_is_a_scan() {
    let pages = gazette(5, |n| {
        if n == 1 {
            vec!["BỘ QUỐC PHÒNG".to_string()]
        } else {
            Vec::new()
        }
    });
    let pages: Vec<&[Placed]> = pages.iter().map(Vec::as_slice).collect();
    let pdf = pdf_pages(&pages, None);
    let err = read_pdf(&pdf).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NoTextLayer, "{err}");
}

#[test]
fn a_broken_cross_reference_table_is_rebuilt() {
    let page = lines_at(
        780.0,
        16.0,
        12.0,
        &["Hội nghị tổng kết công tác năm của Bộ Tư lệnh Quân khu."],
    );
    let mut pdf = pdf_pages(&[&page], None);
    // Cut at the cross-reference table, as an interrupted download or a
    // careless edit leaves the file: no table, no trailer.
    let at = pdf
        .windows(5)
        .rposition(|w| w == b"xref\n" || w == b"xref\r")
        .expect("a classic xref table");
    pdf.truncate(at);
    pdf.extend_from_slice(b"%%EOF\n");
    assert!(
        lopdf::Document::load_mem(&pdf).is_err(),
        "not broken enough"
    );
    let text = read_pdf(&pdf).unwrap();
    assert!(
        text.contains("Hội nghị tổng kết công tác năm của Bộ Tư lệnh Quân khu."),
        "{text}"
    );
}

#[test]
fn a_legacy_font_is_decoded() {
    // TCVN3 (`.VnTime`): the font draws Vietnamese letters at the places
    // of Windows-1252 characters, which is what the pdf says they are.
    let tcvn3 = "Ch\u{AD}\u{AC}ng tr\u{D7}nh \u{AE}\u{B8}nh gi\u{B8} vi\u{D6}c h\u{E4}c \
                 t\u{CB}p c\u{F1}a sinh vi\u{AA}n n\u{A8}m nh\u{CA}t";
    let page = lines_at(780.0, 16.0, 12.0, &[tcvn3]);
    let pdf = pdf_pages_in(&[&page], None, "EMHCKA+.VnTime", false);
    let text = read_pdf(&pdf).unwrap();
    assert_eq!(
        text.trim(),
        "Chương trình đánh giá việc học tập của sinh viên năm nhất"
    );
}

#[test]
fn widths_given_as_ranges_keep_words_apart() {
    // Each word placed on its own, as WPS and Word place justified text,
    // the font's widths written as `first last width` ranges.
    let font = fixtures::font_bytes();
    let face = ttf_parser::Face::parse(&font, 0).unwrap();
    let size = 12.0f32;
    let width = |s: &str| fixtures::text_width(&face, s, size);
    let sentence = "Mô hình học sâu được huấn luyện trên tập dữ liệu ảnh động vật.";
    let mut x = 60.0;
    let mut page = Vec::new();
    for word in sentence.split(' ') {
        page.push((x, 700.0, word.to_string(), size));
        x += width(word) + 0.3 * size;
    }
    let pdf = pdf_pages_in(&[&page], None, "AUWCNV+TimesNewRomanPSMT", true);
    assert_eq!(read_pdf(&pdf).unwrap().trim(), sentence);
}

/// Reads `lines` set in a simple legacy font named `font`.
/// (NFC, as the pipeline normalizes it).
fn read_simple(lines: &[&str], font: &str, title: Option<&[u8]>) -> String {
    use unicode_normalization::UnicodeNormalization;
    read_pdf(&pdf_simple_font(lines, font, title))
        .unwrap()
        .nfc()
        .collect()
}

#[test]
fn a_vnn_font_is_decoded_by_its_name() {
    // The `VnN…` fonts: a vowel then its tone mark, one row of marks for
    // plain vowels, one for a circumflex, one for a breve; `ê` draws `â`,
    // `ï` `ê`, `ö` `ô`, `ù` `ă`, `ú` `ơ`, `û` `ư`, `à` `đ`, `ñ` `í`...
    let text = read_simple(
        &[
            "HÖÅI NGHÕ TÖÍNG KÏËT",
            "Chuáng töi muöën àoåc àûúåc taâi liïåu cuä.",
            "Nghiïn cûáu kô thuêåt bùçng maáy tñnh.",
        ],
        "IMEIGN+VnNCentury2Normal",
        None,
    );
    for want in [
        "HỘI NGHỊ TỔNG KẾT",
        "Chúng tôi muốn đọc được tài liệu cũ.",
        "Nghiên cứu kĩ thuật bằng máy tính.",
    ] {
        assert!(text.contains(want), "{want:?} not in {text:?}");
    }
}

#[test]
fn tcvn3_fonts_named_without_the_dot_are_decoded() {
    // Distiller drops the dot of `.VnTime` and writes the style into the
    // name; a name whose family ends in `H` draws capitals.
    let line = "Ch\u{AD}\u{AC}ng tr\u{D7}nh \u{AE}\u{B8}nh gi\u{B8} v\u{A8}n b\u{B6}n.";
    let text = read_simple(&[line; 2], "EMHIKH+VnTimeItalic", None);
    assert_eq!(
        text.trim(),
        "Chương trình đánh giá văn bản.\nChương trình đánh giá văn bản."
    );
    let text = read_simple(&[line; 2], "EMHLPM+VnTimeHBoldItalic", None);
    assert_eq!(
        text.trim(),
        "CHƯƠNG TRÌNH ĐÁNH GIÁ VĂN BẢN.\nCHƯƠNG TRÌNH ĐÁNH GIÁ VĂN BẢN."
    );
}

#[test]
fn the_title_of_a_legacy_pdf_is_decoded_and_a_file_name_is_no_title() {
    let body = "Ch\u{AD}\u{AC}ng tr\u{D7}nh \u{AE}\u{B8}nh gi\u{B8} v\u{A8}n b\u{B6}n.";
    // The writer stored the title in the fonts' encoding.
    let text = read_simple(&[body; 2], "ABCDEF+.VnTime", Some(b"M\xF4c l\xF4c"));
    assert!(text.starts_with("Mục lục"), "{text:?}");
    // A print driver's title is the file's name.
    let page = lines_at(780.0, 16.0, 12.0, &["Báo cáo tổng kết công tác năm."; 2]);
    let pdf = pdf_pages(&[&page], Some("Microsoft Word - bao cao tong ket.doc"));
    let text = read_pdf(&pdf).unwrap();
    assert!(!text.contains("Microsoft Word"), "{text:?}");
}

#[test]
fn a_ruled_table_reads_cell_by_cell() {
    // A resolution's table of tasks: each cell's lines set close to the
    // next cell's, borders 0.5 pt wide, as Word prints it.
    let rows: [[&[&str]; 3]; 3] = [
        [&["TT"], &["Cơ quan chủ trì"], &["Cơ quan phối hợp"]],
        [
            &["1"],
            &["Bộ Văn hóa, Thể thao", "và Du lịch"],
            &[
                "Bộ Tài chính, các bộ,",
                "cơ quan, địa phương và",
                "các đơn vị có liên quan.",
            ],
        ],
        [
            &["2"],
            &["Bộ Ngoại giao"],
            &["Các bộ, cơ quan, địa", "phương liên quan."],
        ],
    ];
    let (size, pitch, pad) = (12.0f32, 14.0f32, 4.0f32);
    let font = fixtures::font_bytes();
    let face = ttf_parser::Face::parse(&font, 0).unwrap();
    // Column borders: each column as wide as its longest line.
    let mut xs = vec![60.0f32];
    for col in 0..3 {
        let widest = rows
            .iter()
            .flat_map(|r| r[col].iter())
            .map(|l| fixtures::text_width(&face, l, size))
            .fold(0.0, f32::max);
        xs.push(xs[col] + widest + 2.0 * pad);
    }
    // Row borders, top to bottom.
    let mut ys = vec![740.0f32];
    for r in &rows {
        let lines = r.iter().map(|c| c.len()).max().unwrap() as f32;
        ys.push(ys.last().unwrap() - lines * pitch - 6.0);
    }
    let intro = "Các nhiệm vụ cụ thể được giao như sau:";
    let after = "Điều 2. Nghị quyết này có hiệu lực từ ngày ký.";
    let ruled = |across: bool, stroked: bool| -> Vec<u8> {
        let mut placed = vec![(60.0, 770.0, intro.to_string(), size)];
        for (k, r) in rows.iter().enumerate() {
            let top = ys[k] - 13.0;
            let at = |col: usize, line: usize| {
                (
                    xs[col] + pad,
                    top - line as f32 * pitch,
                    r[col][line].to_string(),
                    size,
                )
            };
            if across {
                // Line by line across the row (Acrobat's PDFMaker).
                for line in 0..3 {
                    for (col, cell) in r.iter().enumerate() {
                        if line < cell.len() {
                            placed.push(at(col, line));
                        }
                    }
                }
            } else {
                for (col, cell) in r.iter().enumerate() {
                    for line in 0..cell.len() {
                        placed.push(at(col, line));
                    }
                }
            }
        }
        placed.push((60.0, ys[3] - 30.0, after.to_string(), size));
        let mut drawing = String::new();
        let (left, right) = (xs[0], xs[3]);
        let (top, bottom) = (ys[0], ys[3]);
        for &x in &xs {
            drawing.push_str(&if stroked {
                format!("{x} {bottom} m {x} {top} l S\n")
            } else {
                format!("{} {bottom} 0.5 {} re f\n", x - 0.25, top - bottom)
            });
        }
        for &y in &ys {
            drawing.push_str(&if stroked {
                format!("{left} {y} m {right} {y} l S\n")
            } else {
                format!("{left} {} {} 0.5 re f\n", y - 0.25, right - left)
            });
        }
        pdf_drawn(&placed, &drawing)
    };
    let want = [
        intro,
        "TT\tCơ quan chủ trì\tCơ quan phối hợp",
        "1\tBộ Văn hóa, Thể thao và Du lịch\tBộ Tài chính, các bộ, cơ quan, địa phương và \
         các đơn vị có liên quan.",
        "2\tBộ Ngoại giao\tCác bộ, cơ quan, địa phương liên quan.",
        after,
    ];
    for (across, stroked) in [(true, false), (false, true)] {
        let text = read_pdf(&ruled(across, stroked)).unwrap();
        let paras: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(paras, want, "across {across}, stroked {stroked}:\n{text}");
    }
}

#[test]
fn the_symbol_fonts_greek_letters_are_kept() {
    // Word maps the Symbol font's codes to private-use code points:
    // `α` is U+F061, `β` U+F062.
    let sentence = "Hệ số giãn nở α của thanh thép lấy bằng 0,5 và hệ số an toàn β bằng 2.";
    let page = lines_at(780.0, 16.0, 12.0, &[sentence]);
    let mut pdf = pdf_pages_in(&[&page], None, "ABCDEF+SymbolMT", false);
    for (from, to) in [(b"> <03B1>", b"> <F061>"), (b"> <03B2>", b"> <F062>")] {
        let at = pdf
            .windows(from.len())
            .position(|w| w == from)
            .expect("the letter in the ToUnicode map");
        pdf[at..at + to.len()].copy_from_slice(to);
    }
    assert_eq!(read_pdf(&pdf).unwrap().trim(), sentence);
}

#[test]
fn text_set_on_a_turned_baseline_reads_as_words() {
    // A results table whose row label is turned a quarter (read from the
    // bottom up), and a note up the left margin, as theses print them.
    let size = 11.0f32;
    let intro = "Bảng 4.1 cho kết quả trên tập Seen Font, Unseen Character của bộ kiểm tra.";
    let rows = ["0.1939 0.3890 0.2911", "0.1083 0.6406 0.2019"];
    let after = "Mô hình đạt kết quả tốt nhất trên cả hai kịch bản.";
    let placed = vec![
        (80.0, 760.0, intro.to_string(), size),
        (120.0, 720.0, rows[0].to_string(), size),
        (120.0, 706.0, rows[1].to_string(), size),
        (80.0, 670.0, after.to_string(), size),
    ];
    let font = fixtures::font_bytes();
    let face = ttf_parser::Face::parse(&font, 0).unwrap();
    let hex = |s: &str| -> String {
        s.chars()
            .map(|c| format!("{:04X}", face.glyph_index(c).unwrap().0))
            .collect()
    };
    // Turned a quarter anticlockwise: the baseline goes up the page.
    let drawing = format!(
        "BT\n/F1 {size} Tf\n0 1 -1 0 100 704 Tm\n<{}> Tj\n/F1 8 Tf\n0 1 -1 0 30 300 Tm\n<{}> Tj\nET",
        hex("SFUC"),
        hex("Mô hình tốt nhất"),
    );
    let text = read_pdf(&pdf_drawn(&placed, &drawing)).unwrap();
    let paras: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    assert!(paras.contains(&"SFUC"), "{text}");
    assert!(paras.contains(&"Mô hình tốt nhất"), "{text}");
    assert!(paras.contains(&after), "{text}");
}

/// A line set from pieces one after the other from `x`: (text, font
/// size, rise above the baseline `y`), as TeX and Word set scripts.
fn pieces(x: f32, y: f32, parts: &[(&str, f32, f32)]) -> Vec<Placed> {
    let font = fixtures::font_bytes();
    let face = ttf_parser::Face::parse(&font, 0).unwrap();
    let mut x = x;
    parts
        .iter()
        .map(|&(text, size, rise)| {
            let placed = (x, y + rise, text.to_string(), size);
            x += fixtures::text_width(&face, text, size);
            placed
        })
        .collect()
}

#[test]
fn subscripts_and_superscripts_stay_apart_from_their_base() {
    // Scripts at 70% of the text's size, lowered 0.15 em or raised a
    // third, as XeLaTeX and Word set them.
    let (size, small, sub, sup) = (12.0, 8.4, -1.8, 4.0);
    let mut page = pieces(
        60.0,
        760.0,
        &[
            ("Giá trị trạng thái s", size, 0.0),
            ("t", small, sub),
            (" được ước lượng bằng r", size, 0.0),
            ("t", small, sub),
            (" + γV(s", size, 0.0),
            ("t+1", small, sub),
            (").", size, 0.0),
        ],
    );
    page.extend(pieces(
        60.0,
        730.0,
        &[
            ("Diện tích sàn 54.000 m", size, 0.0),
            ("2", small, sup),
            (", theo số liệu thống kê", size, 0.0),
            ("1", small, sup),
            (" của tỉnh.", size, 0.0),
        ],
    ));
    // Text merely smaller on the baseline, and a tone mark drawn as a
    // glyph of its own, small and raised, are no scripts.
    page.extend(pieces(
        60.0,
        700.0,
        &[
            ("Ghi chú ", size, 0.0),
            ("(chữ nhỏ hơn)", 8.0, 0.0),
            (" vẫn cùng dòng, và tiê", size, 0.0),
            ("\u{301}", small, 3.0),
            ("t.", size, 0.0),
        ],
    ));
    let text: String = read_pdf(&pdf_pages(&[&page], None))
        .unwrap()
        .nfc()
        .collect();
    for want in [
        "Giá trị trạng thái s_t được ước lượng bằng r_t + γV(s_{t+1}).",
        "Diện tích sàn 54.000 m^2, theo số liệu thống kê^1 của tỉnh.",
        "Ghi chú (chữ nhỏ hơn) vẫn cùng dòng, và tiết.",
    ] {
        assert!(text.contains(want), "{want}\n{text}");
    }
}
