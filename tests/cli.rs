//! End-to-end tests of the `tomtat` binary: output shapes, flags, errors
//! among good files, encodings, `batch`, `segment`, broken pipes, and the
//! seed articles of `../shared/seeds/`.
//!
//! Summaries change as the stages improve, so these tests check contracts
//! (shapes, counts, offsets, what may never appear) rather than exact
//! sentences.

mod util;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{json, Value};
use unicode_normalization::UnicodeNormalization;

use util::{assert_same, char_slice, keywords_of, summary_of, Dir};

/// A news article with a title, dateline, names, organizations, figures, a
/// photo caption, a source link and a comment box (written for the tests).
const HOI_NGHI: &str = include_str!("data/hoi-nghi.txt");
/// A shorter article on another subject.
const LUA_GAO: &str = include_str!("data/lua-gao.txt");

/// An official letter (công văn): letterhead, subject, addressees, tasks,
/// distribution list and signature (written for the tests).
const CONG_VAN: &str = include_str!("data/cong-van.txt");

fn two_articles(name: &str) -> Dir {
    let dir = Dir::new(name);
    dir.create("hoi-nghi.txt", HOI_NGHI);
    dir.create("lua-gao.txt", LUA_GAO);
    dir
}

/// Checks the JSON shape of one summary object (file or batch).
fn check_summary_shape(v: &Value) {
    for s in summary_of(v) {
        assert!(s["text"].as_str().is_some_and(|t| !t.is_empty()), "{s}");
        assert!(s["doc"].is_u64(), "{s}");
        let (start, end) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
        assert!(start < end, "{s}");
        assert!(s["score"].as_f64().is_some_and(f64::is_finite), "{s}");
    }
    for k in v["keywords"].as_array().expect("keywords") {
        assert!(k["text"].as_str().is_some_and(|t| !t.is_empty()), "{k}");
        assert!(k["score"].as_f64().is_some_and(f64::is_finite), "{k}");
        assert!(k["count"].as_u64().is_some_and(|c| c >= 1), "{k}");
    }
}

// ---------------------------------------------------------------- output

#[test]
fn text_output_has_title_summary_and_keywords() {
    let dir = two_articles("text_output");
    let out = dir.command(&["hoi-nghi.txt", "lua-gao.txt"]).expect_code(0);
    let want_title =
        "Tiêu đề: Quân khu 7 và Ủy ban nhân dân tỉnh Bình Phước ký kết quy chế phối hợp";
    out.check(out.stdout.contains("== hoi-nghi.txt\n"), "file header");
    out.check(out.stdout.contains("== lua-gao.txt\n"), "file header");
    out.check(out.stdout.contains(want_title), "title line");
    out.check(out.stdout.matches("Tóm tắt:\n").count() == 2, "summaries");
    out.check(out.stdout.matches("\nTừ khóa: ").count() == 2, "keywords");
    out.check(
        out.stdout.find("== hoi-nghi.txt") < out.stdout.find("== lua-gao.txt"),
        "files in the order given",
    );
    out.check(out.stderr.is_empty(), "nothing on stderr");
}

