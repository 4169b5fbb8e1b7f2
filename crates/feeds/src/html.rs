//! A feed's HTML, still a string (it is sanitised in the browser like every
//! body): its relative URLs made absolute against the base the feed gives
//! (`xml:base`, the item's link, the feed's URL), and its first image, for a
//! card's picture when the feed names none.
//!
//! A light scan of start tags, not an HTML parser: it only rewrites the
//! values of `href`, `src`, `poster` and `srcset`, so whatever it misreads
//! is still only text for the sanitiser. In-page fragments (`#fn1`) stay.

use crate::text::decode_entities;
use crate::url;

const URL_ATTRIBUTES: &[&str] = &["href", "src", "poster", "srcset"];

/// `html` with every relative URL in those attributes resolved against `base`.
pub fn absolute_urls(html: &str, base: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        let (before, tag) = rest.split_at(at);
        out.push_str(before);
        let end = tag_end(tag);
        let (tag, after) = tag.split_at(end);
        out.push_str(&rewrite_tag(tag, base));
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The `src` of the first `<img>`, absolute, if it is a web link.
pub fn first_image(html: &str, base: &str) -> Option<String> {
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        let tag = rest.get(at..)?;
        let end = tag_end(tag);
        let this = tag.get(..end)?;
        if tag_name(this).eq_ignore_ascii_case("img") {
            let src = attributes(this)
                .into_iter()
                .find(|a| a.name.eq_ignore_ascii_case("src"));
            if let Some(link) = src.and_then(|a| url::web_link(base, &decode_entities(a.value))) {
                return Some(link);
            }
        }
        rest = tag.get(end.max(1)..)?;
    }
    None
}

/// The value of attribute `name` in one start tag, entities decoded.
pub fn attribute_value(tag: &str, name: &str) -> Option<String> {
    attributes(tag)
        .into_iter()
        .find(|a| a.name.eq_ignore_ascii_case(name))
        .map(|a| decode_entities(a.value))
}

/// Where the tag starting at `tag[0] == '<'` ends (after its `>`), quotes respected.
fn tag_end(tag: &str) -> usize {
    let mut quote = None;
    for (i, ch) in tag.char_indices().skip(1) {
        match (quote, ch) {
            (None, '"' | '\'') => quote = Some(ch),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return i + 1,
            (None, '<') => return i,
            _ => {}
        }
    }
    tag.len()
}

fn tag_name(tag: &str) -> &str {
    let inner = tag.get(1..).unwrap_or("");
    let end = inner
        .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        .unwrap_or(inner.len());
    inner.get(..end).unwrap_or("")
}

struct Attribute<'a> {
    name: &'a str,
    value: &'a str,
    /// Byte range of the value inside the tag.
    start: usize,
    end: usize,
}

/// The attributes of a start tag, with where each value sits.
fn attributes(tag: &str) -> Vec<Attribute<'_>> {
    let mut out = Vec::new();
    let bytes = tag.as_bytes();
    let mut i = 1 + tag_name(tag).len();
    let len = bytes.len();
    while i < len {
        while i < len
            && (bytes
                .get(i)
                .is_some_and(|b| b.is_ascii_whitespace() || *b == b'/'))
        {
            i += 1;
        }
        let name_start = i;
        while i < len
            && !bytes
                .get(i)
                .is_some_and(|b| b.is_ascii_whitespace() || matches!(b, b'=' | b'>' | b'/'))
        {
            i += 1;
        }
        let name = tag.get(name_start..i).unwrap_or("");
        if name.is_empty() {
            i += 1;
            continue;
        }
        while i < len && bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < len && bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let (start, end, next) = match bytes.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let close = tag
                    .get(i + 1..)
                    .and_then(|r| r.find(q as char))
                    .map_or(len, |c| i + 1 + c);
                (i + 1, close, close + 1)
            }
            _ => {
                let stop = tag
                    .get(i..)
                    .and_then(|r| r.find(|c: char| c.is_ascii_whitespace() || c == '>'))
                    .map_or(len, |c| i + c);
                (i, stop, stop)
            }
        };
        if let Some(value) = tag.get(start..end) {
            out.push(Attribute {
                name,
                value,
                start,
                end,
            });
        }
        i = next;
    }
    out
}

