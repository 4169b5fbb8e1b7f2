//! The search view's markup, built as DOM nodes with text content: record
//! text and the query are never parsed as HTML, so neither can inject
//! markup. Classes are the app's (style/main.css).

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

use crate::index::{Meta, Record};
use crate::labels::SearchLabels;
use crate::snippet::Segment;

pub fn document() -> Option<Document> {
    web_sys::window()?.document()
}

/// `<tag class="…">`.
pub fn element(tag: &str, class: &str) -> Option<Element> {
    let e = document()?.create_element(tag).ok()?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    Some(e)
}

/// `<tag class="…">text</tag>`.
pub fn text_element(tag: &str, class: &str, text: &str) -> Option<Element> {
    let e = element(tag, class)?;
    e.set_text_content(Some(text));
    Some(e)
}

/// Text and `<mark>`s into `parent`.
pub fn append_segments(parent: &Element, segments: &[Segment]) {
    for segment in segments {
        let node: Option<web_sys::Node> = if segment.hit {
            text_element("mark", "", &segment.text).map(Into::into)
        } else {
            document().map(|d| d.create_text_node(&segment.text).into())
        };
        if let Some(node) = node {
            let _ = parent.append_child(&node);
        }
    }
}

/// The status line: what screen readers announce, and what tests wait for.
pub fn status(state: &str, query: &str, text: &str) -> Option<Element> {
    let p = text_element("p", "search-status", text)?;
    let _ = p.set_attribute("role", "status");
    let _ = p.set_attribute("data-state", state);
    let _ = p.set_attribute("data-query", query);
    Some(p)
}

/// One result: title link (marked), date and categories, snippet.
pub struct ResultParts<'a> {
    pub href: &'a str,
    pub title: &'a [Segment],
    pub date: &'a str,
    pub categories: Vec<&'a str>,
    pub snippet: &'a [Segment],
}

pub fn result_item(parts: &ResultParts) -> Option<Element> {
    let li = element("li", "search-result")?;
    let heading = element("h2", "search-result-title")?;
    let link = element("a", "search-result-link")?;
    let _ = link.set_attribute("href", parts.href);
    // WebKit focuses a link only when it has a tabindex (the arrow keys move to it)
    let _ = link.set_attribute("tabindex", "0");
    append_segments(&link, parts.title);
    let _ = heading.append_child(&link);
    let _ = li.append_child(&heading);
    let meta = element("p", "search-result-meta")?;
    let mut line = parts.date.to_string();
    for category in &parts.categories {
        line.push_str(" · ");
        line.push_str(category);
    }
    meta.set_text_content(Some(&line));
    let _ = li.append_child(&meta);
    let snippet = element("p", "search-result-snippet")?;
    append_segments(&snippet, parts.snippet);
    let _ = li.append_child(&snippet);
    Some(li)
}

/// The category filter: "all" and each category with hits, as links to
/// the same query narrowed (the app's router follows them).
pub fn category_filter(
    labels: &SearchLabels,
    meta: &Meta,
    counts: &[(u32, usize)],
    total: usize,
    current: Option<&str>,
    href: impl Fn(Option<&str>) -> String,
) -> Option<Element> {
    let nav = element("nav", "search-categories")?;
    let _ = nav.set_attribute("aria-label", labels.category);
    let list = element("ul", "")?;
    let add = |slug: Option<&str>, name: &str, count: usize| -> Option<()> {
        let li = element("li", "")?;
        let a = text_element("a", "search-category", &format!("{name} ({count})"))?;
        let _ = a.set_attribute("href", &href(slug));
        if slug == current {
            let _ = a.set_attribute("aria-current", "page");
        }
        let _ = li.append_child(&a);
        let _ = list.append_child(&li);
        Some(())
    };
    add(None, labels.all_categories, total);
    for (index, count) in counts {
        if let Some(c) = meta.categories.get(*index as usize) {
            add(Some(&c.slug), &c.name, *count);
        }
    }
    let _ = nav.append_child(&list);
    Some(nav)
}

/// "No results for …" and what to try instead.
pub fn empty_state(labels: &SearchLabels, query: &str) -> Option<Element> {
    let div = element("div", "search-empty")?;
    let none: web_sys::Node = text_element("p", "", &(labels.none)(query))?.into();
    let _ = div.append_child(&none);
    let list = element("ul", "")?;
    for suggestion in labels.suggestions {
        let item: web_sys::Node = text_element("li", "", suggestion)?.into();
        let _ = list.append_child(&item);
    }
    let _ = div.append_child(&list);
    Some(div)
}

pub fn button(class: &str, text: &str) -> Option<HtmlElement> {
    let b = text_element("button", class, text)?;
    let _ = b.set_attribute("type", "button");
    b.dyn_into::<HtmlElement>().ok()
}

/// The categories' names of a record.
pub fn category_names<'a>(meta: &'a Meta, record: &Record) -> Vec<&'a str> {
    record
        .categories
        .iter()
        .filter_map(|i| meta.categories.get(*i as usize))
        .map(|c| c.name.as_str())
        .collect()
}