#[test]
fn json_output_is_one_object_per_file() {
    let dir = two_articles("json_output");
    let out = dir
        .command(&["--json", "hoi-nghi.txt", "lua-gao.txt"])
        .expect_code(0);
    let lines = out.json_lines();
    out.check(lines.len() == 2, "two lines");
    assert_eq!(lines[0]["file"], "hoi-nghi.txt");
    assert_eq!(lines[1]["file"], "lua-gao.txt");
    assert_eq!(
        lines[1]["title"],
        "Nông dân Đồng Tháp trúng mùa lúa đông xuân nhờ giống mới"
    );
    for (v, raw) in lines.iter().zip([HOI_NGHI, LUA_GAO]) {
        check_summary_shape(v);
        out.check(!summary_of(v).is_empty(), "a summary");
        // These articles contain nothing normalize changes (no odd spaces,
        // no blank-line runs, no trailing spaces), so the display text is
        // the input and offsets can be checked against it.
        let display = raw.trim_end();
        assert_eq!(tomtat::normalize::normalize(raw), display);
        for s in summary_of(v) {
            let got = char_slice(
                display,
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(got, s["text"].as_str().unwrap(), "offsets of {s}");
        }
    }
}

#[test]
fn an_official_letter_is_read_without_its_letterhead() {
    let dir = Dir::new("official_letter");
    dir.create("cong-van.txt", CONG_VAN);
    let out = dir.command(&["--json", "cong-van.txt"]).expect_code(0);
    let v = &out.json_lines()[0];
    // The subject is the title, not the issuing body.
    assert_eq!(
        v["title"],
        "V/v triển khai các biện pháp ứng phó với mưa lũ"
    );
    // The state's name and motto are on every such letter: never keywords.
    let keywords = keywords_of(v);
    out.check(keywords.len() == 10, "ten keywords");
    for k in &keywords {
        let k = k.to_lowercase();
        for motto in [
            "cộng hòa",
            "chủ nghĩa",
            "độc lập",
            "tự do",
            "hạnh phúc",
            "ubnd-nl1",
        ] {
            out.check(
                !k.contains(motto),
                &format!("keyword {k:?} from the letterhead"),
            );
        }
    }
    out.check(
        keywords.iter().any(|k| k == "mưa lũ"),
        "the subject's words lead",
    );
    // Neither the addressees nor the distribution list nor the signature
    // are summarized.
    for s in summary_of(v) {
        let t = s["text"].as_str().unwrap();
        out.check(!t.starts_with('-'), &format!("a list line summarized: {t}"));
        for head in ["Kính gửi", "Nơi nhận", "CHỦ TỊCH", "Số:", "Hà Tĩnh, ngày"] {
            out.check(!t.contains(head), &format!("letterhead summarized: {t}"));
        }
    }
    out.check(
        summary_of(v)
            .iter()
            .any(|s| s["text"].as_str().unwrap().contains("mưa to")),
        "the forecast the letter acts on is summarized",
    );
}

#[test]
fn sentences_flag_sets_the_summary_length() {
    let dir = two_articles("sentences_flag");
    for n in [1, 2, 4] {
        let out = dir
            .command(&["--json", "--sentences", &n.to_string(), "hoi-nghi.txt"])
            .expect_code(0);
        let v = &out.json_lines()[0];
        out.check(summary_of(v).len() == n, "summary length = --sentences");
    }
    let out = dir.command(&["-s", "1", "hoi-nghi.txt"]).expect_code(0);
    out.check(out.stdout.matches("\n  - ").count() == 1, "one sentence");
}

#[test]
fn sentences_in_summary_are_in_reading_order() {
    let dir = two_articles("reading_order");
    let out = dir
        .command(&["--json", "-s", "5", "hoi-nghi.txt"])
        .expect_code(0);
    let v = &out.json_lines()[0];
    let starts: Vec<u64> = summary_of(v)
        .iter()
        .map(|s| s["start"].as_u64().unwrap())
        .collect();
    out.check(starts.windows(2).all(|w| w[0] < w[1]), "reading order");
}

#[test]
fn ratio_flag_scales_the_summary() {
    let dir = two_articles("ratio_flag");
    let count = |args: &[&str]| {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        all.push("hoi-nghi.txt");
        let out = dir.command(&all).expect_code(0);
        summary_of(&out.json_lines()[0]).len()
    };
    let all = count(&["--sentences", "1000"]);
    assert!(all >= 4, "the article has more than 4 sentences, got {all}");
    assert_eq!(count(&["--ratio", "1"]), 1);
    assert_eq!(count(&["--ratio", "100"]), all);
    let half = count(&["--ratio", "50"]);
    assert!(1 <= half && half < all, "50%: {half} of {all}");
}

#[test]
fn sentences_and_ratio_together_are_refused() {
    let dir = two_articles("sentences_and_ratio");
    let out = dir.command(&["-s", "2", "-r", "50", "hoi-nghi.txt"]).run();
    out.assert_code(2);
    out.check(out.stdout.is_empty(), "no output");
    out.check(!out.stderr.is_empty(), "an error message");
}

#[test]
fn bad_option_values_are_refused() {
    let dir = two_articles("bad_options");
    for args in [
        &["-s", "0", "hoi-nghi.txt"][..],
        &["-r", "0", "hoi-nghi.txt"],
        &["-r", "150", "hoi-nghi.txt"],
        &["-k", "5000", "hoi-nghi.txt"],
    ] {
        let out = dir.command(args).run();
        out.assert_code(2);
        out.check(out.stdout.is_empty(), "no output");
        out.check(out.stderr.starts_with("tomtat: "), "an error message");
    }
}

#[test]
fn keywords_flag_sets_the_keyword_count() {
    let dir = two_articles("keywords_flag");
    for n in [0usize, 1, 3, 12] {
        let out = dir
            .command(&["--json", "-k", &n.to_string(), "hoi-nghi.txt"])
            .expect_code(0);
        let kws = keywords_of(&out.json_lines()[0]);
        out.check(kws.len() == n, "keyword count = --keywords");
    }
    let out = dir
        .command(&["--keywords", "3", "hoi-nghi.txt"])
        .expect_code(0);
    let line = out
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("Từ khóa: "))
        .expect("keyword line");
    out.check(line.split(", ").count() == 3, "three keywords");
}

