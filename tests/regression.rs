//! One test per defect found and fixed, named after what it does, each
//! failing without its fix (as ripgrep keeps `tests/regression.rs`). Most
//! come from issue 19 (hostile input); each says how the input was made.
//!
//! Where the defect was a hang, the run is killed after [`HANG`] and the
//! test fails: a limit far above the run's time, not a speed figure (those
//! are in `make bench`).

mod util;

use std::time::Duration;

use util::Dir;

/// Far longer than any of these runs takes when it is linear.
const HANG: Duration = Duration::from_secs(120);

/// Memory a run may use above 4 times its input (the goal of issue 19).
const BASE_KB: u64 = 256 * 1024;

fn within_memory(out: &util::Output, input_len: usize) {
    let limit = 4 * input_len as u64 / 1024 + BASE_KB;
    out.check(
        out.peak_kb() <= limit,
        &format!("peak memory {} KiB over {limit} KiB", out.peak_kb()),
    );
}

/// A good file beside the bad one: it must still be summarized.
const GOOD: &str = "Sáng 5/3, Ủy ban nhân dân tỉnh họp bàn về mùa lũ. \
    Các xã ven sông được yêu cầu chuẩn bị phương án sơ tán dân. \
    Lực lượng cứu hộ trực suốt hai mươi bốn giờ.\n";

// Issue 19, item 1: `'[' * 10000 + 'x' + '](x)' * 10000` overflowed the
// stack (the inline pass recursed into every link's text) and took the
// whole run down; 100,000 deep took gigabytes.
#[test]
fn markdown_links_nested_deep_are_read_without_recursion() {
    let dir = Dir::new("md-nest");
    dir.create("good.txt", GOOD);
    for depth in [10_000usize, 200_000] {
        let md = format!("{}chữ{}\n", "[".repeat(depth), "](x)".repeat(depth));
        let name = format!("n{depth}.md");
        dir.create(&name, &md);
        let out = dir.command_measured(&["good.txt", &name]).run_or_hang(HANG);
        out.check(out.stdout.contains("mùa lũ"), "the good file is summarized");
        out.check(
            out.stderr.contains(&name) && !out.stderr.contains("overflow"),
            "the nested file fails alone, cleanly",
        );
        within_memory(&out, md.len());
    }
}

// Issue 19, item 2: `inside_short_quote` counted the quotes of the whole
// unfinished sentence at every stop: `'Ông ' + 'A. ' * 5000000` never
// ended. The same with an open quote, and stops after words without
// spaces (`ab.ab.…`, the last word was looked for from the sentence start).
#[test]
fn sentence_splitting_is_linear_in_stops_and_quotes() {
    let dir = Dir::new("quadratic-split");
    for (name, text) in [
        ("stops.txt", format!("Ông {}\n", "A. ".repeat(2_000_000))),
        ("quote.txt", format!("Ông “{}\n", "A. ".repeat(2_000_000))),
        ("nospace.txt", format!("Ông {}\n", "ab.".repeat(2_000_000))),
    ] {
        dir.create(name, &text);
        let out = dir.command(&[name]).run_or_hang(HANG);
        out.check(out.code.is_some(), "ends");
    }
}

// Issue 19, item 3: leaving a font table re-trimmed every font name read
// so far: 300,000 `{\fonttbl{\fN F;}}` groups (8.5 MB) never ended.
#[test]
fn rtf_font_tables_cost_their_length() {
    let dir = Dir::new("rtf-fonts");
    let mut rtf = String::from("{\\rtf1\\ansi ");
    for n in 0..300_000 {
        rtf.push_str(&format!("{{\\fonttbl{{\\f{n} F;}}}}"));
    }
    rtf.push_str("Xin ch\\'e0o c\\'e1c b\\'e1c. H\\'f4m nay tr\\'eau m\\'eda.}");
    for name in ["fonts.rtf", "fonts.doc", "fonts.pdf"] {
        dir.create(name, &rtf);
        let out = dir.command(&[name]).run_or_hang(HANG);
        out.assert_code(0);
        out.check(out.stdout.contains("chào"), "the text after the tables");
    }
}

// Issue 19, item 4: batch and segment lines had no length limit (a 423 MB
// line took 8 GB). A line past the limit is answered with an error naming
// it, and read past without being held.
#[test]
fn batch_and_segment_lines_past_the_limit_fail_alone() {
    let dir = Dir::new("long-line");
    let long = format!("{{\"id\": 2, \"text\": \"{}\"}}\n", "a ".repeat(9 << 20));
    let good = |id: u32| format!("{{\"id\": {id}, \"text\": {:?}}}\n", GOOD);
    let input = [good(1), long.clone(), good(3)].concat();
    let out = dir
        .command_measured(&["batch"])
        .stdin(input.clone())
        .run_or_hang(HANG);
    let lines: Vec<&str> = out.stdout.lines().collect();
    out.check(lines.len() == 3, "one line out per line in");
    out.check(
        lines[1].contains("line 2: longer than"),
        "the long line's error names it",
    );
    out.check(
        lines[2].contains("\"summary\""),
        "the line after is answered",
    );
    // The long line is never held: far less memory than the input.
    out.check(out.peak_kb() < BASE_KB, "the long line is not held");
    let seg = format!("Hà Nội\n{}\nmùa thu\n", "x ".repeat(9 << 20));
    let out = dir.command(&["segment"]).stdin(seg).run_or_hang(HANG);
    out.check(
        out.stdout == "Hà_Nội\n\nmùa thu\n",
        "the long line is empty",
    );
    out.check(out.stderr.contains("line 2: longer than"), "and named");
}

