//! html: the main article of a page, as lines of text.
//!
//! The encoding comes from a byte order mark, then a `<meta charset>` in
//! the first kilobytes, then detection ([`super::encoding`]). The article
//! is found by `dom_smoothie`, a port of Mozilla's Readability: the
//! navigation, comments, related links, scripts and styles fall away. A
//! page too short for Readability to choose (a bare fragment) is read
//! whole, less its scripts, styles, navigation, header, footer, asides and
//! forms.
//!
//! Nesting deeper than [`MAX_DEPTH`] elements is flattened before parsing
//! (the tags beyond it are dropped, the text stays), so no tree walk in the
//! parser or the article finder can overflow the stack.

use dom_smoothie::{Config, Readability, TextMode};

use super::encoding::{self, Detected, Encoding};
use super::{with_title, Failure, Format, Outcome, Raw, ReadOptions};

/// Elements nested deeper than this are flattened.
pub const MAX_DEPTH: usize = 256;

pub fn read(bytes: &[u8], opts: &ReadOptions) -> Outcome {
    let (html, det) = decode(bytes, opts)?;
    let html = flatten_deep(&html, MAX_DEPTH);
    let cfg = Config {
        text_mode: TextMode::Formatted,
        max_elements_to_parse: 200_000,
        ..Config::default()
    };
    // A page an office program saved is all document: no furniture for
    // Readability to cut, and its choice would drop a heading outside the
    // block it picks.
    let article = (!office_export(&html))
        .then(|| Readability::new(&*html, None, Some(cfg)).ok())
        .flatten()
        .and_then(|mut r| r.parse().ok())
        .filter(|a| !a.text_content.trim().is_empty());
    let (title, body) = match article {
        Some(a) => {
            let body = a.text_content.to_string();
            let lead = lead(&html, &a.title, &body);
            let body = if lead.is_empty() {
                body
            } else {
                format!("{}\n\n{body}", lead.join("\n\n"))
            };
            (a.title.clone(), body)
        }
        None => whole_page(&html),
    };
    let body = tidy(&body);
    Ok(Raw {
        text: with_title(Some(&title), &body),
        format: Format::Html,
        encoding: Some(det),
        ocr: None,
    })
}

/// Whether the page says an office program wrote it (`<meta
/// name="generator" content="LibreOffice ...">`, Microsoft Word's
/// "Microsoft Word 15 (filtered)"): a document saved as a web page.
fn office_export(html: &str) -> bool {
    const OFFICE: [&str; 3] = ["libreoffice", "openoffice", "microsoft word"];
    let end = html.len().min(4096);
    let end = (end..=html.len())
        .find(|&i| html.is_char_boundary(i))
        .unwrap_or(html.len());
    let head = html[..end].to_ascii_lowercase();
    let Some(at) = head.find("name=\"generator\"") else {
        return false;
    };
    // The content attribute is in the same tag, before or after the name.
    let tag_start = head[..at].rfind('<').unwrap_or(0);
    let tag_end = head[at..].find('>').map_or(head.len(), |e| at + e);
    let tag = &head[tag_start..tag_end];
    OFFICE.iter().any(|o| tag.contains(o))
}

/// The lead of an article that Readability left out with the heading
/// around it: the paragraphs set right after the `<h1>` that holds the
/// title (a news page's sapo in an `<h2>`, a chapter's summary in a
/// `<p>`), up to where the text Readability kept begins.
fn lead(html: &str, title: &str, body: &str) -> Vec<String> {
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let title = words(title);
    if title.is_empty() {
        return Vec::new();
    }
    let body = words(body);
    let doc = dom_query::Document::from(html);
    let h1s = doc.select("h1");
    let Some(h1) = h1s.nodes().iter().find(|n| {
        let t = words(&n.text());
        !t.is_empty() && (title.contains(&t) || t.contains(&title))
    }) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut next = h1.next_element_sibling();
    for _ in 0..4 {
        let Some(n) = next else {
            break;
        };
        next = n.next_element_sibling();
        let text = words(&n.text());
        if text.is_empty() {
            continue;
        }
        let probe: String = text.chars().take(60).collect();
        if body.contains(&probe) {
            break;
        }
        let name = n
            .node_name()
            .map(|t| t.to_ascii_lowercase())
            .unwrap_or_default();
        let block = matches!(name.as_str(), "p" | "h2" | "h3" | "h4");
        // A sentence or more; a short line beside the title (a date, a
        // byline) is furniture.
        if block && text.chars().count() >= 40 && text.contains(' ') {
            out.push(text);
        }
    }
    out
}

