//! kramdown's extensions, read from the source before pulldown-cmark sees
//! it: `{::comment}…{:/comment}` (or `{:/}`) and `{::options … /}` are
//! removed, `{::nomarkdown}…{:/nomarkdown}` becomes a raw-HTML token whose
//! content is written as it is. A start tag alone on its line (after at
//! most three spaces) with its end tag last on a line is a block; anything
//! else is a span. Unknown extensions, and start tags with no end tag, stay
//! text, as in kramdown. Fenced code is left alone.

use super::fences::{code_spans, Fences};
use super::marker::{self, Kind};

/// The source with its extensions applied; raw HTML parts go to `raws`.
pub(super) fn expand(text: &str, raws: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut fences = Fences::default();
    let mut ends = EndTags::default();
    let mut pos = 0;
    while pos < text.len() {
        let end = line_end(text, pos);
        let line = text.get(pos..end).unwrap_or_default();
        if fences.is_code(line) || !line.contains("{::") {
            out.push_str(line);
            pos = end;
        } else {
            pos = expand_from(text, pos, &mut out, raws, &mut ends);
        }
    }
    out
}

/// The byte after the line that holds byte `pos` (after its `\n`).
pub(super) fn line_end(text: &str, pos: usize) -> usize {
    text.get(pos..)
        .and_then(|rest| rest.find('\n'))
        .map_or(text.len(), |i| pos + i + 1)
}

/// A start tag: `{::name …}` or `{::name … /}`.
struct StartTag<'s> {
    name: &'s str,
    closed: bool,
    end: usize,
}

/// The longest start tag read (`{::options …}` lists a few options).
const MAX_TAG_BYTES: usize = 1024;

fn start_tag(text: &str, at: usize) -> Option<StartTag<'_>> {
    let body = text.get(at..)?.strip_prefix("{::")?;
    let name_len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(body.len());
    let name = body.get(..name_len).filter(|n| !n.is_empty())?;
    let rest = body.get(name_len..)?;
    if !rest.starts_with(['}', '/', ' ', '\t']) {
        return None;
    }
    // a tag is short: looking further would make a line of `{::a {::a …`
    // quadratic
    let mut window = rest.len().min(MAX_TAG_BYTES);
    while !rest.is_char_boundary(window) {
        window -= 1;
    }
    let close = closing_brace(rest.get(..window)?)?;
    let inner = rest.get(..close)?;
    let closed = inner.trim_end().ends_with('/');
    Some(StartTag {
        name,
        closed,
        end: at + 3 + name_len + close + 1,
    })
}

/// The first `}` without a backslash before it, on the same line.
pub(super) fn closing_brace(text: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            '\n' => return None,
            '}' if !escaped => return Some(i),
            _ => escaped = c == '\\' && !escaped,
        }
    }
    None
}

/// Works from byte `at` of a line that holds `{::`; returns where it stopped
/// (the start of a later line).
fn expand_from(
    text: &str,
    mut at: usize,
    out: &mut String,
    raws: &mut Vec<String>,
    ends: &mut EndTags,
) -> usize {
    let mut spans = LineSpans::default();
    let mut line_begin = at;
    let mut advance = |at: &mut usize, to: usize| {
        if let Some(nl) = text.get(*at..to).and_then(|t| t.rfind('\n')) {
            line_begin = *at + nl + 1;
        }
        *at = to;
        line_begin
    };
    loop {
        let end = line_end(text, at);
        let Some(found) = text.get(at..end).and_then(|l| l.find("{::")) else {
            out.push_str(text.get(at..end).unwrap_or_default());
            return end;
        };
        let start = at + found;
        let before = text.get(at..start).unwrap_or_default();
        let here = at;
        let line_begin = advance(&mut at, here);
        let tag = start_tag(text, start).filter(|_| !spans.in_code(text, line_begin, start));
        let Some(tag) = tag.filter(|t| matches!(t.name, "comment" | "nomarkdown" | "options"))
        else {
            out.push_str(text.get(at..start + 3).unwrap_or_default());
            advance(&mut at, start + 3);
            continue;
        };
        let indent = text.get(line_begin..start).unwrap_or_default();
        let own_line = indent.len() <= 3 && indent.bytes().all(|b| b == b' ');
        let block = own_line && is_blank(text.get(tag.end..line_end(text, tag.end)));
        if tag.closed || tag.name == "options" {
            if block {
                return line_end(text, tag.end);
            }
            out.push_str(before);
            advance(&mut at, tag.end);
            continue;
        }
        let Some(close) = ends.find(text, tag.end, tag.name) else {
            out.push_str(text.get(at..tag.end).unwrap_or_default());
            advance(&mut at, tag.end);
            continue;
        };
        let after_close = line_end(text, close.end);
        let block = block && is_blank(text.get(close.end..after_close));
        if block {
            let body_start = line_end(text, tag.end).min(close.start);
            if tag.name == "nomarkdown" {
                let mut raw = text
                    .get(body_start..close.start)
                    .unwrap_or_default()
                    .to_string();
                if !raw.ends_with('\n') {
                    raw.push('\n');
                }
                blank_line(out);
                out.push_str(&marker::token(Kind::Raw, raws.len()));
                out.push_str("\n\n");
                raws.push(raw);
            }
            return after_close;
        }
        out.push_str(before);
        if tag.name == "nomarkdown" {
            let raw = text.get(tag.end..close.start).unwrap_or_default();
            out.push_str(&marker::token(Kind::Raw, raws.len()));
            raws.push(raw.to_string());
        }
        advance(&mut at, close.end);
    }
}

