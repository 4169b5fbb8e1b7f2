//! kramdown's `markdown` attribute on an HTML block element, read from the
//! source before pulldown-cmark sees it.
//!
//! `markdown="1"`/`"block"`: the start and end tags are put on lines of
//! their own between empty lines, so that CommonMark ends the HTML block
//! after each tag and parses what is between as Markdown (nested elements
//! work, and footnotes, abbreviations and the table of contents span the
//! whole post, as one parse sees them). `"span"` (and `"1"` on an element
//! kramdown parses as span, such as `p` or `span`): the element becomes one
//! paragraph, with its lines joined, that the event pass unwraps. `"0"`
//! (and `"1"` on an element kramdown keeps raw, such as `pre`): the element
//! becomes a raw-HTML token. The attribute itself is always removed.

use super::extensions::{blank_line, line_end};
use super::fences::Fences;
use super::html_tag::{self, StartTag};
use super::marker::{self, Kind};

/// Nested `markdown` elements deeper than this are left as they are.
const MAX_DEPTH: usize = 32;

/// kramdown's `HTML_CONTENT_MODEL_SPAN` and `_RAW`: what `markdown="1"`
/// means for an element; any other element is parsed as blocks.
const SPAN_ELEMENTS: &[&str] = &[
    "a", "abbr", "acronym", "b", "bdo", "big", "button", "cite", "caption", "del", "dfn", "dt",
    "em", "h1", "h2", "h3", "h4", "h5", "h6", "i", "ins", "label", "legend", "optgroup", "p", "q",
    "rb", "rbc", "rp", "rt", "rtc", "ruby", "select", "small", "span", "strong", "sub", "sup",
    "th", "tt",
];
const RAW_ELEMENTS: &[&str] = &[
    "script", "style", "math", "option", "textarea", "pre", "code", "kbd", "samp", "var",
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    Block,
    Span,
    Raw,
}

fn mode(element: &str, value: &str) -> Option<Mode> {
    let lower = element.to_ascii_lowercase();
    match value.trim() {
        "0" => Some(Mode::Raw),
        "block" => Some(Mode::Block),
        "span" => Some(Mode::Span),
        "1" if SPAN_ELEMENTS.contains(&lower.as_str()) => Some(Mode::Span),
        "1" if RAW_ELEMENTS.contains(&lower.as_str()) => Some(Mode::Raw),
        "1" => Some(Mode::Block),
        _ => None,
    }
}

/// An element parsed as blocks, waiting for its end tag.
struct Open {
    name: String,
    /// Elements of the same name opened inside it and not yet closed.
    depth: usize,
}

struct Pass<'s, 'r> {
    text: &'s str,
    out: String,
    raws: &'r mut Vec<String>,
    open: Vec<Open>,
}

/// The source with its `markdown` attributes applied; raw HTML parts go to
/// `raws`.
pub(super) fn expand(text: &str, raws: &mut Vec<String>) -> String {
    let mut pass = Pass {
        text,
        out: String::with_capacity(text.len() + 64),
        raws,
        open: Vec::new(),
    };
    let mut fences = Fences::default();
    let mut pos = 0;
    while pos < text.len() {
        let end = line_end(text, pos);
        let line = text.get(pos..end).unwrap_or_default();
        let plain = pass.open.is_empty() && !line.contains("markdown");
        if fences.is_code(line) || plain {
            pass.out.push_str(line);
            pos = end;
        } else {
            pos = pass.line(pos);
        }
    }
    while let Some(open) = pass.open.pop() {
        blank_line(&mut pass.out);
        pass.out.push_str(&format!("</{}>\n", open.name));
    }
    pass.out
}

impl Pass<'_, '_> {
    /// Works through the line that starts at `at`; returns where the next
    /// line starts (later when an element took several lines).
    fn line(&mut self, mut at: usize) -> usize {
        loop {
            if let Some(next) = self.markdown_element(at) {
                at = next;
                if self
                    .text
                    .get(at..line_end(self.text, at))
                    .is_some_and(|r| r.trim().is_empty())
                {
                    return line_end(self.text, at);
                }
                continue;
            }
            let end = line_end(self.text, at);
            match self.end_tag_in(at, end) {
                Some((lt, close_end)) => {
                    self.out.push_str(self.text.get(at..lt).unwrap_or_default());
                    blank_line(&mut self.out);
                    self.out
                        .push_str(self.text.get(lt..close_end).unwrap_or_default());
                    self.out.push_str("\n\n");
                    self.open.pop();
                    at = close_end;
                    let rest = self.text.get(at..end).unwrap_or_default();
                    if rest.trim().is_empty() {
                        return end;
                    }
                }
                None => {
                    self.out
                        .push_str(self.text.get(at..end).unwrap_or_default());
                    return end;
                }
            }
        }
    }

