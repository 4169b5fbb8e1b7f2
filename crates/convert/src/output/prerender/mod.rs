//! Prerendered pages: `posts/<slug>/index.html` is the app's index.html
//! with the article's whole view already in the HTML (masthead, banner,
//! title, meta line, table of contents, the body sanitised natively), and
//! in `<head>` its title, description, canonical URL, link-preview tags and
//! JSON-LD. Readers without JavaScript, crawlers and link previews get the
//! article; the app starts behind it and swaps itself in once its own view
//! is complete (`src/prerendered.rs`), so the reader sees no change.

mod article;
pub(crate) mod body;
mod chrome;
mod head;
mod html_lang;
mod list;
mod minify;
mod onward;
pub(crate) mod policy;
mod tistory_sizes;

use std::collections::HashMap;

use super::last_build::{converter_stamp, StampWriter};
use super::onward::Onward;
use super::safe::SafeOut;
use super::xml::xml_escape;
use crate::catalogue::Catalogue;
use article::{article_view, CategorySlugs};
use chrome::Chrome;
use list::{list_page, List};
use rayon::prelude::*;
use sinmun_model::{article_route, Article, CategoryInfo, SiteConfig, Summary};

/// The static placeholder of index.html the shell replaces.
const BOOT_START: &str = "<p class=\"status status-boot\"";
/// Where index.html names the body styles the app loads with a body.
const BODY_STYLE_META: &str = "<meta name=\"sinmun-body-style\" content=\"";

/// Whether `template` (the app's index.html) can become pages: it has the
/// boot placeholder a page's view replaces.
pub fn can_fill(template: &str) -> bool {
    template.contains(BOOT_START)
}

/// What every page of a run shares.
pub struct Pages<'a> {
    /// The app's index.html without what a page does not need.
    template: String,
    /// The `<link>` of the body styles, for article pages.
    body_style: String,
    config: &'a SiteConfig,
    chrome: Chrome,
    slugs: CategorySlugs,
    /// A stamp of all of the above and the converter itself: with an
    /// article's own, the stamp of its page (an update skips the rendering
    /// of a page whose stamp is unchanged).
    stamp: u64,
}

impl<'a> Pages<'a> {
    pub fn new(template: &'a str, config: &'a SiteConfig, categories: &[CategoryInfo]) -> Self {
        Pages {
            template: skip_link_in(
                &html_lang::with_html_lang(&without_file_tags(template), &config.lang),
                &config.lang,
            ),
            body_style: body_stylesheet(template),
            config,
            chrome: Chrome::new(config, categories),
            slugs: categories
                .iter()
                .map(|c| (c.name.clone(), c.slug.clone()))
                .collect(),
            stamp: StampWriter::default()
                .add(template.as_bytes())
                .add_value(config)
                .add_value(&categories)
                .add(&converter_stamp().to_le_bytes())
                .finish(),
        }
    }

    /// The stamp of `article`'s page: everything it is made from.
    fn article_stamp(&self, article: &Article, onward: Option<&Onward>) -> u64 {
        StampWriter::default()
            .add(&self.stamp.to_le_bytes())
            .add_value(article)
            .add_value(&onward)
            .finish()
    }

    /// The page for one article, or `None` when the template (the app's
    /// index.html) has no boot placeholder to replace.
    pub fn article_page(&self, article: &Article, onward: Option<&Onward>) -> Option<String> {
        let end = onward.map_or(String::new(), |o| onward::section(article, o, self.config));
        let view = article_view(article, self.config, &self.chrome, &self.slugs, &end);
        let path = article_route(&article.slug);
        let title = page_title(&article.title, &self.config.title);
        let mut head = head::article_tags(article, self.config, &path);
        head += &self.body_style;
        fill(
            &self.template,
            &self.chrome.page(&view),
            &title,
            &article.excerpt,
            &head,
        )
    }

    /// The stamp of page `page` of `list`: what the page shows of it.
    fn list_stamp(&self, list: &List, page: usize) -> u64 {
        let size = list_page_size(self.config, list);
        let shown: Vec<&Summary> = list
            .items
            .iter()
            .skip((page - 1).saturating_mul(size))
            .take(size)
            .collect();
        StampWriter::default()
            .add(&self.stamp.to_le_bytes())
            .add_value(&list.category)
            .add_value(&[page, size, list.pages(size)])
            .add_value(&shown)
            .finish()
    }

