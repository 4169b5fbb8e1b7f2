//! Atom 1.0 (RFC 4287). Text constructs (`title`, `summary`, `content`)
//! come as `type="text"`, `"html"` (escaped or CDATA) or `"xhtml"` (a
//! `<div>` whose markup is the content); `xml:base` may sit on any element
//! and relative links resolve against the nearest one. Links: the
//! `alternate` one (or one without `rel`) is the item's page; `next` pages.

use crate::item::{self, Content, Parts};
use crate::url;
use crate::xml::{ns, Element};
use crate::Document;

const A: Option<&str> = Some(ns::ATOM);

pub fn read<E: Element>(root: &E, url: &str) -> Document {
    let base = root.base(url);
    let items = root
        .children()
        .into_iter()
        .filter(|e| e.is(A, "entry"))
        .map(|e| item::article(parts(&e, url)))
        .collect();
    Document {
        title: root
            .child(A, "title")
            .map(|t| text_construct(&t))
            .unwrap_or_default(),
        description: root
            .child(A, "subtitle")
            .map(|t| text_construct(&t))
            .unwrap_or_default(),
        language: root
            .attribute_ns(ns::XML, "lang")
            .filter(|l| !l.trim().is_empty()),
        home: link(root, "alternate", &base),
        next: link(root, "next", &base),
        items,
    }
}

fn parts<E: Element>(entry: &E, feed_url: &str) -> Parts {
    let base = entry.base(feed_url);
    let content = entry.child(A, "content");
    let content_base = content.as_ref().map_or(base.clone(), |c| c.base(feed_url));
    Parts {
        id: entry.child_text(A, "id"),
        link: link(entry, "alternate", &base),
        title: entry.child(A, "title").map(|t| text_construct(&t)),
        content: content.as_ref().and_then(body),
        summary: entry.child(A, "summary").map(|s| html_of(&s)),
        published: [
            entry.child_text(A, "published"),
            entry.child_text(A, "updated"),
        ]
        .into_iter()
        .flatten()
        .collect(),
        updated: entry.child_text(A, "updated").into_iter().collect(),
        categories: entry
            .children()
            .into_iter()
            .filter(|c| c.is(A, "category"))
            .filter_map(|c| c.attribute("label").or_else(|| c.attribute("term")))
            .collect(),
        authors: entry
            .children()
            .into_iter()
            .filter(|c| c.is(A, "author"))
            .filter_map(|a| a.child_text(A, "name"))
            .collect(),
        images: crate::rss::images(entry, &base),
        banner: None,
        base: content_base,
    }
}

/// The `href` of the first link with `rel` (a link without `rel` is `alternate`),
/// preferring an HTML page among alternates.
fn link<E: Element>(parent: &E, rel: &str, base: &str) -> Option<String> {
    let links: Vec<E> = parent
        .children()
        .into_iter()
        .filter(|l| l.is(A, "link"))
        .filter(|l| {
            let found = l.attribute("rel").unwrap_or_else(|| "alternate".into());
            found.trim().eq_ignore_ascii_case(rel)
        })
        .collect();
    let html = links
        .iter()
        .find(|l| l.attribute("type").is_none_or(|t| t.contains("html")));
    html.or(links.first())
        .and_then(|l| l.attribute("href"))
        .and_then(|href| url::web_link(base, &href))
}

/// A text construct as HTML, for titles (whose tags and entities are read
/// later): `type="text"` escaped, so `a < b` stays as written.
fn text_construct<E: Element>(e: &E) -> String {
    match kind(e).as_str() {
        "text" => e.text().replace('&', "&amp;").replace('<', "&lt;"),
        _ => html_of(e),
    }
}

/// A text construct as HTML: xhtml's markup, html's text, text's text.
fn html_of<E: Element>(e: &E) -> String {
    match kind(e).as_str() {
        "xhtml" => xhtml(e),
        _ => e.text(),
    }
}

fn body<E: Element>(content: &E) -> Option<Content> {
    // Out-of-line content (`src`) is not fetched: the summary stands in.
    if content.attribute("src").is_some() {
        return None;
    }
    match kind(content).as_str() {
        "xhtml" => Some(Content::Html(xhtml(content))),
        "html" => Some(Content::Html(content.text())),
        "text" => Some(Content::Text(content.text())),
        // A media type: HTML and XML types as markup, text/* as text.
        other if other.contains("html") || other.ends_with("xml") => {
            Some(Content::Html(content.text()))
        }
        _ => Some(Content::Text(content.text())),
    }
}

fn kind<E: Element>(e: &E) -> String {
    e.attribute("type")
        .unwrap_or_else(|| "text".into())
        .trim()
        .to_ascii_lowercase()
}

/// The markup inside xhtml content's wrapping `<div>`.
fn xhtml<E: Element>(e: &E) -> String {
    match e
        .children()
        .into_iter()
        .find(|c| c.is(Some(ns::XHTML), "div"))
    {
        Some(div) => div.inner_markup(),
        None => e.inner_markup(),
    }
}