    /// The end tag of the innermost open element in `at..end`, counting
    /// elements of its name opened on the way.
    fn end_tag_in(&mut self, mut at: usize, end: usize) -> Option<(usize, usize)> {
        let text = self.text;
        let open = self.open.last_mut()?;
        while let Some(found) = text.get(at..end).and_then(|l| l.find('<')) {
            let lt = at + found;
            at = lt + 1;
            if let Some(close_end) = html_tag::end_tag_named(text, lt, &open.name) {
                if open.depth == 0 {
                    return Some((lt, close_end));
                }
                open.depth -= 1;
            } else if html_tag::is_start_tag_named(text, lt, &open.name) {
                open.depth += 1;
            }
        }
        None
    }

    /// A start tag with a `markdown` attribute at `at` (after at most three
    /// spaces), handled; where its handling ended.
    fn markdown_element(&mut self, at: usize) -> Option<usize> {
        let line = self.text.get(at..line_end(self.text, at))?;
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent > 3 || !line.get(indent..)?.starts_with('<') {
            return None;
        }
        let tag = html_tag::start_tag(self.text, at + indent)?;
        let attr = tag.attr("markdown")?;
        let bare = tag.without(self.text, attr);
        let mode = attr.value.and_then(|v| mode(tag.name, v));
        let handled = match mode {
            Some(Mode::Block) if self.open.len() < MAX_DEPTH => Some(self.block(&tag, &bare)),
            Some(Mode::Span) => self.span(&tag, &bare),
            Some(Mode::Raw) => self.raw(&tag, &bare),
            _ => None,
        };
        if handled.is_some() {
            return handled;
        }
        // Left as an HTML start tag, without the attribute.
        if let Some(open) = self.open.last_mut() {
            if open.name.eq_ignore_ascii_case(tag.name) {
                open.depth += 1;
            }
        }
        self.out
            .push_str(self.text.get(at..tag.span.start).unwrap_or_default());
        self.out.push_str(&bare);
        Some(tag.span.end)
    }

    fn block(&mut self, tag: &StartTag<'_>, bare: &str) -> usize {
        blank_line(&mut self.out);
        self.out.push_str(bare);
        self.out.push_str("\n\n");
        self.open.push(Open {
            name: tag.name.to_ascii_lowercase(),
            depth: 0,
        });
        tag.span.end
    }

    /// The element as one paragraph to unwrap: `<p class="x">*a* b</p>`.
    fn span(&mut self, tag: &StartTag<'_>, bare: &str) -> Option<usize> {
        let close = html_tag::closing_tag(self.text, tag.span.end, tag.name)?;
        let inner = self.text.get(tag.span.end..close.start)?;
        let joined: Vec<&str> = inner
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        blank_line(&mut self.out);
        self.out.push_str(&marker::token(Kind::Unwrap, 0));
        self.out.push_str(bare);
        self.out.push_str(&joined.join(" "));
        self.out.push_str(self.text.get(close.clone())?);
        self.out.push_str("\n\n");
        Some(close.end)
    }

    /// The element as raw HTML, written as it is.
    fn raw(&mut self, tag: &StartTag<'_>, bare: &str) -> Option<usize> {
        let close = html_tag::closing_tag(self.text, tag.span.end, tag.name)?;
        let mut raw = bare.to_string();
        raw.push_str(self.text.get(tag.span.end..close.end)?);
        raw.push('\n');
        blank_line(&mut self.out);
        self.out
            .push_str(&marker::token(Kind::Raw, self.raws.len()));
        self.out.push_str("\n\n");
        self.raws.push(raw);
        Some(close.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (String, Vec<String>) {
        let mut raws = Vec::new();
        (expand(text, &mut raws), raws)
    }

    #[test]
    fn opens_html_blocks_to_markdown() {
        let (out, _) = run("<div class=\"note\" markdown=\"1\">\n**bold**\n<div markdown=\"block\">*in*</div>\n</div>\nafter\n");
        assert_eq!(
            out,
            "<div class=\"note\">\n\n**bold**\n\n<div>\n\n*in*\n\n</div>\n\n</div>\n\nafter\n"
        );
        let (out, raws) = run(
            "<p markdown=\"1\" class=\"x\">*a*\nb</p>\n\n<div markdown=\"0\">\n*raw*\n\n</div>\n",
        );
        let unwrap = marker::token(Kind::Unwrap, 0);
        let raw = marker::token(Kind::Raw, 0);
        assert_eq!(
            out,
            format!("{unwrap}<p class=\"x\">*a* b</p>\n\n\n{raw}\n\n")
        );
        assert_eq!(raws, ["<div>\n*raw*\n\n</div>\n"]);
    }

    #[test]
    fn leaves_code_and_unclosed_elements_well_formed() {
        let (out, _) =
            run("```\n<div markdown=\"1\">\n```\n<section markdown=\"1\">\n<div>x</div>\n");
        assert_eq!(
            out,
            "```\n<div markdown=\"1\">\n```\n\n<section>\n\n<div>x</div>\n\n</section>\n"
        );
    }
}
