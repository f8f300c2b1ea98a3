//! Markdown to the plain text a reader sees, one line per line.

/// Markdown source to the plain text a reader sees, line by line.
///
/// A small hand-written pass rather than a full CommonMark parser: it keeps
/// one output line per input line (dropped lines become empty), which the
/// line-based boilerplate stage relies on, and it only needs to remove what
/// would otherwise be read as words or sentence punctuation:
///
/// - headings' `#` marks and setext `===` underlines, thematic breaks;
/// - block quote `>` marks, list bullets and numbers, task boxes;
/// - fenced code blocks (whole), YAML front matter (whole);
/// - table pipes and delimiter rows (cells are joined with `, `);
/// - link reference definitions;
/// - emphasis (`*`, `_`, `**`, `__`, `~~`) when it opens and closes, code
///   spans, `[text](url)` and `![alt](url)` (the text stays), autolinks,
///   HTML tags and comments, backslash escapes.
///
/// Indented code blocks are kept as text: in real documents an indented
/// line is far more often an indented paragraph.
pub fn strip_markdown(src: &str) -> String {
    let lines: Vec<&str> = src.lines().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = front_matter_end(&lines).unwrap_or(0);
    for _ in 0..i {
        out.push('\n');
    }
    let mut fence: Option<(char, usize)> = None;
    let mut in_table = false;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        let mut rest = line.trim_start();
        if let Some((c, n)) = fence {
            let run = rest.chars().take_while(|&x| x == c).count();
            if run >= n && rest[run..].trim().is_empty() {
                fence = None;
            }
            out.push('\n');
            continue;
        }
        // Block quote marks, possibly nested.
        while let Some(r) = rest.strip_prefix('>') {
            rest = r.trim_start();
        }
        if let Some(f) = fence_open(rest) {
            fence = Some(f);
            out.push('\n');
            continue;
        }
        if is_delimiter_row(rest) {
            in_table = true;
            out.push('\n');
            continue;
        }
        let next_is_delimiter = lines
            .get(i)
            .is_some_and(|l| is_delimiter_row(l.trim_start().trim_start_matches('>').trim()));
        in_table = in_table && rest.contains('|');
        if in_table || next_is_delimiter || (rest.starts_with('|') && rest.len() > 1) {
            let cells: Vec<String> = split_cells(rest)
                .into_iter()
                .map(|c| strip_inline(c.trim()))
                .filter(|c| !c.is_empty())
                .collect();
            out.push_str(&cells.join(", "));
            out.push('\n');
            continue;
        }
        if is_thematic_break(rest) || (!rest.is_empty() && rest.chars().all(|c| c == '=')) {
            out.push('\n');
            continue;
        }
        if is_reference_definition(rest) {
            out.push('\n');
            continue;
        }
        rest = strip_heading(rest);
        rest = strip_list_marker(rest);
        out.push_str(&strip_inline(rest));
        out.push('\n');
    }
    if !src.ends_with('\n') {
        out.pop();
    }
    out
}

/// The index of the first line after a YAML front matter block, if the
/// text starts with one (`---` ... `---` or `...`).
fn front_matter_end(lines: &[&str]) -> Option<usize> {
    if lines.first()?.trim_end() != "---" {
        return None;
    }
    let close = lines[1..]
        .iter()
        .position(|l| matches!(l.trim_end(), "---" | "..."))?;
    // `key: value` lines only, or it is a thematic break and a paragraph.
    let body = &lines[1..1 + close];
    if body.is_empty()
        || !body
            .iter()
            .all(|l| l.trim().is_empty() || l.contains(':') || l.starts_with([' ', '-']))
    {
        return None;
    }
    Some(close + 2)
}

/// `(fence char, length)` when `line` opens a fenced code block.
fn fence_open(line: &str) -> Option<(char, usize)> {
    let c = line.chars().next().filter(|&c| c == '`' || c == '~')?;
    let n = line.chars().take_while(|&x| x == c).count();
    // An info string may follow, but a backtick fence's may not contain one.
    (n >= 3 && !(c == '`' && line[n..].contains('`'))).then_some((c, n))
}

/// `---`, `***`, `___`, `- - -`: three or more of one mark, spaces allowed.
fn is_thematic_break(line: &str) -> bool {
    let marks: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3 && matches!(marks[0], '-' | '*' | '_') && marks.iter().all(|&c| c == marks[0])
}

