//! JSON Feed 1.0 and 1.1 (<https://jsonfeed.org/version/1.1>), leniently:
//! real feeds have numeric ids, a string for `tags`, HTML in titles,
//! Markdown in `content_html`, garbage dates and duplicate items, and all of
//! that is read, not refused. `next_url` names the next page.

use serde_json::Value;

use crate::item::{self, Content, Parts};
use crate::url;
use crate::Document;

pub fn read(value: &Value, url: &str) -> Result<Document, String> {
    let items = match value.get("items") {
        Some(Value::Array(items)) => items
            .iter()
            .filter(|i| i.is_object())
            .map(|i| item::article(parts(i, url)))
            .collect(),
        Some(_) => return Err("its `items` is not a list".into()),
        None => return Err("it has no `items`".into()),
    };
    let link = |key: &str| text(value, key).and_then(|l| url::web_link(url, &l));
    Ok(Document {
        title: text(value, "title").unwrap_or_default(),
        description: text(value, "description").unwrap_or_default(),
        language: text(value, "language").filter(|l| !l.trim().is_empty()),
        home: link("home_page_url"),
        next: link("next_url"),
        items,
    })
}

fn parts(value: &Value, feed_url: &str) -> Parts {
    let link = |key: &str| text(value, key).and_then(|l| url::web_link(feed_url, &l));
    let url = link("url").or_else(|| link("external_url"));
    let html = text(value, "content_html");
    let plain = text(value, "content_text");
    let content = match (html, plain) {
        (Some(html), _) if !html.trim().is_empty() => Some(Content::Html(html)),
        (_, Some(plain)) => Some(Content::Text(plain)),
        _ => None,
    };
    Parts {
        id: text(value, "id"),
        base: url.clone().unwrap_or_else(|| feed_url.to_string()),
        link: url,
        title: text(value, "title"),
        content,
        summary: text(value, "summary"),
        published: text(value, "date_published").into_iter().collect(),
        updated: text(value, "date_modified").into_iter().collect(),
        categories: tags(value.get("tags")),
        authors: authors(value),
        images: link("image").into_iter().collect(),
        banner: link("banner_image"),
    }
}

/// `tags` as names: a list of texts, or one text of comma-separated names.
fn tags(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(list)) => list.iter().filter_map(loose_text).collect(),
        Some(Value::String(s)) => s.split(',').map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

/// 1.1's `authors`, else 1.0's `author`: their names.
fn authors(value: &Value) -> Vec<String> {
    let list = match (value.get("authors"), value.get("author")) {
        (Some(Value::Array(list)), _) => list.iter().collect(),
        (_, Some(one)) => vec![one],
        _ => Vec::new(),
    };
    list.into_iter().filter_map(|a| text(a, "name")).collect()
}

/// A text field, or a number written as text (ids); anything else is none.
pub fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(loose_text)
}

fn loose_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}
