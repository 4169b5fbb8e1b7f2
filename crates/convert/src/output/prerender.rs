//! Prerendered article pages: `posts/<slug>/index.html` is the app's
//! index.html with the article's masthead, title and excerpt already in the
//! HTML, as plain escaped text. A deep link paints the title as fast as a
//! static page would; the app starts behind it and takes over once its own
//! view has painted (`src/prerendered.rs`). Readers without JavaScript and
//! crawlers get the title and excerpt too.

use super::safe::SafeOut;
use super::xml::xml_escape;
use crate::catalogue::Catalogue;
use rayon::prelude::*;
use sinmun_model::{article_route, Article, SiteConfig};

/// The static placeholder of index.html the shell replaces.
const BOOT_START: &str = "<p class=\"status status-boot\"";

/// The "prerendered pages" step: one page per article, from `template` (the
/// app's index.html, its `<base href>` already set).
pub fn write_pages(
    out: &SafeOut,
    template: &str,
    catalogue: &Catalogue,
    config: &SiteConfig,
) -> std::io::Result<()> {
    let articles: Vec<&Article> = catalogue.items().map(|item| &item.article).collect();
    articles
        .par_iter()
        .try_for_each(|article| match article_page(template, article, config) {
            Some(page) => out.write(
                &format!("{}index.html", article_route(&article.slug)),
                page.as_bytes(),
            ),
            None => Ok(()),
        })
}

/// The page for one article, or `None` when `template` (the app's
/// index.html) has no boot placeholder to replace.
pub fn article_page(template: &str, article: &Article, config: &SiteConfig) -> Option<String> {
    let start = template.find(BOOT_START)?;
    let end = start + template.get(start..)?.find("</p>")? + "</p>".len();
    let title = xml_escape(&article.title);
    let site_title = xml_escape(&config.title);
    let excerpt = xml_escape(&article.excerpt);
    let base = xml_escape(&config.base_path);
    use sinmun_model::classes::*;
    let shell = format!(
        "<div class=\"{PRERENDERED_SHELL}\">\
<header class=\"{MASTHEAD}\"><div class=\"{MASTHEAD_INNER}\"><a class=\"{SITE_TITLE}\" href=\"{base}\">{site_title}</a></div></header>\
<main class=\"{PAGE}\"><div class=\"{ARTICLE}\"><div class=\"{ARTICLE_HEAD}\"><h1 class=\"{ARTICLE_TITLE}\">{title}</h1></div>\
<p class=\"{PRERENDERED_EXCERPT}\">{excerpt}</p></div></main></div>"
    );
    let mut page = format!(
        "{}{}{}",
        template.get(..start)?,
        shell,
        template.get(end..)?
    );
    // The document's title and description, as the app would set them.
    if let Some(tag) = find_tag(&page, "<title>", "</title>") {
        page.replace_range(tag, &format!("<title>{title} · {site_title}</title>"));
    }
    if let Some(tag) = find_tag(&page, "<meta name=\"description\" content=\"", "\">") {
        page.replace_range(
            tag,
            &format!("<meta name=\"description\" content=\"{excerpt}\">"),
        );
    }
    Some(page)
}

/// The byte range of the first `open … close` in `text`.
fn find_tag(text: &str, open: &str, close: &str) -> Option<std::ops::Range<usize>> {
    let start = text.find(open)?;
    let end = start + open.len() + text.get(start + open.len()..)?.find(close)? + close.len();
    Some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "<html><head><title>sinmun</title>\n<meta name=\"description\" content=\"\"></head>\
<body><div id=\"sinmun\">\n<p class=\"status status-boot\" role=\"status\">불러오는 중…</p>\n</div></body></html>";

    fn article(title: &str, excerpt: &str) -> Article {
        Article {
            slug: "a".into(),
            title: title.into(),
            date: "2024-06-20".into(),
            excerpt: excerpt.into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_title_and_excerpt_are_escaped_text() {
        let config = SiteConfig::default();
        let page = article_page(
            TEMPLATE,
            &article("<script>alert(1)</script> & 뉴스", "\"quoted\" <b>"),
            &config,
        )
        .unwrap();
        assert!(page.contains(
            "<h1 class=\"article-title\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; 뉴스</h1>"
        ));
        assert!(!page.contains("<script>"));
        assert!(page
            .contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; 뉴스 · sinmun</title>"));
        assert!(page.contains("content=\"&quot;quoted&quot; &lt;b&gt;\""));
        assert!(!page.contains("status-boot"));
    }

    #[test]
    fn a_template_without_the_placeholder_gives_no_page() {
        assert!(article_page("<html></html>", &article("x", ""), &SiteConfig::default()).is_none());
    }
}
