//! kramdown's table of contents (`* TOC` + `{:toc}`), built from the
//! rendered HTML so that it lists every heading the page will have, raw HTML
//! ones included, and links to the ids the enhancing step will give them:
//! sinmun re-assigns every heading's id (`h-` + its text's slug, numbered
//! when repeated, `sinmun_model::body_rules`), so ids kramdown or the author
//! chose would not be there any more. Headings with the `no_toc` class are
//! left out (they still take their id). The nesting is kramdown's
//! (`generate_toc_tree`): a heading deeper than the one before goes into its
//! list, whatever the gap.

use std::collections::HashSet;

use sinmun_model::body_rules::{heading_id, unique_id};

use crate::output::prerender::body::heading_slug;
use crate::output::prerender::policy::WITH_CONTENT;

use super::attrs::{self, Attrs};
use super::escape;
use super::events::TocRequest;
use super::marker::{self, Kind, Piece};

/// Whether the content of element `name` is no text of the page: the
/// sanitiser drops it (`WITH_CONTENT` in `output/prerender/policy.rs`), or
/// the HTML parser reads it as text, not tags (`textarea`, and `title`).
fn has_no_text(name: &str) -> bool {
    WITH_CONTENT.contains(&name) || name == "textarea"
}

#[derive(Debug, PartialEq)]
pub(super) struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
    pub listed: bool,
}

/// `html` with its table of contents tokens replaced.
pub(super) fn insert(html: String, requests: &[TocRequest]) -> String {
    if requests.is_empty() {
        return html;
    }
    let headings = headings(&html);
    let mut out = String::with_capacity(html.len() + headings.len() * 64);
    for piece in marker::pieces(&html) {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Token(Kind::Toc, index) => {
                if let Some(request) = requests.get(index) {
                    write_toc(&mut out, &headings, request);
                }
            }
            Piece::Token(kind, index) => out.push_str(&marker::token(kind, index)),
        }
    }
    out
}

/// The headings of `html` in order, with the ids the enhancing step gives
/// them (`number_headings` in `output/prerender/body.rs`: headings with no
/// text get none).
pub(super) fn headings(html: &str) -> Vec<Heading> {
    let mut used = HashSet::new();
    let mut headings = Vec::new();
    let mut at = 0;
    while let Some(found) = html.get(at..).and_then(|rest| rest.find('<')) {
        let lt = at + found;
        let Some((level, open_end, listed)) = heading_start(html, lt) else {
            at = skip_markup(html, lt);
            continue;
        };
        let (text, end) = heading_text(html, open_end);
        at = end;
        let text = text.trim().to_string();
        if text.is_empty() {
            continue;
        }
        let id = unique_id(&mut used, heading_id(&heading_slug(&text)));
        headings.push(Heading {
            level,
            id,
            text,
            listed,
        });
    }
    headings
}

/// `<h1`…`<h6` at byte `lt`: its level, the end of its start tag, and
/// whether it goes into the table of contents (no `no_toc` class).
fn heading_start(html: &str, lt: usize) -> Option<(u8, usize, bool)> {
    let rest = html.get(lt..)?;
    let name = rest.get(1..3)?;
    let level = match name.as_bytes() {
        [b'h' | b'H', digit @ b'1'..=b'6'] => digit - b'0',
        _ => return None,
    };
    if !rest
        .get(3..)?
        .starts_with([' ', '\t', '\n', '\r', '/', '>'])
    {
        return None;
    }
    let end = tag_end(html, lt);
    let tag = html.get(lt..end)?;
    let listed = !class_of(tag)
        .split_ascii_whitespace()
        .any(|c| c == "no_toc");
    Some((level, end, listed))
}

/// The `class` attribute's value in a start tag (quoted, as every writer
/// here and most authors write it).
fn class_of(tag: &str) -> &str {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower.get(from..).and_then(|t| t.find("class=")) {
        let at = from + found;
        from = at + 6;
        let after_space = lower
            .get(at.saturating_sub(1)..at)
            .is_some_and(|c| c.trim().is_empty());
        let quote = tag.get(at + 6..at + 7);
        if let (true, Some(q @ ("\"" | "'"))) = (after_space, quote) {
            let value = tag.get(at + 7..).unwrap_or_default();
            return value
                .get(..value.find(q).unwrap_or(value.len()))
                .unwrap_or_default();
        }
    }
    ""
}

/// The byte after the `>` of the tag that starts at `lt` (quotes skipped).
fn tag_end(html: &str, lt: usize) -> usize {
    let mut quote = None;
    for (i, c) in html.get(lt..).unwrap_or_default().char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return lt + i + 1,
            _ => {}
        }
    }
    html.len()
}

