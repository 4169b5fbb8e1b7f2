//! An article's view as the app draws it (`src/views/article.rs` and its
//! components): banner, title, meta line, table of contents and the whole
//! body, sanitised and enhanced natively (`body.rs`).

use sinmun_model::body_rules::{LONG_BODY_BLOCKS, LONG_BODY_CLASS, TOC_MIN_HEADINGS};
use sinmun_model::classes::*;
use sinmun_model::labels::{format_date, labels, Labels};
use sinmun_model::{Article, Route, SiteConfig};

use super::body::{self, TocEntry};
use super::chrome::Chrome;
use crate::output::xml::xml_escape;

/// Category names and their slugs, for links from the meta line.
pub type CategorySlugs = std::collections::HashMap<String, String>;

pub fn article_view(
    article: &Article,
    config: &SiteConfig,
    chrome: &Chrome,
    slugs: &CategorySlugs,
    end: &str,
) -> String {
    let labels = labels(&config.lang);
    let options = body::Options {
        base_path: &config.base_path,
        headings: true,
        original: article.url.as_deref().map(|url| (url, labels.original)),
    };
    let page_body = body::render(&article.body, &options);
    let long = if page_body.blocks >= LONG_BODY_BLOCKS as usize {
        format!(" {LONG_BODY_CLASS}")
    } else {
        String::new()
    };
    format!(
        "<article class=\"{ARTICLE}\" lang=\"{lang}\" {ARTICLE_SLUG}=\"{slug}\">{banner}<div class=\"{ARTICLE_HEAD}\"><h1 class=\"{ARTICLE_TITLE}\">{title}</h1>{meta}</div>{toc}<div class=\"{ARTICLE_BODY}{long}\">{body}</div>{end}</article>",
        lang = xml_escape(article.lang.as_deref().unwrap_or(&config.lang)),
        slug = xml_escape(&article.slug),
        banner = banner(article, &options),
        title = xml_escape(&article.title),
        meta = meta_line(&Meta::of(article), config, chrome, slugs),
        toc = toc(&page_body.toc, labels),
        body = page_body.html,
    )
}

fn banner(article: &Article, body_options: &body::Options) -> String {
    if article.feature_text.is_none() && article.feature_image.is_none() {
        return String::new();
    }
    let image = article.feature_image.as_deref().map(|src| {
        format!(
            "<img class=\"banner-image\" src=\"{}\" alt=\"\">",
            xml_escape(src)
        )
    });
    let text = article.feature_text.as_ref().map(|text| {
        let options = body::Options {
            headings: false,
            original: None,
            ..*body_options
        };
        format!(
            "<div class=\"{BANNER_TEXT}\">{}</div>",
            body::render(text, &options).html
        )
    });
    let with_image = if image.is_some() {
        " banner-with-image"
    } else {
        ""
    };
    format!(
        "<header class=\"banner{with_image}\">{}{}</header>",
        image.unwrap_or_default(),
        text.unwrap_or_default()
    )
}

/// What a meta line shows: an article's or a list card's.
pub struct Meta<'a> {
    pub date: &'a str,
    pub categories: &'a [String],
    pub authors: &'a [String],
    /// The article's, not a card's.
    pub reading_minutes: Option<u32>,
}

impl<'a> Meta<'a> {
    fn of(article: &'a Article) -> Self {
        Meta {
            date: &article.date,
            categories: &article.categories,
            authors: &article.authors,
            reading_minutes: Some(article.reading_minutes),
        }
    }
}

/// Authors, date, categories and reading time (`components/meta_line.rs`).
pub fn meta_line(
    meta: &Meta,
    config: &SiteConfig,
    chrome: &Chrome,
    slugs: &CategorySlugs,
) -> String {
    let labels = labels(&config.lang);
    let mut line = String::from("<p class=\"meta-line\">");
    if !meta.authors.is_empty() {
        line += &format!(
            "<span class=\"meta-authors\">{} {}</span>",
            labels.by,
            xml_escape(&meta.authors.join(", "))
        );
    }
    line += &format!(
        "<time datetime=\"{}\">{}</time>",
        xml_escape(meta.date),
        xml_escape(&format_date(meta.date, &config.lang))
    );
    if !meta.categories.is_empty() {
        line += "<span class=\"meta-categories\">";
        for name in meta.categories {
            line += &match slugs.get(name) {
                Some(slug) => format!(
                    "<a href=\"{}\" class=\"category-link\">{}</a>",
                    chrome.href(&Route::list(1, Some(slug))),
                    xml_escape(name)
                ),
                None => format!("<span class=\"category-name\">{}</span>", xml_escape(name)),
            };
        }
        line += "</span>";
    }
    if let Some(minutes) = meta.reading_minutes {
        line += &format!(
            "<span class=\"reading-time\">{}{}</span>",
            minutes.max(1),
            labels.min_read
        );
    }
    line + "</p>"
}

/// An h2 entry has no class, an h3 entry `toc-sub` (as `src/components/toc.rs`).
fn toc_item_class(level: u8) -> &'static str {
    if level == 3 {
        " class=\"toc-sub\""
    } else {
        ""
    }
}

fn toc(entries: &[TocEntry], labels: &Labels) -> String {
    if entries.len() < TOC_MIN_HEADINGS {
        return String::new();
    }
    let items: String = entries
        .iter()
        .map(|e| {
            format!(
                "<li{}><a href=\"#{}\">{}</a></li>",
                toc_item_class(e.level),
                xml_escape(&e.id),
                xml_escape(&e.text)
            )
        })
        .collect();
    format!(
        "<nav class=\"toc\" aria-label=\"{c}\"><h2 class=\"toc-title\">{c}</h2><ol>{items}</ol></nav>",
        c = labels.contents
    )
}
