//! Stage 3: the lines of the display text, classified as title, body or
//! noise (captions, links, menus, comment boxes…).
//!
//! First version: one block per non-empty line; lines that are links or
//! carry no letter are noise; the first line that looks like a heading is
//! the title.

use crate::document::{Block, BlockKind, Noise, Span};

/// Splits `text` into its non-empty lines and classifies each.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut have_title = false;
    for line in text.split('\n') {
        let end = start + line.len();
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let s = start + (line.len() - line.trim_start().len());
            let span = Span::new(s, s + trimmed.len());
            let kind = if trimmed.contains("://") || trimmed.starts_with("www.") {
                BlockKind::Noise(Noise::Link)
            } else if !trimmed.chars().any(char::is_alphabetic) {
                BlockKind::Noise(Noise::Figures)
            } else if !have_title && trimmed.split_whitespace().count() >= 4 {
                have_title = true;
                BlockKind::Title
            } else {
                BlockKind::Body
            };
            out.push(Block { span, kind });
        }
        start = end + 1;
    }
    out
}