/// The page's text less its furniture, for pages Readability gives up on
/// and for documents saved as web pages.
fn whole_page(html: &str) -> (String, String) {
    let doc = dom_query::Document::from(html);
    let title = doc.select("title").text().to_string();
    doc.select("script, style, noscript, template, nav, header, footer, aside, form, iframe, svg")
        .remove();
    // What office programs put around a document: LibreOffice's page
    // header and footer blocks, and the note marks of LibreOffice and Word
    // (`diện rộng.¹` would otherwise read `diện rộng.1`). The notes' text
    // stays.
    doc.select(
        "div[title=header], div[title=footer], a.sdfootnoteanc, a.sdendnoteanc, \
         a.sdfootnotesym, a.sdendnotesym, a[href^='#_ftn'], a[href^='#_edn']",
    )
    .remove();
    let body = doc.select("body").formatted_text().to_string();
    (title, body)
}

/// Lines trimmed, runs of blank lines cut to one.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = true;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !blank {
                out.push('\n');
            }
            blank = true;
        } else {
            out.push_str(line);
            out.push('\n');
            blank = false;
        }
    }
    out
}

fn decode(bytes: &[u8], opts: &ReadOptions) -> Result<(String, Detected), Failure> {
    let has_bom = bytes.starts_with(b"\xEF\xBB\xBF")
        || bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF");
    if opts.encoding.is_none() && !has_bom {
        if let Some(enc) = meta_charset(bytes) {
            if enc == encoding_rs::WINDOWS_1258 {
                return encoding::decode(bytes, Some(Encoding::Windows1258))
                    .map_err(Failure::NotText);
            }
            if enc != encoding_rs::UTF_8 || std::str::from_utf8(bytes).is_ok() {
                let (text, _) = enc.decode_without_bom_handling(bytes);
                let det = Detected {
                    encoding: if enc == encoding_rs::WINDOWS_1252 {
                        Encoding::Windows1252
                    } else {
                        Encoding::Utf8
                    },
                    confidence: 1.0,
                };
                return Ok((text.into_owned(), det));
            }
        }
    }
    encoding::decode(bytes, opts.encoding).map_err(Failure::NotText)
}

/// The encoding a `<meta charset=...>` or `http-equiv` names, in the first
/// 4 KiB. Only inside a `<meta` tag: `charset=` in a script or the text
/// says nothing. UTF-16 named in a page that was decoded far enough to be
/// read is UTF-8, as browsers take it (the HTML standard's rule).
fn meta_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = head[from..].find("<meta") {
        let start = from + at;
        let end = tag_end(&head, start).unwrap_or(head.len());
        let tag = &head[start..end];
        from = end.max(start + 1);
        let Some(c) = tag.find("charset=") else {
            continue;
        };
        let label: String = tag[c + "charset=".len()..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
            .collect();
        let enc = encoding_rs::Encoding::for_label(label.as_bytes())?;
        return Some(
            if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                encoding_rs::UTF_8
            } else {
                enc
            },
        );
    }
    None
}

/// The end (after its `>`) of the tag whose `<` is at `start`: a `>` inside
/// a quoted attribute value (`<div title="a>b">`) does not end it.
fn tag_end(html: &str, start: usize) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut quote: Option<u8> = None;
    for (i, &b) in bytes.iter().enumerate().skip(start + 1) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            // A quote opens a value only after `=` (and spaces).
            None if (b == b'"' || b == b'\'') && after_equals(&bytes[start..i]) => quote = Some(b),
            None if b == b'>' => return Some(i + 1),
            None => {}
        }
    }
    None
}

fn after_equals(before: &[u8]) -> bool {
    before
        .iter()
        .rev()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'=')
}