#[test]
fn together_summarizes_the_files_as_one_set() {
    let dir = two_articles("together");
    let out = dir
        .command(&[
            "--json",
            "--together",
            "-s",
            "4",
            "hoi-nghi.txt",
            "lua-gao.txt",
        ])
        .expect_code(0);
    let lines = out.json_lines();
    out.check(lines.len() == 1, "one object for the set");
    let v = &lines[0];
    assert_eq!(v["files"], json!(["hoi-nghi.txt", "lua-gao.txt"]));
    assert_eq!(v["titles"].as_array().map(Vec::len), Some(2));
    check_summary_shape(v);
    let summary = summary_of(v);
    out.check(summary.len() == 4, "four sentences");
    let docs: Vec<u64> = summary.iter().map(|s| s["doc"].as_u64().unwrap()).collect();
    out.check(docs.iter().all(|&d| d < 2), "doc index in range");
    out.check(docs.windows(2).all(|w| w[0] <= w[1]), "grouped by document");
    for s in summary {
        let raw = [HOI_NGHI, LUA_GAO][s["doc"].as_u64().unwrap() as usize];
        let got = char_slice(
            raw,
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(got, s["text"].as_str().unwrap(), "offsets of {s}");
    }

    let text = dir
        .command(&["--together", "hoi-nghi.txt", "lua-gao.txt"])
        .expect_code(0);
    text.check(text.stdout.matches("Tóm tắt:").count() == 1, "one summary");
    text.check(text.stdout.matches("Tiêu đề: ").count() == 2, "two titles");
}

#[test]
fn one_thread_and_many_give_the_same_output() {
    let dir = two_articles("threads");
    let mut files = Vec::new();
    for i in 0..8 {
        let name = format!("bai-{i:02}.txt");
        dir.create(&name, if i % 2 == 0 { HOI_NGHI } else { LUA_GAO });
        files.push(name);
    }
    for extra in [
        &[][..],
        &["--json"],
        &["--together"],
        &["--json", "-k", "20"],
    ] {
        let mut args: Vec<&str> = extra.to_vec();
        args.extend(files.iter().map(String::as_str));
        let many = dir.command(&args).expect_code(0);
        let one = dir.command(&args).arg("-j").arg("1").expect_code(0);
        let four = dir.command(&args).arg("-j").arg("4").expect_code(0);
        assert_same(&format!("{extra:?} -j 1"), &many.stdout, &one.stdout);
        assert_same(&format!("{extra:?} -j 4"), &many.stdout, &four.stdout);
    }
}

// ---------------------------------------------------------------- errors

#[test]
fn bad_files_among_good_ones() {
    let dir = two_articles("bad_files");
    dir.create_bytes(
        "nhi-phan.txt",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00abc\x00\x00",
    );
    // A docx cut short (Latin-1 text, once refused, is now read as Windows-1258).
    dir.create_bytes("hong.docx", b"PK\x03\x04\x14\x00\x00\x00\x08\x00");
    dir.create("bang.xlsx", "không phải văn bản");
    let files = [
        "hoi-nghi.txt",
        "khong-co.txt",
        "nhi-phan.txt",
        "hong.docx",
        "bang.xlsx",
        "lua-gao.txt",
    ];
    let bad = ["khong-co.txt", "nhi-phan.txt", "hong.docx", "bang.xlsx"];

    let out = dir.command(&files).run();
    out.assert_code(2);
    let errs = out.stderr_lines();
    out.check(errs.len() == bad.len(), "one error line per bad file");
    for (line, name) in errs.iter().zip(bad) {
        out.check(line.contains(name), &format!("error line names {name}"));
    }
    out.check(
        out.stdout.contains("== hoi-nghi.txt\n"),
        "good file printed",
    );
    out.check(out.stdout.contains("== lua-gao.txt\n"), "good file printed");
    for name in bad {
        out.check(!out.stdout.contains(name), "bad files not on stdout");
    }

    // JSON keeps one line per file, in order, errors included.
    let out = dir.command(&files).arg("--json").run();
    out.assert_code(2);
    let lines = out.json_lines();
    out.check(lines.len() == files.len(), "one line per file");
    for (v, name) in lines.iter().zip(files) {
        assert_eq!(v["file"], name, "{v}");
        let is_bad = bad.contains(&name);
        assert_eq!(v.get("error").is_some(), is_bad, "{v}");
        assert_eq!(v.get("summary").is_some(), !is_bad, "{v}");
    }
    out.check(out.stderr_lines().len() == bad.len(), "one error line each");
}

#[test]
fn error_messages_say_what_is_wrong() {
    let dir = two_articles("error_messages");
    dir.create_bytes("nhi-phan.txt", b"abc\x00def");
    dir.create_bytes("hong.txt", b"\xff\xfea"); // UTF-16, odd length
    dir.create("bang.xlsx", "x");
    for (file, needle) in [
        ("nhi-phan.txt", "NUL"),
        ("hong.txt", "UTF-16"),
        ("bang.xlsx", "xlsx"),
    ] {
        let out = dir.command(&[file]).run();
        out.assert_code(2);
        out.check(out.stderr.contains(needle), &format!("mentions {needle}"));
    }
}

#[test]
fn read_errors_say_why() {
    let dir = Dir::new("read_errors_say_why");
    std::fs::create_dir(dir.join("thu-muc.txt")).unwrap();
    let out = dir.command(&["khong-co.txt", "thu-muc.txt"]).run();
    out.assert_code(2);
    let errs = out.stderr_lines();
    out.check(errs.len() == 2, "one line per file");
    out.check(
        errs[0].contains("khong-co.txt") && errs[0].to_lowercase().contains("no such file"),
        "the OS reason for a missing file",
    );
    out.check(
        errs[1].contains("thu-muc.txt") && errs[1].to_lowercase().contains("directory"),
        "the OS reason for a directory",
    );
    // Said in Vietnamese first, as `tomtat text` says it; the JSON error
    // keeps the technical message alone.
    out.check(
        errs[0].starts_with("tomtat: khong-co.txt: không mở được tệp ("),
        "the reason in Vietnamese, the cause after it",
    );
    let out = dir.command(&["--json", "khong-co.txt"]).run();
    out.check(
        out.stdout
            .contains("\"error\":\"khong-co.txt: cannot read file"),
        "the JSON error as before",
    );
}

#[test]
fn empty_file_exits_1() {
    let dir = two_articles("empty_file");
    dir.create("rong.txt", "");
    dir.create("trang.txt", " \n\u{a0}\n\u{200b}\t\n");
    let out = dir
        .command(&["hoi-nghi.txt", "rong.txt", "trang.txt", "lua-gao.txt"])
        .run();
    out.assert_code(1);
    let errs = out.stderr_lines();
    out.check(errs.len() == 2, "one error line per empty file");
    out.check(errs[0].contains("rong.txt"), "names the file");
    out.check(errs[1].contains("trang.txt"), "names the file");
    out.check(
        out.stdout.contains("== hoi-nghi.txt\n"),
        "good files printed",
    );
    out.check(
        out.stdout.contains("== lua-gao.txt\n"),
        "good files printed",
    );

    let out = dir.command(&["rong.txt"]).run();
    out.assert_code(1);
    out.check(out.stdout.is_empty(), "nothing printed");

    // Empty and broken together: broken wins.
    dir.create_bytes("hong.txt", b"\xff\xfe\x00"); // UTF-16, odd length
    dir.command(&["rong.txt", "hong.txt"]).run().assert_code(2);
}

#[test]
fn no_files_is_an_error() {
    let dir = Dir::new("no_files");
    let out = dir.command(&[]).run();
    out.assert_code(2);
    out.check(out.stdout.is_empty(), "no output");
}

// ------------------------------------------------------------- encodings

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in text.encode_utf16() {
        out.extend(if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

/// The JSON output for one file, without its file name.
fn json_without_file(dir: &Dir, name: &str) -> Value {
    let out = dir.command(&["--json", name]).expect_code(0);
    let mut v = out.json_lines().remove(0);
    v.as_object_mut().unwrap().remove("file");
    v
}

#[test]
fn utf16_and_bom_read_like_utf8() {
    let dir = Dir::new("encodings");
    dir.create("utf8.txt", HOI_NGHI);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(HOI_NGHI.as_bytes());
    dir.create_bytes("bom.txt", &bom);
    dir.create_bytes("le.txt", &utf16(HOI_NGHI, false));
    dir.create_bytes("be.txt", &utf16(HOI_NGHI, true));
    dir.create("crlf.txt", &HOI_NGHI.replace('\n', "\r\n"));
    let want = json_without_file(&dir, "utf8.txt");
    for name in ["bom.txt", "le.txt", "be.txt", "crlf.txt"] {
        assert_eq!(json_without_file(&dir, name), want, "{name}");
    }
}

#[test]
fn utf16_without_bom_is_read() {
    // Detected by its NUL bytes (issue 7); it was refused before.
    let dir = Dir::new("utf16_no_bom");
    dir.create_bytes("le.txt", &utf16(HOI_NGHI, false)[2..]);
    let out = dir.command(&["le.txt"]).run();
    out.assert_code(0);
    out.check(out.stdout.contains("Tiêu đề: Quân khu 7"), "title read");
}

#[test]
fn decomposed_input_gives_the_same_summary() {
    let dir = Dir::new("nfd");
    dir.create("nfc.txt", HOI_NGHI);
    let nfd: String = HOI_NGHI.nfd().collect();
    assert_ne!(nfd, HOI_NGHI);
    dir.create("nfd.txt", &nfd);
    assert_eq!(
        json_without_file(&dir, "nfd.txt"),
        json_without_file(&dir, "nfc.txt")
    );
}

#[test]
fn markdown_markup_stays_out_of_the_summary() {
    let dir = Dir::new("markdown");
    let md = "# Quân khu 7 và Ủy ban nhân dân tỉnh ký kết quy chế phối hợp\n\n\
        > Bình Phước, ngày 13 tháng 3 năm 2023\n\n\
        Sáng nay, **Bộ Tư lệnh Quân khu 7** và [Ủy ban nhân dân tỉnh](https://example.vn/ubnd) \
        tổ chức hội nghị ký kết quy chế phối hợp thực hiện nhiệm vụ quốc phòng.\n\n\
        - Hai bên đã phối hợp tổ chức _14 cuộc diễn tập_ khu vực phòng thủ trong năm qua.\n\
        - Lực lượng vũ trang tỉnh duy trì nghiêm chế độ trực sẵn sàng chiến đấu.\n\n\
        ```\nlet x = 1;\n```\n\n\
        | Đơn vị | Số người |\n|---|---:|\n| Dân quân | 3.500 |\n";
    dir.create("bai.md", md);
    let out = dir
        .command(&["--json", "-s", "10", "bai.md"])
        .expect_code(0);
    let v = &out.json_lines()[0];
    assert_eq!(
        v["title"],
        "Quân khu 7 và Ủy ban nhân dân tỉnh ký kết quy chế phối hợp"
    );
    for s in summary_of(v) {
        let t = s["text"].as_str().unwrap();
        for junk in [
            "#", "**", "](", "https", "```", "let x", "|", "- Hai", "_14",
        ] {
            assert!(
                !t.contains(junk),
                "{junk:?} in summary sentence {t:?}{out:?}"
            );
        }
    }
    for k in keywords_of(v) {
        assert!(k.chars().all(|c| c.is_alphanumeric() || c == ' '), "{k:?}");
    }
}

// ----------------------------------------------------------------- batch

fn batch(dir: &Dir, input: &str, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["batch"];
    all.extend_from_slice(args);
    let out = dir.command(&all).stdin(input).expect_code(0);
    let lines = out.json_lines();
    out.check(
        lines.len() == input.lines().filter(|l| !l.trim().is_empty()).count(),
        "one line out per line in",
    );
    lines
}

fn line(v: Value) -> String {
    let mut s = serde_json::to_string(&v).unwrap();
    s.push('\n');
    s
}

#[test]
fn batch_echoes_ids_of_any_type() {
    let dir = Dir::new("batch_ids");
    let ids = [
        json!(7),
        json!("bài-1"),
        json!(null),
        json!(true),
        json!(2.5),
        json!([1, "hai"]),
        json!({"nguồn": "x", "số": 3}),
        json!(-12345678901234i64),
    ];
    let input: String = ids
        .iter()
        .map(|id| line(json!({"id": id, "text": LUA_GAO})))
        .collect();
    let out = batch(&dir, &input, &[]);
    for (v, id) in out.iter().zip(&ids) {
        assert_eq!(&v["id"], id);
        check_summary_shape(v);
        assert!(!summary_of(v).is_empty(), "{v}");
    }
    // No id at all: null.
    let out = batch(&dir, &line(json!({"text": LUA_GAO})), &[]);
    assert_eq!(out[0]["id"], Value::Null);
}

#[test]
fn batch_keeps_order_over_many_chunks() {
    let dir = Dir::new("batch_order");
    let texts = [
        HOI_NGHI,
        LUA_GAO,
        "Một câu ngắn về thời tiết hôm nay ở Hà Nội.",
    ];
    // The answer to each text alone, to compare with.
    let alone: Vec<Value> = texts
        .iter()
        .map(|t| {
            let mut v = batch(&dir, &line(json!({"id": 0, "text": t})), &[]).remove(0);
            v.as_object_mut().unwrap().remove("id");
            v
        })
        .collect();
    let n = 300;
    let input: String = (0..n)
        .map(|i| line(json!({"id": i, "text": texts[i % 3]})))
        .collect();
    // With 2 threads a chunk is 128 lines: 300 lines are three chunks.
    for threads in ["2"] {
        let out = batch(&dir, &input, &["-j", threads]);
        for (i, v) in out.iter().enumerate() {
            assert_eq!(v["id"], i, "line {i} with -j {threads}");
            let mut v = v.clone();
            v.as_object_mut().unwrap().remove("id");
            assert_eq!(v, alone[i % 3], "line {i} with -j {threads}");
        }
    }
}

#[test]
fn batch_docs_are_summarized_together() {
    let dir = Dir::new("batch_docs");
    let input = line(json!({"id": "cụm", "docs": [HOI_NGHI, LUA_GAO], "sentences": 4}));
    let v = &batch(&dir, &input, &[])[0];
    assert_eq!(v["id"], "cụm");
    check_summary_shape(v);
    assert_eq!(summary_of(v).len(), 4, "{v}");
    for s in summary_of(v) {
        let doc = s["doc"].as_u64().unwrap() as usize;
        let raw = [HOI_NGHI, LUA_GAO][doc];
        let got = char_slice(
            raw,
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(got, s["text"].as_str().unwrap(), "offsets of {s}");
    }
}

#[test]
fn batch_options_per_line() {
    let dir = Dir::new("batch_options");
    let input: String = [
        json!({"id": 1, "text": HOI_NGHI, "sentences": 1}),
        json!({"id": 2, "text": HOI_NGHI, "sentences": 3, "keywords": 2}),
        json!({"id": 3, "text": HOI_NGHI, "ratio": 100}),
        json!({"id": 4, "text": HOI_NGHI, "keywords": 0}),
    ]
    .into_iter()
    .map(line)
    .collect();
    let out = batch(&dir, &input, &[]);
    assert_eq!(summary_of(&out[0]).len(), 1);
    assert_eq!(summary_of(&out[1]).len(), 3);
    assert_eq!(keywords_of(&out[1]).len(), 2);
    assert!(summary_of(&out[2]).len() >= 4, "{}", out[2]);
    assert_eq!(keywords_of(&out[3]).len(), 0);
}

#[test]
fn batch_flags_are_the_line_defaults() {
    let dir = Dir::new("batch_flags");
    let input = line(json!({"id": 1, "text": HOI_NGHI}));
    let out = batch(&dir, &input, &["-s", "2", "-k", "4"]);
    assert_eq!(summary_of(&out[0]).len(), 2);
    assert_eq!(keywords_of(&out[0]).len(), 4);
}

#[test]
fn batch_bad_lines_get_an_error_and_the_run_goes_on() {
    let dir = Dir::new("batch_errors");
    let good = |id: i64| line(json!({"id": id, "text": LUA_GAO}));
    let input = [
        good(1),
        "đây không phải JSON\n".to_string(),
        good(2),
        line(json!({"id": 3})),
        line(json!({"id": 4, "text": LUA_GAO, "docs": [LUA_GAO]})),
        line(json!({"id": 5, "text": 42})),
        line(json!({"id": 6, "text": ""})),
        line(json!({"id": 7, "text": LUA_GAO, "sentences": 0})),
        line(json!({"id": 8, "text": LUA_GAO, "sentences": 2, "ratio": 50})),
        line(json!({"id": 9, "docs": []})),
        "[1, 2, 3]\n".to_string(),
        "{\"id\": 10, \"text\": \"không đóng\n".to_string(),
        good(11),
    ]
    .concat();
    let out = batch(&dir, &input, &[]);
    let ids: Vec<Value> = out.iter().map(|v| v["id"].clone()).collect();
    assert_eq!(
        ids,
        [
            json!(1),
            json!(null),
            json!(2),
            json!(3),
            json!(4),
            json!(5),
            json!(6),
            json!(7),
            json!(8),
            json!(9),
            json!(null),
            json!(null),
            json!(11)
        ]
    );
    for v in &out {
        let ok = [1, 2, 11].contains(&v["id"].as_i64().unwrap_or(-1));
        if ok {
            check_summary_shape(v);
            assert!(v.get("error").is_none(), "{v}");
        } else {
            assert!(
                v["error"].as_str().is_some_and(|e| !e.is_empty()),
                "error expected: {v}"
            );
            assert!(v.get("summary").is_none(), "{v}");
        }
    }
}

#[test]
fn batch_offsets_are_characters_of_the_display_text() {
    let dir = Dir::new("batch_offsets");
    // Accented letters are several bytes in UTF-8 and one char; an emoji is
    // two UTF-16 units and one char.
    let text = "Đội tuyển Việt Nam thắng đậm trong trận mở màn 🎉\n\n\
        Tối qua, đội tuyển Việt Nam thắng Lào 4-0 tại sân Mỹ Đình trước hơn 20.000 khán giả. \
        Tiền đạo Nguyễn Văn Hải ghi hai bàn trong hiệp một. \
        Huấn luyện viên Lê Quang Minh hài lòng với tinh thần thi đấu của các cầu thủ trẻ. \
        Trận tiếp theo, đội sẽ gặp Thái Lan vào tối thứ Bảy tại Băng Cốc.";
    assert_eq!(tomtat::normalize::normalize(text), text);
    let v = &batch(
        &dir,
        &line(json!({"id": 1, "text": text, "sentences": 4})),
        &[],
    )[0];
    assert_eq!(summary_of(v).len(), 4, "{v}");
    for s in summary_of(v) {
        let (start, end) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            char_slice(text, start, end),
            s["text"].as_str().unwrap(),
            "{s}"
        );
    }

    // With characters that normalize changes, offsets point into the
    // display text, which is what the library calls `Document::text`.
    let messy = format!(
        "  {}\u{200b}\r\n\r\n\r\n",
        text.replace(". ", ".\u{a0} ").nfd().collect::<String>()
    );
    let display = tomtat::Engine::new().document(&messy, None).text;
    let v = &batch(
        &dir,
        &line(json!({"id": 2, "text": messy, "sentences": 4})),
        &[],
    )[0];
    for s in summary_of(v) {
        let (start, end) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            char_slice(&display, start, end),
            s["text"].as_str().unwrap(),
            "{s}"
        );
    }
}

// --------------------------------------------------------------- segment

#[test]
fn segment_keeps_lines_and_characters() {
    let dir = Dir::new("segment");
    let input = "Bộ Tư lệnh Quân khu 7 tổ chức hội nghị.\n\
        \n\
        Ông Nguyễn Văn An, Chủ tịch Ủy ban nhân dân tỉnh, phát biểu.\n\
        \n\
        \n\
        Giá lúa 7.200 đồng/ký; sản lượng 7,8 tấn/ha (tăng 5%)!\n\
        gìn giữ  hòa bình   hoà bình\tthuở ấy\n\
        \u{a0}email: tin@example.vn, https://example.vn/a?b=c\n\
        🎉 “Xin chào” — 12:30, 22/8/2023…\n";
    let out = dir.command(&["segment"]).stdin(input).expect_code(0);
    let got: Vec<&str> = out.stdout.split('\n').collect();
    let want: Vec<&str> = input.split('\n').collect();
    out.check(got.len() == want.len(), "one line out per line in");
    let strip = |s: &str, also_underscore: bool| -> String {
        s.chars()
            .filter(|c| !(c.is_whitespace() || also_underscore && *c == '_'))
            .collect()
    };
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(
            strip(g, true),
            strip(w, false),
            "line {w:?} became {g:?}{out:?}"
        );
        assert!(
            !g.starts_with(' ') && !g.ends_with(' ') && !g.contains("  "),
            "{g:?}"
        );
        assert_eq!(
            w.trim().is_empty(),
            g.is_empty(),
            "empty lines stay empty: {g:?}"
        );
    }
    out.check(
        got[0].contains("Bộ_Tư_lệnh") || got[0].contains("Tư_lệnh"),
        "a joined word",
    );
}

#[test]
fn segment_without_final_newline_and_crlf() {
    let dir = Dir::new("segment_crlf");
    let out = dir
        .command(&["segment"])
        .stdin("hội nghị\r\n\r\nquân khu")
        .expect_code(0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    out.check(lines.len() == 3, "three lines");
    out.check(!out.stdout.contains('\r'), "no CR left");
}

// ------------------------------------------------------------------- tag

/// `tomtat tag --words`: the contract `vi_eval.py pos` scores, the words
/// kept exactly as given, one tag each.
#[test]
fn tag_words_keeps_the_words_and_tags_each() {
    let dir = Dir::new("tag_words");
    let input = "Ông Nguyễn_Văn_An đọc ba cuốn sách ở Hà_Nội .\n\nhoà_bình , 2024 !\n";
    let out = dir.command(&["tag", "--words"]).stdin(input).expect_code(0);
    let got: Vec<&str> = out.stdout.lines().collect();
    let want: Vec<&str> = input.lines().collect();
    out.check(got.len() == want.len(), "one line out per line in");
    for (g, w) in got.iter().zip(&want) {
        let words: Vec<&str> = g
            .split(' ')
            .filter(|t| !t.is_empty())
            .map(|t| t.rsplit_once('/').expect("word/TAG").0)
            .collect();
        assert_eq!(words, w.split_whitespace().collect::<Vec<_>>(), "{out:?}");
    }
    out.check(got[0].contains("Nguyễn_Văn_An/PROPN"), "a name");
    out.check(got[0].contains("sách/NOUN"), "a noun");
    out.check(got[0].ends_with("./PUNCT"), "punctuation");
    out.check(got[2].contains("2024/NUM"), "a number");
}

/// `tomtat tag`: text is segmented first, then tagged.
#[test]
fn tag_segments_text_first() {
    let dir = Dir::new("tag_text");
    let out = dir
        .command(&["tag"])
        .stdin("Bộ Tư lệnh Quân khu 5 tổ chức hội nghị.")
        .expect_code(0);
    out.check(out.stdout.contains("tổ_chức/VERB"), "a joined verb");
    out.check(out.stdout.contains("hội_nghị/NOUN"), "a joined noun");
}

// ----------------------------------------------------------- broken pipe

/// Runs the binary, reads one line of its output, closes the pipe and
/// waits: it must stop without a panic message.
fn read_one_line_then_close(dir: &Dir, args: &[String], stdin: Option<String>) {
    let mut child = Command::new(util::bin())
        .current_dir(dir.path())
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let writer = stdin.map(|input| {
        let mut w = child.stdin.take().unwrap();
        std::thread::spawn(move || {
            use std::io::Write;
            // The child may stop reading: a failed write is expected.
            let _ = w.write_all(input.as_bytes());
        })
    });
    {
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        stdout.read_line(&mut first).expect("read a line");
        assert!(!first.is_empty(), "no output from {args:?}");
    } // stdout closed here
    let out = child.wait_with_output().expect("wait");
    if let Some(w) = writer {
        w.join().unwrap();
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
        "{args:?}: stderr {stderr}"
    );
    assert_eq!(out.status.code(), Some(0), "{args:?}: stderr {stderr}");
}

/// Enough files that the output is far larger than a pipe buffer, so
/// writes do fail once the reader is gone.
fn many_files(dir: &Dir) -> Vec<String> {
    (0..150)
        .map(|i| {
            let name = format!("bai-{i:03}.txt");
            dir.create(&name, HOI_NGHI);
            name
        })
        .collect()
}

#[test]
fn broken_pipe_is_quiet_for_text_output() {
    let dir = Dir::new("broken_pipe_text");
    let files = many_files(&dir);
    read_one_line_then_close(&dir, &files, None);
}

#[test]
fn broken_pipe_is_quiet_for_json_output() {
    let dir = Dir::new("broken_pipe_json");
    let mut args = vec!["--json".to_string()];
    args.extend(many_files(&dir));
    read_one_line_then_close(&dir, &args, None);
}

#[test]
fn broken_pipe_is_quiet_for_batch() {
    let dir = Dir::new("broken_pipe_batch");
    let input: String = (0..600)
        .map(|i| line(json!({"id": i, "text": HOI_NGHI})))
        .collect();
    read_one_line_then_close(&dir, &["batch".into()], Some(input));
}

#[test]
fn broken_pipe_is_quiet_for_segment() {
    let dir = Dir::new("broken_pipe_segment");
    read_one_line_then_close(&dir, &["segment".into()], Some(HOI_NGHI.repeat(200)));
}

// ----------------------------------------------------------------- seeds

/// The seed articles, read at test time from `../shared/seeds/`. They are
/// real web scrapes and may not be copied into the project.
fn seed_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
        panic!(
            "the seed articles are missing: cannot read {} ({e}); these tests \
             need the shared seeds next to the repository",
            dir.display()
        )
    });
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 5,
        "expected 5 seed articles in {}, found {}",
        dir.display(),
        files.len()
    );
    files
}

