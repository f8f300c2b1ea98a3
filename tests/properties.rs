//! Properties of the pipeline over generated input, in the manner of
//! unicode-segmentation's tests: whatever the text, spans are ordered and
//! on character boundaries, words cover their sentence, `normalize` is
//! idempotent and blind to NFD, and summaries keep their promises.

use std::sync::OnceLock;

use proptest::prelude::*;
use tomtat::normalize::normalize;
use tomtat::{Document, Engine, Options, Span};
use unicode_normalization::UnicodeNormalization;

/// One engine for all cases: building it is the slow part.
fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::new)
}

// ------------------------------------------------------------ strategies

const ONSETS: &[&str] = &[
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x", "Đ", "Ng", "Tr", "Qu", "H",
];
const NUCLEI: &[&str] = &[
    "a", "à", "á", "ả", "ã", "ạ", "ă", "ắ", "ằ", "â", "ấ", "ậ", "e", "è", "é", "ê", "ế", "ệ", "i",
    "ì", "í", "o", "ò", "ó", "ô", "ố", "ộ", "ơ", "ớ", "ờ", "u", "ù", "ú", "ư", "ứ", "ừ", "y", "ý",
    "oa", "oà", "òa", "oe", "uy", "uỷ", "ủy", "ươ", "ượ", "iê", "iế", "uô", "uố", "ưa", "ữa", "ai",
    "ái", "ao", "ào", "ôi", "ối", "ơi", "ời",
];
const CODAS: &[&str] = &["", "", "c", "ch", "m", "n", "ng", "nh", "p", "t"];
const PUNCT: &[&str] = &[
    ".", ",", ";", ":", "!", "?", "…", "...", "-", "–", "—", "\"", "“", "”", "'", "(", ")", "/",
    "%", "&", "*", "#", "_",
];
const ODD: &[&str] = &[
    "\n",
    "\n\n",
    "\n\n\n",
    "\r\n",
    "\r",
    "\t",
    "\u{a0}",
    "\u{2009}",
    "\u{3000}",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "\u{ad}",
    "\u{2028}",
    "\u{2029}",
    "\u{85}",
    "\u{300}",
    "\u{301}",
    "\u{303}",
    "\u{309}",
    "\u{323}",
    "\u{302}",
    "\u{1}",
    "\u{7f}",
    "https://tin.example.vn/a-b?c=1",
    "Ảnh: ",
    "TP.",
    "v.v.",
    "🎉",
];

/// Invisible characters that normalize drops.
const INVISIBLE: &[&str] = &[
    "\u{200b}", "\u{200c}", "\u{2060}", "\u{feff}", "\u{ad}", "\u{1}", "\u{200e}",
];
/// Combining marks of Vietnamese (tones, circumflex, breve, horn).
const MARKS: &[&str] = &[
    "\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}", "\u{302}", "\u{306}", "\u{31b}",
];

/// Markdown markup, to mix into text.
const MARKDOWN: &[&str] = &[
    "\n# ",
    "\n## ",
    "**",
    "*",
    "_",
    "__",
    "~~",
    "`",
    "``",
    "\n```\n",
    "\n~~~\n",
    "[",
    "]",
    "](",
    ")",
    "![",
    "<",
    ">",
    "<b>",
    "</b>",
    "<!--",
    "-->",
    "\n> ",
    "\n- ",
    "\n1. ",
    "\n---\n",
    "|",
    "\n|---|---|\n",
    "\\",
    "[x]: http://a",
    "\n===\n",
];

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::sample::select(list).prop_map(str::to_string)
}

/// A Vietnamese-looking syllable, sometimes capitalized.
fn syllable() -> impl Strategy<Value = String> {
    (pick(ONSETS), pick(NUCLEI), pick(CODAS), any::<bool>()).prop_map(|(o, n, c, cap)| {
        let s = format!("{o}{n}{c}");
        if cap {
            let mut it = s.chars();
            it.next()
                .map(|f| f.to_uppercase().chain(it).collect())
                .unwrap_or_default()
        } else {
            s
        }
    })
}

/// One piece of text: mostly syllables, then punctuation, numbers, odd
/// spaces and marks, and now and then any character at all.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => syllable(),
        3 => pick(PUNCT),
        2 => (0u32..100_000).prop_map(|n| n.to_string()),
        1 => "[0-9]{1,3}([.,/:][0-9]{1,4}){0,2}",
        3 => pick(ODD),
        // A mark that only meets its letter once the invisible character
        // between them is gone.
        1 => (syllable(), pick(INVISIBLE), pick(MARKS)).prop_map(|(s, i, m)| s + &i + &m),
        1 => (pick(MARKS), pick(MARKS)).prop_map(|(a, b)| a + &b),
        1 => any::<char>().prop_map(String::from),
    ]
}

/// Vietnamese-like text: pieces joined by spaces (or not).
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec((piece(), prop::bool::weighted(0.75)), 0..80).prop_map(|pieces| {
        let mut s = String::new();
        for (p, space) in pieces {
            s.push_str(&p);
            if space {
                s.push(' ');
            }
        }
        s
    })
}

