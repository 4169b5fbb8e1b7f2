//! A site's home page where a feed was expected: the feed it advertises,
//! the way feed readers and WordPress clients find one. WordPress names its
//! REST API with `<link rel="https://api.w.org/" href="…/wp-json/">` (and the
//! same in a `Link` header); blogs name their feeds with `<link
//! rel="alternate" type="application/rss+xml|atom+xml|feed+json">`.

/// The feed `html` (the page at `url`) points to, absolute; the WordPress
/// posts endpoint first, as it carries whole posts and pages.
pub fn advertised_feed(html: &str, url: &str) -> Option<String> {
    let links = link_tags(html);
    let api = links
        .iter()
        .find(|l| l.rel.split_whitespace().any(|r| r == "https://api.w.org/"))
        .and_then(|l| crate::url::web_link(url, &l.href));
    if let Some(api) = api {
        return Some(wordpress_posts(&api));
    }
    const FEED_TYPES: [&str; 4] = [
        "application/feed+json",
        "application/atom+xml",
        "application/rss+xml",
        "application/json",
    ];
    FEED_TYPES.iter().find_map(|kind| {
        links
            .iter()
            .filter(|l| {
                l.rel
                    .split_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("alternate"))
            })
            .find(|l| l.kind.eq_ignore_ascii_case(kind))
            .and_then(|l| crate::url::web_link(url, &l.href))
    })
}

/// The posts endpoint under a REST API root (`https://x.org/wp-json/`),
/// with embedded images and terms.
pub fn wordpress_posts(api_root: &str) -> String {
    let root = api_root.split(['?', '#']).next().unwrap_or(api_root);
    [root.trim_end_matches('/'), "/wp/v2/posts?_embed"].concat()
}

/// The REST API root a `Link` header names (`<https://x.org/wp-json/>; rel="https://api.w.org/"`).
pub fn api_from_link_header(header: &str) -> Option<String> {
    header.split(',').find_map(|part| {
        let (target, params) = part.split_once(';')?;
        params.contains("https://api.w.org/").then(|| {
            target
                .trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_string()
        })
    })
}

struct LinkTag {
    rel: String,
    kind: String,
    href: String,
}

/// Every `<link>` in the page's head (up to `</head>`, or the whole page).
fn link_tags(html: &str) -> Vec<LinkTag> {
    let head_end = crate::text::find_ignoring_case(html, "</head").unwrap_or(html.len());
    let head = html.get(..head_end).unwrap_or(html);
    let mut out = Vec::new();
    let mut rest = head;
    while let Some(at) = crate::text::find_ignoring_case(rest, "<link") {
        let tag = rest.get(at..).unwrap_or("");
        let end = tag.find('>').map_or(tag.len(), |e| e + 1);
        let this = tag.get(..end).unwrap_or("");
        let value = |name: &str| crate::html::attribute_value(this, name).unwrap_or_default();
        out.push(LinkTag {
            rel: value("rel"),
            kind: value("type"),
            href: value("href"),
        });
        rest = tag.get(end.max(1)..).unwrap_or("");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wordpress_and_feed_links_are_found() {
        let page = r#"<html><head><link rel='https://api.w.org/' href='https://x.org/wp-json/' /><link rel="alternate" type="application/rss+xml" href="/feed/"></head>"#;
        assert_eq!(
            advertised_feed(page, "https://x.org/").as_deref(),
            Some("https://x.org/wp-json/wp/v2/posts?_embed")
        );
        let blog = r#"<HEAD><LINK REL="alternate" TYPE="application/atom+xml" HREF="atom.xml"><link rel="alternate" type="application/rss+xml" href="rss.xml"></HEAD>"#;
        assert_eq!(
            advertised_feed(blog, "https://b.org/blog/").as_deref(),
            Some("https://b.org/blog/atom.xml")
        );
        assert_eq!(
            advertised_feed("<html><head><title>x</title></head>", "https://b.org/"),
            None
        );
        assert_eq!(
            api_from_link_header(r#"<https://x.org/wp-json/>; rel="https://api.w.org/""#)
                .as_deref(),
            Some("https://x.org/wp-json/")
        );
    }
}
