//! The detail view: one <article> with banner, title, meta line and body.

use leptos::prelude::*;

use super::not_found::NotFound;
use super::{page_title, painted};
use crate::components::banner::Banner;
use crate::components::body_view::BodyView;
use crate::components::meta_line::MetaLine;
use crate::components::status::load_state;
use crate::config::Site;
use crate::hooks::keyed_load;
use crate::labels::labels;
use crate::router::use_router;
use sinmun_model::{classes, BodyFormat, Route};

#[component]
pub fn ArticleView(site: Site) -> impl IntoView {
    let router = use_router();
    // The sanitiser and body styles load while the article's JSON does,
    // unless the page is this article's prerendered one: its bodies are in
    // the page already (`body/adopt.rs`).
    if let Some(host) = crate::host::use_host() {
        let prerendered = match untrack(|| router.route()) {
            Route::Article { slug } => crate::prerendered::shows_article(&host.element(), &slug),
            _ => false,
        };
        if !prerendered {
            host.files().prefetch_for_bodies();
        }
    }
    // While the route is another kind, keep the last slug (see ListView).
    let slug = Memo::new(move |previous: Option<&String>| match router.route() {
        Route::Article { slug } => slug,
        _ => previous.cloned().unwrap_or_default(),
    });
    let labels = labels(&site.config.lang);
    let source = site.source.clone();
    // Clicking quickly through articles must not queue or show stale loads.
    let (retry, current) = keyed_load(slug, move |slug: String| {
        let source = source.clone();
        async move { source.article(&slug).await }
    });

    let config = site.config.clone();
    Effect::new(move |_| {
        if let Some(Ok(article)) = current() {
            // A site's article JSON leaves the description to the article's
            // page (read with the body; in view already on a deep link).
            let in_page = article.excerpt.is_empty() && article.body.format == BodyFormat::Page;
            let description = (!in_page).then_some(article.excerpt.as_str());
            painted(&page_title(&article.title, &config.title), description);
        }
    });

    let on_retry = Callback::new(move |_| retry.retry());
    move || {
        let missing_site = site.clone();
        let not_found = move || view! { <NotFound site=missing_site.clone()/> }.into_any();
        let site = site.clone();
        load_state(
            current(),
            labels,
            on_retry,
            Some(&not_found),
            move |article| {
                let base_path = site.base_path.clone();
                let lang = site.config.lang.clone();
                // a post's own language, else the site's
                let article_lang = article.lang.clone().unwrap_or_else(|| lang.clone());
                let has_banner = article.feature_text.is_some() || article.feature_image.is_some();
                view! {
                {back_control(labels)}
                <article class=classes::ARTICLE lang=article_lang>
                    {has_banner.then(|| view! {
                        <Banner
                            text=article.feature_text.clone()
                            image=article.feature_image.clone()
                            base_path=base_path.clone()
                            labels=labels
                        />
                    })}
                    <div class=classes::ARTICLE_HEAD>
                        <h1 class=classes::ARTICLE_TITLE>{article.title.clone()}</h1>
                        <MetaLine
                            lang=lang
                            date=article.date.clone()
                            categories=article.categories.clone()
                            reading_minutes=article.reading_minutes
                            authors=article.authors.clone()
                        />
                    </div>
                    <BodyView body=article.body.clone() base_path=base_path labels=labels headings=true class=classes::ARTICLE_BODY original=article.url.clone()/>
                </article>
            }
            .into_any()
            },
        )
    }
}

/// A widget's way back to its list (the page has the browser's back button).
fn back_control(labels: &'static crate::labels::Labels) -> Option<AnyView> {
    #[cfg(feature = "embed")]
    return crate::embed::view::back_control(labels);
    #[cfg(not(feature = "embed"))]
    {
        let _ = labels;
        None
    }
}