/// Either Vietnamese-like text or any string at all.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![4 => text(), 1 => any::<String>()]
}

fn options() -> impl Strategy<Value = Options> {
    let length = prop_oneof![
        Just((None, None)),
        (1usize..12).prop_map(|n| (Some(n), None)),
        (0.5f64..=100.0).prop_map(|r| (None, Some(r))),
    ];
    (length, 0usize..40).prop_map(|((sentences, ratio), keywords)| Options {
        sentences,
        ratio,
        keywords,
        ..Options::default()
    })
}

// ------------------------------------------------------------- checks

fn check_span(text: &str, s: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(s.start <= s.end, "{what} {s:?} is reversed");
    prop_assert!(s.end <= text.len(), "{what} {s:?} is past the end");
    prop_assert!(
        text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
        "{what} {s:?} is not on char boundaries"
    );
    Ok(())
}

fn check_ordered(text: &str, spans: &[Span], what: &str) -> Result<(), TestCaseError> {
    for &s in spans {
        check_span(text, s, what)?;
        prop_assert!(!s.is_empty(), "{what} {s:?} is empty");
    }
    for w in spans.windows(2) {
        prop_assert!(
            w[0].end <= w[1].start,
            "{what}s {:?} and {:?} overlap or are out of order",
            w[0],
            w[1]
        );
    }
    Ok(())
}

fn non_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Words are ordered, trimmed, inside `within`, and cover its non-space
/// text.
fn check_words(text: &str, within: Span, words: &[Span], what: &str) -> Result<(), TestCaseError> {
    check_ordered(text, words, what)?;
    for &w in words {
        prop_assert!(
            within.start <= w.start && w.end <= within.end,
            "{what} {w:?} outside {within:?}"
        );
        let t = w.of(text);
        prop_assert_eq!(t.trim(), t, "{} {:?} is not trimmed", what, w);
    }
    let joined: String = words.iter().map(|w| non_space(w.of(text))).collect();
    prop_assert_eq!(
        joined,
        non_space(within.of(text)),
        "{}s do not cover {:?}",
        what,
        within.of(text)
    );
    Ok(())
}

fn check_document(doc: &Document) -> Result<(), TestCaseError> {
    let text = &doc.text;
    let blocks: Vec<Span> = doc.blocks.iter().map(|b| b.span).collect();
    check_ordered(text, &blocks, "block")?;
    for b in &doc.blocks {
        let t = b.span.of(text);
        prop_assert!(!t.contains('\n'), "block {:?} spans lines", t);
    }
    let sentences: Vec<Span> = doc.sentences.iter().map(|s| s.span).collect();
    check_ordered(text, &sentences, "sentence")?;
    for s in &doc.sentences {
        prop_assert!(s.block < doc.blocks.len(), "sentence block out of range");
        let b = doc.blocks[s.block].span;
        prop_assert!(
            b.start <= s.span.start && s.span.end <= b.end,
            "sentence {:?} outside its block {:?}",
            s.span,
            b
        );
        check_words(text, s.span, &s.words, "word")?;
    }
    if let Some(t) = doc
        .blocks
        .iter()
        .find(|b| b.kind == tomtat::BlockKind::Title)
    {
        check_words(text, t.span, &doc.title_words, "title word")?;
    }
    Ok(())
}