/// Drops the tags nested deeper than `max`, keeping their text. A cheap
/// scan, not a parser: it counts open and close tags of the elements that
/// must be closed. Void elements and those whose end tag may be left out
/// (`<p>`, `<li>`, `<option>`, table cells: a year picker of 300 options
/// writes no `</option>`) are not counted; the text of `<script>`, `<style>`
/// and the other raw-text elements is skipped whole; a `>` in a quoted
/// attribute value does not end its tag.
fn flatten_deep(html: &str, max: usize) -> std::borrow::Cow<'_, str> {
    const UNCOUNTED: [&str; 32] = [
        // void
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", // end tag optional
        "html", "head", "body", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th",
        "thead", "tbody", "tfoot", "colgroup", "rt", "rp",
    ];
    const RAW: [&str; 6] = ["script", "style", "textarea", "title", "xmp", "noscript"];
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        let start = i + off;
        // A quote left open would hide every tag after it: then the first
        // `>` ends the tag.
        let end = tag_end(html, start)
            .or_else(|| memchr::memchr(b'>', &bytes[start..]).map(|p| start + p + 1));
        let Some(end) = end else {
            break;
        };
        let tag = &html[start + 1..end - 1];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let counted = !name.is_empty()
            && !tag.ends_with('/')
            && !UNCOUNTED.contains(&name.as_str())
            && bytes[start + 1] != b'!';
        let mut drop = false;
        if counted {
            if closing {
                drop = depth > max;
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                drop = depth > max;
            }
        }
        if drop {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied..start]);
            copied = end;
        }
        i = end;
        // A raw-text element's content is text, however many `<` it has.
        if !closing && RAW.contains(&name.as_str()) {
            let close = format!("</{name}");
            i = find_ascii_ci(&bytes[end..], close.as_bytes()).map_or(bytes.len(), |p| end + p);
            if drop {
                // Its content went with its start tag: it is out of place.
                copied = i;
            }
        }
    }
    match out {
        None => std::borrow::Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[copied.min(html.len())..]);
            std::borrow::Cow::Owned(o)
        }
    }
}

