//! The "feeds" step: `feed.json` (JSON Feed 1.1) and `atom.xml` with the
//! newest articles, their bodies rendered by the app's own Markdown renderer
//! (`sinmun_markdown`, so task lists and the rest look alike in feed and app),
//! then sanitised with ammonia.

use super::safe::SafeOut;
use super::urls::site_url;
use super::xml::{push_fmt, xml_escape};
use crate::catalogue::Catalogue;
use ammonia::{Url, UrlRelative};
use rayon::prelude::*;
use serde::Serialize;
use sinmun_model::{Article, BodyFormat, SiteConfig};

/// Newest articles in the feeds.
pub const FEED_ITEMS: usize = 50;

/// Writes both feeds; `generated` is their date when there are no articles.
pub fn write(
    out: &SafeOut,
    catalogue: &Catalogue,
    config: &SiteConfig,
    generated: &str,
) -> std::io::Result<()> {
    let newest: Vec<&Article> = catalogue
        .newest_first()
        .take(FEED_ITEMS)
        .map(|item| &item.article)
        .collect();
    let entries: Vec<FeedEntry<'_>> = newest
        .par_iter()
        .map(|article| FeedEntry {
            article,
            html: render_html(article, config),
        })
        .collect();
    out.write(
        "feed.json",
        &json_feed(config, &entries).map_err(std::io::Error::other)?,
    )?;
    out.write("atom.xml", &atom(config, &entries, generated))
}

/// Body → sanitised HTML: Markdown rendered as the app renders it, then
/// cleaned with ammonia; relative links made absolute against the site URL.
pub fn render_html(article: &Article, config: &SiteConfig) -> String {
    let raw = match article.body.format {
        BodyFormat::Markdown => sinmun_markdown::to_html(&article.body.source),
        BodyFormat::Html => article.body.source.clone(),
        BodyFormat::Text => {
            let mut html = String::new();
            for para in article.body.source.split("\n\n") {
                html.push_str("<p>");
                html.push_str(&xml_escape(para.trim()));
                html.push_str("</p>\n");
            }
            html
        }
        BodyFormat::Page => String::new(),
    };
    let mut builder = ammonia::Builder::default();
    let base = Url::parse(&site_url(config, "")).ok();
    if let Some(base) = base {
        builder.url_relative(UrlRelative::RewriteWithBase(base));
    }
    builder.clean(&raw).to_string()
}

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    home_page_url: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    feed_url: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    language: &'a str,
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: String,
    url: String,
    title: &'a str,
    content_html: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    date_published: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    banner_image: Option<String>,
}

/// An article for the feeds, with its rendered HTML.
pub struct FeedEntry<'a> {
    pub article: &'a Article,
    pub html: String,
}

fn absolute_media(config: &SiteConfig, src: &Option<String>) -> Option<String> {
    let s = src.as_deref()?;
    if s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//") {
        Some(s.to_string())
    } else {
        Some(site_url(config, s.trim_start_matches('/')))
    }
}

fn item_id(config: &SiteConfig, slug: &str) -> String {
    if config.url.is_empty() {
        format!("urn:sinmun:{slug}")
    } else {
        site_url(config, &sinmun_model::article_route(slug))
    }
}

pub fn json_feed(config: &SiteConfig, entries: &[FeedEntry<'_>]) -> serde_json::Result<Vec<u8>> {
    let has_url = !config.url.is_empty();
    let feed = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: &config.title,
        home_page_url: if has_url {
            site_url(config, "")
        } else {
            String::new()
        },
        feed_url: if has_url {
            site_url(config, "feed.json")
        } else {
            String::new()
        },
        description: &config.description,
        language: &config.lang,
        items: entries
            .iter()
            .map(|e| {
                let a = e.article;
                JsonItem {
                    id: item_id(config, &a.slug),
                    url: site_url(config, &sinmun_model::article_route(&a.slug)),
                    title: &a.title,
                    content_html: &e.html,
                    summary: &a.excerpt,
                    date_published: &a.date,
                    date_modified: a.updated.as_deref(),
                    tags: a
                        .categories
                        .iter()
                        .chain(a.tags.iter())
                        .map(String::as_str)
                        .collect(),
                    image: absolute_media(config, &a.image),
                    banner_image: absolute_media(config, &a.feature_image),
                }
            })
            .collect(),
    };
    serde_json::to_vec(&feed)
}

