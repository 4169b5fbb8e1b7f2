//! kramdown's definition lines, read from the source once pulldown-cmark has
//! said where its code and HTML blocks are (nothing is read inside those):
//! abbreviation definitions (`*[HTML]: Hyper Text Markup Language`) and
//! attribute list definitions (`{:ref: .cls}`) are taken out, and each block
//! IAL line (`{: .notice}`) becomes a token the event pass reads.
//!
//! kramdown applies a block IAL to the block right before it, else to the
//! block right after it (no empty line between), else to nothing. At the
//! start of a line, the token is put between empty lines, so that it is a
//! paragraph of its own whatever came before (a lazy continuation line of a
//! list item or quote would otherwise swallow it); the event pass then
//! finds its neighbour. Inside a container (a quote, an indented list item),
//! it stays in place, at the end or start of the neighbouring paragraph.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

use super::attrs::{self, Attrs};
use super::extensions::{blank_line, closing_brace};
use super::marker::{self, Kind};

/// Where a block IAL applies.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Direction {
    Previous,
    Next,
    Nowhere,
}

#[derive(Debug)]
pub(super) struct BlockIal {
    pub attrs: Attrs,
    pub direction: Direction,
}

/// What the definition lines define.
#[derive(Debug, Default)]
pub(super) struct Definitions {
    pub abbreviations: Vec<(String, String)>,
    pub alds: HashMap<String, Attrs>,
    pub ials: Vec<BlockIal>,
}

/// What a line of the source is.
enum Line {
    Abbreviation(String, String),
    Ald(String, Attrs),
    Ial(Attrs),
    Other,
}

/// The source with definition lines taken out and IAL lines as tokens.
pub(super) fn extract(text: &str, defs: &mut Definitions) -> String {
    let blocks = code_and_html_blocks(text);
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .scan(0, |pos, line| {
            let start = *pos;
            *pos += line.len();
            Some((start, line))
        })
        .collect();
    let mut out = String::with_capacity(text.len() + 64);
    let mut next_block = 0;
    let mut i = 0;
    while let Some(&(start, line)) = lines.get(i) {
        while blocks.get(next_block).is_some_and(|(b, _)| b.end <= start) {
            next_block += 1;
        }
        // a block may start after the line's indentation (indented code)
        let line_range = start..start + line.trim_end_matches('\n').len().max(1);
        let inside = blocks
            .get(next_block)
            .filter(|(b, _)| b.start < line_range.end && line_range.start < b.end);
        i = match inside {
            Some((_, true)) => {
                out.push_str(line);
                i + 1
            }
            Some((_, false)) => {
                html_block_line(line, &mut out);
                i + 1
            }
            None => markdown_line(&lines, i, &mut out, defs),
        };
    }
    out
}

/// Code blocks (`true`) and HTML blocks, in source order.
fn code_and_html_blocks(text: &str) -> Vec<(Range<usize>, bool)> {
    let parser = Parser::new_ext(text, super::options());
    parser
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::CodeBlock(_)) => Some((range, true)),
            Event::Start(Tag::HtmlBlock) => Some((range, false)),
            _ => None,
        })
        .collect()
}

/// In raw HTML an IAL line cannot apply to anything; its text becomes a
/// token that is dropped (an empty line would end the HTML block).
fn html_block_line(line: &str, out: &mut String) {
    let (prefix, content) = split_prefix(line);
    if prefix.is_empty() && matches!(classify(content), Line::Ial(_)) {
        out.push_str(&marker::token(Kind::Ial, usize::MAX));
        out.push('\n');
    } else {
        out.push_str(line);
    }
}

/// Handles line `i` (and the IAL lines right after it); returns the index
/// of the next line to read.
fn markdown_line(
    lines: &[(usize, &str)],
    i: usize,
    out: &mut String,
    defs: &mut Definitions,
) -> usize {
    let Some(&(_, line)) = lines.get(i) else {
        return i + 1;
    };
    let (prefix, content) = split_prefix(line);
    let plain_prefix = prefix.len() <= 3 && !prefix.contains(['>', '\t']);
    match classify(content) {
        Line::Abbreviation(abbr, title) if plain_prefix => {
            defs.abbreviations.push((abbr, title));
            i + 1
        }
        Line::Ald(name, attrs) if plain_prefix => {
            defs.alds.entry(name).or_default().merge(attrs);
            i + 1
        }
        Line::Ial(attrs) => ial_lines(lines, i, prefix, attrs, out, defs),
        _ => {
            out.push_str(line);
            i + 1
        }
    }
}