    /// The page `page` (1-based) of `list`, or `None` as for articles.
    fn list_page(&self, list: &List, page: usize) -> Option<String> {
        let drawn = list_page(self, list, page, list_page_size(self.config, list));
        let head = head::list_tags(
            self.config,
            &drawn.path,
            &drawn.title,
            &self.config.description,
            page,
        );
        fill(
            &self.template,
            &self.chrome.page(&drawn.view),
            &drawn.title,
            &self.config.description,
            &head,
        )
    }
}

impl Pages<'_> {
    /// `search/index.html`: the search view's page, for deep links to
    /// `search/?q=…` on any static host (the app fills in the results).
    /// Not for search engines: a results page has no content of its own.
    fn search_page(&self) -> Option<String> {
        let label = sinmun_model::labels::labels(&self.config.lang).search;
        let view = format!(
            "<div class=\"search-view\"><h1>{label}</h1><div class=\"search-output\"></div></div>"
        );
        fill(
            &self.template,
            &self.chrome.page(&view),
            &page_title(label, &self.config.title),
            &self.config.description,
            "<meta name=\"robots\" content=\"noindex\">",
        )
    }
}

/// index.html's skip link (Korean, as the app's template is) in the site's language.
fn skip_link_in(template: &str, lang: &str) -> String {
    const KOREAN: &str = ">본문으로 건너뛰기</a>";
    match lang.to_ascii_lowercase().starts_with("ko") {
        true => template.to_string(),
        false => template.replacen(KOREAN, ">Skip to the content</a>", 1),
    }
}

/// The "prerendered pages" step: one page per article, then every page of
/// the front page's list and of each category's (the root `index.html`
/// among them). Written after the app's files, so these win.
pub fn write_pages(
    out: &SafeOut,
    template: &str,
    catalogue: &Catalogue,
    config: &SiteConfig,
    categories: &[CategoryInfo],
    onward: &HashMap<String, Onward>,
) -> std::io::Result<()> {
    let pages = Pages::new(template, config, categories);
    let articles: Vec<&Article> = catalogue.items().map(|item| &item.article).collect();
    articles.par_iter().try_for_each(|article| {
        let onward = onward.get(&article.slug);
        out.write_keyed(
            &format!("{}index.html", article_route(&article.slug)),
            pages.article_stamp(article, onward),
            || {
                let page = pages.article_page(article, onward)?;
                Some(minify::page(&page).into_bytes())
            },
        )
    })?;
    let lists = lists(catalogue, categories);
    let numbered: Vec<(&List, usize)> = lists
        .iter()
        .flat_map(|list| {
            (1..=list.pages(list_page_size(config, list))).map(move |page| (list, page))
        })
        .collect();
    numbered.par_iter().try_for_each(|&(list, page)| {
        out.write_keyed(
            &format!("{}index.html", list::list_path(list, page)),
            pages.list_stamp(list, page),
            || {
                let html = pages.list_page(list, page)?;
                Some(minify::page(&html).into_bytes())
            },
        )
    })?;
    if let Some(page) = pages.search_page() {
        out.write("search/index.html", minify::page(&page).as_bytes())?;
    }
    // The app's compressed copies of index.html are of the page replaced.
    out.remove("index.html.gz")?;
    out.remove("index.html.br")
}

/// Articles per page of `list`, as the app pages it.
fn list_page_size(config: &SiteConfig, list: &List) -> usize {
    let size = config.list_page_size(list.category.is_some());
    usize::try_from(size).unwrap_or(10).max(1)
}

/// The front page's list and each category's, newest first.
fn lists<'a>(catalogue: &Catalogue, categories: &'a [CategoryInfo]) -> Vec<List<'a>> {
    let all: Vec<Summary> = catalogue
        .newest_first()
        .map(|item| Summary::of(&item.article))
        .collect();
    let mut lists: Vec<List> = categories
        .iter()
        .map(|category| List {
            category: Some(category),
            items: all
                .iter()
                .filter(|s| s.categories.contains(&category.name))
                .cloned()
                .collect(),
        })
        .collect();
    lists.insert(
        0,
        List {
            category: None,
            items: all,
        },
    );
    lists
}