/// Each seed's JSON result, from one run over all of them.
fn seed_results() -> Vec<(PathBuf, Value)> {
    let files = seed_files();
    let dir = Dir::new("seeds");
    let mut cmd = dir.command(&["--json"]);
    for f in &files {
        cmd = cmd.arg(f);
    }
    let out = cmd.expect_code(0);
    let lines = out.json_lines();
    out.check(lines.len() == files.len(), "one line per seed");
    files.into_iter().zip(lines).collect()
}

/// Why `s` may not appear in a summary or keyword, if it may not.
fn noise_in(s: &str) -> Option<String> {
    for marker in [
        "Chú thích ảnh",
        "Ảnh:",
        "Trả lời",
        "Thư điện tử",
        "Ý kiến bạn đọc",
        "Nguồn",
    ] {
        if s.contains(marker) {
            return Some(format!("the marker {marker:?}"));
        }
    }
    if let Some(url) = find_url(s) {
        return Some(format!("the URL {url:?}"));
    }
    if let Some(phone) = find_phone(s) {
        return Some(format!("the phone-like number {phone:?}"));
    }
    None
}

/// A web address: a scheme, `www.`, or a host name under a common top-level
/// domain (`baotintuc.vn`, `Example.com.vn`).
fn find_url(s: &str) -> Option<&str> {
    s.split(|c: char| c.is_whitespace() || "()[]<>\"“”'‘’,;".contains(c))
        .find(|tok| {
            let t = tok.trim_end_matches(['.', ':', '!', '?']).to_lowercase();
            t.contains("://")
                || t.starts_with("www.")
                || t.contains('@') && t.contains('.')
                || t.rsplit_once('.').is_some_and(|(host, tld)| {
                    ["vn", "com", "net", "org", "gov", "edu", "info"].contains(&tld)
                        && !host.is_empty()
                        && host
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
                })
        })
}

