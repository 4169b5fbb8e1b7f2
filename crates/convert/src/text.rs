//! Plain text out of post bodies: excerpts and reading time, by the rules
//! of `sinmun_model::text` (which the feed readers use too).

use pulldown_cmark::{Event, Parser, TagEnd};
pub use sinmun_model::text::shorten;
use sinmun_model::text::{self, collapse, strip_tags};
use sinmun_model::BodyFormat;

/// The readable text of a body, whitespace collapsed.
pub fn plain_text(source: &str, format: BodyFormat) -> String {
    let raw = match format {
        BodyFormat::Html => strip_tags(source),
        BodyFormat::Text => source.to_string(),
        // The converter writes page bodies; it never reads one.
        BodyFormat::Page => String::new(),
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
    collapse(&raw)
}

/// An excerpt's length, in columns (a Hangul syllable is two: see `shorten`):
/// about what a search result shows of a description (160 Latin characters,
/// 80 Hangul syllables). The excerpt is the meta description, the preview
/// text and the list card's summary, so it is stored seven times per
/// article; at 200 columns it was 2.7 MB more of the koreanews site.
pub const EXCERPT_COLUMNS: usize = 160;

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
            if format == BodyFormat::Markdown && first.len() < body.len() {
                // as Jekyll does: the post's link references go with its
                // excerpt, so `[text][ref]` reads as a link
                plain_text(&with_link_references(first, body), format)
            } else {
                plain_text(first, format)
            }
        }
    };
    shorten(&text, EXCERPT_COLUMNS)
}

/// `excerpt` followed by the link reference definitions of `body` (lines
/// `[name]: url` indented by at most three spaces, Jekyll's rule).
fn with_link_references(excerpt: &str, body: &str) -> String {
    let mut out = excerpt.to_string();
    out.push_str("\n\n");
    for line in body.lines() {
        let trimmed = line.trim_start_matches(' ');
        let is_reference = line.len() - trimmed.len() <= 3
            && trimmed.starts_with('[')
            && trimmed
                .find("]:")
                .is_some_and(|end| end > 1 && !trimmed.get(1..end).unwrap_or("]").contains(']'));
        if is_reference {
            out.push_str(trimmed);
            out.push('\n');
        }
    }
    out
}

/// Minutes to read the body: see [`sinmun_model::text::reading_minutes`].
pub fn reading_minutes(source: &str, format: BodyFormat) -> u32 {
    match format {
        BodyFormat::Text => text::reading_minutes(source),
        _ => text::reading_minutes(&strip_tags(source)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        // Hangul is two columns wide: 79 syllables and the ellipsis.
        assert_eq!(e.chars().count(), EXCERPT_COLUMNS / 2);
        assert!(e.ends_with('…'));
        let latin = "a".repeat(500);
        let e = excerpt(None, &latin, BodyFormat::Markdown, "\n\n");
        assert_eq!(e.chars().count(), EXCERPT_COLUMNS);
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
