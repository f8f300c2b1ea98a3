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