/// A table's delimiter row: `|---|:--:|`, `--- | ---`.
fn is_delimiter_row(line: &str) -> bool {
    let line = line.trim();
    if !line.contains('|') && !line.starts_with(':') {
        return false;
    }
    let cells: Vec<&str> = line.trim_matches('|').split('|').collect();
    !cells.is_empty()
        && cells.iter().all(|c| {
            let c = c.trim().trim_start_matches(':').trim_end_matches(':');
            !c.is_empty() && c.chars().all(|x| x == '-')
        })
}

/// The cells of a table row, without the outer pipes; `\|` stays a pipe.
fn split_cells(line: &str) -> Vec<&str> {
    let line = line.trim();
    let line = line.strip_prefix('|').unwrap_or(line);
    let line = match line.strip_suffix('|') {
        Some(l) if !l.ends_with('\\') => l,
        _ => line,
    };
    let mut cells = Vec::new();
    let mut start = 0;
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'|' && (i == 0 || bytes[i - 1] != b'\\') {
            cells.push(&line[start..i]);
            start = i + 1;
        }
    }
    cells.push(&line[start..]);
    cells
}

/// `[label]: destination`.
fn is_reference_definition(line: &str) -> bool {
    line.starts_with('[')
        && line
            .find("]:")
            .is_some_and(|i| i > 1 && !line[1..i].contains(']') && !line[i + 2..].trim().is_empty())
}

/// A line without its ATX heading marks (`## Tiêu đề ##` → `Tiêu đề`).
fn strip_heading(line: &str) -> &str {
    let n = line.chars().take_while(|&c| c == '#').count();
    if n == 0 || n > 6 {
        return line;
    }
    let rest = &line[n..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return line; // `#hashtag`
    }
    let rest = rest.trim();
    // A closing sequence must follow a space (`C#` stays).
    let body = rest.trim_end_matches('#');
    if body.is_empty() {
        ""
    } else if body.ends_with([' ', '\t']) {
        body.trim_end()
    } else {
        rest
    }
}

/// A line without its list marker (`- `, `* `, `+ `, `1. `, `2) `) and task
/// box (`[ ] `, `[x] `).
fn strip_list_marker(line: &str) -> &str {
    let after = if let Some(r) = line.strip_prefix(['-', '*', '+']) {
        r
    } else {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        // Up to three digits: `2023. Kinh tế` is more likely a year.
        match line[digits..].strip_prefix(['.', ')']) {
            Some(r) if (1..=3).contains(&digits) => r,
            _ => return line,
        }
    };
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return line;
    }
    let after = after.trim_start();
    for task in ["[ ]", "[x]", "[X]"] {
        if let Some(r) = after.strip_prefix(task) {
            if r.is_empty() || r.starts_with([' ', '\t']) {
                return r.trim_start();
            }
        }
    }
    after
}

/// A delimiter run of `*`, `_` or `~` in the inline pass.
struct Delim {
    /// Index in the pieces.
    piece: usize,
    c: char,
    len: usize,
    open: bool,
    close: bool,
}

