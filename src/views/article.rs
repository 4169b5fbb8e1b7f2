//! The detail view: one <article> with banner, title, meta line and body.

use leptos::prelude::*;

use super::not_found::NotFound;
use super::{page_title, painted};
use crate::components::banner::Banner;
use crate::components::body_view::BodyView;
use crate::components::meta_line::MetaLine;
use crate::components::status::{ErrorPanel, Loading};
use crate::config::Site;
use crate::hooks::keyed_load;
use crate::labels::labels;
use crate::router::{use_router, Route};

#[component]
pub fn ArticleView(site: Site) -> impl IntoView {
    let router = use_router();
    // The sanitiser and body styles load while the article's JSON does.
    crate::body::lazy::prefetch_for_bodies();
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
            painted(&page_title(&article.title, &config.title), &article.excerpt);
        }
    });

    move || {
        match current() {
        None => view! { <Loading labels=labels/> }.into_any(),
        Some(Err(error)) if error.is_not_found() => view! { <NotFound site=site.clone()/> }.into_any(),
        Some(Err(error)) => view! {
            <ErrorPanel labels=labels message=error.to_string() on_retry=Callback::new(move |_| retry.retry())/>
        }
        .into_any(),
        Some(Ok(article)) => {
            let base_path = site.base_path.clone();
            let lang = site.config.lang.clone();
            let article_lang = lang.clone();
            let has_banner = article.feature_text.is_some() || article.feature_image.is_some();
            view! {
                <article class="article" lang=article_lang>
                    {has_banner.then(|| view! {
                        <Banner
                            text=article.feature_text.clone()
                            image=article.feature_image.clone()
                            base_path=base_path.clone()
                            labels=labels
                        />
                    })}
                    <div class="article-head">
                        <h1 class="article-title">{article.title.clone()}</h1>
                        <MetaLine
                            lang=lang
                            date=article.date.clone()
                            categories=article.categories.clone()
                            reading_minutes=article.reading_minutes
                        />
                    </div>
                    <BodyView body=article.body.clone() base_path=base_path labels=labels headings=true class="article-body"/>
                </article>
            }
            .into_any()
        }
    }
    }
}
