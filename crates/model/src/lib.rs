//! The sinmun site-data format (version [`FORMAT_VERSION`]).
//!
//! This crate is the contract between the converter (native) and the app (wasm):
//! both serialise and deserialise exactly these types, so the format cannot drift.
//! It has no web or I/O dependencies. `docs/format.md` documents it for people
//! who write their own data.
//!
//! Layout of a data folder (the `source` of `config.json` points at `manifest.json`):
//! ```text
//! data/manifest.json                      Manifest: counts, shard size, categories
//! data/index/<n>.json                     IndexShard n (0-based), newest first
//! data/categories/<slug>/<n>.json         IndexShard n of one category
//! data/articles/<slug>.json               Article
//! data/aliases/<bucket>.json              AliasShard: old URL path -> slug
//! ```
//! Painting list page 1 needs the manifest and one shard, whatever the site's size.

use serde::{Deserialize, Serialize};

mod base_path;
pub mod body_rules;
pub mod classes;
pub mod labels;
pub mod pager;
mod paths;
mod route;
mod slug;
pub mod text;
pub mod time;

pub use base_path::normalise_base_path;
pub use paths::*;
pub use route::*;
pub use slug::*;

/// Version of the data format. Readers reject data with a different major version.
pub const FORMAT_VERSION: u32 = 1;

/// `config.json` at the site root: what a deployer may edit without rebuilding.
/// Every field has a default, so a partial file works.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default)]
pub struct SiteConfig {
    pub title: String,
    pub description: String,
    /// BCP 47 language tag of the site, e.g. `ko-KR`.
    pub lang: String,
    /// Public URL of the site, without the base path (used for feeds and sitemaps).
    pub url: String,
    /// Articles per list page.
    pub page_size: u32,
    /// Articles per page of a category's list; `None`: `page_size`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category_page_size: Option<u32>,
    /// Path the site is served under, with leading and trailing slash, e.g. `/blog/`.
    pub base_path: String,
    /// URL of the data the app loads, relative to `config.json`: a sinmun
    /// `manifest.json` (later also a JSON Feed or WordPress REST URL).
    pub source: String,
}

impl SiteConfig {
    /// Articles per page of the front page's list, or of a category's.
    pub fn list_page_size(&self, category: bool) -> u32 {
        let size = match (category, self.category_page_size) {
            (true, Some(size)) => size,
            _ => self.page_size,
        };
        size.max(1)
    }
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "sinmun".into(),
            description: String::new(),
            lang: "ko-KR".into(),
            url: String::new(),
            page_size: 10,
            category_page_size: None,
            base_path: "/".into(),
            source: "data/manifest.json".into(),
        }
    }
}

/// `data/manifest.json`: what the app needs before it can fetch any shard.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Manifest {
    pub version: u32,
    /// Site title as the converter saw it (the app prefers `config.json`).
    #[serde(default)]
    pub title: String,
    /// Number of articles in the whole index.
    pub total: u32,
    /// Number of summaries in every index shard but the last.
    pub shard_size: u32,
    /// Categories with their article counts, most used first.
    #[serde(default)]
    pub categories: Vec<CategoryInfo>,
    /// When the data was generated (RFC 3339).
    #[serde(default)]
    pub generated: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct CategoryInfo {
    /// URL- and file-safe key, see [`category_slug`].
    pub slug: String,
    /// The name as the author wrote it.
    pub name: String,
    pub count: u32,
}

/// One page of summaries (`data/index/<n>.json` or a category's shard).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct IndexShard {
    pub version: u32,
    /// 0-based shard number.
    pub shard: u32,
    pub items: Vec<Summary>,
}

/// What the list view shows of an article.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Summary {
    pub slug: String,
    pub title: String,
    /// RFC 3339 date-time with offset, e.g. `2024-06-12T09:00:00+01:00`.
    pub date: String,
    #[serde(default)]
    pub categories: Vec<String>,
    /// Plain text, already shortened.
    #[serde(default)]
    pub excerpt: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<String>,
    /// The article's own page elsewhere (a feed item's link), where a
    /// widget sends a reader. `None` for sinmun's own articles, whose page
    /// is `posts/<slug>/` of the site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One page of a list view: what a source answers, whatever its format.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ListPage {
    pub items: Vec<Summary>,
    /// 1-based page number.
    pub page: u32,
    pub pages: u32,
    pub total: u32,
    /// Set for category lists.
    pub category: Option<CategoryInfo>,
}

