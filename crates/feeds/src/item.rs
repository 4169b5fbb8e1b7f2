//! One feed item as the app's [`Article`], whatever format it came in: each
//! reader gathers [`Parts`] in its format's terms, and this makes the title,
//! excerpt, dates, body, pictures and slug by the same rules for all.

use sinmun_model::{Article, Body, BodyFormat, FORMAT_VERSION};

use crate::{dates, html, text};

/// What a reader found in one item, as the feed wrote it.
#[derive(Default)]
pub struct Parts {
    /// `guid`, Atom `id`, JSON Feed `id`: only for the slug and duplicates.
    pub id: Option<String>,
    /// The item's own page (absolute).
    pub link: Option<String>,
    /// May hold entities or tags.
    pub title: Option<String>,
    pub content: Option<Content>,
    /// A summary or description, HTML or text.
    pub summary: Option<String>,
    /// Dates as written; the first one that reads wins.
    pub published: Vec<String>,
    pub updated: Vec<String>,
    pub categories: Vec<String>,
    pub authors: Vec<String>,
    /// Picture candidates (absolute), best first.
    pub images: Vec<String>,
    /// A banner picture (JSON Feed's `banner_image`).
    pub banner: Option<String>,
    /// What relative URLs in the content resolve against.
    pub base: String,
}

/// An item's body as the feed types it.
pub enum Content {
    Html(String),
    Text(String),
}

/// The item as an article; its slug is not yet unique in the feed.
pub fn article(parts: Parts) -> Article {
    let body = body(parts.content, parts.summary.as_deref(), &parts.base);
    let plain = match body.format {
        BodyFormat::Html => text::plain_text(&body.source),
        _ => text::collapse(&body.source),
    };
    let excerpt = parts
        .summary
        .as_deref()
        .map(text::plain_text)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| plain.clone());
    let mut title = text::title(parts.title.as_deref().unwrap_or(""));
    if title.is_empty() {
        title = text::shorten(&excerpt, 80);
    }
    let first_date = |dates: &[String]| dates.iter().find_map(|d| dates::any_date(d));
    let published = first_date(&parts.published);
    let updated = first_date(&parts.updated);
    let image = parts
        .images
        .into_iter()
        .next()
        .or_else(|| match body.format {
            BodyFormat::Html => html::first_image(&body.source, &parts.base),
            _ => None,
        });
    let id = parts
        .id
        .filter(|i| !i.trim().is_empty())
        .or_else(|| parts.link.clone());
    Article {
        version: FORMAT_VERSION,
        slug: text::slug_for(id.as_deref().unwrap_or(""), &title),
        title,
        date: published
            .clone()
            .or_else(|| updated.clone())
            .unwrap_or_default(),
        updated: updated.filter(|u| Some(u) != published.as_ref()),
        categories: names(parts.categories),
        tags: Vec::new(),
        excerpt: text::shorten(&excerpt, 200),
        feature_text: None,
        feature_image: parts.banner,
        image,
        reading_minutes: text::reading_minutes(&plain),
        body,
        aliases: Vec::new(),
        url: parts.link,
        authors: names(parts.authors),
        lang: None,
    }
}

/// HTML content, else text content, else the summary. "HTML" without a
/// single tag is read as Markdown (feeds that promise HTML and send
/// Markdown); either way it is rendered and sanitised like any body.
fn body(content: Option<Content>, summary: Option<&str>, base: &str) -> Body {
    let content = content.filter(|c| match c {
        Content::Html(s) | Content::Text(s) => !s.trim().is_empty(),
    });
    match content {
        Some(Content::Html(html)) if html.contains('<') => Body {
            format: BodyFormat::Html,
            source: html::absolute_urls(&html, base),
        },
        Some(Content::Html(markdown)) => Body {
            format: BodyFormat::Markdown,
            source: text::decode_entities(&markdown),
        },
        Some(Content::Text(plain)) => Body {
            format: BodyFormat::Text,
            source: plain,
        },
        None => match summary.filter(|s| s.contains('<')) {
            Some(html) => Body {
                format: BodyFormat::Html,
                source: html::absolute_urls(html, base),
            },
            None => Body {
                format: BodyFormat::Text,
                source: summary.map(text::decode_entities).unwrap_or_default(),
            },
        },
    }
}

/// Category names: trimmed, entities decoded, no duplicates.
pub fn names(raw: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in raw {
        let name = text::title(&name);
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}