/// Past the markup at `lt`: a comment, an element whose content is no text
/// (to its end tag), or one tag.
fn skip_markup(html: &str, lt: usize) -> usize {
    let rest = html.get(lt..).unwrap_or_default();
    if rest.starts_with("<!--") {
        return rest
            .get(4..)
            .and_then(|r| r.find("-->"))
            .map_or(html.len(), |i| lt + 4 + i + 3);
    }
    let name_end = rest
        .get(1..)
        .and_then(|r| r.find(|c: char| !c.is_ascii_alphanumeric()))
        .map_or(rest.len(), |i| i + 1);
    let name = rest
        .get(1..name_end)
        .unwrap_or_default()
        .to_ascii_lowercase();
    if !rest.starts_with('<') || name.is_empty() {
        return lt + 1;
    }
    let end = tag_end(html, lt);
    if has_no_text(&name) && !html.get(..end).unwrap_or_default().ends_with("/>") {
        let close = format!("</{name}");
        let lower_rest = html.get(end..).unwrap_or_default();
        return find_ignore_case(lower_rest, &close).map_or(html.len(), |i| tag_end(html, end + i));
    }
    end
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// A heading's text from the end of its start tag: tags left out, entities
/// decoded; it ends at the next heading end or start tag (as an HTML
/// parser ends it). Returns the text and where the heading ends.
fn heading_text(html: &str, from: usize) -> (String, usize) {
    let mut text = String::new();
    let mut at = from;
    while let Some(found) = html.get(at..).and_then(|rest| rest.find('<')) {
        let lt = at + found;
        decode_into(&mut text, html.get(at..lt).unwrap_or_default());
        let rest = html.get(lt..).unwrap_or_default();
        let closes = rest.len() > 3
            && rest.get(..3).is_some_and(|s| s.eq_ignore_ascii_case("</h"))
            && rest
                .as_bytes()
                .get(3)
                .is_some_and(|d| (b'1'..=b'6').contains(d));
        if closes {
            return (text, tag_end(html, lt));
        }
        if heading_start(html, lt).is_some() {
            return (text, lt);
        }
        at = skip_markup(html, lt);
    }
    decode_into(&mut text, html.get(at..).unwrap_or_default());
    (text, html.len())
}

/// Text with its character references decoded; a named one this does not
/// know reads as a space (it only feeds slugs and link texts).
fn decode_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let after = rest.get(amp + 1..).unwrap_or_default();
        let reference = after
            .find(';')
            .filter(|&semi| semi <= 32)
            .and_then(|semi| Some((after.get(..semi)?, semi)));
        match reference.and_then(|(name, semi)| Some((decode(name)?, semi))) {
            Some((c, semi)) => {
                out.push(c);
                rest = after.get(semi + 1..).unwrap_or_default();
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

fn decode(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let value = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return Some(char::from_u32(value).unwrap_or('\u{FFFD}'));
    }
    if !name.chars().all(|c| c.is_ascii_alphanumeric()) || name.is_empty() {
        return None;
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        _ => ' ',
    })
}

/// The table of contents: kramdown's nesting, `ul` or `ol` throughout.
fn write_toc(out: &mut String, headings: &[Heading], request: &TocRequest) {
    let listed: Vec<&Heading> = headings.iter().filter(|h| h.listed).collect();
    if listed.is_empty() {
        return;
    }
    let list = if request.ordered { "ol" } else { "ul" };
    let mut attrs = Attrs {
        id: Some("markdown-toc".to_string()),
        ..Attrs::default()
    };
    attrs.merge(request.attrs.clone());
    out.push('<');
    out.push_str(list);
    attrs::write(out, &attrs, &[], &[]);
    out.push_str(">\n");
    // The open items: their level, and whether their own list is open.
    let mut open: Vec<(u8, bool)> = Vec::new();
    for heading in listed {
        while open
            .last()
            .is_some_and(|&(level, _)| level >= heading.level)
        {
            close_item(out, list, open.pop());
        }
        if let Some((_, sublist)) = open.last_mut() {
            if !*sublist {
                out.push_str("\n<");
                out.push_str(list);
                out.push_str(">\n");
                *sublist = true;
            }
        }
        out.push_str("<li><a href=\"#");
        escape::attr(out, &heading.id);
        out.push_str("\">");
        escape::body(out, &heading.text);
        out.push_str("</a>");
        open.push((heading.level, false));
    }
    while let Some(item) = open.pop() {
        close_item(out, list, Some(item));
    }
    out.push_str("</");
    out.push_str(list);
    out.push_str(">\n");
}

fn close_item(out: &mut String, list: &str, item: Option<(u8, bool)>) {
    if let Some((_, true)) = item {
        out.push_str("</");
        out.push_str(list);
        out.push_str(">\n");
    }
    out.push_str("</li>\n");
}
