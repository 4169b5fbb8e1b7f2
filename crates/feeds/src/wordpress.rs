//! WordPress REST API v2 posts (`/wp-json/wp/v2/posts`, with or without
//! `?_embed`): `title.rendered` (HTML entities, sometimes tags),
//! `content.rendered`, `excerpt.rendered`, `date_gmt` (UTC without an
//! offset; `date` is local time without one), `slug`, `link`; the featured
//! image, term names and author names from `_embedded` when present. Pages
//! go through `page=N` while `X-WP-TotalPages` says there are more.

use serde_json::Value;

use crate::item::{self, Content, Parts};
use crate::json_feed::text;
use crate::url;
use crate::Document;

pub fn read(value: &Value, url: &str, total_pages: Option<u32>) -> Result<Document, String> {
    let Value::Array(posts) = value else {
        return Err("it is not a list of posts".into());
    };
    let items = posts
        .iter()
        .filter(|p| p.is_object())
        .map(|p| {
            let mut article = item::article(parts(p, url));
            if let Some(slug) = text(p, "slug").and_then(|s| crate::text::id_slug(&s)) {
                article.slug = slug;
            }
            article
        })
        .collect();
    Ok(Document {
        title: String::new(),
        description: String::new(),
        language: None,
        home: origin_home(url),
        next: next_page(url, total_pages),
        items,
    })
}

fn parts(post: &Value, feed_url: &str) -> Parts {
    let rendered = |key: &str| post.get(key).and_then(|v| text(v, "rendered"));
    let link = text(post, "link").and_then(|l| url::web_link(feed_url, &l));
    let embedded = post.get("_embedded");
    let gmt = text(post, "date_gmt").map(|d| utc(&d));
    let modified_gmt = text(post, "modified_gmt").map(|d| utc(&d));
    Parts {
        id: text(post, "id").map(|id| ["wp-", id.as_str()].concat()),
        base: link.clone().unwrap_or_else(|| feed_url.to_string()),
        link,
        title: rendered("title"),
        content: rendered("content").map(Content::Html),
        summary: rendered("excerpt").filter(|e| !crate::text::plain_text(e).is_empty()),
        published: gmt.into_iter().chain(text(post, "date")).collect(),
        updated: modified_gmt.into_iter().collect(),
        categories: embedded.map(terms).unwrap_or_default(),
        authors: embedded
            .and_then(|e| e.get("author"))
            .and_then(Value::as_array)
            .map(|list| list.iter().filter_map(|a| text(a, "name")).collect())
            .unwrap_or_default(),
        images: embedded
            .and_then(featured_image)
            .and_then(|src| url::web_link(feed_url, &src))
            .into_iter()
            .collect(),
        banner: None,
    }
}

/// `2024-06-12T09:00:00` as written in `date_gmt`: UTC, so `Z` is added.
fn utc(date: &str) -> String {
    let date = date.trim();
    if date.len() == 19 {
        [date, "Z"].concat()
    } else {
        date.to_string()
    }
}

/// The names of `_embedded["wp:term"]`: categories first, then tags and
/// custom taxonomies, in order.
fn terms(embedded: &Value) -> Vec<String> {
    let Some(Value::Array(groups)) = embedded.get("wp:term") else {
        return Vec::new();
    };
    groups
        .iter()
        .filter_map(Value::as_array)
        .flatten()
        .filter(|t| text(t, "taxonomy").as_deref() != Some("post_format"))
        .filter_map(|t| text(t, "name"))
        .collect()
}

/// The featured image's largest listed size, else its `source_url`.
fn featured_image(embedded: &Value) -> Option<String> {
    let media = embedded.get("wp:featuredmedia")?.as_array()?.first()?;
    let sizes = media.get("media_details").and_then(|d| d.get("sizes"));
    let large = ["large", "medium_large", "full"].iter().find_map(|size| {
        sizes
            .and_then(|s| s.get(*size))
            .and_then(|s| text(s, "source_url"))
    });
    large.or_else(|| text(media, "source_url"))
}

/// The site's root, as the home a widget's "more" link goes to.
fn origin_home(url: &str) -> Option<String> {
    let at = url.find("/wp-json")?;
    url::web_link(url, &[url.get(..at)?, "/"].concat())
}

/// The URL of the next page when `X-WP-TotalPages` says there is one.
fn next_page(url: &str, total_pages: Option<u32>) -> Option<String> {
    let total = total_pages?;
    let current = query_value(url, "page")
        .and_then(|p| p.parse::<u32>().ok())
        .unwrap_or(1);
    if current >= total {
        return None;
    }
    Some(with_query_value(url, "page", &(current + 1).to_string()))
}

fn query_value(url: &str, key: &str) -> Option<String> {
    let query = url.split_once('?')?.1.split('#').next()?;
    query.split('&').find_map(|pair| {
        pair.split_once('=')
            .filter(|(k, _)| *k == key)
            .map(|(_, v)| v.to_string())
    })
}

fn with_query_value(url: &str, key: &str, value: &str) -> String {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let mut pairs: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty() && p.split('=').next() != Some(key))
        .map(str::to_string)
        .collect();
    pairs.push([key, "=", value].concat());
    [path, "?", &pairs.join("&")].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_follow_the_total() {
        let url = "https://x.org/wp-json/wp/v2/posts?_embed";
        assert_eq!(
            next_page(url, Some(3)).as_deref(),
            Some("https://x.org/wp-json/wp/v2/posts?_embed&page=2")
        );
        assert_eq!(
            next_page("https://x.org/wp-json/wp/v2/posts?page=3&_embed", Some(3)),
            None
        );
        assert_eq!(next_page(url, None), None);
        assert_eq!(origin_home(url).as_deref(), Some("https://x.org/"));
        assert_eq!(utc("2017-01-02T03:04:05"), "2017-01-02T03:04:05Z");
    }
}
