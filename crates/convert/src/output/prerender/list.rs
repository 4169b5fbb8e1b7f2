//! Every list page a reader can reach, as a real file: the front page and
//! each category, every page number (`index.html`, `page/<n>/`,
//! `category/<slug>/`, `category/<slug>/page/<n>/`), drawn as the app's list
//! view draws it (`src/views/list.rs`, `article_card.rs`, `pager.rs`). A
//! static host answers them with status 200, so crawlers keep them.

use sinmun_model::labels::{labels, Labels};
use sinmun_model::pager::visible_pages;
use sinmun_model::{CategoryInfo, Route, Summary};

use super::article::{meta_line, Meta};
use super::Pages;
use crate::output::xml::xml_escape;

/// One list: the front page's (no category) or a category's.
pub struct List<'a> {
    pub category: Option<&'a CategoryInfo>,
    /// Newest first.
    pub items: Vec<Summary>,
}

impl List<'_> {
    pub fn pages(&self, page_size: usize) -> usize {
        self.items.len().div_ceil(page_size.max(1)).max(1)
    }
}

/// A list page: its site path, title and markup of its main area.
pub struct ListPage {
    pub path: String,
    pub title: String,
    pub view: String,
}

/// The site path of page `page` of `list`.
pub fn list_path(list: &List, page: usize) -> String {
    let page_number = u32::try_from(page).unwrap_or(u32::MAX);
    let slug = list.category.map(|c| c.slug.as_str());
    Route::list(page_number, slug)
        .site_path()
        .unwrap_or_default()
}

pub fn list_page(pages: &Pages, list: &List, page: usize, page_size: usize) -> ListPage {
    let labels = labels(&pages.config.lang);
    let count = list.pages(page_size);
    let page_number = u32::try_from(page).unwrap_or(u32::MAX);
    let slug = list.category.map(|c| c.slug.as_str());
    let heading = list.category.map_or(labels.latest, |c| c.name.as_str());
    let mut title = super::page_title(
        list.category.map_or("", |c| c.name.as_str()),
        &pages.config.title,
    );
    if page > 1 {
        title = format!("{title} ({} {page})", labels.page);
    }
    let list_count = list.category.map_or(String::new(), |c| {
        format!("<p class=\"list-count\">{}{}</p>", c.count, labels.articles)
    });
    let cards: String = list
        .items
        .iter()
        .skip((page - 1).saturating_mul(page_size))
        .take(page_size)
        .map(|summary| card(pages, summary))
        .collect();
    let pager = pager(
        pages,
        slug,
        page_number,
        u32::try_from(count).unwrap_or(u32::MAX),
        labels,
    );
    ListPage {
        path: list_path(list, page),
        title,
        view: format!(
            "<section class=\"list-view\"><div class=\"list-head\"><h1 class=\"list-title\">{}</h1>{list_count}</div><ol class=\"cards\">{cards}</ol>{pager}</section>",
            xml_escape(heading)
        ),
    }
}

fn card(pages: &Pages, summary: &Summary) -> String {
    let href = pages.chrome.href(&Route::article(&summary.slug));
    let thumb = summary.thumbnail.as_deref().map_or(String::new(), |src| {
        format!(
            "<img class=\"card-thumb\" src=\"{}\" alt=\"\" loading=\"lazy\" width=\"320\" height=\"180\">",
            xml_escape(src)
        )
    });
    let meta = meta_line(
        &Meta {
            date: &summary.date,
            categories: &summary.categories,
            authors: &[],
            reading_minutes: None,
        },
        pages.config,
        &pages.chrome,
        &pages.slugs,
    );
    let excerpt = if summary.excerpt.is_empty() {
        String::new()
    } else {
        format!(
            "<p class=\"card-excerpt\">{}</p>",
            xml_escape(&summary.excerpt)
        )
    };
    format!(
        "<li class=\"card\">{thumb}<div class=\"card-text\"><h2 class=\"card-title\"><a href=\"{href}\">{}</a></h2>{meta}{excerpt}</div></li>",
        xml_escape(&summary.title)
    )
}

fn pager(pages: &Pages, slug: Option<&str>, page: u32, count: u32, labels: &Labels) -> String {
    if count <= 1 {
        return String::new();
    }
    let link = |n: u32| pages.chrome.href(&Route::list(n, slug));
    let mut out = format!("<nav class=\"pager\" aria-label=\"{}\">", labels.page);
    if page > 1 {
        out += &format!(
            "<a href=\"{}\" rel=\"prev\" class=\"pager-prev\">← {}</a>",
            link(page - 1),
            labels.previous
        );
    }
    out += "<ol class=\"pager-pages\">";
    for n in visible_pages(page, count) {
        out += &match n {
            Some(n) if n == page => format!("<li><span aria-current=\"page\">{n}</span></li>"),
            Some(n) => format!("<li><a href=\"{}\">{n}</a></li>", link(n)),
            None => "<li class=\"gap\" aria-hidden=\"true\">…</li>".to_string(),
        };
    }
    out += "</ol>";
    if page < count {
        out += &format!(
            "<a href=\"{}\" rel=\"next\" class=\"pager-next\">{} →</a>",
            link(page + 1),
            labels.next
        );
    }
    out + "</nav>"
}