/// `<view title> · <site title>`, as the app's `views::page_title`.
pub fn page_title(view_title: &str, site_title: &str) -> String {
    if view_title.is_empty() {
        site_title.to_string()
    } else {
        format!("{view_title} · {site_title}")
    }
}

/// The stylesheet of bodies, linked from the start (the app would load it
/// with the body; a prerendered body is styled from its first paint).
fn body_stylesheet(template: &str) -> String {
    let Some(start) = template.find(BODY_STYLE_META) else {
        return String::new();
    };
    let rest = template.get(start + BODY_STYLE_META.len()..).unwrap_or("");
    match rest.find('"').and_then(|end| rest.get(..end)) {
        Some(href) if !href.is_empty() => format!("<link rel=\"stylesheet\" href=\"{href}\">"),
        _ => String::new(),
    }
}

/// The template without its `<meta name="sinmun-…">` tags when its start
/// script names those files (`globalThis.sinmunFiles`, written by
/// crates/bundle): some 430 bytes on every page of a site.
fn without_file_tags(template: &str) -> String {
    if !template.contains("src=\"sinmun-start-") {
        return template.to_string();
    }
    const TAG: &str = "<meta name=\"sinmun-";
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find(TAG) {
        let Some(end) = rest.get(start..).and_then(|tag| tag.find('>')) else {
            break;
        };
        out.push_str(rest.get(..start).unwrap_or(""));
        let after = rest.get(start + end + 1..).unwrap_or("");
        // A tag alone on its line takes its line break with it.
        let alone = out.is_empty() || out.ends_with('\n');
        rest = match after.strip_prefix('\n') {
            Some(next) if alone => next,
            _ => after,
        };
    }
    out.push_str(rest);
    out
}

/// `template` with `shell` for its boot placeholder, the document's title
/// and description set (escaped here) and `head` (markup) added to `<head>`.
fn fill(template: &str, shell: &str, title: &str, description: &str, head: &str) -> Option<String> {
    let start = template.find(BOOT_START)?;
    let end = start + template.get(start..)?.find("</p>")? + "</p>".len();
    let mut page = format!(
        "{}{}{}",
        template.get(..start)?,
        shell,
        template.get(end..)?
    );
    if let Some(tag) = find_tag(&page, "<title>", "</title>") {
        page.replace_range(tag, &format!("<title>{}</title>", xml_escape(title)));
    }
    if let Some(tag) = find_tag(&page, "<meta name=\"description\" content=\"", "\">") {
        page.replace_range(
            tag,
            &format!(
                "<meta name=\"description\" content=\"{}\">",
                xml_escape(description)
            ),
        );
    }
    let page = without_noscript(&without_app_preloads(&page));
    let head_end = page.find("</head>")?;
    let mut page = page;
    page.insert_str(head_end, head);
    Some(page)
}

/// The page without its "needs JavaScript" notice: a prerendered page is
/// whole without it.
fn without_noscript(page: &str) -> String {
    match find_tag(page, "<noscript>", "</noscript>") {
        Some(range) => [
            page.get(..range.start).unwrap_or(""),
            page.get(range.end..).unwrap_or(""),
        ]
        .concat(),
        None => page.to_string(),
    }
}

