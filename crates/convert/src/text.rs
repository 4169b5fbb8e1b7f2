//! Plain text out of post bodies: excerpts and reading time.

use pulldown_cmark::{Event, Parser, TagEnd};
use sinmun_model::BodyFormat;

/// Removes HTML tags (and the contents of `script`/`style`), decodes common
/// entities. Never fails; a `<` that does not start a tag is kept.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_decoded(&mut out, rest.get(..lt).unwrap_or(""));
        let after = rest.get(lt + 1..).unwrap_or("");
        let starts_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?');
        if !starts_tag {
            out.push('<');
            rest = after;
            continue;
        }
        let lower_start: String = after
            .chars()
            .take(7)
            .collect::<String>()
            .to_ascii_lowercase();
        let skip_to = if after.starts_with("!--") {
            after.find("-->").map(|i| i + 3)
        } else if lower_start.starts_with("script") || lower_start.starts_with("style") {
            let close = if lower_start.starts_with("script") {
                "</script"
            } else {
                "</style"
            };
            find_ascii_ci(after, close)
                .and_then(|i| after.get(i..).and_then(|t| t.find('>')).map(|j| i + j + 1))
        } else {
            after.find('>').map(|i| i + 1)
        };
        match skip_to {
            Some(n) => {
                // block-ish tags separate words
                out.push(' ');
                rest = after.get(n..).unwrap_or("");
            }
            None => {
                rest = "";
            }
        }
    }
    push_decoded(&mut out, rest);
    out
}

fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| {
        h.get(i..i + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
    })
}

fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        let after = rest.get(amp + 1..).unwrap_or("");
        let semi = after.find(';').filter(|&i| i <= 10);
        let decoded = semi.and_then(|i| after.get(..i)).and_then(entity);
        match (decoded, semi) {
            (Some(c), Some(i)) => {
                out.push(c);
                rest = after.get(i + 1..).unwrap_or("");
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse().ok()?
        };
        return char::from_u32(code).filter(|c| !c.is_control() || c.is_whitespace());
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "middot" => '·',
        "hellip" => '…',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "copy" => '©',
        _ => return None,
    })
}

/// The readable text of a body, whitespace collapsed.
pub fn plain_text(source: &str, format: BodyFormat) -> String {
    let raw = match format {
        BodyFormat::Html => strip_tags(source),
        BodyFormat::Text => source.to_string(),
        BodyFormat::Markdown => {
            let mut s = String::with_capacity(source.len());
            for ev in Parser::new_ext(source, sinmun_markdown::options()) {
                match ev {
                    Event::Text(t) | Event::Code(t) => s.push_str(&t),
                    Event::Html(h) | Event::InlineHtml(h) => {
                        s.push(' ');
                        s.push_str(&h);
                        s.push(' ');
                    }
                    Event::SoftBreak | Event::HardBreak | Event::Rule => s.push(' '),
                    Event::End(
                        TagEnd::Emphasis
                        | TagEnd::Strong
                        | TagEnd::Strikethrough
                        | TagEnd::Link
                        | TagEnd::Image,
                    ) => {}
                    Event::End(_) => s.push(' '),
                    _ => {}
                }
            }
            // raw HTML passed through Markdown is stripped in one go so tags
            // split over several events are still removed
            strip_tags(&s)
        }
    };
    collapse_ws(&raw)
}

pub fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Shortens to at most `max` characters on a char boundary, preferring a word
/// break, with `…` when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let at_word = match cut.rfind(' ') {
        Some(i) if i > cut.len() / 2 => cut.get(..i).unwrap_or(&cut).to_string(),
        _ => cut,
    };
    format!("{}…", at_word.trim_end_matches([' ', ',', '.', '·']))
}

pub const EXCERPT_CHARS: usize = 200;

/// The excerpt: front-matter `excerpt` if given, else the body up to the excerpt
/// separator (Jekyll's default separator `\n\n` gives the first paragraph).
pub fn excerpt(front: Option<&str>, body: &str, format: BodyFormat, separator: &str) -> String {
    let text = match front.map(str::trim).filter(|s| !s.is_empty()) {
        Some(f) => plain_text(f, BodyFormat::Markdown),
        None => {
            let body = body.trim_start_matches(['\n', '\r', ' ', '\t']);
            let sep = if separator.is_empty() {
                "\n\n"
            } else {
                separator
            };
            let normalised;
            let body = if sep.contains('\n') && body.contains('\r') {
                normalised = body.replace("\r\n", "\n");
                normalised.as_str()
            } else {
                body
            };
            let first = body.split(sep).next().unwrap_or("");
            plain_text(first, format)
        }
    };
    shorten(&text, EXCERPT_CHARS)
}

/// Minutes to read: ~500 Hangul/CJK characters or ~230 other words a minute, at least 1.
pub fn reading_minutes(source: &str, format: BodyFormat) -> u32 {
    let text = match format {
        BodyFormat::Text => source.to_string(),
        _ => strip_tags(source),
    };
    let mut cjk = 0u64;
    let mut words = 0u64;
    for word in text.split_whitespace() {
        let mut other = false;
        for c in word.chars() {
            if is_cjk(c) {
                cjk += 1;
            } else if c.is_alphanumeric() {
                other = true;
            }
        }
        if other {
            words += 1;
        }
    }
    let minutes = cjk as f64 / 500.0 + words as f64 / 230.0;
    (minutes.round() as u32).max(1)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0xAC00..=0xD7A3 | 0x1100..=0x11FF | 0x3130..=0x318F // Hangul
        | 0x4E00..=0x9FFF | 0x3400..=0x4DBF // CJK ideographs
        | 0x3040..=0x30FF) // kana
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_and_entities() {
        assert_eq!(
            collapse_ws(&strip_tags(
                "<p data-ke-size=\"size16;\">a&nbsp;&amp; b</p><script>x<y</script>c < d"
            )),
            "a & b c < d"
        );
        assert_eq!(strip_tags("unclosed <b"), "unclosed ");
    }

    #[test]
    fn excerpt_fallback_is_first_paragraph() {
        let body = "\nFirst *para* with [link](x).\n\nSecond para.\n";
        assert_eq!(
            excerpt(None, body, BodyFormat::Markdown, "\n\n"),
            "First para with link."
        );
        assert_eq!(
            excerpt(Some("  Given  "), body, BodyFormat::Markdown, "\n\n"),
            "Given"
        );
        let html = "<p>하나</p>\n<!-- more -->\n<p>둘</p>";
        assert_eq!(
            excerpt(None, html, BodyFormat::Html, "<!-- more -->"),
            "하나"
        );
        let long = "가".repeat(500);
        let e = excerpt(None, &long, BodyFormat::Markdown, "\n\n");
        assert_eq!(e.chars().count(), EXCERPT_CHARS);
        assert!(e.ends_with('…'));
    }

    #[test]
    fn reading_time() {
        assert_eq!(reading_minutes("", BodyFormat::Markdown), 1);
        assert_eq!(reading_minutes(&"가".repeat(5000), BodyFormat::Html), 10);
        assert_eq!(
            reading_minutes(&"word ".repeat(2300), BodyFormat::Markdown),
            10
        );
    }
}
