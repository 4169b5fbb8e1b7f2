//! The front page and category pages: newest first, paginated.

use leptos::prelude::*;

use super::not_found::NotFound;
use super::{page_title, painted};
use crate::components::article_card::ArticleCard;
use crate::components::pager::Pager;
use crate::components::status::load_state;
use crate::config::Site;
use crate::hooks::keyed_load;
use crate::labels::labels;
use crate::router::use_router;
use crate::routes;
use crate::source::{ListQuery, LoadError};
use sinmun_model::Route;

fn list_href(_: &str, page: u32) -> String {
    routes::list_href(page)
}

fn category_href(slug: &str, page: u32) -> String {
    routes::category_href(slug, page)
}

#[component]
pub fn ListView(site: Site) -> impl IntoView {
    let router = use_router();
    let labels = labels(&site.config.lang);
    let source = site.source.clone();
    let config = site.config.clone();
    let page_size = move |category: bool| config.list_page_size(category);
    // A widget with a `limit` asks for that many: a paged feed is then
    // fetched only as far as the widget shows.
    #[cfg(feature = "embed")]
    let limit = site
        .widget
        .as_ref()
        .and_then(|w| w.limit)
        .and_then(|limit| u32::try_from(limit).ok());
    #[cfg(feature = "embed")]
    let page_size = move |category: bool| limit.map_or(page_size(category), |l| l.max(1));
    // Paging quickly must not queue or show stale loads (see hooks::in_flight).
    // While the route is another kind, keep the last key: this view is about
    // to be replaced and must not start a load of its own.
    let key =
        Memo::new(
            move |previous: Option<&(Option<u32>, Option<String>)>| match router.route() {
                Route::List { page, category } => (page, category),
                _ => previous.cloned().unwrap_or((Some(1), None)),
            },
        );
    let (retry, current) = keyed_load(
        key,
        move |(page, category): (Option<u32>, Option<String>)| {
            let source = source.clone();
            let page_size = page_size(category.is_some());
            async move {
                match page {
                    Some(page) => {
                        let query = ListQuery {
                            page,
                            page_size,
                            category,
                        };
                        source.list_page(&query).await
                    }
                    None => Err(LoadError::NotFound { url: "page".into() }),
                }
            }
        },
    );

    let config = site.config.clone();
    Effect::new(move |_| {
        if let Some(Ok(list)) = current() {
            let heading = match &list.category {
                Some(category) => category.name.clone(),
                None => String::new(),
            };
            let mut title = page_title(&heading, &config.title);
            if list.page > 1 {
                title = format!("{title} ({} {})", labels.page, list.page);
            }
            painted(&title, Some(&config.description));
        }
    });

    let lang = site.config.lang.clone();
    let on_retry = Callback::new(move |_| retry.retry());
    move || {
        let missing_site = site.clone();
        #[cfg(feature = "embed")]
        let widget = site.widget.clone();
        #[cfg(feature = "embed")]
        let site_home = site.home.clone();
        let not_found = move || view! { <NotFound site=missing_site.clone()/> }.into_any();
        let lang = lang.clone();
        #[cfg(feature = "feeds")]
        let unread = site.unread.clone();
        load_state(current(), labels, on_retry, Some(&not_found), move |list| {
            #[cfg(feature = "embed")]
            let mut list = list;
            let (heading, key, href): (String, String, fn(&str, u32) -> String) =
                match &list.category {
                    Some(category) => (category.name.clone(), category.slug.clone(), category_href),
                    None => (labels.latest.to_string(), String::new(), list_href),
                };
            let count = list
                .category
                .as_ref()
                .map(|c| format!("{}{}", c.count, labels.articles));
            // A widget's `limit`: that many items, then a link to the site.
            #[cfg(feature = "embed")]
            let more = crate::embed::view::limit_list(
                widget.as_deref(),
                &mut list.items,
                site_home.as_deref().unwrap_or(&href(&key, 1)),
                labels,
            );
            #[cfg(not(feature = "embed"))]
            let more: Option<AnyView> = None;
            #[cfg(feature = "feeds")]
            let unread = crate::components::source_notes::unread_note(&unread, &lang);
            #[cfg(not(feature = "feeds"))]
            let unread = ();
            view! {
                <section class="list-view">
                    <div class="list-head">
                        <h1 class="list-title">{heading}</h1>
                        {count.map(|c| view! { <p class="list-count">{c}</p> })}
                    </div>
                    {unread}
                    <ol class="cards">
                        {list.items.into_iter().map(|summary| view! {
                            <ArticleCard summary=summary lang=lang.clone()/>
                        }).collect_view()}
                    </ol>
                    {match more {
                        Some(more) => more,
                        None => view! {
                            <Pager page=list.page pages=list.pages labels=labels href=href key=key/>
                        }.into_any(),
                    }}
                </section>
            }
            .into_any()
        })
    }
}
