//! What a prerendered page says about itself in `<head>`: the canonical
//! URL, Open Graph and Twitter tags for link previews, and JSON-LD
//! `NewsArticle` for search engines (the description is in the page's
//! meta tags once, not repeated there). A JSON-LD block is data, not script:
//! a strict CSP does not block it, and `<` is escaped so it cannot close
//! its element.

use serde::Serialize;
use sinmun_model::{Article, SiteConfig};

use crate::output::urls::site_url;
use crate::output::xml::xml_escape;

/// The tags of an article's page; `path` is its site path (`posts/a/`).
pub fn article_tags(article: &Article, config: &SiteConfig, path: &str) -> String {
    let url = site_url(config, path);
    let image = article
        .feature_image
        .as_deref()
        .or(article.image.as_deref())
        .map(|src| absolute(config, src));
    let mut tags = common_tags(config, &url, &article.title, &article.excerpt, "article");
    if let Some(image) = &image {
        tags += &property("og:image", image);
    }
    tags += &property("article:published_time", &article.date);
    if let Some(updated) = &article.updated {
        tags += &property("article:modified_time", updated);
    }
    // X reads og:title, og:description and og:image when its own tags
    // are missing: only the card type is its own (bytes on every page).
    let card = if image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    tags += &name("twitter:card", card);
    tags += &json_ld(article, config, image.as_deref());
    tags
}

/// The tags of a list page (front page, a category, a page number). A
/// later page (`page` > 1) has only its canonical URL: it is not a page
/// anyone shares, and a preview of it would fall back on its title and
/// description (2,900 koreanews pages were 1.3 MB of preview tags).
pub fn list_tags(
    config: &SiteConfig,
    path: &str,
    title: &str,
    description: &str,
    page: usize,
) -> String {
    if page > 1 {
        return canonical(&site_url(config, path));
    }
    common_tags(
        config,
        &site_url(config, path),
        title,
        description,
        "website",
    )
}

fn common_tags(
    config: &SiteConfig,
    url: &str,
    title: &str,
    description: &str,
    kind: &str,
) -> String {
    let mut tags = canonical(url);
    tags += &property("og:type", kind);
    tags += &property("og:site_name", &config.title);
    tags += &property("og:title", title);
    if !description.is_empty() {
        tags += &property("og:description", description);
    }
    tags += &property("og:url", url);
    tags += &property("og:locale", &config.lang.replace('-', "_"));
    tags
}

fn canonical(url: &str) -> String {
    format!("<link rel=\"canonical\" href=\"{}\">", xml_escape(url))
}

fn property(key: &str, value: &str) -> String {
    format!(
        "<meta property=\"{key}\" content=\"{}\">",
        xml_escape(value)
    )
}

fn name(key: &str, value: &str) -> String {
    format!("<meta name=\"{key}\" content=\"{}\">", xml_escape(value))
}

/// An image URL as a link preview needs it: absolute when the site's URL is
/// known (root-relative paths are the site's, below its base path).
fn absolute(config: &SiteConfig, src: &str) -> String {
    if src.contains("://") || config.url.is_empty() {
        return src.to_string();
    }
    let path = src.trim_start_matches('/');
    let inside_base = src.starts_with(&config.base_path) && config.base_path != "/";
    if inside_base {
        format!("{}{}", config.url.trim_end_matches('/'), src)
    } else {
        site_url(config, path)
    }
}

#[derive(Serialize)]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    #[serde(rename = "datePublished")]
    date_published: &'a str,
    #[serde(rename = "dateModified", skip_serializing_if = "Option::is_none")]
    date_modified: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    #[serde(rename = "articleSection", skip_serializing_if = "<[_]>::is_empty")]
    section: &'a [String],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Person<'a>>,
    publisher: Organization<'a>,
}

#[derive(Serialize)]
struct Person<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

fn json_ld(article: &Article, config: &SiteConfig, image: Option<&str>) -> String {
    let data = NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        headline: &article.title,
        date_published: &article.date,
        date_modified: article.updated.as_deref(),
        image,
        section: &article.categories,
        author: article
            .authors
            .iter()
            .map(|name| Person {
                kind: "Person",
                name,
            })
            .collect(),
        publisher: Organization {
            kind: "Organization",
            name: &config.title,
        },
    };
    let json = serde_json::to_string(&data).unwrap_or_default();
    // `</script>` or `<!--` inside a string must not end the element.
    let json = json.replace('<', "\\u003c").replace('>', "\\u003e");
    format!("<script type=\"application/ld+json\">{json}</script>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_has_a_canonical_url_previews_and_news_article_data() {
        let config = SiteConfig {
            url: "https://news.example".into(),
            base_path: "/blog/".into(),
            title: "신문".into(),
            ..Default::default()
        };
        let article = Article {
            title: "제목 </script><script>alert(1)</script>".into(),
            date: "2024-06-20T00:00:00+09:00".into(),
            excerpt: "요약 \"q\"".into(),
            feature_image: Some("/assets/a.png".into()),
            categories: vec!["News".into()],
            ..Default::default()
        };
        let tags = article_tags(&article, &config, "posts/a/");
        assert!(
            tags.contains("<link rel=\"canonical\" href=\"https://news.example/blog/posts/a/\">")
        );
        assert!(tags.contains(
            "<meta property=\"og:image\" content=\"https://news.example/blog/assets/a.png\">"
        ));
        assert!(tags.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
        assert!(tags.contains("content=\"요약 &quot;q&quot;\""));
        let ld = tags.split("application/ld+json\">").nth(1).unwrap();
        let ld = ld.strip_suffix("</script>").unwrap();
        assert!(!ld.contains('<'));
        let value: serde_json::Value = serde_json::from_str(ld).unwrap();
        assert_eq!(value["@type"], "NewsArticle");
        assert_eq!(value["headline"], article.title.as_str());
        assert_eq!(value["articleSection"][0], "News");
        assert_eq!(tags.matches("<script").count(), 1);
    }

    #[test]
    fn a_later_list_page_has_only_its_canonical_url() {
        let config = SiteConfig {
            url: "https://news.example".into(),
            title: "신문".into(),
            ..Default::default()
        };
        let first = list_tags(&config, "category/news/", "News", "요약", 1);
        assert!(first.contains("<meta property=\"og:title\" content=\"News\">"));
        let later = list_tags(&config, "category/news/page/2/", "News (2)", "요약", 2);
        assert_eq!(
            later,
            "<link rel=\"canonical\" href=\"https://news.example/category/news/page/2/\">"
        );
    }
}
