//! Stage 5: a sentence to word spans.
//!
//! First version: forward longest match over syllables against the shipped
//! word lists (tone placement and case normalized on both sides). Numbers
//! such as `1.000`, `12,5`, `22/8/2023` and `12:17` are one token; every
//! punctuation mark is a word of its own.

mod dict;
mod lattice;

pub use dict::Dictionary;

use lattice::Lattice;

use crate::document::Span;
use crate::normalize::canonical_into;

/// The segmenter: the dictionary, built once and shared by all threads.
#[derive(Debug)]
pub struct Segmenter {
    dict: Dictionary,
}

impl Segmenter {
    /// A segmenter over the word lists shipped with the crate.
    pub fn new() -> Segmenter {
        Segmenter {
            dict: Dictionary::builtin(),
        }
    }

    /// A segmenter over the given dictionary.
    pub fn with_dictionary(dict: Dictionary) -> Segmenter {
        Segmenter { dict }
    }

    /// The dictionary.
    pub fn dictionary(&self) -> &Dictionary {
        &self.dict
    }

    /// A worker with its own scratch space, for one thread.
    pub fn worker(&self) -> Worker<'_> {
        Worker {
            seg: self,
            tokens: Vec::new(),
            keys: String::new(),
            lattice: Lattice::default(),
        }
    }

    /// Segments one line for `tomtat segment`: words separated by one space,
    /// the syllables of one word joined by `_`.
    pub fn segment_line(&self, line: &str) -> String {
        let mut w = self.worker();
        let mut words = Vec::new();
        w.words(line, Span::new(0, line.len()), &mut words);
        let mut out = String::with_capacity(line.len() + 8);
        for (i, s) in words.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            for (j, part) in s.of(line).split(' ').filter(|p| !p.is_empty()).enumerate() {
                if j > 0 {
                    out.push('_');
                }
                out.push_str(part);
            }
        }
        out
    }
}

impl Default for Segmenter {
    fn default() -> Segmenter {
        Segmenter::new()
    }
}

/// Per-thread scratch space over a shared [`Segmenter`].
#[derive(Debug)]
pub struct Worker<'s> {
    seg: &'s Segmenter,
    tokens: Vec<Token>,
    /// The canonical keys of the syllables, back to back; each token's
    /// `key` range points in here.
    keys: String,
    lattice: Lattice,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TokenKind {
    /// Contains a letter.
    Syllable,
    /// Digits, with inner separators.
    Number,
    /// Anything else: one mark (or a run of the same mark).
    Punct,
}

#[derive(Clone, Copy, Debug)]
struct Token {
    span: Span,
    kind: TokenKind,
    /// Its canonical key in [`Worker::keys`] (syllables only).
    key: (u32, u32),
}

impl Worker<'_> {
    /// Appends the word spans of `text[s]` to `out`.
    pub fn words(&mut self, text: &str, s: Span, out: &mut Vec<Span>) {
        tokenize(text, s, &mut self.tokens);
        self.keys.clear();
        for t in &mut self.tokens {
            if t.kind == TokenKind::Syllable {
                let start = self.keys.len() as u32;
                canonical_into(t.span.of(text), &mut self.keys);
                t.key = (start, self.keys.len() as u32);
            }
        }
        let toks = &self.tokens;
        let dict = &self.seg.dict;
        let mut i = 0;
        while i < toks.len() {
            if toks[i].kind != TokenKind::Syllable {
                out.push(toks[i].span);
                i += 1;
                continue;
            }
            // A run of syllables with only spaces between them.
            let mut j = i + 1;
            while j < toks.len()
                && toks[j].kind == TokenKind::Syllable
                && only_spaces(&text[toks[j - 1].span.end..toks[j].span.start])
            {
                j += 1;
            }
            segment_run(dict, &toks[i..j], &self.keys, &mut self.lattice, out);
            i = j;
        }
    }
}

/// Segments a run of syllables with only spaces between them.
fn segment_run(
    dict: &Dictionary,
    run: &[Token],
    keys: &str,
    lattice: &mut Lattice,
    out: &mut Vec<Span>,
) {
    lattice.solve(
        dict,
        |k| &keys[run[k].key.0 as usize..run[k].key.1 as usize],
        run.len(),
        |a, b| out.push(Span::new(run[a].span.start, run[b - 1].span.end)),
    );
}

fn only_spaces(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b == b' ')
}

/// Splits `text[s]` into syllables, numbers and punctuation marks.
fn tokenize(text: &str, s: Span, out: &mut Vec<Token>) {
    out.clear();
    let piece = s.of(text);
    let mut it = piece.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        let start = s.start + i;
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            let mut has_letter = c.is_alphabetic();
            let mut prev = c;
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphanumeric() || is_mark(d) {
                    has_letter |= d.is_alphabetic();
                } else if is_inner(prev, d)
                    && piece[j + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(|n| continues(prev, d, n))
                {
                    // an inner separator: 1.000, 22/8, H'leo
                } else {
                    break;
                }
                end = j + d.len_utf8();
                prev = d;
                it.next();
            }
            let kind = if has_letter {
                TokenKind::Syllable
            } else {
                TokenKind::Number
            };
            out.push(Token {
                span: Span::new(start, s.start + end),
                kind,
                key: (0, 0),
            });
        } else {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if d != c || c == '"' {
                    break;
                }
                end = j + d.len_utf8();
                it.next();
            }
            out.push(Token {
                span: Span::new(start, s.start + end),
                kind: TokenKind::Punct,
                key: (0, 0),
            });
        }
    }
}

/// Combining marks stay with their letter.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}')
}

/// Can `d` join the token after `prev`?
fn is_inner(prev: char, d: char) -> bool {
    match d {
        '.' | ',' | '/' | ':' | '-' => prev.is_ascii_digit(),
        '\'' | '’' => prev.is_alphabetic(),
        _ => false,
    }
}

/// Is `n`, after the separator `d`, a continuation of the token?
fn continues(_prev: char, d: char, n: char) -> bool {
    match d {
        '\'' | '’' => n.is_alphabetic(),
        _ => n.is_ascii_digit(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(seg: &Segmenter, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        seg.worker().words(text, Span::new(0, text.len()), &mut out);
        out.iter().map(|s| s.of(text).to_string()).collect()
    }

    #[test]
    fn dictionary_words_come_out_whole() {
        let seg = Segmenter::new();
        assert_eq!(
            words(&seg, "Quân khu 5 tổ chức hội nghị."),
            ["Quân khu", "5", "tổ chức", "hội nghị", "."]
        );
    }

    #[test]
    fn numbers_are_one_token() {
        let seg = Segmenter::new();
        assert_eq!(
            words(&seg, "Ngày 22/8/2023, lúc 12:17, có 1.000 người (12,5%)."),
            [
                "Ngày",
                "22/8/2023",
                ",",
                "lúc",
                "12:17",
                ",",
                "có",
                "1.000",
                "người",
                "(",
                "12,5",
                "%",
                ")",
                "."
            ]
        );
    }

    #[test]
    fn segment_line_joins_syllables() {
        let seg = Segmenter::new();
        assert_eq!(
            seg.segment_line("Quân khu 5 tổ chức hội nghị."),
            "Quân_khu 5 tổ_chức hội_nghị ."
        );
    }
}