/// Inline markup removed from one line.
///
/// One pass over the line, without recursion: a link's text is read in
/// place, with the rest of the line hidden until its `]` (a frame on
/// `frames`), as if it were a line of its own. Bracket pairs are matched
/// once for the whole line ([`Brackets`]), and each kind of emphasis mark
/// has its own chain of openers, so no step rescans what came before:
/// links nested thousands deep cost what a flat line of that length does.
fn strip_inline(line: &str) -> String {
    // Text pieces, and delimiter runs whose kept length is decided last.
    let mut pieces: Vec<(String, usize)> = Vec::new(); // (text, delimiter count)
    let mut delims: Vec<Delim> = Vec::new();
    let mut marks: Vec<Mark> = Vec::new();
    let all: Vec<char> = line.chars().collect();
    let brackets = Brackets::new(&all);
    let mut text = String::new();
    // The link texts being read: where each starts, where its `]` is, and
    // where the whole link ends.
    let mut frames: Vec<(usize, usize, usize)> = Vec::new();
    let mut i = 0;
    let flush = |text: &mut String, pieces: &mut Vec<(String, usize)>| {
        if !text.is_empty() {
            pieces.push((std::mem::take(text), 0));
        }
    };
    loop {
        let (from, limit) = frames.last().map_or((0, all.len()), |f| (f.0, f.1));
        if i >= limit {
            match frames.pop() {
                Some((_, _, end)) => {
                    marks.push(Mark::Leave);
                    i = end;
                    continue;
                }
                None => break,
            }
        }
        let chars = &all[..limit];
        let c = chars[i];
        match c {
            '\\' if chars.get(i + 1).is_some_and(char::is_ascii_punctuation) => {
                text.push(chars[i + 1]);
                i += 2;
            }
            '`' => {
                let n = run_len(chars, i);
                match find_run(chars, i + n, '`', n) {
                    Some(end) => {
                        let code: String = chars[i + n..end].iter().collect();
                        let code = code
                            .strip_prefix(' ')
                            .and_then(|c| c.strip_suffix(' '))
                            .filter(|c| !c.trim().is_empty())
                            .map(str::to_string)
                            .unwrap_or(code);
                        text.push_str(&code);
                        i = end + n;
                    }
                    None => {
                        text.extend(&chars[i..i + n]);
                        i += n;
                    }
                }
            }
            '!' | '[' => {
                let open = if c == '!' { i + 1 } else { i };
                let found = brackets
                    .link(chars, open)
                    .filter(|_| c == '[' || chars.get(i + 1) == Some(&'['));
                match found {
                    Some((label, end)) => {
                        frames.push((open + 1, label, end));
                        marks.push(Mark::Enter);
                        i = open + 1;
                    }
                    None => {
                        text.push(c);
                        i += 1;
                    }
                }
            }
            '<' => match tag_end(chars, i) {
                Some((end, keep)) => {
                    if keep {
                        text.extend(&chars[i + 1..end - 1]);
                    }
                    i = end;
                }
                None => {
                    text.push(c);
                    i += 1;
                }
            },
            '*' | '_' | '~' => {
                let n = run_len(chars, i);
                // A link's text starts a line of its own.
                let before = (i > from).then(|| chars[i - 1]);
                let after = chars.get(i + n).copied();
                let (left, right) = flanking(before, after);
                let (open, close) = match c {
                    '_' => (
                        left && (!right || before.is_some_and(is_punct)),
                        right && (!left || after.is_some_and(is_punct)),
                    ),
                    '~' if n != 2 => (false, false),
                    _ => (left, right),
                };
                flush(&mut text, &mut pieces);
                if open || close {
                    delims.push(Delim {
                        piece: pieces.len(),
                        c,
                        len: n,
                        open,
                        close,
                    });
                    marks.push(Mark::Run(delims.len() - 1));
                }
                pieces.push((std::iter::repeat_n(c, n).collect(), n));
                i += n;
            }
            _ => {
                text.push(c);
                i += 1;
            }
        }
    }
    flush(&mut text, &mut pieces);
    match_delimiters(&marks, &mut delims, &mut pieces);
    let mut out = String::with_capacity(line.len());
    for (t, n) in pieces {
        match t.chars().next() {
            Some(c @ ('*' | '_' | '~')) if t.chars().all(|x| x == c) => {
                out.extend(std::iter::repeat_n(c, n))
            }
            _ => out.push_str(&t),
        }
    }
    out
}

/// What the inline pass saw, in order, for the matching of emphasis.
enum Mark {
    /// A delimiter run (an index in the runs).
    Run(usize),
    /// A link's text begins.
    Enter,
    /// A link's text ends.
    Leave,
}

/// The open runs of [`match_delimiters`]: a stack, and for each mark the
/// position of its nearest run, each run knowing the next one down with
/// the same mark; so the nearest opener of a mark costs nothing to find.
#[derive(Default)]
struct Openers {
    stack: Vec<(usize, Option<usize>)>,
    top: [Option<usize>; 3],
}

impl Openers {
    fn slot(c: char) -> usize {
        match c {
            '*' => 0,
            '_' => 1,
            _ => 2,
        }
    }

    fn push(&mut self, d: usize, c: char) {
        let k = Openers::slot(c);
        self.stack.push((d, self.top[k]));
        self.top[k] = Some(self.stack.len() - 1);
    }