/// The code spans of the line being read, found once per line.
#[derive(Default)]
struct LineSpans {
    line: Option<usize>,
    spans: Vec<std::ops::Range<usize>>,
}

impl LineSpans {
    fn in_code(&mut self, text: &str, begin: usize, at: usize) -> bool {
        if self.line != Some(begin) {
            let line = text.get(begin..line_end(text, at)).unwrap_or_default();
            self.spans = code_spans(line);
            self.line = Some(begin);
        }
        self.spans.iter().any(|span| span.contains(&(at - begin)))
    }
}

fn is_blank(text: Option<&str>) -> bool {
    text.is_some_and(|t| t.trim().is_empty())
}

/// Ends `out` with an empty line, unless it is empty.
pub(super) fn blank_line(out: &mut String) {
    if out.is_empty() || out.ends_with("\n\n") {
        return;
    }
    out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
}

/// The next `{:/}` or `{:/name}`, found in linear time over a whole
/// document: each pattern's last answer is kept, as later searches start
/// further on.
#[derive(Default)]
struct EndTags {
    found: Vec<(&'static str, usize, Option<usize>)>,
}

impl EndTags {
    fn find(&mut self, text: &str, from: usize, name: &str) -> Option<std::ops::Range<usize>> {
        let named = match name {
            "comment" => "{:/comment}",
            _ => "{:/nomarkdown}",
        };
        let short = self.next(text, from, "{:/}");
        let long = self.next(text, from, named);
        match (short, long) {
            (Some(s), Some(l)) if l < s => Some(l..l + named.len()),
            (Some(s), _) => Some(s..s + 4),
            (None, Some(l)) => Some(l..l + named.len()),
            (None, None) => None,
        }
    }

    fn next(&mut self, text: &str, from: usize, pattern: &'static str) -> Option<usize> {
        let known = self.found.iter().find(|(p, _, _)| *p == pattern);
        if let Some(&(_, searched_from, found)) = known {
            match found {
                Some(at) if at >= from => return Some(at),
                None if from >= searched_from => return None,
                _ => {}
            }
        }
        let found = text
            .get(from..)
            .and_then(|t| t.find(pattern))
            .map(|i| from + i);
        self.found.retain(|(p, _, _)| *p != pattern);
        self.found.push((pattern, from, found));
        found
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
    fn removes_comments_and_options_and_keeps_raw_html() {
        let (out, raws) =
            run("a{::comment}x\ny{:/comment}b\n{::options parse_block_html=\"true\" /}\nc\n");
        assert_eq!(out, "ab\nc\n");
        assert!(raws.is_empty());
        let (out, raws) = run("p\n{::nomarkdown}\n<b>*x*</b>\n\n<i>y</i>\n{:/}\nq {::nomarkdown}<u>z</u>{:/nomarkdown}!\n");
        let (r0, r1) = (marker::token(Kind::Raw, 0), marker::token(Kind::Raw, 1));
        assert_eq!(out, format!("p\n\n{r0}\n\nq {r1}!\n"));
        assert_eq!(raws, ["<b>*x*</b>\n\n<i>y</i>\n", "<u>z</u>"]);
        let code = "```\n{::comment}\n```\n{::comment} no end\n{::other}x\n`{::comment}` here\n";
        assert_eq!(run(code).0, code);
    }
}
