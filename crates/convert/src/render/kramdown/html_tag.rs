//! A small HTML tag reader for the source passes: a start tag and its
//! attributes (CommonMark's grammar for raw HTML), and the end tag that
//! closes an element, counting nested elements of the same name.

use std::ops::Range;

/// Tags longer than this are not read (a `<` followed by a megabyte of
/// attribute text is text).
const MAX_TAG: usize = 8 * 1024;

#[derive(Debug)]
pub(super) struct StartTag<'s> {
    pub name: &'s str,
    pub attrs: Vec<TagAttr<'s>>,
    /// Where the tag starts (its `<`) and ends (after its `>`).
    pub span: Range<usize>,
}

#[derive(Debug)]
pub(super) struct TagAttr<'s> {
    pub name: &'s str,
    pub value: Option<&'s str>,
    /// The attribute with the white space before it.
    pub span: Range<usize>,
}

impl StartTag<'_> {
    pub fn attr(&self, name: &str) -> Option<&TagAttr<'_>> {
        self.attrs
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))
    }

    /// The tag's text without one of its attributes.
    pub fn without(&self, text: &str, attr: &TagAttr<'_>) -> String {
        let before = text
            .get(self.span.start..attr.span.start)
            .unwrap_or_default();
        let after = text.get(attr.span.end..self.span.end).unwrap_or_default();
        [before, after].concat()
    }
}

/// The start tag at byte `at` of `text`, if there is one.
pub(super) fn start_tag(text: &str, at: usize) -> Option<StartTag<'_>> {
    let rest = text.get(at..)?;
    let rest = rest.get(..rest.len().min(MAX_TAG)).unwrap_or(rest);
    let body = rest.strip_prefix('<')?;
    if !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name_len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(body.len());
    let name = body.get(..name_len)?;
    let mut pos = 1 + name_len;
    let mut attrs = Vec::new();
    loop {
        let space = spaces(rest, pos);
        let after = rest.get(pos + space..)?;
        if after.starts_with('>') || after.starts_with("/>") {
            let close = if after.starts_with('>') { 1 } else { 2 };
            let end = at + pos + space + close;
            return Some(StartTag {
                name,
                attrs,
                span: at..end,
            });
        }
        if space == 0 {
            return None;
        }
        let (attr, len) = attribute(after)?;
        let start = at + pos;
        pos += space + len;
        attrs.push(TagAttr {
            span: start..at + pos,
            ..attr
        });
    }
}

fn spaces(text: &str, from: usize) -> usize {
    let rest = text.get(from..).unwrap_or_default();
    rest.len() - rest.trim_start_matches([' ', '\t', '\n', '\r']).len()
}

/// `name`, `name=value`, `name='value'` or `name="value"`, and its length.
fn attribute(text: &str) -> Option<(TagAttr<'_>, usize)> {
    let first = text.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '_' || first == ':') {
        return None;
    }
    let name_len = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':' | '-')))
        .unwrap_or(text.len());
    let name = text.get(..name_len)?;
    let before_eq = spaces(text, name_len);
    let Some(after_eq) = text
        .get(name_len + before_eq..)
        .and_then(|t| t.strip_prefix('='))
    else {
        let attr = TagAttr {
            name,
            value: None,
            span: 0..0,
        };
        return Some((attr, name_len));
    };
    let value_at = name_len + before_eq + 1 + spaces(after_eq, 0);
    let rest = text.get(value_at..)?;
    let (value, len) = match rest.chars().next()? {
        quote @ ('"' | '\'') => {
            let end = rest.get(1..)?.find(quote)?;
            (rest.get(1..1 + end)?, end + 2)
        }
        _ => {
            let end = rest
                .find(|c: char| c.is_ascii_whitespace() || "\"'=<>`".contains(c))
                .unwrap_or(rest.len());
            (rest.get(..end).filter(|v| !v.is_empty())?, end)
        }
    };
    let attr = TagAttr {
        name,
        value: Some(value),
        span: 0..0,
    };
    Some((attr, value_at + len))
}

/// The end tag that closes the element named `name` whose content starts at
/// byte `from`: its span. Elements of the same name opened on the way are
/// closed first.
pub(super) fn closing_tag(text: &str, from: usize, name: &str) -> Option<Range<usize>> {
    let mut depth = 0usize;
    let mut at = from;
    while let Some(found) = text.get(at..).and_then(|t| t.find('<')) {
        let lt = at + found;
        at = lt + 1;
        if let Some(end) = end_tag_named(text, lt, name) {
            if depth == 0 {
                return Some(lt..end);
            }
            depth -= 1;
            at = end;
        } else if is_start_tag_named(text, lt, name) {
            depth += 1;
        }
    }
    None
}

/// The end of `</name>` (any case, white space before `>`) at byte `lt`.
pub(super) fn end_tag_named(text: &str, lt: usize, name: &str) -> Option<usize> {
    let rest = text.get(lt..)?.strip_prefix("</")?;
    let tag = rest.get(..name.len())?;
    if !tag.eq_ignore_ascii_case(name) {
        return None;
    }
    let after = rest.get(name.len()..)?;
    let space = spaces(after, 0);
    after
        .get(space..)?
        .starts_with('>')
        .then_some(lt + 2 + name.len() + space + 1)
}

/// Whether a start tag of element `name` begins at byte `lt`.
pub(super) fn is_start_tag_named(text: &str, lt: usize, name: &str) -> bool {
    let Some(rest) = text.get(lt..).and_then(|t| t.strip_prefix('<')) else {
        return false;
    };
    let named = rest
        .get(..name.len())
        .is_some_and(|t| t.eq_ignore_ascii_case(name));
    named
        && rest
            .get(name.len()..)
            .is_some_and(|after| after.starts_with([' ', '\t', '\n', '\r', '>', '/']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_start_tags_and_finds_their_end() {
        let text = "x<div class='a b' markdown=\"1\"\n  hidden data-n=3>in <DIV>n</div > </Div>!";
        let tag = start_tag(text, 1).expect("a start tag");
        assert_eq!(tag.name, "div");
        let names: Vec<&str> = tag.attrs.iter().map(|a| a.name).collect();
        assert_eq!(names, ["class", "markdown", "hidden", "data-n"]);
        let markdown = tag.attr("MARKDOWN").expect("the markdown attribute");
        assert_eq!(markdown.value, Some("1"));
        assert_eq!(
            tag.without(text, markdown),
            "<div class='a b'\n  hidden data-n=3>"
        );
        let close = closing_tag(text, tag.span.end, "div").expect("its end tag");
        assert_eq!(text.get(close), Some("</Div>"));
        assert!(start_tag("<div a='1>", 0).is_none());
        assert!(start_tag("<1>", 0).is_none());
        assert!(start_tag("<br/>", 0).is_some());
    }
}
