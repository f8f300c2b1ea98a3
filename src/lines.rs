//! What a line of text is, told from its own characters: a formula of
//! mathematics, a list item, a bullet, a section's number. The reader asks
//! when it joins lines into paragraphs ([`reflow`](crate::read::reflow)),
//! the structure stage when it tells sentences from figures, and the
//! boilerplate stage when it keeps list items apart.

/// Whether `c` is a letter of the Latin scripts (Vietnamese included) or
/// a tone mark set apart from its letter (a pdf's text before NFC).
pub(crate) fn latin(c: char) -> bool {
    (c.is_alphabetic() && (c < '\u{0250}' || ('\u{1E00}'..='\u{1EFF}').contains(&c)))
        || ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Whether `line` opens with a bullet: `•`, `▪`, `◦`… or Word's `o`
/// before a capital (`o Tìm hiểu …`).
pub(crate) fn bullet(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('•' | '▪' | '‣' | '◦' | '●' | '■' | '□' | '►' | '➢' | '✓' | '❖' | '⁃') => {
            true
        }
        Some('o') => chars.next() == Some(' ') && chars.next().is_some_and(char::is_uppercase),
        _ => false,
    }
}

/// Whether a character is a mark of mathematics: a relation, an operator,
/// a Greek letter.
fn math_char(c: char) -> bool {
    matches!(
        c,
        '=' | '∑'
            | '∏'
            | '√'
            | '∫'
            | '∼'
            | '≈'
            | '≤'
            | '≥'
            | '≠'
            | '∈'
            | '∉'
            | '∇'
            | '∂'
            | '×'
            | '·'
            | '⋅'
            | '∗'
            | '−'
            | '±'
            | '∥'
            | '‖'
            | '∞'
            | '∝'
            | '⊙'
            | '⊕'
    ) || ('\u{0391}'..='\u{03C9}').contains(&c)
        || ('\u{1D400}'..='\u{1D7FF}').contains(&c)
}

/// Whether `line` is a line of a display formula: marks of mathematics
/// (`=`, `∑`, `√`, Greek letters, an equation's number `(2.3)`) and
/// fewer words than other tokens (`θt+1 = θt − α∇θJ(θt) (2.4)`, `Ât =`),
/// not a sentence that holds a formula (`trong đó α > 0 là learning
/// rate`). Words are tokens of Latin letters only, two at least, and a
/// formula holds one Vietnamese word at most (one with a letter off
/// ASCII); a line
/// of two tokens, one of them bare marks, is a formula's head (`Ât =`).
pub(crate) fn is_formula(line: &str) -> bool {
    if line.contains('\t') {
        return false;
    }
    let (mut tokens, mut marks, mut words, mut vietnamese, mut bare) = (0, 0, 0, 0, 0);
    for t in line.split_whitespace() {
        tokens += 1;
        // An operator of ASCII between terms (`1 + 10`), not a list's mark
        // nor the dash of a range (`2026 - 2030`).
        let operator = tokens > 1 && matches!(t, "+" | "/" | "*");
        if operator || t.chars().all(math_char) {
            bare += 1;
            marks += 1;
        } else if equation_number(t) || t.chars().any(|c| c != '=' && math_char(c)) {
            marks += 1;
        } else if prose_word(t) {
            words += 1;
            vietnamese += usize::from(!t.is_ascii());
        }
    }
    // `=` inside a token is a setting (`drop=2`, `mean=0,`), not a formula;
    // two Vietnamese words make a sentence about one (`theo công thức:
    // Result = α * …`).
    marks > 0 && ((vietnamese <= 1 && words * 2 < tokens) || (tokens == 2 && bare == 1))
}

/// Whether `line` is a display formula to show but never to summarize: a
/// formula line ([`is_formula`]) with a sign of mathematics in it (`=`,
/// `∑`, a Greek letter), not only ASCII operators, which a byline's
/// `(t / h)` has too.
pub(crate) fn is_display_formula(line: &str) -> bool {
    has_sign(line) && is_formula(line)
}

/// Whether `line` holds a [`math_char`]: the cheap test before
/// [`is_formula`], on bytes. Every such character starts with one of a few
/// bytes: `=` (of ASCII the only one), `C2` (`·`, `±`), `C3 97` (`×`),
/// `CE`, `CF` (Greek), `E2` (the operators) and `F0` (the mathematical
/// letters); the letters of Vietnamese start with none of them but `C3`,
/// so a few byte searches (memchr) find the candidates, each then decoded
/// and asked. A byte loop over every character cost about seven
/// instructions a byte, the most of the structure stage on news (issue
/// 13).
fn has_sign(line: &str) -> bool {
    let b = line.as_bytes();
    let sign_at = |i: usize| line[i..].chars().next().is_some_and(math_char);
    memchr::memchr(b'=', b).is_some()
        || memchr::memchr3_iter(0xC2, 0xCE, 0xCF, b).any(sign_at)
        || memchr::memchr2_iter(0xE2, 0xF0, b).any(sign_at)
        // `×`: its second byte, after its first (`97` also ends other
        // characters: `ỗ`, `E1 BB 97`).
        || memchr::memchr_iter(0x97, b).any(|i| i > 0 && b[i - 1] == 0xC3)
}

