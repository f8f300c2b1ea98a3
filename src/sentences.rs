//! Stage 4: a block of text to sentence spans.
//!
//! First version: a sentence ends at `.`, `!`, `?` or `…` followed by a space
//! and an upper-case letter, or at the end of the block.

use crate::document::Span;

/// The sentences of `text[within]`, as spans into `text`, trimmed.
pub fn split(text: &str, within: Span) -> Vec<Span> {
    let block = within.of(text);
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = block.char_indices().collect();
    for (n, &(i, c)) in chars.iter().enumerate() {
        if matches!(c, '.' | '!' | '?' | '…') {
            let next = chars.get(n + 1).map(|&(_, c)| c);
            let after = chars.get(n + 2).map(|&(_, c)| c);
            if next == Some(' ') && after.is_some_and(char::is_uppercase) {
                push(&mut out, within.start, block, start, i + c.len_utf8());
                start = i + c.len_utf8();
            }
        }
    }
    push(&mut out, within.start, block, start, block.len());
    out
}

fn push(out: &mut Vec<Span>, base: usize, block: &str, start: usize, end: usize) {
    let piece = &block[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let s = base + start + lead;
        out.push(Span::new(s, s + trimmed.len()));
    }
}
