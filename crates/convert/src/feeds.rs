//! `feed.json` (JSON Feed 1.1), `atom.xml` and `sitemap.xml`.

use crate::output::push_fmt;
use crate::text::markdown_options;
use ammonia::{Url, UrlRelative};
use serde::Serialize;
use sinmun_model::{Article, BodyFormat, SiteConfig};

/// Newest articles in the feeds.
pub const FEED_ITEMS: usize = 50;
/// The sitemap protocol's limit of URLs per file.
pub const SITEMAP_MAX_URLS: usize = 50_000;

/// Absolute URL of a site path (below the base path), or a root-relative one
/// when the site URL is unknown.
pub fn site_url(config: &SiteConfig, path: &str) -> String {
    format!(
        "{}{}{}",
        config.url.trim_end_matches('/'),
        config.base_path,
        path
    )
}

/// Body → sanitised HTML: Markdown (GFM) rendered with pulldown-cmark, then
/// cleaned with ammonia; relative links made absolute against the site URL.
pub fn render_html(article: &Article, config: &SiteConfig) -> String {
    let raw = match article.body.format {
        BodyFormat::Markdown => {
            let mut html = String::with_capacity(article.body.source.len() * 3 / 2);
            let parser = pulldown_cmark::Parser::new_ext(&article.body.source, markdown_options());
            pulldown_cmark::html::push_html(&mut html, parser);
            html
        }
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
    };
    let mut builder = ammonia::Builder::default();
    let base = Url::parse(&site_url(config, "")).ok();
    if let Some(base) = base {
        builder.url_relative(UrlRelative::RewriteWithBase(base));
    }
    builder.clean(&raw).to_string()
}

pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // characters XML 1.0 forbids
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
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
pub struct FeedEntry {
    pub article: Article,
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

pub fn json_feed(config: &SiteConfig, entries: &[FeedEntry]) -> serde_json::Result<Vec<u8>> {
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
                let a = &e.article;
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

pub fn atom(config: &SiteConfig, entries: &[FeedEntry], generated: &str) -> Vec<u8> {
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
        let a = &e.article;
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

/// One sitemap URL: location and optional last modification date.
pub struct SitemapUrl {
    pub loc: String,
    pub lastmod: Option<String>,
}

/// `sitemap.xml`, or, past 50,000 URLs, a sitemap index plus `sitemap-<n>.xml`
/// parts. Returns (file name, content) pairs.
pub fn sitemaps(config: &SiteConfig, urls: &[SitemapUrl]) -> Vec<(String, Vec<u8>)> {
    let part = |chunk: &[SitemapUrl]| {
        let mut b = Vec::with_capacity(chunk.len() * 120 + 200);
        b.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for u in chunk {
            push_fmt(
                &mut b,
                format_args!("<url><loc>{}</loc>", xml_escape(&u.loc)),
            );
            if let Some(m) = &u.lastmod {
                push_fmt(&mut b, format_args!("<lastmod>{}</lastmod>", xml_escape(m)));
            }
            b.extend_from_slice(b"</url>\n");
        }
        b.extend_from_slice(b"</urlset>\n");
        b
    };
    if urls.len() <= SITEMAP_MAX_URLS {
        return vec![("sitemap.xml".into(), part(urls))];
    }
    let mut files = Vec::new();
    let mut index = Vec::new();
    index.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (i, chunk) in urls.chunks(SITEMAP_MAX_URLS).enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        push_fmt(
            &mut index,
            format_args!(
                "<sitemap><loc>{}</loc></sitemap>\n",
                xml_escape(&site_url(config, &name))
            ),
        );
        files.push((name, part(chunk)));
    }
    index.extend_from_slice(b"</sitemapindex>\n");
    files.push(("sitemap.xml".into(), index));
    files
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
    fn big_sitemaps_are_split() {
        let config = SiteConfig::default();
        let urls: Vec<SitemapUrl> = (0..SITEMAP_MAX_URLS + 1)
            .map(|i| SitemapUrl {
                loc: format!("/posts/{i}/"),
                lastmod: None,
            })
            .collect();
        let files = sitemaps(&config, &urls);
        assert_eq!(files.len(), 3);
        assert_eq!(files.last().map(|f| f.0.as_str()), Some("sitemap.xml"));
    }
}