/// Whether the last line of `s` ends with an equation's number.
pub(crate) fn numbered(s: &str) -> bool {
    s.split_whitespace()
        .next_back()
        .is_some_and(equation_number)
}

/// Whether `t` is an equation's number: `(2)`, `(2.13)`.
fn equation_number(t: &str) -> bool {
    t.strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .is_some_and(|n| {
            !n.is_empty()
                && n.split('.')
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// Whether `t`, its quotes, brackets and punctuation left out, is a word:
/// two Latin letters or more and nothing else.
fn prose_word(t: &str) -> bool {
    let t = t.trim_start_matches(['(', '"', '“', '\'']);
    let t = t.trim_end_matches([',', '.', ';', ':', ')', '!', '?', '"', '”', '\'']);
    t.chars().count() >= 2 && t.chars().all(latin)
}

/// Whether `line` is a small piece of a formula set on a line of its own
/// (a sum's bounds `l=0`, `T`, a bracket `]`): four characters at most,
/// no word.
pub(crate) fn formula_piece(line: &str) -> bool {
    line.chars().count() <= 4 && !line.split_whitespace().any(prose_word)
}

/// Whether `line` starts with a list item's mark: `a)`, `b.`, `2.`, `12)`
/// (not a figure such as `11.800`).
pub(crate) fn list_item(line: &str) -> bool {
    let mark = line.split_whitespace().next().unwrap_or("");
    let Some(body) = mark.strip_suffix(['.', ')']) else {
        return false;
    };
    let mut chars = body.chars();
    match chars.next() {
        Some(c) if c.is_ascii_digit() => chars.all(|c| c.is_ascii_digit()),
        Some(c) if c.is_alphabetic() => chars.next().is_none(),
        _ => false,
    }
}

/// Whether `line` opens with a section's number of two levels or more:
/// `4.1.`, `2.3.1` (not a figure such as `11.800`, which has three
/// figures after its dot).
pub(crate) fn section_number(line: &str) -> bool {
    let mark = line.split_whitespace().next().unwrap_or("");
    let mark = mark.strip_suffix('.').unwrap_or(mark);
    mark.contains('.')
        && mark
            .split('.')
            .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_test_for_a_sign_is_the_char_test() {
        // Every character up to U+2FFF and the mathematical letters, each
        // alone and between Vietnamese letters, as `has_sign` reads them
        // by their first bytes.
        let chars = ('\0'..'\u{3000}').chain('\u{1D3F0}'..'\u{1D810}');
        for c in chars {
            for line in [c.to_string(), format!("Ấy{c}ờ đ"), format!("ư{c}")] {
                assert_eq!(has_sign(&line), line.chars().any(math_char), "{c:?}");
            }
        }
    }

    #[test]
    fn a_formula_is_told_from_a_sentence_that_holds_one() {
        // Sentences that hold a formula, a setting, a range are no formula.
        for line in [
            "trong đó α > 0 là learning rate (tốc độ học)",
            "theo công thức: Result = α * Heatmap + (1-α) * Image. Với α = 0.4, bản",
            "với chiều cao của chữ là 2 dòng (Lines to drop=2)",
            "giai đoạn 2026 - 2030",
        ] {
            assert!(!is_formula(line), "{line}");
        }
        // Tone marks apart from their letters are letters of words.
        assert!(!is_formula(
            "du\u{323} kha\u{301}c, thêm 5422 va\u{300}o 6539: (5422+6529)/3 ="
        ));
        for line in ["Ât =", "LP P O(θ) = Et", "at ∼ πθ(at|ot) (2.1)", "(2.22)"] {
            assert!(is_formula(line), "{line}");
        }
        // A display formula has a sign of mathematics, not only ASCII
        // operators, which a byline has too.
        assert!(is_display_formula("θt+1 = θt − α∇θJ(θt) (2.4)"));
        assert!(!is_display_formula("Trang Dung (t / h)"));
    }

    #[test]
    fn list_items_bullets_and_section_numbers() {
        for line in [
            "a) Người lao động",
            "đ. Trường hợp",
            "2. Đối tượng",
            "12) Mục",
        ] {
            assert!(list_item(line), "{line}");
        }
        for line in ["11.800 đồng", "ab) x", "Điều 2."] {
            assert!(!list_item(line), "{line}");
        }
        assert!(bullet("• Mục tiêu") && bullet("o Tìm hiểu") && !bullet("o là"));
        for line in ["4.1. Kết quả", "2.3.1 Dữ liệu"] {
            assert!(section_number(line), "{line}");
        }
        for line in ["4. Kết quả", "11.800 đồng", "2..1 x"] {
            assert!(!section_number(line), "{line}");
        }
    }
}