/// A run of digits that looks like a phone number or an ID: nine or more
/// digits in a row, or a number starting with `0` or `+84` of 9 to 12 digits
/// written with spaces, dots or dashes (`0985.456.616`, `024 3825 1234`).
/// Amounts (`1.000.000`), years and dates do not match.
fn find_phone(s: &str) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let plus = chars[i] == '+' && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if !(chars[i].is_ascii_digit() || plus) {
            i += 1;
            continue;
        }
        // A run of digits and single separators between digits.
        let start = i;
        let mut end = i + 1;
        let mut j = i + 1;
        while j < chars.len() {
            if chars[j].is_ascii_digit() {
                j += 1;
                end = j;
            } else if " .-".contains(chars[j]) && chars.get(j + 1).is_some_and(char::is_ascii_digit)
            {
                j += 1;
            } else {
                break;
            }
        }
        let run: String = chars[start..end].iter().collect();
        let digits: String = run.chars().filter(char::is_ascii_digit).collect();
        let longest_plain = run
            .split(|c: char| !c.is_ascii_digit())
            .map(str::len)
            .max()
            .unwrap_or(0);
        let phone_start = digits.starts_with('0') || plus && digits.starts_with("84");
        if longest_plain >= 9 || phone_start && (9..=12).contains(&digits.len()) {
            return Some(run);
        }
        i = end.max(i + 1);
    }
    None
}

