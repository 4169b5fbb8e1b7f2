//! One JSON Feed document (1.0 or 1.1, <https://jsonfeed.org/version/1.1>)
//! read out of browser-parsed JSON into the app's own types, leniently:
//! real feeds have numeric ids, a string for `tags`, HTML in titles,
//! Markdown in `content_html`, garbage dates and duplicate items, and all
//! of that is read, not refused. Only a document that is not a feed at all
//! is an error.

use sinmun_model::{Article, Body, BodyFormat, FORMAT_VERSION};
use wasm_bindgen::JsValue;

use crate::config::absolute_url;
use crate::source::feed_text as text;
use crate::source::json::{Decoded, Fields};

/// What one document of a feed gives.
pub struct Document {
    pub title: String,
    pub description: String,
    pub language: Option<String>,
    pub home: Option<String>,
    /// The next page of the feed (`next_url`), absolute.
    pub next: Option<String>,
    /// Its items, in the feed's order; slugs not yet made unique.
    pub items: Vec<Article>,
}

/// Whether `value` is a JSON Feed: its `version` names jsonfeed.org.
pub fn is_json_feed(value: &JsValue) -> bool {
    Fields::of(value, "")
        .ok()
        .and_then(|f| f.get("version"))
        .and_then(|v| v.as_string())
        .is_some_and(|v| {
            let v = v.trim().to_ascii_lowercase();
            v.starts_with("https://jsonfeed.org/version/")
                || v.starts_with("http://jsonfeed.org/version/")
        })
}

/// The document at `url`.
pub fn document(value: &JsValue, url: &str) -> Decoded<Document> {
    let f = Fields::of(value, "")?;
    let link = |key: &str| web_link(&f, key, url);
    let items = match f.get("items") {
        Some(items) if js_sys::Array::is_array(&items) => js_sys::Array::from(&items)
            .iter()
            .filter_map(|item| self::item(&item, url))
            .collect(),
        Some(_) => return Err("`items` should be a list".into()),
        None => return Err(f.missing("items")),
    };
    Ok(Document {
        title: text::title(&loose_text(&f, "title").unwrap_or_default()),
        description: text::plain_text(&loose_text(&f, "description").unwrap_or_default()),
        language: loose_text(&f, "language").filter(|l| !l.trim().is_empty()),
        home: link("home_page_url"),
        next: link("next_url"),
        items,
    })
}

/// One item; `None` for one that is not an object.
fn item(value: &JsValue, feed_url: &str) -> Option<Article> {
    let f = Fields::of(value, "").ok()?;
    let url = web_link(&f, "url", feed_url).or_else(|| web_link(&f, "external_url", feed_url));
    let id = loose_text(&f, "id")
        .filter(|id| !id.trim().is_empty())
        .or_else(|| url.clone())
        .unwrap_or_default();
    let body = body(&f);
    let plain = match body.format {
        BodyFormat::Html => text::plain_text(&body.source),
        _ => text::collapse(&body.source),
    };
    let excerpt = loose_text(&f, "summary")
        .map(|s| text::plain_text(&s))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| plain.clone());
    let mut title = text::title(&loose_text(&f, "title").unwrap_or_default());
    if title.is_empty() {
        title = text::shorten(&excerpt, 80);
    }
    let date = |key: &str| loose_text(&f, key).and_then(|d| text::iso_date(&d));
    let published = date("date_published");
    let modified = date("date_modified");
    Some(Article {
        version: FORMAT_VERSION,
        slug: text::slug_for(&id, &title),
        title,
        date: published
            .clone()
            .or_else(|| modified.clone())
            .unwrap_or_default(),
        updated: modified.filter(|m| Some(m) != published.as_ref()),
        categories: tags(&f),
        tags: Vec::new(),
        excerpt: text::shorten(&excerpt, 200),
        feature_text: None,
        feature_image: web_link(&f, "banner_image", feed_url),
        image: web_link(&f, "image", feed_url),
        reading_minutes: text::reading_minutes(&plain),
        body,
        aliases: Vec::new(),
        url,
    })
}

/// `content_html`, else `content_text`, else the summary as text. HTML
/// with no tag at all is read as Markdown (feeds that promise HTML and
/// send Markdown); either way it is rendered and sanitised like any body.
fn body(f: &Fields) -> Body {
    let html = loose_text(f, "content_html").filter(|h| !h.trim().is_empty());
    let content_text = loose_text(f, "content_text").filter(|t| !t.trim().is_empty());
    match (html, content_text) {
        (Some(html), _) if html.contains('<') => Body {
            format: BodyFormat::Html,
            source: html,
        },
        (Some(markdown), _) => Body {
            format: BodyFormat::Markdown,
            source: markdown,
        },
        (None, Some(plain)) => Body {
            format: BodyFormat::Text,
            source: plain,
        },
        (None, None) => Body {
            format: BodyFormat::Text,
            source: loose_text(f, "summary")
                .map(|s| text::plain_text(&s))
                .unwrap_or_default(),
        },
    }
}

/// `tags` as names: a list of texts (others skipped), or one text of
/// comma-separated names; trimmed, without duplicates.
fn tags(f: &Fields) -> Vec<String> {
    let names: Vec<String> = match f.get("tags") {
        Some(v) if js_sys::Array::is_array(&v) => js_sys::Array::from(&v)
            .iter()
            .filter_map(|t| t.as_string())
            .collect(),
        Some(v) => v
            .as_string()
            .map(|s| s.split(',').map(str::to_string).collect())
            .unwrap_or_default(),
        None => Vec::new(),
    };
    let mut out: Vec<String> = Vec::new();
    for name in names {
        let name = text::title(&name);
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// A text field, or a number written as text (ids); anything else is none.
fn loose_text(f: &Fields, key: &str) -> Option<String> {
    let value = f.get(key)?;
    value.as_string().or_else(|| {
        value
            .as_f64()
            .filter(|n| n.is_finite())
            .and_then(|_| js_sys::JSON::stringify(&value).ok())
            .and_then(|s| s.as_string())
    })
}

/// A link field made absolute against the feed's URL; only http(s).
fn web_link(f: &Fields, key: &str, base: &str) -> Option<String> {
    let link = loose_text(f, key)?;
    let link = link.trim();
    if link.is_empty() {
        return None;
    }
    let absolute = absolute_url(link, base);
    let scheme = absolute
        .split(':')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(scheme.as_str(), "http" | "https").then_some(absolute)
}