pub fn atom(config: &SiteConfig, entries: &[FeedEntry<'_>], generated: &str) -> Vec<u8> {
    let mut b = Vec::with_capacity(64 * 1024);
    let home = site_url(config, "");
    let updated = entries
        .iter()
        .map(|e| e.article.updated.as_deref().unwrap_or(&e.article.date))
        .max()
        .unwrap_or(generated);
    push_fmt(
        &mut b,
        format_args!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<title>{}</title>\n",
            xml_escape(&config.lang),
            xml_escape(&config.title)
        ),
    );
    if !config.description.is_empty() {
        push_fmt(
            &mut b,
            format_args!("<subtitle>{}</subtitle>\n", xml_escape(&config.description)),
        );
    }
    let feed_id = if config.url.is_empty() {
        "urn:sinmun:feed".to_string()
    } else {
        home.clone()
    };
    push_fmt(
        &mut b,
        format_args!(
            "<id>{}</id>\n<link href=\"{}\"/>\n<link rel=\"self\" href=\"{}\"/>\n<updated>{}</updated>\n<generator>sinmun</generator>\n",
            xml_escape(&feed_id),
            xml_escape(&home),
            xml_escape(&site_url(config, "atom.xml")),
            xml_escape(updated)
        ),
    );
    for e in entries {
        let a = e.article;
        let url = site_url(config, &sinmun_model::article_route(&a.slug));
        push_fmt(
            &mut b,
            format_args!(
                "<entry>\n<title>{}</title>\n<id>{}</id>\n<link href=\"{}\"/>\n<published>{}</published>\n<updated>{}</updated>\n",
                xml_escape(&a.title),
                xml_escape(&item_id(config, &a.slug)),
                xml_escape(&url),
                xml_escape(&a.date),
                xml_escape(a.updated.as_deref().unwrap_or(&a.date)),
            ),
        );
        for c in &a.categories {
            push_fmt(
                &mut b,
                format_args!("<category term=\"{}\"/>\n", xml_escape(c)),
            );
        }
        if !a.excerpt.is_empty() {
            push_fmt(
                &mut b,
                format_args!("<summary>{}</summary>\n", xml_escape(&a.excerpt)),
            );
        }
        push_fmt(
            &mut b,
            format_args!(
                "<content type=\"html\">{}</content>\n</entry>\n",
                xml_escape(&e.html)
            ),
        );
    }
    b.extend_from_slice(b"</feed>\n");
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use sinmun_model::Body;

    #[test]
    fn renders_gfm_and_sanitises() {
        let config = SiteConfig {
            url: "https://example.com".into(),
            base_path: "/blog/".into(),
            ..Default::default()
        };
        let a = Article {
            slug: "x".into(),
            body: Body {
                format: BodyFormat::Markdown,
                source: "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ <script>alert(1)</script>\n\n![i](/assets/img/x.png)\n\n- [x] done\n\nnote[^1]\n\n[^1]: foot\n".into(),
            },
            ..Default::default()
        };
        let html = render_html(&a, &config);
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(
            html.contains("https://example.com/assets/img/x.png"),
            "{html}"
        );
        assert!(html.contains("foot"), "{html}");
    }

    #[test]
    fn task_lists_look_as_in_the_app() {
        let a = Article {
            body: Body {
                format: BodyFormat::Markdown,
                source: "- [x] done\n- [ ] to do\n".into(),
            },
            ..Default::default()
        };
        let html = render_html(&a, &SiteConfig::default());
        assert!(html.contains("☑</span> done"), "{html}");
        assert!(html.contains("☐</span> to do"), "{html}");
        assert!(!html.contains("<input"), "{html}");
    }
}