#[test]
fn noise_detectors_work() {
    assert!(find_url("xem tại https://a.vn/b").is_some());
    assert!(find_url("(Baonghean.vn) - Sáng 16").is_some());
    assert!(find_url("theo baotintuc.vn.").is_some());
    assert!(find_url("Quân khu 5, 11 tỉnh. Hội nghị").is_none());
    assert!(find_url("đạt 7,8 tấn/ha.").is_none());
    assert!(find_phone("gọi 0985.456.616 ngay").is_some());
    assert!(find_phone("ĐT: 024 3825 1234").is_some());
    assert!(find_phone("+84 912 345 678").is_some());
    assert!(find_phone("20220510181209912").is_some());
    assert!(find_phone("giai đoạn 2020 - 2025, năm 2018-2020").is_none());
    assert!(find_phone("1.000.000.000 đồng").is_none());
    assert!(find_phone("ngày 22/08/2023 lúc 06:54:00").is_none());
    assert!(find_phone("11 tỉnh, 3.500 chiến sĩ").is_none());
}

#[test]
fn seeds_have_title_summary_and_keywords() {
    for (path, v) in seed_results() {
        let name = path.display();
        assert!(
            v["title"].as_str().is_some_and(|t| !t.trim().is_empty()),
            "{name}: no title in {v}"
        );
        assert!(!summary_of(&v).is_empty(), "{name}: empty summary in {v}");
        let kws = keywords_of(&v);
        assert!(kws.len() >= 5, "{name}: fewer than 5 keywords: {kws:?}");
        assert!(
            kws.iter().any(|k| k.contains(' ')),
            "{name}: no multi-syllable keyword in {kws:?}"
        );
    }
}

