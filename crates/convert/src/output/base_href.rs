//! Setting the `<base href>` of an HTML page. The app is built once, with a
//! relative base (`<base href="./">`), so one bundle serves any site; the
//! converter knows where this site is served and writes that path into every
//! page made from the app's index.html.

use super::xml::xml_escape;

/// `html` with the `href` of its first `<base>` element set to `base_path`
/// (other attributes kept, an `href` added if it had none), or `None` when the
/// page has no `<base>` element outside comments.
pub fn set_base_href(html: &str, base_path: &str) -> Option<String> {
    let tag = find_base_tag(html)?;
    let attributes = html.get(tag.start + "<base".len()..tag.end)?;
    let href = format!("href=\"{}\"", xml_escape(base_path));
    let (at, replaced) = match find_href(attributes) {
        Some(range) => (
            tag.start + "<base".len() + range.start,
            range.end - range.start,
        ),
        None => (tag.start + "<base".len(), 0),
    };
    let href = if replaced == 0 {
        format!(" {href}")
    } else {
        href
    };
    let mut page = String::with_capacity(html.len() + href.len());
    page.push_str(html.get(..at)?);
    page.push_str(&href);
    page.push_str(html.get(at + replaced..)?);
    Some(page)
}

/// Byte range of the first `<base …>` tag, from `<` to before its `>`.
fn find_base_tag(html: &str) -> Option<std::ops::Range<usize>> {
    let mut from = 0;
    while let Some(lt) = html.get(from..)?.find('<').map(|i| i + from) {
        let rest = html.get(lt..)?;
        if rest.starts_with("<!--") {
            from = lt + rest.find("-->").map_or(rest.len(), |e| e + "-->".len());
            continue;
        }
        let after = rest.get("<base".len()..).unwrap_or("");
        let is_base = rest
            .get(..5)
            .is_some_and(|s| s.eq_ignore_ascii_case("<base"))
            && after.starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/');
        if is_base {
            let end = lt + "<base".len() + tag_end(after)?;
            return Some(lt..end);
        }
        from = lt + 1;
    }
    None
}

/// Offset of the `>` closing a tag whose attributes are `attributes`
/// (a `>` inside a quoted value does not count).
fn tag_end(attributes: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in attributes.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// Byte range of the `href=…` attribute (name and value) within `attributes`.
fn find_href(attributes: &str) -> Option<std::ops::Range<usize>> {
    let bytes = attributes.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let name_len = attributes
            .get(i..)?
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
            .unwrap_or(attributes.len() - i);
        if name_len == 0 {
            i += 1;
            continue;
        }
        let name = attributes.get(i..i + name_len)?;
        i += name_len;
        let mut end = i;
        if attributes.get(i..)?.trim_start().starts_with('=') {
            let eq = i + attributes.get(i..)?.find('=')?;
            end = value_end(attributes, eq + 1)?;
        }
        if name.eq_ignore_ascii_case("href") {
            return Some(start..end);
        }
        i = end.max(i);
    }
    None
}

/// End of an attribute value starting after its `=` at `from`.
fn value_end(attributes: &str, from: usize) -> Option<usize> {
    let rest = attributes.get(from..)?;
    let skipped = rest.len() - rest.trim_start().len();
    let value = rest.trim_start();
    let start = from + skipped;
    match value.chars().next() {
        Some(q @ ('"' | '\'')) => {
            let close = value.get(1..)?.find(q).map_or(value.len(), |e| e + 2);
            Some(start + close)
        }
        Some(_) => Some(
            start
                + value
                    .find(|c: char| c.is_ascii_whitespace())
                    .unwrap_or(value.len()),
        ),
        None => Some(start),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_href_becomes_the_base_path() {
        for (page, want) in [
            (
                "<head><base href=\"./\"></head>",
                "<head><base href=\"/blog/\"></head>",
            ),
            ("<base href='/' />", "<base href=\"/blog/\" />"),
            ("<BASE HREF=./>", "<BASE href=\"/blog/\">"),
            ("<base href = \"./\">", "<base href=\"/blog/\">"),
            (
                "<base target=\"_top\" href=\"x\" data-x>",
                "<base target=\"_top\" href=\"/blog/\" data-x>",
            ),
            (
                "<base data-trunk-public-url>",
                "<base href=\"/blog/\" data-trunk-public-url>",
            ),
            ("<base>", "<base href=\"/blog/\">"),
        ] {
            assert_eq!(
                set_base_href(page, "/blog/").as_deref(),
                Some(want),
                "{page}"
            );
        }
    }

    #[test]
    fn only_a_real_base_element_counts() {
        assert_eq!(set_base_href("<html><basefont></html>", "/"), None);
        assert_eq!(set_base_href("<!-- <base href=\"x\"> -->", "/"), None);
        assert_eq!(
            set_base_href("<!-- <base> --><base href=\"./\">", "/a/").as_deref(),
            Some("<!-- <base> --><base href=\"/a/\">")
        );
        assert_eq!(
            set_base_href("<base href=\"./\"", "/"),
            None,
            "unclosed tag"
        );
    }

    #[test]
    fn the_path_is_escaped() {
        assert_eq!(
            set_base_href("<base href=\"./\">", "/a\"b/").as_deref(),
            Some("<base href=\"/a&quot;b/\">")
        );
    }
}