/// Where `needle` (lowercase ASCII) first is in `hay`, in any case.
fn find_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    let mut from = 0;
    while let Some(p) = memchr::memchr2(first, first.to_ascii_uppercase(), &hay[from..]) {
        let at = from + p;
        if hay.len() - at >= needle.len() && hay[at..at + needle.len()].eq_ignore_ascii_case(needle)
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_office_page_keeps_its_heading() {
        // As LibreOffice saves a document whose two-column section follows
        // a bold heading: Readability would keep the section alone.
        let para = |t: &str| format!("<p align=\"justify\"><font size=\"2\">{t}</font></p>");
        let body: String = [
            "Sáng thứ hai, hội nông dân xã tổ chức hội nghị tổng kết vụ lúa xuân tại hội trường.",
            "Theo báo cáo, năng suất lúa bình quân cao hơn năm trước gần bốn tạ mỗi héc-ta.",
            "Nhiều hợp tác xã đã đưa giống lúa chất lượng cao vào sản xuất trên cánh đồng lớn.",
            "Hội nghị cũng chỉ ra hạn chế như kênh mương nội đồng xuống cấp ở một số thôn.",
        ]
        .map(para)
        .concat();
        let page = |generator: &str| {
            format!(
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"/><title></title>\
                 <meta name=\"generator\" content=\"{generator}\"/></head><body>\
                 <p><font size=\"5\"><b>Xã tổng kết vụ lúa xuân</b></font></p>\
                 <div id=\"S1\" style=\"column-count: 2\">{body}</div></body></html>"
            )
        };
        let first_line = |html: String| {
            let raw = read(html.as_bytes(), &ReadOptions::default()).expect("reads");
            raw.text.lines().next().unwrap_or_default().to_string()
        };
        assert_eq!(
            first_line(page("LibreOffice 7.4.7.2 (Linux)")),
            "Xã tổng kết vụ lúa xuân"
        );
        // Page furniture and note marks go; the notes' text stays.
        let noted = page("LibreOffice").replace(
            "<body>",
            "<body><div title=\"header\"><p>Ủy ban nhân dân tỉnh — lưu hành nội bộ</p></div>",
        );
        let noted = noted.replace(
            "tại hội trường.",
            "tại hội trường.<a class=\"sdfootnoteanc\" href=\"#sdfootnote1sym\"><sup>1</sup></a> Xong.",
        );
        let noted = noted.replace(
            "</div></body>",
            "</div><div id=\"sdfootnote1\"><p><a class=\"sdfootnotesym\" href=\"#sdfootnote1anc\">1</a>Theo số liệu của xã.</p></div>\
             <div title=\"footer\"><p>Trang 1</p></div></body>",
        );
        let text = read(noted.as_bytes(), &ReadOptions::default())
            .expect("reads")
            .text;
        assert!(text.starts_with("Xã tổng kết vụ lúa xuân\n"), "{text}");
        assert!(text.contains("tại hội trường. Xong."), "{text}");
        assert!(text.contains("\nTheo số liệu của xã.\n"), "{text}");
        assert!(
            !text.contains("nội bộ") && !text.contains("Trang 1"),
            "{text}"
        );
        assert_eq!(
            first_line(page("Microsoft Word 15 (filtered)")),
            "Xã tổng kết vụ lúa xuân"
        );
        assert!(office_export(&page("LibreOffice")));
        assert!(!office_export(&page("WordPress 6.4")));
        assert!(!office_export("<html><head><title>x</title></head></html>"));
    }

    #[test]
    fn a_lead_beside_the_title_is_kept() {
        // A news page: the title and its lead (sapo) in the article's
        // heading, the body in a block of its own that Readability picks.
        let body: String = [
            "Sáng thứ hai, hội nông dân xã tổ chức hội nghị tổng kết vụ lúa xuân tại hội trường.",
            "Theo báo cáo, năng suất lúa bình quân cao hơn năm trước gần bốn tạ mỗi héc-ta.",
            "Nhiều hợp tác xã đã đưa giống lúa chất lượng cao vào sản xuất trên cánh đồng lớn.",
            "Hội nghị cũng chỉ ra hạn chế như kênh mương nội đồng xuống cấp ở một số thôn.",
            "Xã đặt mục tiêu nạo vét toàn bộ kênh mương trước vụ mùa, với kinh phí từ ngân sách.",
        ]
        .map(|t| format!("<p>{t} {t}</p>"))
        .concat();
        let lead = "Năng suất lúa vụ xuân của xã tăng mạnh nhờ giống mới, nhưng kênh mương nội đồng cần sửa sớm.";
        let page = |tag: &str| {
            format!(
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"/>\
                 <title>Xã tổng kết vụ lúa xuân - Báo Nông thôn</title></head><body>\
                 <nav><a href=\"/\">Trang chủ</a></nav><article><h1>Xã tổng kết vụ lúa xuân</h1>\
                 <div class=\"audio\"></div><{tag} class=\"sapo\">{lead}</{tag}>\
                 <div class=\"content\">{body}</div></article></body></html>"
            )
        };
        for tag in ["h2", "p"] {
            let text = read(page(tag).as_bytes(), &ReadOptions::default())
                .expect("reads")
                .text;
            assert!(text.contains(lead), "{tag}: {text}");
            assert_eq!(text.matches(lead).count(), 1, "{tag}: {text}");
            assert!(text.contains("Xã đặt mục tiêu"), "{tag}: {text}");
        }
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let html = format!("{}chữ{}", "<div>".repeat(1000), "</div>".repeat(1000));
        let flat = flatten_deep(&html, 10);
        assert_eq!(flat.matches("<div>").count(), 10);
        assert_eq!(flat.matches("</div>").count(), 10);
        assert!(flat.contains("chữ"));
    }

    #[test]
    fn meta_charset_is_honoured() {
        let mut page =
            b"<html><head><meta charset=\"windows-1258\"><title>T</title></head><body><p>".to_vec();
        page.extend(b"Vi\xea\xf2t Nam"); // Việt: ê, then a combining dot below
        page.extend(b"</p></body></html>");
        let raw = read(&page, &ReadOptions::default()).unwrap();
        assert!(raw.text.contains("Việt Nam"), "{:?}", raw.text);
    }
}