#[test]
fn seed_titles_are_headlines() {
    let mut bad = Vec::new();
    for (path, v) in seed_results() {
        let Some(title) = v["title"].as_str() else {
            continue; // seeds_have_title_summary_and_keywords reports it
        };
        let clock = title.as_bytes().windows(5).any(|w| {
            w[0].is_ascii_digit()
                && w[1].is_ascii_digit()
                && w[2] == b':'
                && w[3].is_ascii_digit()
                && w[4].is_ascii_digit()
        });
        if clock {
            bad.push(format!(
                "{}: a date line as title: {title:?}",
                path.display()
            ));
        } else if let Some(why) = noise_in(title) {
            bad.push(format!("{}: {why} in title {title:?}", path.display()));
        }
    }
    assert!(bad.is_empty(), "bad titles:\n{}", bad.join("\n"));
}

#[test]
fn seed_summaries_have_no_boilerplate() {
    let mut bad = Vec::new();
    for (path, v) in seed_results() {
        for s in summary_of(&v) {
            let t = s["text"].as_str().unwrap();
            if let Some(why) = noise_in(t) {
                bad.push(format!("{}: {why} in sentence {t:?}", path.display()));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "boilerplate in summaries:\n{}",
        bad.join("\n")
    );
}

#[test]
fn seed_keywords_are_words() {
    let engine = tomtat::Engine::new();
    let mut bad = Vec::new();
    for (path, v) in seed_results() {
        for k in keywords_of(&v) {
            let why = if let Some(why) = noise_in(&k) {
                Some(why)
            } else if !k.chars().any(char::is_alphabetic) {
                Some("a number".to_string())
            } else if k.chars().filter(|c| c.is_alphanumeric()).count() == 1 {
                Some("a single letter".to_string())
            } else if engine
                .lexicon()
                .is_stopword(&tomtat::normalize::canonical(&k))
            {
                Some("a stop word".to_string())
            } else {
                None
            };
            if let Some(why) = why {
                bad.push(format!("{}: keyword {k:?} is {why}", path.display()));
            }
        }
    }
    assert!(bad.is_empty(), "bad keywords:\n{}", bad.join("\n"));
}

// ---------------------------------------------------------------- text

#[test]
fn text_prints_paragraphs_and_converts_legacy_encodings() {
    let dir = Dir::new("text_command");
    // TCVN3 bytes (as iconv's TCVN5712-1 writes them).
    dir.create_bytes(
        "tcvn3.txt",
        b"Ch\xad\xacng tr\xd7nh \xae\xb8nh gi\xb8 vi\xd6c h\xe4c\n\
          Vi\xd6t Nam v\xb5 c\xb8c n\xad\xedc l\xb8ng gi\xd2ng.\n",
    );
    dir.create(
        "ky.txt",
        "Đoạn một của văn bản.\nKý bởi: Cổng Thông tin điện tử\nThời gian ký: 1.1.2025\nĐoạn hai.\n",
    );
    let out = dir.command(&["text", "ky.txt"]).expect_code(0);
    assert_same(
        "text",
        "Đoạn một của văn bản.\n\nĐoạn hai.\n\n",
        &out.stdout,
    );
    let out = dir.command(&["text", "--all", "ky.txt"]).expect_code(0);
    out.check(
        out.stdout
            .contains("[khung trang] Thời gian ký: 1.1.2025\n\n"),
        "--all keeps the stamp, marked",
    );
    // A bad file among good ones: its error in Vietnamese, the others print.
    let out = dir
        .command(&["text", "-o", "out.txt", "khong-co.txt", "tcvn3.txt"])
        .expect_code(2);
    out.check(
        out.stderr.contains("khong-co.txt: không mở được tệp"),
        "a Vietnamese error naming the file",
    );
    let written = std::fs::read_to_string(dir.join("out.txt")).unwrap();
    assert!(written.contains("== tcvn3.txt\n\n"), "{written}");
    assert!(written.contains("Việt Nam"), "{written}");
}

// ------------------------------------------------------------ user terms

/// The keywords of `lua-gao.txt` with these extra flags.
fn keywords_with(dir: &Dir, k: usize, flags: &[&str]) -> Vec<String> {
    let k = k.to_string();
    let mut args = vec!["--json", "-k", &k];
    args.extend_from_slice(flags);
    args.push("lua-gao.txt");
    keywords_of(&dir.command(&args).expect_code(0).json_lines()[0])
}

#[test]
fn term_lists_keep_exclude_and_boost() {
    let dir = Dir::new("term_lists");
    dir.create("lua-gao.txt", LUA_GAO);
    let plain = keywords_with(&dir, 30, &[]);
    assert!(plain.len() > 8, "{plain:?}");
    // Kept whole: three syllables no keyword holds together.
    assert!(!plain.iter().any(|k| k == "giữ giá ổn định"), "{plain:?}");
    dir.create("dict.txt", "# từ của tôi\n\ngiữ giá ổn định\n");
    // Boosted too, so that it shows among a few.
    dir.create("boost.txt", "giữ giá ổn định\n");
    let kws = keywords_with(&dir, 3, &["--dict", "dict.txt", "--boost", "boost.txt"]);
    assert_eq!(kws[0], "giữ giá ổn định", "{kws:?}");
    // Excluded: the first keyword, written otherwise, and nothing holding it.
    dir.create(
        "exclude.txt",
        &format!("\u{feff}{}\n", plain[0].to_uppercase()),
    );
    let kws = keywords_with(&dir, 10, &["--exclude", "exclude.txt"]);
    assert_eq!(kws.len(), 10);
    assert!(!kws.iter().any(|k| k.contains(&plain[0])), "{kws:?}");
    // Boosted: a low one comes first.
    dir.create("boost.txt", &format!("{}\n", plain[8]));
    let kws = keywords_with(&dir, 3, &["--boost", "boost.txt"]);
    assert_eq!(kws[0], plain[8], "{kws:?}");
    // A list that cannot be read fails the run, in Vietnamese.
    let out = dir
        .command(&["--dict", "missing.txt", "lua-gao.txt"])
        .expect_code(2);
    out.check(
        out.stderr.contains("không đọc được danh sách từ"),
        "a plain message",
    );
}

#[test]
fn batch_fields_carry_the_user_terms() {
    let dir = Dir::new("batch_terms");
    let plain = batch(
        &dir,
        &line(json!({"id": 1, "text": LUA_GAO, "keywords": 30})),
        &[],
    );
    let plain = keywords_of(&plain[0]);
    let input = line(json!({
        "id": 1, "text": LUA_GAO, "keywords": 3,
        "dict": ["giữ giá ổn định"], "boost": ["giữ giá ổn định"], "exclude": [plain[0]],
    }));
    let out = batch(&dir, &input, &[]);
    let kws = keywords_of(&out[0]);
    assert_eq!(kws[0], "giữ giá ổn định", "{kws:?}");
    assert!(!kws.iter().any(|k| k.contains(&plain[0])), "{kws:?}");
    // Added to the command line's lists; the same answer twice.
    dir.create("exclude.txt", &format!("{}\n", plain[1]));
    let both = batch(
        &dir,
        &format!("{input}{input}"),
        &["--exclude", "exclude.txt"],
    );
    let kws = keywords_of(&both[0]);
    assert!(!kws.iter().any(|k| k.contains(&plain[1])), "{kws:?}");
    assert_eq!(both[0], both[1]);
}
