//! Unknown routes and unknown articles. Old Jekyll URLs are looked up in the
//! alias shards first and, when known, replaced by the article's URL.

use leptos::prelude::*;

use super::page_title;
use crate::config::Site;
use crate::hooks::keyed_load;
use crate::labels::labels;
use crate::router::use_router;

#[component]
pub fn NotFound(site: Site) -> impl IntoView {
    let labels = labels(&site.config.lang);
    let router = use_router();
    let source = site.source.clone();
    // Try the path as an old permalink; go there when it is one.
    let path = Memo::new(move |_| router.site_path().path);
    let (_, alias) = keyed_load(path, move |path: String| {
        let source = source.clone();
        async move { source.resolve_alias(&path).await.ok().flatten() }
    });
    let base_path = site.base_path.clone();
    Effect::new(move |_| {
        if let Some(Some(slug)) = alias() {
            let article_href =
                crate::routes::route_href(&base_path, &sinmun_model::Route::article(&slug));
            router.navigate(&article_href, true);
        }
    });
    let title = page_title(labels.not_found_title, &site.config.title);
    Effect::new(move |_| {
        if let Some(None) = alias() {
            super::painted(&title, Some(labels.not_found_body));
        }
    });
    view! {
        <section class="status status-not-found">
            <h1>{labels.not_found_title}</h1>
            <p>{labels.not_found_body}</p>
            <p><a href=crate::routes::href("") class="back-home">{labels.back_home}</a></p>
        </section>
    }
}
