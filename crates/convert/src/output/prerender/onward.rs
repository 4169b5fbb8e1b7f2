//! The end of an article's page: share links, the previous and next
//! articles and the related ones (`output/onward.rs` chose them), after the
//! body, in the `<article>`. The app's own view of an article gets it from
//! the same page, through the reader's script (`src/reader.js`), which only
//! the page instance loads: its first load carries none of it, and no
//! widget shows it.
//!
//! Sharing needs no third-party script: every way is a plain link to the
//! article's canonical URL (X, Facebook, LINE, Naver Band, e-mail). The
//! first, "copy link", becomes the Web Share API or a copy with a visible
//! confirmation once the reader's script is loaded (`src/reader.js`), which
//! also fills in the address where the site's URL was not known here.

use sinmun_model::labels::format_date;
use sinmun_model::{article_route, Article, SiteConfig};

use crate::output::onward::{Link, Onward};
use crate::output::urls::site_url;
use crate::output::xml::xml_escape;

struct Words {
    section: &'static str,
    share: &'static str,
    copy: &'static str,
    email: &'static str,
    previous: &'static str,
    next: &'static str,
    related: &'static str,
}

const KO: Words = Words {
    section: "공유와 이어 읽기",
    share: "공유하기",
    copy: "링크 복사",
    email: "이메일",
    previous: "이전 기사",
    next: "다음 기사",
    related: "관련 기사",
};

const EN: Words = Words {
    section: "Share and read on",
    share: "Share",
    copy: "Copy link",
    email: "E-mail",
    previous: "Previous article",
    next: "Next article",
    related: "Related articles",
};

fn words(lang: &str) -> &'static Words {
    if lang.to_ascii_lowercase().starts_with("ko") {
        &KO
    } else {
        &EN
    }
}

/// The class of the section (the reader's script and the styles find it by it).
pub const ONWARD_CLASS: &str = "onward";

/// The section for `article`, or nothing when it has nothing to show.
pub fn section(article: &Article, onward: &Onward, config: &SiteConfig) -> String {
    let words = words(&config.lang);
    let url = site_url(config, &article_route(&article.slug));
    format!(
        "<nav class=\"{ONWARD_CLASS}\" aria-label=\"{}\">{}{}{}</nav>",
        words.section,
        share(&url, &article.title, words),
        previous_next(onward, config, words),
        related(&onward.related, config, words),
    )
}

fn share(url: &str, title: &str, words: &Words) -> String {
    let u = encode(url);
    let t = encode(title);
    let host = url.split('/').nth(2).unwrap_or_default();
    let links = [
        ("copy", words.copy, url.to_string()),
        (
            "x",
            "X",
            format!("https://x.com/intent/post?text={t}&url={u}"),
        ),
        (
            "facebook",
            "Facebook",
            format!("https://www.facebook.com/sharer/sharer.php?u={u}"),
        ),
        (
            "line",
            "LINE",
            format!("https://social-plugins.line.me/lineit/share?url={u}"),
        ),
        (
            "band",
            "BAND",
            format!(
                "https://band.us/plugin/share?body={t}%0A{u}&route={}",
                encode(host)
            ),
        ),
        (
            "email",
            words.email,
            format!("mailto:?subject={t}&body={u}"),
        ),
    ];
    let items: String = links
        .iter()
        .map(|(kind, label, href)| {
            format!(
                "<li><a class=\"share-link\" data-share=\"{kind}\" href=\"{}\">{label}</a></li>",
                xml_escape(href)
            )
        })
        .collect();
    format!(
        "<div class=\"share\"><p class=\"onward-heading\" role=\"heading\" aria-level=\"2\">{}</p><ul class=\"share-links\">{items}</ul></div>",
        words.share
    )
}

fn previous_next(onward: &Onward, config: &SiteConfig, words: &Words) -> String {
    let item = |link: &Option<Link>, class: &str, label: &str| {
        link.as_ref().map_or(String::new(), |link| {
            format!(
                "<li class=\"{class}\"><a href=\"{}\"><span class=\"onward-label\">{label}</span> <span class=\"onward-title\">{}</span></a></li>",
                href(config, &link.slug),
                xml_escape(&link.title)
            )
        })
    };
    let items = [
        item(&onward.previous, "onward-previous", words.previous),
        item(&onward.next, "onward-next", words.next),
    ]
    .concat();
    if items.is_empty() {
        return String::new();
    }
    format!("<ul class=\"previous-next\">{items}</ul>")
}

fn related(links: &[Link], config: &SiteConfig, words: &Words) -> String {
    if links.is_empty() {
        return String::new();
    }
    let items: String = links
        .iter()
        .map(|link| {
            format!(
                "<li><a href=\"{}\">{}</a> <time datetime=\"{}\">{}</time></li>",
                href(config, &link.slug),
                xml_escape(&link.title),
                xml_escape(&link.date),
                xml_escape(&format_date(&link.date, &config.lang))
            )
        })
        .collect();
    format!(
        "<div class=\"related\"><p class=\"onward-heading\" role=\"heading\" aria-level=\"2\">{}</p><ul>{items}</ul></div>",
        words.related
    )
}

/// The site path of an article, escaped for an attribute.
fn href(config: &SiteConfig, slug: &str) -> String {
    xml_escape(&[config.base_path.as_str(), &article_route(slug)].concat())
}

/// Percent-encoding for a URL's query value.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(byte))
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_links_carry_the_canonical_url_and_title_encoded() {
        let config = SiteConfig {
            url: "https://news.example".into(),
            base_path: "/".into(),
            lang: "ko".into(),
            ..SiteConfig::default()
        };
        let article = Article {
            slug: "a".into(),
            title: "서울 & <b>".into(),
            ..Article::default()
        };
        let html = section(&article, &Onward::default(), &config);
        assert!(
            html.contains("href=\"https://news.example/posts/a/\">링크 복사"),
            "{html}"
        );
        assert!(html.contains("https://x.com/intent/post?text=%EC%84%9C%EC%9A%B8%20%26%20%3Cb%3E&amp;url=https%3A%2F%2Fnews.example%2Fposts%2Fa%2F"), "{html}");
        assert!(html.contains("route=news.example"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(
            !html.contains("previous-next"),
            "no neighbours, no list: {html}"
        );
    }

    #[test]
    fn previous_next_and_related_link_below_the_base_path() {
        let config = SiteConfig {
            base_path: "/blog/".into(),
            lang: "en".into(),
            ..SiteConfig::default()
        };
        let link = |slug: &str| Link {
            slug: slug.into(),
            title: format!("Title {slug}"),
            date: "2024-07-29T10:00:00+09:00".into(),
        };
        let onward = Onward {
            previous: Some(link("old")),
            next: None,
            related: vec![link("r1")],
        };
        let html = section(&Article::default(), &onward, &config);
        assert!(
            html.contains("<li class=\"onward-previous\"><a href=\"/blog/posts/old/\">"),
            "{html}"
        );
        assert!(!html.contains("onward-next"), "{html}");
        assert!(html.contains("<a href=\"/blog/posts/r1/\">Title r1</a> <time datetime=\"2024-07-29T10:00:00+09:00\">29 July 2024</time>"), "{html}");
    }
}