// ----------------------------------------------------------- properties

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn document_spans_are_well_formed(raw in any_text()) {
        let doc = engine().document(&raw, None);
        // Normalized, with paragraphs cut after a comma joined.
        prop_assert_eq!(&doc.text, &tomtat::boilerplate::blocks_joined(normalize(&raw)).0);
        check_document(&doc)?;
    }

    #[test]
    fn normalize_is_idempotent(raw in any_text()) {
        let once = normalize(&raw);
        prop_assert_eq!(normalize(&once), once.clone(), "not idempotent on {:?}", raw);
    }

    #[test]
    fn normalize_output_is_clean(raw in any_text()) {
        let out = normalize(&raw);
        prop_assert!(unicode_normalization::is_nfc(&out), "not NFC: {:?}", out);
        prop_assert_eq!(out.trim(), out.as_str(), "not trimmed");
        prop_assert!(!out.contains("\n\n\n"), "more than one empty line");
        prop_assert!(!out.contains("  "), "double space");
        prop_assert!(!out.contains(" \n") && !out.contains("\n "), "line not trimmed");
        // A tab between table cells stays, alone between visible characters.
        for bad in ["\t\t", " \t", "\t ", "\t\n", "\n\t"] {
            prop_assert!(!out.contains(bad), "{:?} in {:?}", bad, out);
        }
        prop_assert!(!out.starts_with('\t') && !out.ends_with('\t'), "tab at an end");
        for c in out.chars() {
            prop_assert!(matches!(c, '\n' | ' ' | '\t') || !c.is_whitespace(), "odd space {:?}", c);
            prop_assert!(matches!(c, '\n' | '\t') || !c.is_control(), "control {:?}", c);
            prop_assert!(!matches!(c, '\u{200b}' | '\u{feff}' | '\u{ad}'), "invisible {:?}", c);
        }
    }

    #[test]
    fn normalize_ignores_decomposition(raw in any_text()) {
        let nfd: String = raw.nfd().collect();
        prop_assert_eq!(normalize(&nfd), normalize(&raw));
    }

    #[test]
    fn summaries_keep_their_promises(
        raws in prop::collection::vec(any_text(), 1..4),
        opts in options(),
    ) {
        let e = engine();
        let docs: Vec<Document> = raws.iter().map(|r| e.document(r, None)).collect();
        let result = e.summarize(&docs, &opts);
        let total: usize = docs.iter().map(|d| d.sentences.len()).sum();
        let summary = match result {
            Err(err) => {
                prop_assert_eq!(total, 0, "error {} with sentences", err);
                prop_assert_eq!(err.kind(), tomtat::ErrorKind::Empty);
                return Ok(());
            }
            Ok(s) => s,
        };
        prop_assert!(total > 0, "a summary of nothing");
        prop_assert!(!summary.sentences.is_empty(), "no sentence out of {}", total);
        let limit = match (opts.sentences, opts.ratio) {
            (Some(n), _) => n,
            (None, Some(_)) => total,
            (None, None) => 7,
        };
        prop_assert!(summary.sentences.len() <= limit.min(total));
        let keys: Vec<(usize, usize)> = summary.sentences.iter().map(|p| (p.doc, p.index)).collect();
        prop_assert!(keys.windows(2).all(|w| w[0] < w[1]), "not unique in reading order: {:?}", keys);
        for p in &summary.sentences {
            prop_assert!(p.doc < docs.len());
            let doc = &docs[p.doc];
            prop_assert!(p.index < doc.sentences.len());
            prop_assert_eq!(p.span, doc.sentences[p.index].span);
            prop_assert_eq!(p.text.as_str(), doc.sentence_text(p.index));
            prop_assert!(p.score.is_finite(), "score {}", p.score);
        }
        prop_assert!(summary.keywords.len() <= opts.keywords);
        let mut seen = std::collections::HashSet::new();
        for k in &summary.keywords {
            prop_assert!(k.score.is_finite(), "keyword score {}", k.score);
            prop_assert!(k.count >= 1);
            prop_assert!(!k.text.trim().is_empty());
            prop_assert!(seen.insert(tomtat::normalize::canonical(&k.text)), "keyword {:?} twice", k.text);
        }
        // The same input gives the same output.
        let docs2: Vec<Document> = raws.iter().map(|r| e.document(r, None)).collect();
        prop_assert_eq!(&docs2, &docs);
        prop_assert_eq!(e.summarize(&docs2, &opts).unwrap(), summary);
    }

    /// Any string at all: the document is well formed (spans inside its
    /// text, on character boundaries, words covering their sentence); the
    /// summary fails only as "empty", and only without sentences; the
    /// sentences it picks are the document's.
    #[test]
    fn arbitrary_strings_give_spans_inside_the_text(raw in any::<String>(), opts in options()) {
        let e = engine();
        let doc = e.document(&raw, None);
        prop_assert_eq!(&doc.text, &normalize(&raw));
        check_document(&doc)?;
        match e.summarize_text(&raw, &opts) {
            Err(err) => {
                prop_assert_eq!(err.kind(), tomtat::ErrorKind::Empty, "{}", err);
                prop_assert!(doc.sentences.is_empty(), "{} with sentences", err);
            }
            Ok((again, summary)) => {
                prop_assert_eq!(&again, &doc);
                prop_assert!(!summary.sentences.is_empty());
                for p in &summary.sentences {
                    prop_assert_eq!(p.doc, 0);
                    prop_assert_eq!(p.text.as_str(), doc.sentence_text(p.index));
                }
            }
        }
    }

    #[test]
    fn segment_line_keeps_characters(raw in text()) {
        let line = raw.replace(['\n', '\r', '_'], " ");
        let out = engine().segmenter().segment_line(&line);
        let strip = |s: &str| -> String {
            s.chars().filter(|c| !c.is_whitespace() && *c != '_').collect()
        };
        prop_assert_eq!(strip(&out), strip(&line));
        prop_assert!(!out.contains('\n'));
    }

    #[test]
    fn markdown_keeps_lines_and_never_panics(
        raw in prop::collection::vec(
            prop_oneof![
                3 => text(),
                1 => pick(MARKDOWN),
                1 => any::<String>(),
            ],
            0..12,
        ).prop_map(|parts| parts.concat()),
    ) {
        let out = tomtat::read::strip_markdown(&raw);
        let lines = |s: &str| s.matches('\n').count();
        prop_assert_eq!(lines(&out), lines(&raw), "{:?} became {:?}", raw, out);
    }
}