// Issue 19, item 5: a UTF-8 file with one bad byte was read as a legacy
// encoding and printed as mojibake, exit 0.
#[test]
fn utf8_with_a_bad_byte_stays_utf8_with_a_warning() {
    let dir = Dir::new("utf8-bad-byte");
    let mut bytes = GOOD.as_bytes().to_vec();
    bytes.splice(20..20, [0xFF]);
    // And one cut off at the end, inside a character.
    let cut = &GOOD.as_bytes()[..GOOD.len() - 3];
    dir.create_bytes("bad.txt", &bytes);
    dir.create_bytes("cut.txt", cut);
    let out = dir.command(&["bad.txt", "cut.txt"]).run();
    out.assert_code(0);
    out.check(out.stdout.contains("mùa lũ"), "read as UTF-8");
    out.check(
        out.stderr.matches("not valid UTF-8").count() == 2,
        "a warning for each",
    );
}

// Issue 19, item 6: an invalid UTF-8 line dropped the valid lines of its
// chunk and had no line number; ids beyond 64-bit came back changed
// (`1e400` as null).
#[test]
fn batch_bad_utf8_line_fails_alone_and_ids_come_back_exact() {
    let dir = Dir::new("batch-exact");
    let mut input = Vec::new();
    for id in ["1e400", "123456789012345678901234567890", "-0.10"] {
        input.extend(format!("{{\"id\":{id},\"text\":{GOOD:?}}}\n").bytes());
    }
    input.extend(b"{\"id\":4,\"text\":\"H\xe0 N\xf4i\"}\n");
    input.extend(format!("{{\"id\":5,\"text\":{GOOD:?}}}\n").bytes());
    let out = dir.command(&["batch"]).stdin(input).run_or_hang(HANG);
    out.assert_code(0);
    let lines: Vec<&str> = out.stdout.lines().collect();
    out.check(lines.len() == 5, "one line out per line in");
    for (line, id) in lines
        .iter()
        .zip(["1e400", "123456789012345678901234567890", "-0.10"])
    {
        out.check(
            line.starts_with(&format!("{{\"id\":{id},\"summary\"")),
            "the id as written",
        );
    }
    out.check(
        lines[3].starts_with("{\"id\":4,\"error\":\"line 4: not UTF-8"),
        "the bad line alone fails, with its number",
    );
    out.check(lines[4].contains("\"summary\""), "the line after");
}

// Issue 19, item 7: a FIFO blocked `open` forever; control characters in
// names went raw to the terminal.
#[cfg(unix)]
#[test]
fn fifos_are_refused_and_names_are_escaped() {
    let dir = Dir::new("fifo");
    let fifo = dir.join("ong.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    dir.create("a\x1b[2Jb.txt", GOOD);
    let out = dir.command(&["ong.txt", "a\x1b[2Jb.txt"]).run_or_hang(HANG);
    out.check(
        out.stderr.contains("not a regular file"),
        "the FIFO refused",
    );
    out.check(
        !out.stdout.contains('\x1b') && out.stdout.contains("a\\u{1b}[2Jb.txt"),
        "the name escaped",
    );
    out.check(out.stdout.contains("mùa lũ"), "the other file read");
}

// Issue 19, item 8: the html depth flattener counted `<option>`s (which
// need no end tag): a page with a year picker lost its article; a page
// whose `<meta charset=utf-16>` is UTF-8 (as browsers read it) had no text.
#[test]
fn html_year_pickers_and_utf16_meta_keep_the_article() {
    let dir = Dir::new("html");
    let article: String = (0..6).map(|i| format!("<p>Đoạn {i}. {GOOD}</p>")).collect();
    let years: String = (1700..2001).map(|y| format!("<option>{y}")).collect();
    let picker = format!(
        "<html><head><title>Lũ</title></head><body><form><select>{years}</select></form>\
         <article><h1>Tỉnh họp bàn phòng chống lũ</h1>{article}</article></body></html>"
    );
    dir.create("picker.html", &picker);
    let utf16 = format!(
        "<html><head><meta charset=utf-16><title>Lũ</title></head><body><article>{article}</article></body></html>"
    );
    dir.create("utf16.html", &utf16);
    let out = dir.command(&["picker.html", "utf16.html"]).run();
    out.assert_code(0);
    out.check(
        out.stdout.matches("mùa lũ").count() >= 2,
        "both articles read",
    );
}