    /// Drops the runs from position `keep` up; each run is dropped once,
    /// so all the truncations of a line cost its length.
    fn truncate(&mut self, keep: usize) {
        for t in &mut self.top {
            while let Some(p) = t.filter(|&p| p >= keep) {
                *t = self.stack[p].1;
            }
        }
        self.stack.truncate(keep);
    }
}

/// Matches closers to openers, innermost first, and sets each run's kept
/// length in `pieces`; matched marks are removed. A closer matches the
/// nearest open run of its mark; the runs opened after that one are closed
/// with it. A link's text is a line of its own: its runs and the runs
/// outside it never match.
fn match_delimiters(marks: &[Mark], delims: &mut [Delim], pieces: &mut [(String, usize)]) {
    let mut open = Openers::default();
    // Where each enclosing link text's runs begin on the stack.
    let mut bases: Vec<usize> = Vec::new();
    for mark in marks {
        let d = match *mark {
            Mark::Enter => {
                bases.push(open.stack.len());
                continue;
            }
            Mark::Leave => {
                open.truncate(bases.pop().unwrap_or(0));
                continue;
            }
            Mark::Run(d) => d,
        };
        let base = bases.last().copied().unwrap_or(0);
        let k = Openers::slot(delims[d].c);
        if delims[d].close {
            if let Some(pos) = open.top[k].filter(|&p| p >= base) {
                let o = open.stack[pos].0;
                let n = delims[o].len.min(delims[d].len);
                delims[o].len -= n;
                delims[d].len -= n;
                pieces[delims[o].piece].1 = delims[o].len;
                pieces[delims[d].piece].1 = delims[d].len;
                open.truncate(if delims[o].len > 0 { pos + 1 } else { pos });
                if delims[d].len == 0 {
                    continue;
                }
            }
        }
        if delims[d].open {
            open.push(d, delims[d].c);
        }
    }
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation() || (!c.is_alphanumeric() && !c.is_whitespace())
}

/// CommonMark's left- and right-flanking rules for a delimiter run between
/// `before` and `after`.
fn flanking(before: Option<char>, after: Option<char>) -> (bool, bool) {
    let ws = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let punct = |c: Option<char>| c.is_some_and(is_punct);
    let left = !ws(after) && (!punct(after) || ws(before) || punct(before));
    let right = !ws(before) && (!punct(before) || ws(after) || punct(after));
    (left, right)
}

fn run_len(chars: &[char], i: usize) -> usize {
    chars[i..].iter().take_while(|&&c| c == chars[i]).count()
}

/// The start of the next run of exactly `n` `c`s at or after `from`.
fn find_run(chars: &[char], from: usize, c: char, n: usize) -> Option<usize> {
    let mut j = from;
    while j < chars.len() {
        if chars[j] == c {
            let m = run_len(chars, j);
            if m == n {
                return Some(j);
            }
            j += m;
        } else {
            j += 1;
        }
    }
    None
}

/// The matching pairs of `[]` and of `()` in a line, found in one pass
/// (a backslash escapes the character after it).
struct Brackets {
    /// For each position, the position of the bracket closing the one
    /// there, or `usize::MAX`.
    closer: Vec<usize>,
}