impl Summary {
    /// The list card of `article`. Its picture is the banner
    /// (`feature_image`) when there is one, so that the card and the
    /// article show the same picture, else the item's picture or social
    /// image (`image`).
    pub fn of(article: &Article) -> Summary {
        Summary {
            slug: article.slug.clone(),
            title: article.title.clone(),
            date: article.date.clone(),
            categories: article.categories.clone(),
            excerpt: article.excerpt.clone(),
            thumbnail: article
                .feature_image
                .clone()
                .or_else(|| article.image.clone()),
            url: article.url.clone(),
        }
    }
}

/// `data/articles/<slug>.json`: everything the detail view shows.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Article {
    pub version: u32,
    pub slug: String,
    pub title: String,
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Plain text summary (meta description). Left out of a site's
    /// article JSON when the article's page holds it (the page's
    /// description).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub excerpt: String,
    /// The banner text, usually Markdown starting with a heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feature_text: Option<Body>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feature_image: Option<String>,
    /// Social image; also the list thumbnail when there is no feature image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    pub body: Body,
    /// Estimated minutes to read the body (at least 1).
    #[serde(default)]
    pub reading_minutes: u32,
    /// Other URL paths this article was known by (Jekyll permalinks), site-relative.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The article's own page elsewhere (see [`Summary::url`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Who wrote it, as the feed names them (Jekyll posts leave it empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// The article's language (a BCP 47 tag, a post's own `lang`) when it
    /// differs from the site's; `None`: the site's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

/// Text that is rendered and sanitised on the client.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Body {
    pub format: BodyFormat,
    pub source: String,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum BodyFormat {
    /// CommonMark + GFM with raw HTML allowed (Jekyll posts, JSON Feed `content_text`).
    #[default]
    Markdown,
    /// HTML (JSON Feed `content_html`, WordPress `content.rendered`).
    Html,
    /// Plain text: shown as paragraphs, never interpreted.
    Text,
    /// Kept in the article's own page: `source` is that page's path from
    /// the site root (`/posts/<slug>/`, read like a body's `/` links), whose
    /// body the converter wrote sanitised and enhanced. A site's bodies are then stored once, in
    /// the pages, not a second time in the JSON.
    Page,
}

/// `data/aliases/<bucket>.json`: old site paths (without the base path) mapped to slugs.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct AliasShard {
    pub version: u32,
    pub aliases: std::collections::BTreeMap<String, String>,
}

/// Why a document cannot be used, in words a reader or deployer understands.
pub fn check_version(found: u32, what: &str) -> Result<(), String> {
    if found == FORMAT_VERSION {
        Ok(())
    } else {
        Err(format!(
            "{what} uses data format version {found}, but this reader understands version {FORMAT_VERSION}"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_round_trips_and_omits_empty_optionals() {
        let a = Article {
            version: FORMAT_VERSION,
            slug: "hello".into(),
            title: "안녕".into(),
            date: "2024-06-12T00:00:00+00:00".into(),
            body: Body {
                format: BodyFormat::Html,
                source: "<p>x</p>".into(),
            },
            ..Default::default()
        };
        let json = serde_json::to_string(&a).unwrap();
        assert!(json.contains(r#""format":"html""#));
        assert!(!json.contains("feature_image"));
        let back: Article = serde_json::from_str(&json).unwrap();
        assert_eq!(a, back);
    }

    #[test]
    fn unknown_version_is_named() {
        assert!(check_version(1, "x").is_ok());
        let e = check_version(7, "The manifest").unwrap_err();
        assert!(e.contains("version 7"), "{e}");
    }

    #[test]
    fn missing_required_field_is_an_error() {
        let r: Result<Article, _> = serde_json::from_str(r#"{"version":1,"slug":"a"}"#);
        assert!(r.is_err());
    }
}