/// IAL lines from `i` on (consecutive ones apply together) as one token.
fn ial_lines(
    lines: &[(usize, &str)],
    i: usize,
    prefix: &str,
    mut attrs: Attrs,
    out: &mut String,
    defs: &mut Definitions,
) -> usize {
    let mut end = i + 1;
    while let Some(&(_, line)) = lines.get(end) {
        let (next_prefix, content) = split_prefix(line);
        match classify(content) {
            Line::Ial(more) if next_prefix == prefix => attrs.merge(more),
            _ => break,
        }
        end += 1;
    }
    let blank = |n: Option<usize>| {
        n.and_then(|n| lines.get(n))
            .is_none_or(|(_, l)| is_blank(l))
    };
    let direction = if !blank(i.checked_sub(1)) {
        Direction::Previous
    } else if !blank(Some(end)) {
        Direction::Next
    } else {
        Direction::Nowhere
    };
    let token = marker::token(Kind::Ial, defs.ials.len());
    defs.ials.push(BlockIal { attrs, direction });
    if prefix.is_empty() {
        blank_line(out);
        out.push_str(&token);
        out.push_str("\n\n");
    } else {
        out.push_str(prefix);
        out.push_str(&token);
        out.push('\n');
    }
    end
}

/// A line's container prefix (indentation, `>` markers) and the rest.
fn split_prefix(line: &str) -> (&str, &str) {
    let content = line.trim_start_matches([' ', '\t', '>']);
    let prefix = line.get(..line.len() - content.len()).unwrap_or_default();
    (prefix, content)
}

fn is_blank(line: &str) -> bool {
    split_prefix(line).1.trim().is_empty()
}

fn classify(content: &str) -> Line {
    let content = content.trim_end();
    if let Some(rest) = content.strip_prefix("*[") {
        return match rest.split_once("]:") {
            Some((abbr, title)) if !abbr.is_empty() => {
                Line::Abbreviation(abbr.to_string(), title.trim().to_string())
            }
            _ => Line::Other,
        };
    }
    let Some(body) = content.strip_prefix("{:") else {
        return Line::Other;
    };
    if body.starts_with([':', '/']) {
        return Line::Other;
    }
    let Some(close) = closing_brace(body).filter(|&c| c + 1 == body.len()) else {
        return Line::Other;
    };
    let inner = body.get(..close).unwrap_or_default();
    match ald_name(inner) {
        Some((name, rest)) => Line::Ald(name.to_string(), attrs::parse(rest).0),
        None if !inner.trim().is_empty() => Line::Ial(attrs::parse(inner).0),
        None => Line::Other,
    }
}

/// `name:` at the start of an ALD's text (`{:name: …}`).
fn ald_name(inner: &str) -> Option<(&str, &str)> {
    let end = inner.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))?;
    let name = inner
        .get(..end)
        .filter(|n| !n.is_empty() && !n.starts_with('-'))?;
    inner.get(end..)?.strip_prefix(':').map(|rest| (name, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (String, Definitions) {
        let mut defs = Definitions::default();
        (extract(text, &mut defs), defs)
    }

    #[test]
    fn takes_definitions_out_and_marks_ials() {
        let (out, defs) = run("*[HTML]: Hyper Text\n{:warn: .notice key=\"v\"}\npara\n{: .a}\n{:.b}\n\n> q\n> {: #id}\n");
        let (t0, t1) = (marker::token(Kind::Ial, 0), marker::token(Kind::Ial, 1));
        assert_eq!(out, format!("para\n\n{t0}\n\n\n> q\n> {t1}\n"));
        assert_eq!(
            defs.abbreviations,
            [("HTML".to_string(), "Hyper Text".to_string())]
        );
        assert_eq!(
            defs.alds.get("warn").map(|a| a.classes.clone()),
            Some(vec!["notice".to_string()])
        );
        assert_eq!(defs.ials[0].attrs.classes, ["a", "b"]);
        assert_eq!(defs.ials[0].direction, Direction::Previous);
        assert_eq!(defs.ials[1].attrs.id.as_deref(), Some("id"));
    }

    #[test]
    fn leaves_code_alone_and_finds_the_direction() {
        let (out, defs) =
            run("```\n{: .x}\n*[A]: b\n```\n\n{: .next}\n# H\n\n{: .none}\n\n    {: .code}\n");
        let (t0, t1) = (marker::token(Kind::Ial, 0), marker::token(Kind::Ial, 1));
        assert_eq!(
            out,
            format!("```\n{{: .x}}\n*[A]: b\n```\n\n{t0}\n\n# H\n\n{t1}\n\n\n    {{: .code}}\n")
        );
        assert_eq!(defs.ials[0].direction, Direction::Next);
        assert_eq!(defs.ials[1].direction, Direction::Nowhere);
    }
}