/// The page without the hints that download the app at once: a prerendered
/// page starts the app once it has loaded (`src/source/early.js`), so the
/// app's code does not compete with the page's own images and styles.
fn without_app_preloads(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(start) = ["<link rel=\"modulepreload\"", "<link rel=\"preload\""]
        .iter()
        .filter_map(|tag| rest.find(tag))
        .min()
    {
        let Some(end) = rest.get(start..).and_then(|tail| tail.find('>')) else {
            break;
        };
        out.push_str(rest.get(..start).unwrap_or(""));
        rest = rest.get(start + end + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
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
<body><div id=\"sinmun\">\n<p class=\"status status-boot\" role=\"status\">불러오는 중…</p>\n<noscript><p>JS</p></noscript></div></body></html>";

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
    fn the_skip_link_speaks_the_sites_language() {
        let page = "<body><a class=\"skip-link\" href=\"#sinmun-main\">본문으로 건너뛰기</a>";
        assert_eq!(skip_link_in(page, "ko-KR"), page);
        assert!(skip_link_in(page, "en").contains(">Skip to the content</a>"));
    }

    #[test]
    fn the_title_and_excerpt_are_escaped_text() {
        let config = SiteConfig::default();
        let pages = Pages::new(TEMPLATE, &config, &[]);
        let page = pages
            .article_page(
                &article("<script>alert(1)</script> & 뉴스", "\"quoted\" <b>"),
                None,
            )
            .unwrap();
        assert!(page.contains(
            "<h1 class=\"article-title\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; 뉴스</h1>"
        ));
        assert!(!page.contains("<script>"));
        assert!(page.contains("<link rel=\"canonical\" href=\"/posts/a/\">"));
        assert!(page
            .contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; 뉴스 · sinmun</title>"));
        assert!(page.contains("content=\"&quot;quoted&quot; &lt;b&gt;\""));
        assert!(!page.contains("status-boot"));
        assert!(
            !page.contains("noscript"),
            "the page is whole without JavaScript"
        );
    }

    #[test]
    fn an_article_in_another_language_says_so() {
        let config = SiteConfig {
            lang: "ko-KR".into(),
            ..Default::default()
        };
        let pages = Pages::new(TEMPLATE, &config, &[]);
        let page = |lang: Option<&str>| {
            let mut a = article("t", "");
            a.lang = lang.map(str::to_string);
            pages.article_page(&a, None).unwrap()
        };
        assert!(page(Some("en")).contains("<article class=\"article\" lang=\"en\""));
        assert!(page(None).contains("<article class=\"article\" lang=\"ko-KR\""));
    }

    #[test]
    fn the_apps_preload_hints_are_left_out() {
        let page = without_app_preloads(
            "<head><link rel=\"icon\" href=\"f.svg\"><link rel=\"modulepreload\" href=\"./a.js\" crossorigin=\"anonymous\"><link rel=\"preload\" href=\"./a_bg.wasm\" as=\"fetch\"></head>",
        );
        assert_eq!(page, "<head><link rel=\"icon\" href=\"f.svg\"></head>");
    }

    #[test]
    fn the_lazy_file_tags_are_left_to_the_start_script() {
        let template = "<head>\n<script type=\"module\" src=\"sinmun-start-1.js\"></script>\n<meta name=\"sinmun-markdown\" content=\"md-1.js\">\n<meta name=\"sinmun-body-style\" content=\"body-1.css\">\n<meta name=\"description\" content=\"\">\n</head>";
        let page = without_file_tags(template);
        assert!(!page.contains("sinmun-markdown"), "{page}");
        assert!(!page.contains("\n\n"), "no empty lines left: {page}");
        // Trunk writes its preloads and the first tag on one line.
        let shared = "<script src=\"sinmun-start-1.js\"></script>\n<link rel=\"modulepreload\" href=\"a.js\"><meta name=\"sinmun-markdown\" content=\"md-1.js\">\n<meta name=\"sinmun-feeds\" content=\"f-1.js\">\n</head>";
        assert_eq!(
            without_file_tags(shared),
            "<script src=\"sinmun-start-1.js\"></script>\n<link rel=\"modulepreload\" href=\"a.js\">\n</head>"
        );
        assert!(page.contains("<meta name=\"description\""), "{page}");
        assert_eq!(
            body_stylesheet(template),
            "<link rel=\"stylesheet\" href=\"body-1.css\">"
        );
        let inline = "<head>\n<meta name=\"sinmun-markdown\" content=\"md-1.js\">\n</head>";
        assert_eq!(
            without_file_tags(inline),
            inline,
            "without a start script the tags are the only names"
        );
    }

    #[test]
    fn a_template_without_the_placeholder_gives_no_page() {
        let config = SiteConfig::default();
        let pages = Pages::new("<html></html>", &config, &[]);
        assert!(pages.article_page(&article("x", ""), None).is_none());
    }
}