fn rewrite_tag(tag: &str, base: &str) -> String {
    if tag.starts_with("</") || tag.starts_with("<!") || tag.starts_with("<?") {
        return tag.to_string();
    }
    let mut out = String::with_capacity(tag.len());
    let mut copied = 0;
    for attribute in attributes(tag) {
        let name = attribute.name.to_ascii_lowercase();
        if !URL_ATTRIBUTES.contains(&name.as_str()) {
            continue;
        }
        let value = decode_entities(attribute.value);
        let resolved = if name == "srcset" {
            resolve_srcset(&value, base)
        } else {
            resolve_one(&value, base)
        };
        let Some(resolved) = resolved else { continue };
        out.push_str(tag.get(copied..attribute.start).unwrap_or(""));
        out.push_str(&escape_attribute(&resolved));
        copied = attribute.end;
    }
    out.push_str(tag.get(copied..).unwrap_or(""));
    out
}

/// A relative URL resolved; `None` (left as written) for an absolute one,
/// a fragment or one that does not resolve.
fn resolve_one(value: &str, base: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() || value.starts_with('#') || has_scheme(value) {
        return None;
    }
    url::resolve(base, value)
}

fn resolve_srcset(value: &str, base: &str) -> Option<String> {
    let mut changed = false;
    let parts: Vec<String> = value
        .split(',')
        .map(|candidate| {
            let candidate = candidate.trim();
            let (link, size) = candidate
                .split_once(char::is_whitespace)
                .unwrap_or((candidate, ""));
            match resolve_one(link, base) {
                Some(absolute) => {
                    changed = true;
                    [absolute.as_str(), " ", size.trim()]
                        .concat()
                        .trim_end()
                        .to_string()
                }
                None => candidate.to_string(),
            }
        })
        .collect();
    changed.then(|| parts.join(", "))
}

fn has_scheme(value: &str) -> bool {
    match value.find(':') {
        Some(colon) => value.get(..colon).is_some_and(|s| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }),
        None => false,
    }
}

fn escape_attribute(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://daringfireball.net/linked/";

    #[test]
    fn relative_urls_become_absolute_and_fragments_stay() {
        let html = r##"<p><img src="/misc/a.png" alt=x> <a href="#fn1">1</a> <a href='b?x=1&amp;y=2'>b</a> <a href="https://o.org/">o</a></p>"##;
        let out = absolute_urls(html, BASE);
        assert!(
            out.contains(r#"src="https://daringfireball.net/misc/a.png""#),
            "{out}"
        );
        assert!(out.contains(r##"href="#fn1""##), "{out}");
        assert!(
            out.contains("href='https://daringfireball.net/linked/b?x=1&amp;y=2'"),
            "{out}"
        );
        assert!(out.contains(r#"href="https://o.org/""#), "{out}");
        assert!(out.starts_with("<p>") && out.ends_with("</p>"));
    }

    #[test]
    fn srcset_unquoted_and_broken_tags() {
        let out = absolute_urls(r#"<img srcset="a.png 1x, /b.png 2x" src=c.png>"#, BASE);
        assert!(
            out.contains(
                "https://daringfireball.net/linked/a.png 1x, https://daringfireball.net/b.png 2x"
            ),
            "{out}"
        );
        assert!(
            out.contains("src=https://daringfireball.net/linked/c.png>"),
            "{out}"
        );
        assert_eq!(absolute_urls("a < b <", BASE), "a < b <");
        assert_eq!(
            absolute_urls("<a href=\"x", BASE),
            "<a href=\"https://daringfireball.net/linked/x"
        );
        assert_eq!(absolute_urls("", BASE), "");
    }

    #[test]
    fn the_first_image_is_found() {
        assert_eq!(
            first_image(
                r#"<p>x</p><IMG alt="" SRC="/i.jpg"><img src="/j.jpg">"#,
                BASE
            )
            .as_deref(),
            Some("https://daringfireball.net/i.jpg")
        );
        assert_eq!(
            first_image(r#"<img src="javascript:alert(1)">"#, BASE),
            None
        );
        assert_eq!(first_image("no images", BASE), None);
    }
}