impl Brackets {
    fn new(chars: &[char]) -> Brackets {
        let mut closer = vec![usize::MAX; chars.len()];
        let (mut square, mut round) = (Vec::new(), Vec::new());
        let mut j = 0;
        while j < chars.len() {
            match chars[j] {
                '\\' => j += 1,
                '[' => square.push(j),
                '(' => round.push(j),
                ']' => {
                    if let Some(o) = square.pop() {
                        closer[o] = j;
                    }
                }
                ')' => {
                    if let Some(o) = round.pop() {
                        closer[o] = j;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        Brackets { closer }
    }

    /// The bracket closing the one at `open`, when it lies in `chars`.
    fn matching(&self, chars: &[char], open: usize) -> Option<usize> {
        let c = *self.closer.get(open)?;
        (c < chars.len()).then_some(c)
    }

    /// For `[` at `open`: the index of its `]` and the end of the whole
    /// link, when it is `[text](destination)` or `[text][label]`.
    fn link(&self, chars: &[char], open: usize) -> Option<(usize, usize)> {
        if chars.get(open) != Some(&'[') {
            return None;
        }
        let close = self.matching(chars, open)?;
        match chars.get(close + 1) {
            Some('(' | '[') => Some((close, self.matching(chars, close + 1)? + 1)),
            _ => None,
        }
    }
}

/// For `<` at `i`: the end of an HTML tag, comment or autolink, and whether
/// its inside is kept (autolinks) or not (tags).
fn tag_end(chars: &[char], i: usize) -> Option<(usize, bool)> {
    let next = *chars.get(i + 1)?;
    if !(next.is_ascii_alphabetic() || next == '/' || next == '!') {
        return None;
    }
    let close = i + 1 + chars[i + 1..].iter().position(|&c| c == '>' || c == '<')?;
    if chars[close] != '>' {
        return None;
    }
    let inner: String = chars[i + 1..close].iter().collect();
    let autolink = inner.contains("://") || (inner.contains('@') && !inner.contains(' '));
    if !autolink {
        // A tag: a name of ASCII letters, digits and dashes first.
        let name = inner.trim_start_matches(['/', '!']);
        let name_len = name
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .count();
        if name_len == 0 && !inner.starts_with("!--") {
            return None;
        }
    }
    Some((close + 1, autolink))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One row per behaviour: (name, Markdown, text).
    const MARKDOWN_CASES: &[(&str, &str, &str)] = &[
        ("heading", "# Quân khu 7 họp", "Quân khu 7 họp"),
        ("heading with closing marks", "## Tin mới ##", "Tin mới"),
        ("heading level 6, empty heading", "###### Sáu\n#", "Sáu\n"),
        ("seven marks is text", "####### bảy", "####### bảy"),
        ("hashtag is text", "#VietNam và C#", "#VietNam và C#"),
        (
            "setext underline",
            "Tiêu đề\n=====\nThân bài",
            "Tiêu đề\n\nThân bài",
        ),
        ("thematic breaks", "a\n---\n* * *\n___\nb", "a\n\n\n\nb"),
        (
            "block quote",
            "> Trích dẫn\n>> lồng nhau",
            "Trích dẫn\nlồng nhau",
        ),
        (
            "bullets",
            "- một\n* hai\n+ ba\n  - con",
            "một\nhai\nba\ncon",
        ),
        ("numbered", "1. một\n2) hai\n10. mười", "một\nhai\nmười"),
        (
            "a year is not a list number",
            "2023. Năm bản lề",
            "2023. Năm bản lề",
        ),
        ("dash without space is text", "-5 độ", "-5 độ"),
        ("task list", "- [ ] việc\n- [x] xong", "việc\nxong"),
        (
            "strong and emphasis",
            "**Bộ Tư lệnh** và *Ủy ban* và __Sở__ và _Phòng_",
            "Bộ Tư lệnh và Ủy ban và Sở và Phòng",
        ),
        (
            "nested emphasis",
            "***rất*** **đậm *nghiêng* đậm**",
            "rất đậm nghiêng đậm",
        ),
        ("strikethrough", "~~bỏ~~ giữ", "bỏ giữ"),
        (
            "snake_case stays",
            "biến so_luong_dan va file_name.txt",
            "biến so_luong_dan va file_name.txt",
        ),
        ("lone stars stay", "5 * 3 = 15 và a*", "5 * 3 = 15 và a*"),
        ("unclosed emphasis stays", "**chưa đóng", "**chưa đóng"),
        (
            "link",
            "Xem [bài gốc](https://example.vn/a \"tựa\") nhé",
            "Xem bài gốc nhé",
        ),
        (
            "link with parentheses in url",
            "[Wiki](https://vi.wikipedia.org/wiki/A_(B)).",
            "Wiki.",
        ),
        (
            "image",
            "![Ảnh: hội nghị](a.jpg) Sáng nay",
            "Ảnh: hội nghị Sáng nay",
        ),
        (
            "reference link and definition",
            "Theo [báo][1].\n\n[1]: https://example.vn",
            "Theo báo.\n\n",
        ),
        (
            "brackets without link stay",
            "Điều [1] và [a]",
            "Điều [1] và [a]",
        ),
        ("emphasis inside a link", "[**đậm**](u)", "đậm"),
        (
            "code span",
            "Lệnh `tomtat a.txt` chạy",
            "Lệnh tomtat a.txt chạy",
        ),
        ("double backtick code span", "`` a ` b ``", "a ` b"),
        ("unclosed backtick stays", "a ` b", "a ` b"),
        (
            "fenced code",
            "Trước\n```rust\nlet x = 1;\n```\nSau",
            "Trước\n\n\n\nSau",
        ),
        (
            "tilde fence",
            "~~~\n# không phải tiêu đề\n~~~~\nSau",
            "\n\n\nSau",
        ),
        ("unclosed fence runs to the end", "a\n```\nb\nc", "a\n\n\n"),
        (
            "html tags and comments",
            "a<br>b <b>đậm</b> <!-- ẩn --> c",
            "ab đậm  c",
        ),
        (
            "comparison is not a tag",
            "a < b > c và 3<5",
            "a < b > c và 3<5",
        ),
        (
            "autolink keeps the address",
            "<https://example.vn> và <a@b.vn>",
            "https://example.vn và a@b.vn",
        ),
        (
            "escapes",
            "\\*không nghiêng\\* và \\# và \\[x\\](y)",
            "*không nghiêng* và # và [x](y)",
        ),
        (
            "table",
            "| Tỉnh | Số dân |\n|:---|---:|\n| Bình Phước | 1.000 |",
            "Tỉnh, Số dân\n\nBình Phước, 1.000",
        ),
        (
            "table without outer pipes",
            "Tỉnh | Số\n--- | ---\nA | **1**\n\nSau",
            "Tỉnh, Số\n\nA, 1\n\nSau",
        ),
        (
            "escaped pipe in a cell",
            "| a \\| b | c |\n|---|---|",
            "a | b, c\n",
        ),
        (
            "front matter",
            "---\ntitle: Bài\ntags: [a]\n---\nThân",
            "\n\n\n\nThân",
        ),
        (
            "thematic break first is not front matter",
            "---\nMột đoạn văn.\n---\nHai",
            "\nMột đoạn văn.\n\nHai",
        ),
        ("CRLF", "# A\r\n- b\r\n", "A\nb\n"),
        (
            "plain Vietnamese unchanged",
            "Hôm nay, trời đẹp (28°C)! Giá: 7.200đ/kg; 50% - tốt.",
            "Hôm nay, trời đẹp (28°C)! Giá: 7.200đ/kg; 50% - tốt.",
        ),
        ("empty", "", ""),
    ];

    #[test]
    fn markdown_table() {
        for &(name, md, want) in MARKDOWN_CASES {
            assert_eq!(strip_markdown(md), want, "{name}: {md:?}");
        }
    }

    #[test]
    fn markdown_keeps_one_line_per_line() {
        for &(name, md, _) in MARKDOWN_CASES {
            let lines = |s: &str| s.matches('\n').count();
            assert_eq!(lines(&strip_markdown(md)), lines(md), "{name}");
        }
    }

    #[test]
    /// Odd and cut-off markup: one output line per input line, and each
    /// output line is made of its input line's characters, in order (what
    /// is not markup stays; table cells may gain the `, ` that joins
    /// them).
    fn odd_markdown_keeps_its_lines_and_characters() {
        for md in [
            "[",
            "](",
            "![",
            "[a](",
            "[a][",
            "<",
            "<a",
            "``",
            "\\",
            "*_~",
            "|",
            "||",
            "|-|",
            "-",
            "1.",
            ">",
            "# ",
            "---",
            "\u{301}*a*",
            "Đ**",
            "**Đ",
            "`Ả`",
        ] {
            for src in [md.to_string(), format!("{md}\n{md} x\n\n{md}")] {
                let out = strip_markdown(&src);
                assert_eq!(
                    out.matches('\n').count(),
                    src.matches('\n').count(),
                    "{src:?} → {out:?}"
                );
                for (o, i) in out.lines().zip(src.lines()) {
                    assert!(in_order(o, i), "{src:?}: {o:?} is not drawn from {i:?}");
                }
            }
        }
    }

    /// Whether the characters of `out` (but the spaces and commas a
    /// table's cells are joined with) appear in `src`, in order.
    fn in_order(out: &str, src: &str) -> bool {
        let mut src = src.chars();
        out.chars()
            .filter(|c| !c.is_whitespace() && *c != ',')
            .all(|c| src.any(|s| s == c))
    }
}
